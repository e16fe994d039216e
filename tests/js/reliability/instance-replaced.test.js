/**
 * When the wasm instance traps (unreachable, out of memory), js/runtime.js throws it away,
 * instantiates the kept WebAssembly.Module again (synchronously where the runtime allows it,
 * else on the next init()) and says so with an InstanceReplacedError. Uses the test-only
 * export _caw_debug_trap (bindings/trap_exports.cpp) to trap for real.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { init, validate, normalize, dryRunSync, Simulator, InitError, InstanceReplacedError } from 'courier-automations-wasm';
import { instance, instanceReplacements } from '../../../js/runtime.js';

const seedText = readFileSync(new URL('../../fixtures/valid/seed-example.json', import.meta.url), 'utf8');
const isValid = (r) => r.valid === true && r.errors.length === 0;

function worksAgain() {
  assert.ok(isValid(validate(seedText)));
  assert.ok(isValid(validate(new TextEncoder().encode(seedText))));
  assert.equal(JSON.parse(normalize(seedText)).recipient, 'user-yes');
  assert.equal(dryRunSync(seedText).messages.length, 1);
}

test('a trap (unreachable) replaces the instance synchronously and says so', async () => {
  await init();
  worksAgain();
  const before = instanceReplacements();
  const old = instance();
  assert.throws(() => old._caw_debug_trap(0), (e) => {
    assert.ok(e instanceof InstanceReplacedError);
    assert.ok(e instanceof InitError);
    assert.equal(e.name, 'InstanceReplacedError');
    assert.equal(e.replaced, true);
    assert.ok(e.cause instanceof WebAssembly.RuntimeError, String(e.cause));
    assert.match(e.message, /trapped \(RuntimeError: unreachable.*replaced by a fresh instance.*retry/s);
    return true;
  });
  assert.equal(instanceReplacements(), before + 1);
  assert.notEqual(instance(), old);
  // No await init(): the fresh instance is already usable.
  worksAgain();
  // The dead instance is never called again.
  assert.throws(() => old._caw_validate(0, 1, 1), InstanceReplacedError);
  assert.equal(instanceReplacements(), before + 1);
});

test('out of memory (malloc fails at the ceiling, then traps) replaces the instance', async () => {
  await init();
  const old = instance();
  assert.throws(() => old._caw_debug_trap(1), (e) => e instanceof InstanceReplacedError && e.replaced);
  // The fresh instance starts small again.
  assert.ok(instance().HEAPU8.length <= 16 * 1024 * 1024, `fresh instance has ${instance().HEAPU8.length} B`);
  worksAgain();
});

test('Simulators of a trapped instance throw InstanceReplacedError; delete() is harmless', async () => {
  await init();
  const sim = await Simulator.create();
  sim.invoke(JSON.parse(seedText));
  assert.throws(() => instance()._caw_debug_trap(0), InstanceReplacedError);
  assert.throws(() => sim.now(), (e) => e instanceof InstanceReplacedError && /create it again/.test(e.message));
  sim.delete();
  const fresh = await Simulator.create();
  fresh.invoke(JSON.parse(seedText));
  await fresh.runUntilIdle();
  assert.equal(fresh.trace().messages.length, 1);
  fresh.delete();
});

test('where synchronous instantiation is not allowed, the fresh instance comes with the next init()', async () => {
  await init();
  const Instance = WebAssembly.Instance;
  // Like Chromium's main thread for modules over 4 KB.
  WebAssembly.Instance = function NotHere() { throw new RangeError('WebAssembly.Instance is disallowed on the main thread'); };
  try {
    assert.throws(() => instance()._caw_debug_trap(0), (e) => {
      assert.ok(e instanceof InstanceReplacedError);
      assert.equal(e.replaced, false);
      assert.match(e.message, /await init\(\)/);
      return true;
    });
  } finally {
    WebAssembly.Instance = Instance;
  }
  assert.throws(() => validate(seedText), (e) => e instanceof InitError && /after a trap/.test(e.message));
  await init();
  worksAgain();
});
