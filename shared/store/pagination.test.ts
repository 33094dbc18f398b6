import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors';
import { TABLE_KEYS } from './db';
import { decodeCursor, encodeCursor } from './pagination';
import { INDEXES } from './table';

const PK = 'C#conso#P#p-culture';
const lastKey = { PK, SK: 'PHASE#phase-2' };
const onTable = { keys: TABLE_KEYS, partitionValue: PK };
const OPEN = 'C#conso#P#caffè#OPEN';
const onIndex = { keys: INDEXES.byDueDate, partitionValue: OPEN };
const indexKey = { PK: 'x', SK: 'y', GSI2PK: OPEN, GSI2SK: '2026-04-30#d-€' };

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

function errorOf(attempt: () => unknown): unknown {
  try {
    attempt();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('encodeCursor', () => {
  it('gives no cursor after the last page', () => {
    expect(encodeCursor(undefined)).toBeNull();
  });

  it('gives an opaque, URL-safe cursor', () => {
    const cursor = encodeCursor({ PK: 'C#conso#P#p?', SK: 'LOG#2026-03-02T10:15:00.000Z#e1~~~>>>' });

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('decodeCursor', () => {
  it('reads back the key that was encoded', () => {
    const cursor = encodeCursor(lastKey) ?? '';

    expect(decodeCursor(cursor, onTable)).toEqual(lastKey);
  });

  it('round-trips an index key with non-ASCII text', () => {
    expect(decodeCursor(encodeCursor(indexKey) ?? '', onIndex)).toEqual(indexKey);
  });

  it('gives no start key when there is no cursor', () => {
    expect(decodeCursor(undefined, onTable)).toBeUndefined();
  });

  it.each([
    ['garbage', '%%%not-a-cursor%%%'],
    ['an empty string', ''],
    ['base64 of text that is not JSON', Buffer.from('PK=C#conso').toString('base64url')],
    ['a JSON number', encode(42)],
    ['a JSON string', encode('C#conso#P#p-culture')],
    ['JSON null', encode(null)],
    ['a JSON array', encode([PK, 'PROJECT'])],
    ['a key with a non-string value', encode({ PK, SK: 7 })],
    ['a key of another partition', encode({ PK: 'C#other#P#p-culture', SK: 'PROJECT' })],
    ['a key without the partition attribute', encode({ SK: 'PROJECT' })],
    ['a key without the sort attribute', encode({ PK })],
    ['a key with an added attribute', encode({ ...lastKey, title: 'x' })],
    ['a key with an index attribute the table Query never gives', encode({ ...lastKey, GSI1PK: PK })],
    ['a key with a prototype attribute', Buffer.from(`{"PK":"${PK}","SK":"PHASE#1","__proto__":"x"}`).toString('base64url')],
  ])('refuses %s with a ValidationError on the cursor query parameter', (_label, cursor) => {
    const error = errorOf(() => decodeCursor(cursor, onTable));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ in: 'query', path: 'cursor' })]);
  });

  it.each([
    ['the table key alone', { PK: 'x', SK: 'y' }],
    ['the index key alone', { GSI2PK: OPEN, GSI2SK: '2026-04-30#d-€' }],
    ['the keys without the table sort key', { PK: 'x', GSI2PK: OPEN, GSI2SK: '2026-04-30#d-€' }],
    ['the keys and one more attribute', { ...indexKey, status: 'open' }],
    ['the keys of another index', { PK: 'x', SK: 'y', GSI2PK: OPEN, GSI1SK: '2026-04-30#d-€' }],
  ])('refuses, for an index Query, a key of %s', (_label, key) => {
    const error = errorOf(() => decodeCursor(encode(key), onIndex));

    expect(error).toBeInstanceOf(ValidationError);
  });

  it('refuses a cursor of the same partition value on another index attribute', () => {
    const cursor = encodeCursor({ PK, SK: 'PROJECT' }) ?? '';

    const error = errorOf(() => decodeCursor(cursor, { keys: INDEXES.byParent, partitionValue: PK }));

    expect(error).toBeInstanceOf(ValidationError);
  });
});
