// The editor schemas: JSON Schema (draft-07) for the body of POST /automations/invoke, written
// from the same description as the C++ tables and the TypeScript types (scripts/generate.mjs
// passes its reading of spec/openapi.json + spec/engine.json), for VS Code / JetBrains
// completion and squiggles and for any JSON Schema validator.
//
//   schemas/invoke-body.schema.json              the OpenAPI contract (the validator's `schema` level)
//   schemas/invoke-body.courier.schema.json      what Courier's engine takes (the `courier` level,
//                                                 as far as JSON Schema can say it)
//   schemas/invoke-body.by-template.schema.json  the body of POST /automations/{templateId}/invoke
//
// Draft-07, not 2020-12: it is the newest draft that VS Code's JSON language service, JetBrains
// IDEs and ajv's default export all implement completely (if/then/else, const, boolean schemas);
// 2019-09/2020-12 support is partial in the editors and needs ajv's Ajv2020 class. Beside the
// standard keywords the courier schema carries two of VS Code's (ignored elsewhere):
// `deprecationMessage` on the engine's deprecated aliases, so the editor shows the validator's
// `property.deprecated`, and `defaultSnippets`, a step of each action to insert.
//
// What no keyword of JSON Schema can say (a `ref` unique across steps, a calendar date that does
// not exist, `delayUntil` as date-fns parseISO reads it, ...) is listed in
// tests/js/editor-schema.test.js, which compares these schemas with the validator on every fixture.

// Engine rules that live in the validator's C++ rather than in spec/engine.json; each names the
// problem code it stands for, so a change of the rule is found by tests/js/editor-schema.test.js.
const RULES = {
  // delay.duration.*: "<number> <unit>" as time/duration.cpp reads it (white space around it, the
  // number \d*\.?\d+, at least one white-space character, a unit in lower case, singular or plural).
  duration: '^[ \\t\\n\\r\\f\\v]*(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)[ \\t\\n\\r\\f\\v]+(?:minute|hour|day|week|month|year)s?[ \\t\\n\\r\\f\\v]*$',
  // delay.until.*: ajv-formats date-time (Courier's invoke check) that date-fns parseISO also reads
  // (separator T or a space, seconds required, no leap second); an offset is optional (without one:
  // the delay.until.no_offset warning). Days beyond the month's end cannot be said (see the test).
  untilRfc3339:
    '^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])[T ](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]' +
    '(?:\\.[0-9]+)?(?:[zZ]|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?)?$',
};

const DRAFT = 'http://json-schema.org/draft-07/schema#';
const ACCESSOR_DOC = 'An accessor: the value is read at run time from the run context or a step ref, e.g. {"$ref": "data.user.id"}.';

const ref = (name) => ({ $ref: `#/definitions/${name}` });
const withDoc = (schema, description) => (description ? { description, ...schema } : schema);

/** JSON text as the repository writes it: two spaces, a final newline. */
const text = (schema) => JSON.stringify(schema, null, 2) + '\n';

/**
 * @param {any} d the description read by scripts/generate.mjs (describe())
 * @param {{ schema: string, courier: string, byTemplate: string }} paths where each file goes
 * @returns {Record<string, string>} path -> JSON text
 */
export function editorSchemas(d, paths) {
  return {
    [paths.schema]: text(contractSchema(d)),
    [paths.courier]: text(courierSchema(d)),
    [paths.byTemplate]: text(byTemplateSchema(d)),
  };
}

// ------------------------------------------------------------------------------------------------
// The OpenAPI contract: each object as written, open (the OpenAPI sets no additionalProperties),
// `nullable` as a "null" type; an enum keeps refusing null (OpenAPI 3.0.3, as ajv reads it).

function contractType(o, f, d) {
  const nullable = (s) => (f.nullable ? { ...s, type: [s.type, 'null'] } : s);
  switch (f.type) {
    case 'String':
      if (o.action && f.name === d.discriminator) return { const: o.action };
      return nullable(f.enumValues ? { type: 'string', enum: f.enumValues } : { type: 'string' });
    case 'Object':
      return nullable({ type: 'object' });
    case 'StringMap':
      return nullable({ type: 'object', additionalProperties: { type: 'string' } });
    case 'Nested':
      return f.nullable ? { anyOf: [ref(f.nested.name), { type: 'null' }] } : ref(f.nested.name);
    case 'Steps':
      return { type: 'array', items: ref('Step') };
    default:
      throw new Error(`${o.name}.${f.name}: no JSON Schema for ${f.type}`);
  }
}

function contractObject(o, d) {
  const properties = {};
  for (const f of o.fields.filter((x) => x.origin === 'OpenApi')) {
    properties[f.name] = withDoc(contractType(o, f, d), f.description);
  }
  const required = o.fields.filter((f) => f.origin === 'OpenApi' && f.required).map((f) => f.name);
  return withDoc({ type: 'object', properties, ...(required.length ? { required } : {}) }, o.description);
}

/** The step: dispatched on `action` with if/then, so an editor reports the matching action's problems only. */
function stepDispatch(d, actions, description, snippets) {
  return {
    description,
    type: 'object',
    ...(snippets ? { defaultSnippets: snippets } : {}),
    required: [d.discriminator],
    properties: { [d.discriminator]: { description: 'What the step does.', enum: actions.map((a) => a.name) } },
    allOf: actions.map((a) => ({
      if: { required: [d.discriminator], properties: { [d.discriminator]: { const: a.name } } },
      then: ref(a.def),
    })),
  };
}

function contractSchema(d) {
  const definitions = {};
  for (const o of d.order) if (o !== d.request) definitions[o.name] = contractObject(o, d);
  definitions.Step = stepDispatch(
    d,
    d.actions.map((a) => ({ name: a.name, def: a.object.name })),
    'One step of the automation; its `action` says which.',
  );
  return {
    $schema: DRAFT,
    title: 'Courier ad hoc automation: invoke body (OpenAPI contract)',
    ...contractObject(d.request, d),
    description:
      'Body of POST /automations/invoke as the OpenAPI describes it (the validator\'s `schema` level). ' +
      'Generated from spec/openapi.json by courier-automations-wasm; for what Courier\'s engine really ' +
      'takes, use invoke-body.courier.schema.json.',
    definitions,
  };
}

// ------------------------------------------------------------------------------------------------
// Courier's engine: every step closed to its action's shape (spec/engine.json `closed`), the
// engine's fields, aliases and accessors, send / send-list filled from the request.

function courierSchema(d) {
  const e = d.engine;
  const c = e.closed;
  const definitions = { Accessor: accessor() };
  const fieldOf = (objName, name) => d.objects.get(objName)?.fields.find((f) => f.name === name);
  const stepObject = (action) => d.actions.find((a) => a.name === action)?.object;
  const defName = (action) => stepObject(action)?.ts ?? `${action.replace(/(^|-)([a-z])/g, (_, __, x) => x.toUpperCase())}Step`;

  /** A closed shape's "string": a string or an accessor. */
  const str = (constraint = {}) => ({ anyOf: [{ type: 'string', ...constraint }, ref('Accessor')] });

  /**
   * One property of a closed shape.
   * @param {any} t the closed type ("string" | "object" | {enum} | {shape})
   * @param {any} f the description's field of that name (OpenAPI and engine), if any
   * @param {{ nullable?: boolean, openapi?: boolean }} how `openapi`: the OpenAPI describes this
   *   object here too (a step, the fetch-data webhook), so its types join the engine's; else
   *   (a data_source's webhook) the engine's closed shape alone applies
   */
  const closedProperty = (shape, p, t, f, { nullable = false, openapi = true } = {}) => {
    const o = openapi ? f : undefined; // the field's OpenAPI types, where they apply
    const nonEmpty = (shape.non_empty ?? []).includes(p);
    let s;
    if (t === 'string') {
      const constraint = {};
      if (nonEmpty) constraint.minLength = 1;
      if (shape.formats?.[p] === 'date-time') constraint.pattern = RULES.untilRfc3339;
      if (p === 'duration' || f?.aliasOf === 'duration') constraint.pattern = RULES.duration;
      s = str(constraint);
      // The OpenAPI's type beside the engine's where they contradict (webhook `body`: a string
      // there, an object here): the courier level warns (contract.contradiction) and takes both.
    } else if (t === 'object') {
      s = o?.type === 'String' ? { type: ['object', 'string'] } : o?.type === 'StringMap' ? stringMap() : { type: 'object' };
    } else if (t.enum) {
      // Values of the OpenAPI's enum the engine lacks (and the engine's the OpenAPI lacks) are a
      // warning at the courier level (contract.*), not an error: the union.
      const values = [...t.enum];
      for (const v of o?.enumValues ?? []) if (!values.includes(v)) values.push(v);
      s = { enum: values };
    } else if (t.shape) {
      // The OpenAPI goes on describing a nested object only through one of its own fields.
      s = ref(shapeDef(t.shape, openapi && f?.type === 'Nested'));
      if (c.shapes[t.shape].accessor_allowed) s = { anyOf: [s, ref('Accessor')] };
    } else {
      throw new Error(`closed property type ${JSON.stringify(t)}`);
    }
    if (nullable) s = { anyOf: [{ type: 'null' }, ...(s.anyOf ?? [s])] };
    if (f?.aliasOf) s = { ...s, deprecationMessage: `Deprecated: use "${f.aliasOf}" (Courier's engine still reads "${p}").` };
    return withDoc(s, f?.description);
  };

  // Header values may be accessors too (engine.json `accessors`).
  const stringMap = () => ({ type: 'object', additionalProperties: str() });

  const closedBody = (shape, objName, { required = shape.required ?? [], nullable = new Set(), skip = new Set(), action, openapi = true } = {}) => {
    const properties = {};
    for (const [p, t] of Object.entries(shape.properties)) {
      if (skip.has(p)) continue;
      properties[p] =
        action && p === d.discriminator
          ? { description: 'What the step does.', const: action }
          : closedProperty(shape, p, t, fieldOf(objName, p), { nullable: nullable.has(p), openapi });
    }
    const out = { type: 'object', properties, additionalProperties: false };
    const req = required.filter((p) => !skip.has(p));
    if (req.length) out.required = req;
    if (shape.exactly_one_of) out.oneOf = shape.exactly_one_of.map((p) => ({ required: [p] }));
    return out;
  };

  // Closed shapes (webhook, data_source, context, subscription). An OpenAPI object closed by the
  // engine has two forms: where the OpenAPI describes it too (the fetch-data webhook) and where
  // only the engine does (a data_source's webhook: no string body, no PUT, any header values).
  const shapeNames = new Map();
  function shapeDef(name, openapi) {
    const obj = d.objects.get(name);
    const both = Boolean(obj) && openapi;
    const key = `${name}/${both}`;
    if (shapeNames.has(key)) return shapeNames.get(key);
    const base = obj?.ts ?? e.names.typescript_shapes?.[name] ?? name;
    const def = obj && !openapi ? `${base}EngineOnly` : base;
    shapeNames.set(key, def);
    const shape = c.shapes[name];
    // The courier level requires only what the engine requires (a webhook's `method` is the
    // OpenAPI's requirement alone: contract.openapi_stricter, a warning).
    const doc =
      obj && !openapi
        ? `${(obj.description ?? name).replace(/\.$/, '')}: as Courier's engine alone checks it (the OpenAPI does not describe it here).`
        : shape.description ?? obj?.description;
    definitions[def] = withDoc(closedBody(shape, name, { openapi: both }), doc);
    return def;
  }

  // The fields every step takes (if, ref): strings, no accessor.
  const common = {};
  for (const f of d.stepCommon.fields) {
    // step.ref.empty: a ref is a non-empty name (validate/rules/run.cpp).
    common[f.name] = withDoc({ type: 'string', ...(f.name === 'ref' ? { minLength: 1 } : {}) }, f.description);
  }

  const actions = [];
  const fillRules = []; // root-level conditions: the request's values filling send / send-list steps
  for (const [action, shape] of Object.entries(c.steps)) {
    const obj = stepObject(action);
    const objName = obj?.name ?? action;
    const def = defName(action);
    const fill = shape.fill ?? {};
    // A filled property may be null on the step (it falls back to the request's, `??`/`||`); a
    // required one is checked after filling, at the root (fillRules).
    const filled = new Set(Object.keys(fill));
    const required = (shape.required ?? []).filter((p) => !filled.has(p));
    const legacy = closedBody(shape, objName, { required, nullable: filled, action });
    legacy.properties = { ...legacy.properties, ...common };
    for (const p of Object.keys(fill)) {
      // A step's "" falls back under `||` (truthy) but is kept under `??` (nullish).
      if (fill[p] === 'truthy' && legacy.properties[p]) legacy.properties[p] = dropMinLength(legacy.properties[p]);
    }
    let schema = withDoc(legacy, obj?.description ?? (shape.not_in_openapi ? `The engine's ${action} step (not in the OpenAPI).` : null));
    if (shape.v2_form) {
      // send.message.*: a `message` (not null) is the V2 form: the whole Send API message, no legacy
      // field beside it; other unknown properties are ignored (a warning).
      const v2 = {
        type: 'object',
        required: [shape.v2_form],
        properties: {
          action: legacy.properties.action,
          [shape.v2_form]: withDoc({ type: 'object' }, fieldOf(objName, shape.v2_form)?.description),
          ...common,
          ...Object.fromEntries(Object.keys(shape.properties).filter((p) => p !== 'action').map((p) => [p, false])),
        },
      };
      schema = withDoc({ if: isV2(shape.v2_form), then: v2, else: legacy }, schema.description);
    }
    definitions[def] = schema;
    actions.push({ name: action, def });

    for (const [p, how] of Object.entries(fill)) {
      const stepIs = stepIf(d, action, shape.v2_form);
      if ((shape.required ?? []).includes(p)) {
        // The request gives a usable value, or every such step must (send.template.missing, ...).
        const usable = { type: 'string', ...((shape.non_empty ?? []).includes(p) ? { minLength: 1 } : {}) };
        fillRules.push({
          if: { required: [p], properties: { [p]: usable } },
          else: onSteps(stepIs, { required: [p], properties: { [p]: str((shape.non_empty ?? []).includes(p) ? { minLength: 1 } : {}) } }),
        });
      } else if (how === 'nullish' && shape.properties[p] === 'string') {
        // A request-level null becomes the value of every step without its own (step.property.null).
        fillRules.push({
          if: { required: [p], properties: { [p]: { type: 'null' } } },
          then: onSteps(stepIs, { required: [p], properties: { [p]: { not: { type: 'null' } } } }),
        });
      }
    }
    if (shape.v2_form) {
      // The V2 message's recipient and content (validate/rules/send.cpp): `to`, else the request's
      // recipient; `template` or `content`, else the request's template.
      const v2Is = { required: ['action', shape.v2_form], properties: { action: { const: action }, [shape.v2_form]: { type: 'object' } } };
      fillRules.push({
        if: { required: ['recipient'], properties: { recipient: { type: 'string', minLength: 1 } } },
        else: onSteps(v2Is, { properties: { [shape.v2_form]: { required: ['to'] } } }),
      });
      fillRules.push({
        if: { required: ['template'], properties: { template: { type: 'string', minLength: 1 } } },
        else: onSteps(v2Is, { properties: { [shape.v2_form]: { anyOf: [{ required: ['template'] }, { required: ['content'] }] } } }),
      });
    }
  }
  definitions.Step = stepDispatch(
    d,
    actions,
    'One step of the automation; its `action` says which. Closed: Courier\'s invoke check refuses any other property (400 Invalid Steps Definition).',
    Object.entries(c.steps).map(([action, shape]) => ({
      label: action,
      description: stepObject(action)?.description ?? `The engine's ${action} step.`,
      body: snippet(c, shape, { action }),
    })),
  );

  // The request and the automation: the OpenAPI's, open (Courier ignores unknown properties).
  const request = contractObject(d.request, d);
  // request.override: Courier refuses a truthy request-level `override` (400).
  request.properties.override = {
    description: 'Not here: `override` belongs on send and send-list steps (Courier answers 400 to a request-level one).',
    enum: [null, '', false, 0],
  };
  const automation = contractObject(d.objects.get('Automation'), d);
  // automation.steps.empty: Courier wants at least one step.
  automation.properties.steps = { ...automation.properties.steps, minItems: 1 };
  definitions.Automation = automation;

  return {
    $schema: DRAFT,
    title: 'Courier ad hoc automation: invoke body (what Courier\'s engine takes)',
    ...request,
    description:
      'Body of POST /automations/invoke as Courier\'s engine takes it (the validator\'s `courier` level, ' +
      'as far as JSON Schema can say it): every step closed to its action\'s shape, send / send-list ' +
      'steps filled from the request. Generated from spec/openapi.json + spec/engine.json by ' +
      'courier-automations-wasm; `courier-automations validate` gives the full verdict with hints.',
    allOf: fillRules,
    definitions: { ...definitions, Step: definitions.Step },
  };
}

/**
 * VS Code's `defaultSnippets`: a step of each action with what the engine requires, tab stops
 * ($1, $2, ...) on the values and the enum values as a choice (VS Code snippet syntax).
 */
function snippet(c, shape, fixed, stops = { n: 0 }) {
  const body = { ...fixed };
  const one = shape.exactly_one_of?.[0];
  for (const [p, t] of Object.entries(shape.properties)) {
    if (p in body || !((shape.required ?? []).includes(p) || p === one)) continue;
    if (t === 'string') body[p] = p === 'duration' ? `\${${++stops.n}:1 day}` : `$${++stops.n}`;
    else if (t === 'object') body[p] = {};
    else if (t.enum) body[p] = `\${${++stops.n}|${t.enum.join(',')}|}`;
    else body[p] = snippet(c, c.shapes[t.shape], {}, stops);
  }
  return body;
}

function accessor() {
  return {
    description: ACCESSOR_DOC,
    type: 'object',
    required: ['$ref'],
    maxProperties: 1,
    // "$ref" as a name under `properties` reads as a reference to some tools: a pattern instead.
    patternProperties: { '^\\$ref$': { type: 'string' } },
  };
}

const isV2 = (p) => ({ required: [p], properties: { [p]: { not: { type: 'null' } } } });

/** "This step is an `action` step in its legacy form" (not the V2 message form). */
function stepIf(d, action, v2) {
  const s = { required: [d.discriminator], properties: { [d.discriminator]: { const: action } } };
  return v2 ? { ...s, not: isV2(v2) } : s;
}

/** `then` on every step of the automation that matches `when`. */
function onSteps(when, then) {
  return { properties: { automation: { properties: { steps: { items: { if: when, then } } } } } };
}

function dropMinLength(s) {
  const out = structuredClone(s);
  const walk = (x) => {
    if (x && typeof x === 'object') {
      delete x.minLength;
      for (const v of Object.values(x)) walk(v);
    }
  };
  walk(out);
  return out;
}

// ------------------------------------------------------------------------------------------------
// POST /automations/{templateId}/invoke: the request's run-level fields without `automation`.

function byTemplateSchema(d) {
  const body = contractObject(d.request, d);
  delete body.properties.automation;
  delete body.required;
  return {
    $schema: DRAFT,
    title: 'Courier automation template: invoke body',
    ...body,
    description:
      'Body of POST /automations/{templateId}/invoke: the run context of a saved automation template ' +
      '(the ad hoc body without `automation`). Generated from spec/openapi.json by courier-automations-wasm.',
  };
}
