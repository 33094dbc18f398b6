import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors';
import { decodeCursor, encodeCursor } from './pagination';

const PK = 'C#conso#P#p-culture';
const lastKey = { PK, SK: 'PHASE#phase-2' };

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

    expect(decodeCursor(cursor, 'PK', PK)).toEqual(lastKey);
  });

  it('round-trips an index key with non-ASCII text', () => {
    const indexKey = { PK: 'x', SK: 'y', GSI2PK: 'C#conso#P#caffè#OPEN', GSI2SK: '2026-04-30#d-€' };

    expect(decodeCursor(encodeCursor(indexKey) ?? '', 'GSI2PK', 'C#conso#P#caffè#OPEN')).toEqual(indexKey);
  });

  it('gives no start key when there is no cursor', () => {
    expect(decodeCursor(undefined, 'PK', PK)).toBeUndefined();
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
  ])('refuses %s with a ValidationError on cursor', (_label, cursor) => {
    const error = errorOf(() => decodeCursor(cursor, 'PK', PK));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['cursor']);
  });

  it('refuses a cursor of the same partition value on another index attribute', () => {
    const cursor = encodeCursor({ PK, SK: 'PROJECT' }) ?? '';

    const error = errorOf(() => decodeCursor(cursor, 'GSI1PK', PK));

    expect(error).toBeInstanceOf(ValidationError);
  });
});
