// Opaque cursors: a Query's LastEvaluatedKey, encoded, and checked to belong to the same list.
import { ValidationError } from '../domain/errors';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type StartKey = Record<string, string>;

export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | null {
  if (!lastKey) return null;
  return Buffer.from(JSON.stringify(lastKey), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor for a Query whose partition attribute `partitionAttribute` must equal
 * `partitionValue`: a cursor from another list is refused rather than passed to DynamoDB.
 */
export function decodeCursor(
  cursor: string | undefined,
  partitionAttribute: string,
  partitionValue: string,
): StartKey | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () => new ValidationError([{ path: 'cursor', message: 'is not a cursor of this list' }]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    typeof decoded !== 'object' ||
    decoded === null ||
    Array.isArray(decoded) ||
    !Object.values(decoded).every((value) => typeof value === 'string') ||
    (decoded as StartKey)[partitionAttribute] !== partitionValue
  ) {
    throw invalid();
  }
  return decoded as StartKey;
}
