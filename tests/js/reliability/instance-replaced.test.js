/**
 * When a wasm instance traps (unreachable, out of memory), its loader throws it away,
 * instantiates the kept WebAssembly.Module again (synchronously where the runtime allows it,
 * else on the next init()) and says so with an InstanceReplacedError. Both modules, each
 * with its own loader: the validate-only one (js/validate/loader.js) and the dry run's
 * Embind one (js/dry-run/runtime.js). Uses the test-only export caw_debug_trap
 * (bindings/trap_exports.cpp) of each to trap for real.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  init, validate, normalize, dryRunSync, Simulator, InitError, InstanceReplacedError,
  validatorInstance, validatorReplacements, simulatorInstance, simulatorReplacements,
} from '../support/source.js';

const seedText = readFileSync(new URL('../../fixtures/valid/seed-example.json', import.meta.url), 'utf8');
const isValid = (r) => r.valid === true && r.errors.length === 0;

function worksAgain() {
  assert.ok(isValid(validate(seedText)));
  assert.ok(isValid(validate(new TextEncoder().encode(seedText))));
  assert.equal(JSON.parse(normalize(seedText)).recipient, 'user-yes');
  assert.equal(dryRunSync(seedText).messages.length, 1);
}

/** The two modules, as the tests below handle them. */
const modules = [
  {
    name: 'the validate-only module',
    instance: validatorInstance,
    replacements: validatorReplacements,
    trap: (wasm, kind) => wasm.exports.caw_debug_trap(kind),
    callDead: (wasm) => wasm.exports.caw_check(0, 1),
    memory: (wasm) => wasm.memory.buffer.byteLength,
    afterTrap: () => validate(seedText),
  },
  {
    name: 'the dry run\'s module',
    instance: simulatorInstance,
    replacements: simulatorReplacements,
    trap: (wasm, kind) => wasm._caw_debug_trap(kind),
    callDead: (wasm) => wasm.normalize(seedText, -1),
    memory: (wasm) => wasm.HEAPU8.length,
    afterTrap: () => normalize(seedText),
  },
];

for (const m of modules) {
  test(`${m.name}: a trap (unreachable) replaces the instance synchronously and says so`, async () => {
    await init();
    worksAgain();
    const before = m.replacements();
    const old = m.instance();
    assert.throws(() => m.trap(old, 0), (e) => {
      assert.ok(e instanceof InstanceReplacedError);
      assert.ok(e instanceof InitError);
      assert.equal(e.name, 'InstanceReplacedError');
      assert.equal(e.replaced, true);
      assert.ok(e.cause instanceof WebAssembly.RuntimeError, String(e.cause));
      assert.match(e.message, /trapped \(RuntimeError: unreachable.*replaced by a fresh instance.*retry/s);
      return true;
    });
    assert.equal(m.replacements(), before + 1);
    assert.notEqual(m.instance(), old);
    // No await init(): the fresh instance is already usable.
    worksAgain();
    // The dead instance is never called again.
    assert.throws(() => m.callDead(old), InstanceReplacedError);
    assert.equal(m.replacements(), before + 1);
  });

  test(`${m.name}: out of memory (malloc fails at the ceiling, then traps) replaces the instance`, async () => {
    await init();
    const old = m.instance();
    assert.throws(() => m.trap(old, 1), (e) => e instanceof InstanceReplacedError && e.replaced);
    // The fresh instance starts small again.
    assert.ok(m.memory(m.instance()) <= 16 * 1024 * 1024, `fresh instance has ${m.memory(m.instance())} B`);
    worksAgain();
  });

  test(`${m.name}: where synchronous instantiation is not allowed, the fresh instance comes with the next init()`, async () => {
    await init();
    const Instance = WebAssembly.Instance;
    // Like Chromium's main thread for modules over 4 KB.
    WebAssembly.Instance = function NotHere() { throw new RangeError('WebAssembly.Instance is disallowed on the main thread'); };
    try {
      assert.throws(() => m.trap(m.instance(), 0), (e) => {
        assert.ok(e instanceof InstanceReplacedError);
        assert.equal(e.replaced, false);
        assert.match(e.message, /await init\(\)/);
        return true;
      });
    } finally {
      WebAssembly.Instance = Instance;
    }
    assert.throws(() => m.afterTrap(), (e) => e instanceof InitError && /after a trap/.test(e.message));
    await init();
    worksAgain();
  });
}

test('Simulators of a trapped instance throw InstanceReplacedError; delete() is harmless', async () => {
  await init();
  const sim = await Simulator.create();
  sim.invoke(JSON.parse(seedText));
  assert.throws(() => simulatorInstance()._caw_debug_trap(0), InstanceReplacedError);
  assert.throws(() => sim.now(), (e) => e instanceof InstanceReplacedError && /create it again/.test(e.message));
  sim.delete();
  const fresh = await Simulator.create();
  fresh.invoke(JSON.parse(seedText));
  await fresh.runUntilIdle();
  assert.equal(fresh.trace().messages.length, 1);
  fresh.delete();
});

test('a trap in one module leaves the other alone', async () => {
  await init();
  const simulator = simulatorInstance();
  assert.throws(() => validatorInstance().exports.caw_debug_trap(0), InstanceReplacedError);
  assert.equal(simulatorInstance(), simulator);
  const validator = validatorInstance();
  assert.throws(() => simulator._caw_debug_trap(0), InstanceReplacedError);
  assert.equal(validatorInstance(), validator);
  worksAgain();
});
