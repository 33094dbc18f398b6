// Values for the fuzzer: valid ones generated from a JSON Schema of the OpenAPI document, and
// hostile ones (wrong types, huge strings, unicode edge cases, numbers out of range, bad dates).
import fc from 'fast-check';
import type { Schema } from './world';

const HOSTILE_TEXT = [
  '', ' ', '\u0000', '\uFEFF', '\u202E', 'e\u0301', '😀', '\uD800', '\uDFFF', '\r\n', '\t',
  '../../etc/passwd', '..', '%2e%2e%2f', '%00', '<script>alert(1)</script>', "' OR '1'='1", '#', 'C#pantacon#P#x',
  '__proto__', 'constructor', 'prototype', '${jndi:ldap://x}', '=HYPERLINK("x")', 'NaN', 'null', 'true', '-1',
  '1e309', '2026-02-30', '2026-13-01', '0000-00-00', '2026-1-1', '9999-12-31T99:99:99Z', '2026-11-23T09:00:00',
  'javascript:alert(1)', 'http://', 'ftp://x', 'a@', '@b', 'A'.repeat(64), 'a'.repeat(64),
];

export const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  // Past every maxLength in the schemas, some past the body limit too.
  { weight: 1, arbitrary: fc.constantFrom(201, 501, 1001, 2049, 5001, 70_000).map((length) => 'x'.repeat(length)) },
);

export const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, 0.1 + 0.2, 101, 1e12 + 1, 1e21, -1e21, 1e300, -1e300, 5e-324, 2 ** 31, 2 ** 53 + 2, Number.MAX_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** An object nested `depth` levels deep. */
const nested = (depth: number) => {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { a: value };
  return value;
};

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom(10, 200, 2000).map(nested) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom(200, 1000).map((count) => Array.from({ length: count }, (_, index) => index)) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) },
);

const pad = (value: number, size: number) => String(value).padStart(size, '0');
const calendarDate = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`);
const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString());

export interface ValueContext {
  components: Record<string, Schema>;
  /** Real ids by field name (memberId, funderId, …): valid references, not only well-formed ones. */
  ids: Record<string, string>;
}

/** Values that the schema accepts (mostly: patterns and formats are approximated). */
export function validValue(schema: Schema, context: ValueContext, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const id = String(schema.$ref).replace('#/components/schemas/', '');
    return validValue(context.components[id]!, context, name, depth);
  }
  if (schema.anyOf) return fc.oneof(...(schema.anyOf as Schema[]).map((option) => validValue(option, context, name, depth)));
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) {
    return fc.oneof(...types.map((type) => (type === 'null' ? fc.constant(null) : validValue({ ...schema, type }, context, name, depth))));
  }
  const real = context.ids[name] ?? (name.endsWith('Ids') ? context.ids[name.slice(0, -1)] : undefined);
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000);
      const max = schema.maximum ?? 1_000_000;
      const integers = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
      if (types[0] === 'integer') return fc.oneof(integers, fc.constantFrom(Math.ceil(min), Math.floor(max)));
      return fc.oneof(integers, fc.double({ min, max, noNaN: true }).filter((value) => schema.exclusiveMinimum === undefined || value > schema.exclusiveMinimum));
    }
    case 'string': {
      if (real) return fc.oneof({ weight: 3, arbitrary: fc.constant(real) }, { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/) });
      if (schema.format === 'date') return calendarDate;
      if (schema.format === 'date-time') return instant;
      if (schema.format === 'email') return fc.emailAddress().filter((email) => email.length <= (schema.maxLength ?? 254));
      if (schema.format === 'uri') return fc.webUrl({ validSchemes: ['https'] }).filter((url) => url.length <= (schema.maxLength ?? 2000));
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length <= (schema.maxLength ?? Infinity));
      const minLength = schema.minLength ?? 0;
      const maxLength = schema.maxLength ?? 100;
      return fc.oneof(
        { weight: 4, arbitrary: fc.string({ minLength, maxLength: Math.min(maxLength, 30) }).filter((text) => text.trim().length >= minLength) },
        { weight: 1, arbitrary: fc.constant('é€😀'.repeat(Math.ceil(maxLength / 4)).slice(0, maxLength)).filter((text) => text.length >= minLength) },
      );
    }
    case 'array': {
      const items = schema.items ? validValue(schema.items, context, name, depth + 1) : fc.anything();
      const minLength = schema.minItems ?? 0;
      return fc.array(items, { minLength, maxLength: Math.min(schema.maxItems ?? 3, Math.max(minLength, depth > 1 ? 1 : 3)) });
    }
    case 'object': {
      const properties: Record<string, Schema> = schema.properties ?? {};
      const required = new Set<string>(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(properties)) record[key] = validValue(property, context, key, depth + 1);
      return fc.record(record, { requiredKeys: [...required].filter((key) => key in record) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A valid object with one thing wrong: a required field gone, a field unknown, or a field hostile. */
export function mutated(schema: Schema, context: ValueContext): fc.Arbitrary<unknown> {
  const resolved = schema.$ref ? context.components[String(schema.$ref).replace('#/components/schemas/', '')]! : schema;
  return fc.tuple(validValue(resolved, context), fc.nat(), hostileValue, fc.constantFrom('drop', 'extra', 'replace', 'replace', 'replace')).map(([value, pick, hostile, how]) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return hostile;
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(resolved.properties ?? {});
    const key = keys.length > 0 ? keys[pick % keys.length]! : 'field';
    if (how === 'drop') delete copy[key];
    else if (how === 'extra') copy[`unknown${pick % 3}`] = hostile;
    else copy[key] = hostile;
    return copy;
  });
}
