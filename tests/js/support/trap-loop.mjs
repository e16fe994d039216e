/**
 * Run by tests/js/dry-run-io.test.js under `node --expose-gc`: in one synchronous loop, grow the
 * dry run's wasm memory with a real dry run, then trap (caw_debug_trap), four times. Prints JSON:
 * how many traps, the memory each instance had grown to, whether the next call works, and
 * whether each trapped instance's WebAssembly.Memory is still reachable after GC.
 */
import { init, dryRunSync, simulatorInstance } from './source.js';

await init();
const memoryOf = (m) => Object.values(m.asm ?? {}).find((v) => v instanceof WebAssembly.Memory);
const big = {
  invocations: Array.from({ length: 20_000 }, (_, i) => ({
    request: { recipient: `u${i}`, template: 'T', data: { i }, automation: { steps: [{ action: 'delay', duration: '1 day' }, { action: 'send' }] } },
  })),
};
const refs = [];
let traps = 0;
let grown = Infinity;
function once() {
  dryRunSync(big, { detail: 'full' });
  const wasm = simulatorInstance();
  const memory = memoryOf(wasm);
  grown = Math.min(grown, memory.buffer.byteLength);
  refs.push(new WeakRef(memory));
  try {
    wasm._caw_debug_trap(0);
  } catch {
    traps += 1;
  }
}
for (let i = 0; i < 4; i++) once();
const afterwards = dryRunSync(big.invocations[0].request).runs[0].status;
for (let k = 0; k < 6; k++) {
  global.gc();
  await new Promise((resolve) => setTimeout(resolve, 10));
}
console.log(JSON.stringify({ traps, grown, afterwards, alive: refs.map((r) => r.deref() !== undefined) }));
