// Audited writes: every write transaction also appends an entry to its audit chain. Writers racing
// for a chain's head retry with jitter; only a real conflict on the entity reaches the caller.
import { chainCheck, chainEntry, diffFields, type AuditEntry, type AuditRecord, type ChainVerification } from '../domain/audit';
import { AppError, UnavailableError } from '../domain/errors';
import { TABLE_KEYS, beginsWith, type Db, type TxOp } from './db';
import { TransactionConflictError } from './faults';
import { entityOf } from './items';
import { auditEntriesOf, auditEntryKey, auditHeadKey, type AuditChain } from './keys';
import type { Page } from './pagination';

/** Raised inside a transaction whose chain head moved since it was read. */
class ChainMoved extends AppError {
  readonly code = 'conflict';
}

/** Who acts, and when: every audited write carries it. */
export interface Actor {
  personId: string;
  at: string;
}

/** The audit record of a write of `entity` from `before` to `after` (absent on create or delete). */
export function auditRecord(
  actor: Actor,
  entity: string,
  entityId: string,
  action: string,
  before: object | undefined,
  after: object | undefined,
): AuditRecord {
  return {
    at: actor.at,
    actor: actor.personId,
    entity,
    entityId,
    action,
    changes: diffFields(before as Record<string, unknown>, after as Record<string, unknown>),
  };
}

/** Attempts for one write before answering 503; enough for tens of writers on one chain. */
export const MAX_CHAIN_ATTEMPTS = 40;

const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * 2 ** Math.min(attempt, 5))));

const isRaceForHead = (error: unknown) => error instanceof ChainMoved || error instanceof TransactionConflictError;

export function auditStore(db: Db) {
  return {
    /**
     * Runs `ops` and appends `record` to `chain` in one transaction. A lost race for the chain's
     * head re-reads the head and tries again; a failed condition of `ops` is the caller's error.
     */
    async transact(chain: AuditChain, ops: TxOp[], record: AuditRecord): Promise<AuditEntry> {
      for (let attempt = 1; ; attempt++) {
        const head = await db.get(auditHeadKey(chain));
        const current = head ? { seq: Number(head.seq), hash: String(head.hash) } : undefined;
        const entry = chainEntry(record, current);
        try {
          await db.transact([
            ...ops,
            {
              write: { Put: { TableName: db.tableName, Item: { ...auditEntryKey(chain, entry.seq), itemType: 'AuditEntry', ...entry }, ConditionExpression: 'attribute_not_exists(PK)' } },
              onConditionFailed: () => new ChainMoved('The audit chain moved'),
            },
            {
              write: {
                Put: {
                  TableName: db.tableName,
                  Item: { ...auditHeadKey(chain), itemType: 'AuditHead', seq: entry.seq, hash: entry.hash },
                  ConditionExpression: current ? 'seq = :seq' : 'attribute_not_exists(PK)',
                  ExpressionAttributeValues: current ? { ':seq': current.seq } : undefined,
                },
              },
              onConditionFailed: () => new ChainMoved('The audit chain moved'),
            },
          ]);
          return entry;
        } catch (error) {
          if (!isRaceForHead(error)) throw error;
          if (attempt >= MAX_CHAIN_ATTEMPTS) {
            throw new UnavailableError('Too many simultaneous writes to this project; retry shortly', 1, { cause: error });
          }
          await pause(attempt);
        }
      }
    },

    async list(chain: AuditChain, page: { limit: number; cursor?: string }): Promise<Page<AuditEntry>> {
      const { PK, skPrefix } = auditEntriesOf(chain);
      const result = await db.queryPage({
        on: TABLE_KEYS,
        partitionValue: PK,
        sortCondition: beginsWith(skPrefix),
        descending: true,
        ...page,
      });
      return { items: result.items.map((item) => entityOf<AuditEntry>(item)), nextCursor: result.nextCursor };
    },

    /** Recomputes the chain from its first entry, a page at a time, and reports the first broken link. */
    async verify(chain: AuditChain): Promise<ChainVerification> {
      const check = chainCheck();
      for await (const entry of this.readChain(chain)) {
        const broken = check.add(entry);
        if (broken) return broken;
      }
      return check.result();
    },

    /** The whole chain, oldest first, a page at a time (verification reads every entry). */
    async *readChain(chain: AuditChain): AsyncGenerator<AuditEntry> {
      const { PK, skPrefix } = auditEntriesOf(chain);
      let cursor: string | undefined;
      do {
        const page = await db.queryPage({
          on: TABLE_KEYS,
          partitionValue: PK,
          sortCondition: beginsWith(skPrefix),
          limit: 500,
          cursor,
        });
        for (const item of page.items) yield entityOf<AuditEntry>(item);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    },
  };
}

export type AuditStore = ReturnType<typeof auditStore>;
