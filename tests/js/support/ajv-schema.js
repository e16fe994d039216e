/**
 * The request schema for ajv 8, straight from spec/openapi.json: the AdHoc params schema as the
 * root, with the OpenAPI components beside it so `$ref: '#/components/schemas/...'` resolves.
 * OpenAPI 3.0 `nullable` is an ajv keyword; `strict: false` lets `title` and `components` pass.
 */
import { readFileSync } from 'node:fs';

export const openapi = JSON.parse(readFileSync(new URL('../../../spec/openapi.json', import.meta.url), 'utf8'));

export function requestSchema() {
  const { schemas } = openapi.components;
  return { $id: 'courier-adhoc', ...schemas.AutomationAdHocInvokeParams, components: { schemas } };
}

export const ajvOptions = { strict: false, allErrors: false };
