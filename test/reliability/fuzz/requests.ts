// Random and hostile requests for one operation of the OpenAPI document: path parameters, query
// strings, headers and bodies, valid or nearly valid or plainly wrong.
import fc from 'fast-check';
import { MAX_BODY_BYTES } from '../../../shared/api/app';
import { hostileString, hostileValue, mutated, validValue, type ValueContext } from './values';
import type { Operation, ParameterSpec } from './world';

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

const CONTENT_TYPES = [
  'application/json', 'application/json', 'application/json', 'application/json; charset=utf-8',
  'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', '',
];

const RAW_BODIES = [
  '', 'not json', '{', '{"a":', '[]', 'null', '0', '"text"', '\uFEFF{}', '{"__proto__":{"polluted":true}}',
  `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, '{"a":1e999}', '{"a":"\\ud800"}',
];

/** Percent-encodes anything; a lone surrogate, which no URL can carry, becomes bytes that are not UTF-8. */
const encode = (text: string) => encodeURIComponent(text.replace(/[\uD800-\uDFFF]/gu, '\uFFFD')).replaceAll('%EF%BF%BD', '%ED%A0%80');

/** A path parameter: the real id most of the time, else something hostile (encoded, or raw). */
function pathValue(name: string, context: ValueContext): fc.Arbitrary<string> {
  const real = context.ids[name];
  return fc.oneof(
    { weight: real ? 6 : 0, arbitrary: fc.constant(encode(real ?? 'x')) },
    { weight: 2, arbitrary: hostileString.filter((text) => text.length > 0).map(encode) },
    { weight: 1, arbitrary: fc.constantFrom('%zz', '%', '..', '.', 'a%2Fb', '%23', 'UPPER', 'a'.repeat(3000)) },
  );
}

function queryPart(parameter: ParameterSpec, context: ValueContext): fc.Arbitrary<string | undefined> {
  const pair = (value: unknown) => `${encode(parameter.name)}=${encode(typeof value === 'string' ? value : JSON.stringify(value))}`;
  return fc.oneof(
    { weight: parameter.required ? 0 : 2, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: validValue(parameter.schema, context, parameter.name).map(pair) },
    { weight: 2, arbitrary: hostileValue.map(pair) },
    // The same parameter twice, the second one hostile.
    { weight: 1, arbitrary: fc.tuple(validValue(parameter.schema, context, parameter.name), hostileString).map(([first, second]) => `${pair(first)}&${pair(second)}`) },
  );
}

function bodyOf(operation: Operation, context: ValueContext): fc.Arbitrary<string | undefined> {
  const schema = operation.spec.requestBody?.content['application/json']?.schema;
  if (operation.method === 'GET') return fc.constant(undefined); // fetch sends no body with a GET
  if (!schema) {
    return fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostileValue.map((value) => JSON.stringify(value)) });
  }
  const json = (value: unknown) => JSON.stringify(value);
  return fc.oneof(
    { weight: 3, arbitrary: validValue(schema, context).map(json) },
    { weight: 5, arbitrary: mutated(schema, context).map(json) },
    { weight: 1, arbitrary: hostileValue.map(json) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES) },
    // A duplicated key: the first copy valid, the last one hostile.
    {
      weight: 1,
      arbitrary: fc.tuple(validValue(schema, context), hostileValue).map(([value, hostile]) => {
        const text = json(value);
        const first = value && typeof value === 'object' ? Object.keys(value)[0] : undefined;
        return first && text.startsWith('{') ? `{${JSON.stringify(first)}:${json(hostile)},${text.slice(1)}` : text;
      }),
    },
    { weight: 1, arbitrary: fc.constant(json({ padding: 'x'.repeat(MAX_BODY_BYTES + 1) })) },
  );
}

export function requestOf(operation: Operation, context: ValueContext): fc.Arbitrary<FuzzRequest> {
  const parameters = operation.spec.parameters ?? [];
  const pathNames = parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
  const path = fc.tuple(...pathNames.map((name) => pathValue(name, context))).map((values) =>
    pathNames.reduce((url, name, index) => url.replace(`{${name}}`, values[index]!), operation.path),
  );
  const query = fc
    .tuple(
      fc.tuple(...parameters.filter((parameter) => parameter.in === 'query').map((parameter) => queryPart(parameter, context))),
      fc.option(fc.tuple(hostileString, hostileString).map(([name, value]) => `${encode(name || 'x')}=${encode(value)}`), { freq: 4 }),
    )
    .map(([parts, extra]) => [...parts, extra].filter((part): part is string => Boolean(part)).join('&'));
  const headers = fc.record(
    {
      'content-type': fc.constantFrom(...CONTENT_TYPES),
      'idempotency-key': fc.oneof(fc.stringMatching(/^[\x21-\x7e]{1,40}$/), hostileString.filter((text) => /^[\x20-\x7e]*$/.test(text))),
      'if-match': fc.constantFrom('*', '"1"', 'W/"x"'),
      'accept-language': fc.constantFrom('it', 'en', 'xx', '*'),
    },
    { requiredKeys: ['content-type'] },
  );
  return fc.record({ path, query, headers, body: bodyOf(operation, context) }).map(({ path, query, headers, body }) => {
    const sent: Record<string, string> = { ...headers };
    if (body === undefined || sent['content-type'] === '') delete sent['content-type'];
    return { method: operation.method, url: query ? `${path}?${query}` : path, headers: sent, body };
  });
}
