// Opaque cursors: a Query's LastEvaluatedKey, encoded, and checked to belong to the same list.
import { ValidationError } from '../domain/errors';
import type { KeyPair } from './db';
import { PARTITION_KEY, SORT_KEY } from './table';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type StartKey = Record<string, string>;

/** The list a cursor must belong to: the key pair its Query runs on, and the partition it reads. */
export interface CursorScope {
  keys: KeyPair;
  partitionValue: string;
}

export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | null {
  if (!lastKey) return null;
  return Buffer.from(JSON.stringify(lastKey), 'utf8').toString('base64url');
}

/**
 * A Query's LastEvaluatedKey holds exactly the table's key pair, and on an index also the index's
 * own pair (all strings in this table). DynamoDB refuses any other start key with an error that
 * would otherwise surface as a 500.
 */
const lastKeyAttributes = (keys: KeyPair) => new Set([keys.partitionKey, keys.sortKey, PARTITION_KEY, SORT_KEY]);

/** Decodes a cursor of the list `scope` names: a cursor of another list, or reshaped, is refused. */
export function decodeCursor(cursor: string | undefined, scope: CursorScope): StartKey | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () => new ValidationError([{ in: 'query', path: 'cursor', message: 'is not a cursor of this list' }]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw invalid();
  const expected = lastKeyAttributes(scope.keys);
  const entries = Object.entries(decoded);
  if (
    entries.length !== expected.size ||
    !entries.every(([name, value]) => expected.has(name) && typeof value === 'string') ||
    (decoded as StartKey)[scope.keys.partitionKey] !== scope.partitionValue
  ) {
    throw invalid();
  }
  return decoded as StartKey;
}
