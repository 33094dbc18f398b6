// Idempotency records: the first answer to a create with an Idempotency-Key, replayed on retries.
import { ConflictError } from '../domain/errors';
import type { Db } from './db';
import { idempotencyKey } from './keys';

/** How long a key is remembered, and how long an unfinished first attempt holds it. */
const KEEP_SECONDS = 24 * 3600;
const LOCK_MILLIS = 30_000;

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type Claim = { state: 'claimed' } | { state: 'replay'; response: StoredResponse };

/** Whose key it is, and the hash of the operation and key it names. */
export interface IdempotencyScope {
  consortiumId: string;
  personId: string;
  hash: string;
}

const keyOf = (scope: IdempotencyScope) => idempotencyKey(scope.consortiumId, scope.personId, scope.hash);

export function idempotencyRepository(db: Db) {
  return {
    /**
     * Claims `scope` for a request whose content hashes to `requestHash`. A finished earlier
     * request with the same content is replayed; a different request under the same key, or
     * one still running, is a conflict.
     */
    async claim(scope: IdempotencyScope, requestHash: string, nowMillis: number): Promise<Claim> {
      const key = keyOf(scope);
      try {
        await db.put(
          {
            TableName: db.tableName,
            Item: {
              ...key,
              itemType: 'Idempotency',
              requestHash,
              state: 'pending',
              lockedUntil: nowMillis + LOCK_MILLIS,
              expiresAt: Math.floor(nowMillis / 1000) + KEEP_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(PK) OR (#state = :pending AND lockedUntil < :now)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':pending': 'pending', ':now': nowMillis },
          },
          () => new ConflictError('taken'),
        );
        return { state: 'claimed' };
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
      const record = await db.get(key);
      if (record?.requestHash !== requestHash) {
        throw new ConflictError('This Idempotency-Key was already used for a different request');
      }
      if (record.state !== 'done') {
        throw new ConflictError('A request with this Idempotency-Key is still being processed; retry shortly');
      }
      return { state: 'replay', response: { status: Number(record.status), body: record.body } };
    },

    async complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
      await db.update(
        {
          TableName: db.tableName,
          Key: keyOf(scope),
          UpdateExpression: 'SET #state = :done, #status = :status, body = :body',
          ExpressionAttributeNames: { '#state': 'state', '#status': 'status' },
          ExpressionAttributeValues: { ':done': 'done', ':status': response.status, ':body': response.body },
        },
        () => new ConflictError('Idempotency record vanished'),
      );
    },

    /** Frees the key after a failed attempt, so that a corrected retry can run. */
    async release(scope: IdempotencyScope): Promise<void> {
      await db.delete(keyOf(scope));
    },
  };
}
