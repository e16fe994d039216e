/**
 * Seeded payload generators shared by the ajv differential test and the benchmark.
 */

/** mulberry32: a tiny seeded PRNG, so every run generates the same payloads. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
  };
}

const DURATIONS = ['5 minutes', '1 hour', '3 days', '2 weeks', '1 month', '1 year', '90 minutes'];
const UNTILS = ['2024-04-08T08:09:10.123Z', '2025-01-01T00:00:00Z', '2024-12-24T18:00:00+01:00'];

/** One valid step of each of the seven kinds, with realistic fields. */
export function validStep(r, i) {
  const ref = r.chance(0.3) ? { ref: `step-${i}` } : {};
  const cond = r.chance(0.2) ? { if: `data.plan === 'pro' && refs.step-${i}` } : {};
  switch (r.int(7)) {
    case 0: return { action: 'delay', ...(r.chance(0.7) ? { duration: r.pick(DURATIONS) } : { until: r.pick(UNTILS) }), ...ref };
    case 1: return {
      action: 'send', template: `TEMPLATE_${r.int(50)}`, ...(r.chance(0.5) ? { recipient: `user-${r.int(1000)}` } : {}),
      ...(r.chance(0.4) ? { data: { order: { id: `ORD-${r.int(99999)}`, total: r.int(1000) / 7, items: [r.int(9), 'sku'] } } } : {}),
      ...(r.chance(0.2) ? { brand: 'BRAND_1', profile: { email: `u${r.int(999)}@example.com` } } : {}), ...ref, ...cond,
    };
    case 2: return { action: 'send-list', list: `list-${r.int(20)}`, template: `LIST_T_${r.int(9)}`, ...(r.chance(0.3) ? { data: { campaign: 'spring' } } : {}), ...ref };
    case 3: return { action: 'update-profile', recipient_id: `user-${r.int(1000)}`, merge: r.pick(['none', 'overwrite', 'soft-merge', 'replace']), profile: { plan: r.pick(['free', 'pro']), seen: r.int(100) }, ...ref };
    case 4: return { action: 'cancel', cancelation_token: `other-run-${r.int(100)}`, ...ref };
    case 5: return {
      action: 'fetch-data', webhook: { url: `https://api.example.com/v1/users/${r.int(1000)}?expand=orders`, method: r.pick(['GET', 'POST']), headers: { authorization: 'Bearer abc.def', 'x-trace': `${r.int(1e6)}` }, ...(r.chance(0.3) ? { body: '{"q":1}' } : {}) },
      merge_strategy: r.pick(['replace', 'overwrite', 'soft-merge']), ...ref,
    };
    default: return { action: 'invoke', template: `AUTOMATION_${r.int(30)}`, ...ref };
  }
}

/** A valid (courier level, no warnings) request with `n` steps. */
export function validPayload(r, n) {
  const steps = [];
  for (let i = 0; i < n; i++) steps.push(validStep(r, i));
  return {
    recipient: `user-${r.int(1000)}`, template: 'DEFAULT_TEMPLATE', brand: 'BRAND_1',
    data: { name: 'Ada', plan: 'pro', tags: ['a', 'b'], score: 4.5, nested: { ok: true, none: null } },
    profile: { email: 'ada@example.com', tenant_id: 'abc-123' },
    automation: { cancelation_token: `run-${r.int(1e6)}`, steps },
  };
}

const WRONG = [null, 5, 1.5, true, false, 'str', '', [], {}, ['x'], { $ref: 'data.x' }, { a: 1 }];

/** Paths (arrays of keys) to every value in `v`. */
function paths(v, at = [], out = []) {
  out.push(at);
  if (v && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k], [...at, Array.isArray(v) ? Number(k) : k], out);
  return out;
}

/** A seeded structural mutation of a request object: drops, wrong types, bad enums, extras, nulls. */
export function mutate(r, payload) {
  const p = structuredClone(payload);
  const rounds = 1 + r.int(2);
  let root = p;
  for (let n = 0; n < rounds; n++) {
    const all = paths(root).filter((x) => x.length > 0);
    if (!all.length) break;
    const path = r.pick(all);
    const parent = path.slice(0, -1).reduce((o, k) => o[k], root);
    const key = path[path.length - 1];
    switch (r.int(8)) {
      case 0: if (Array.isArray(parent)) parent.splice(key, 1); else delete parent[key]; break; // drop
      case 1: parent[key] = structuredClone(r.pick(WRONG)); break; // wrong type / null
      case 2: parent[key] = r.pick(['sned', 'delay', 'GET', 'get', 'none', 'deep', 'PUT', 'replace', 'send-list', 'fetch-data']); break; // enums
      case 3: if (parent[key] && typeof parent[key] === 'object' && !Array.isArray(parent[key])) parent[key][r.pick(['extra', 'ref', 'if', 'tempalte', 'cancellation_token', 'message'])] = structuredClone(r.pick(WRONG)); break;
      case 4: if (Array.isArray(parent)) parent[key] = structuredClone(r.pick(['send', 42, null, [], { action: 'send' }, { action: 'invoke' }])); else parent[key] = null; break;
      case 5: root = r.chance(0.8) ? root : structuredClone(r.pick([[], 'text', 1, null, { automation: null }, { automation: { steps: 'x' } }])); break;
      case 6: if (Array.isArray(parent)) parent.push(structuredClone(r.pick([{ action: 'cancel' }, { action: 'update-profile', profile: [] }, { action: 'fetch-data', webhook: { url: 'u' } }]))); break;
      default: parent[key] = r.pick([{}, { action: r.pick(['delay', 'send', 'cancel', 'invoke', 'send-list', 'update-profile', 'fetch-data']) }]);
    }
  }
  return root;
}
