// Sealing: links a chain's pending events into its hash chain, in order, and applies the counters
// and summaries they carry, in one transaction per batch that is conditional on the chain's head
// (two sealers cannot fork it) and on each event still pending (a second delivery changes nothing).
import { AuditEvent, chainEntry, sealingOrder, type AuditEntry } from '../domain/audit';
import { counterDeltas } from '../domain/progress';
import type { Deliverable } from '../domain/deliverable';
import { AppError } from '../domain/errors';
import { chainOfEvent } from './audit';
import { beginsWith, type Db, type Item, type TxOp } from './db';
import { counterAttributes } from './expressions';
import { TransactionConflictError } from './faults';
import { entityOf } from './items';
import {
  auditEventKey,
  chainIdOf,
  chainHeadKey,
  chainLinkKey,
  deliverableKey,
  legacyChainHeadKey,
  linkIndexKeys,
  migrationKey,
  phaseKey,
  projectKey,
  unsealableOf,
  unsealedOf,
  unsealedOfChain,
  type AuditChain,
} from './keys';
import { addCounters } from './money';
import { mergeCounters, type CounterProjection, type ProgressProjection, type Projection } from './projections';
import { INDEXES } from './table';

/**
 * Events read per batch: two items each in the transaction (entry, event), one per deliverable
 * whose percent moves, the head and the counters: 32 fits DynamoDB's 100 items with up to three
 * counter items; a batch that does not fit is sealed in halves.
 */
export const SEAL_BATCH = 32;
/** DynamoDB's limit of items in one transaction. */
const MAX_TRANSACTION_ITEMS = 100;
/** Rounds of one sealing before it gives up (the next trigger or the sweep carries on). */
const MAX_ROUNDS = 200;

/** The migration that rewrites chains of the format before events (migrations.ts). */
export const AUDIT_EVENTS_MIGRATION = 'audit-events';

/** The head moved, or an event was sealed meanwhile: read again. */
class ChainMoved extends AppError {
  readonly code = 'conflict';
}

/** A counter projection aimed at an item that is gone: it is dropped, the event is sealed. */
class TargetMissing extends AppError {
  readonly code = 'conflict';
  constructor(readonly projection: CounterProjection) {
    super('The item a projection moves is gone');
  }
}

export interface SealingResult {
  sealed: number;
  /** Milliseconds from each sealed event's write to its sealing, by the sealer's clock. */
  lagMillis: number[];
  /** Counter projections dropped because their item is gone, and events set aside as unreadable. */
  dropped: number;
  unreadable: string[];
}

/**
 * The put of a sealed entry, with its person index keys: never over another one (a second sealer
 * at the same seq loses). Every writer of entries (the sealer, the migrations) goes through here.
 */
export const linkPut = (tableName: string, chain: AuditChain, entry: AuditEntry): TxOp['write'] => ({
  Put: {
    TableName: tableName,
    Item: { ...chainLinkKey(chain, entry.seq), ...linkIndexKeys(chain, entry), itemType: 'AuditEntry', ...entry },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/** The move of a chain's head to `head`, on the condition that it is still at `previousSeq` (absent: no head yet). */
export const headMove = (tableName: string, chain: AuditChain, head: { seq: number; hash: string }, previousSeq: number | undefined, at: Date): TxOp['write'] => ({
  Put: {
    TableName: tableName,
    Item: { ...chainHeadKey(chain), itemType: 'AuditHead', seq: head.seq, hash: head.hash, sealedAt: at.toISOString() },
    ConditionExpression: previousSeq === undefined ? 'attribute_not_exists(PK)' : 'seq = :seq',
    ExpressionAttributeValues: previousSeq === undefined ? undefined : { ':seq': previousSeq },
  },
});

const keyId = (key: { PK: string; SK: string }) => `${key.PK}\u0000${key.SK}`;
const pause = (round: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 2 * 2 ** Math.min(round, 6))));

export function sealerStore(db: Db, now: () => Date = () => new Date()) {
  /** One batch of pending events of the chain, oldest first (the sparse index lists only those). */
  async function pending(chain: AuditChain): Promise<Item[]> {
    const page = await db.queryPage({
      on: INDEXES.byParent,
      partitionValue: unsealedOf(chain.consortiumId).GSI1PK,
      sortCondition: beginsWith(unsealedOfChain(chain).skPrefix),
      limit: SEAL_BATCH,
    });
    return page.items;
  }

  async function awaitsMigration(chain: AuditChain): Promise<boolean> {
    const [legacyHead, marker] = await Promise.all([db.get(legacyChainHeadKey(chain)), db.get(migrationKey(chain, AUDIT_EVENTS_MIGRATION))]);
    return legacyHead !== undefined && marker?.state !== 'done';
  }

  /** Moves an event the sealer cannot read out of the queue, for verification to report. */
  async function setAside(item: Item): Promise<void> {
    await db.update(
      {
        TableName: db.tableName,
        Key: { PK: String(item.PK), SK: String(item.SK) },
        UpdateExpression: 'SET #pk = :aside',
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#pk': INDEXES.byParent.partitionKey },
        ExpressionAttributeValues: { ':aside': unsealableOf(String(item.chainConsortiumId)).GSI1PK },
      },
      () => new ChainMoved('The event was sealed meanwhile'),
    ).catch((error) => {
      if (!(error instanceof ChainMoved)) throw error;
    });
  }

  /**
   * The deliverables' writes for the progress entries of a batch, applied in order on a fresh
   * read, and the counter changes they make: the percent moves, outside the version (so that an
   * append never makes another writer's version stale), while the deliverable is still in progress
   * at the version read. Entries on a deliverable submitted, accepted or gone meanwhile change
   * nothing (the entry stays in the log).
   */
  async function progressWrites(progress: ProgressProjection[]): Promise<{ ops: TxOp[]; counters: CounterProjection[] }> {
    const byDeliverable = new Map<string, ProgressProjection[]>();
    for (const entry of progress) {
      const id = keyId(deliverableKey(entry.consortiumId, entry.projectId, entry.deliverableId));
      byDeliverable.set(id, [...(byDeliverable.get(id) ?? []), entry]);
    }
    const ops: TxOp[] = [];
    const counters: CounterProjection[] = [];
    const read = new Map((await db.getMany([...byDeliverable.values()].map(([first]) => deliverableKey(first!.consortiumId, first!.projectId, first!.deliverableId)))).map((item) => [keyId({ PK: String(item.PK), SK: String(item.SK) }), item]));
    for (const [id, entries] of byDeliverable) {
      const { consortiumId, projectId, deliverableId } = entries[0]!;
      const item = read.get(id);
      if (!item) continue;
      const before = entityOf<Deliverable>(item);
      if (before.status !== 'in_progress') continue;
      let latest = typeof item.progressAt === 'string' ? item.progressAt : '';
      let percent = before.reportedPercent;
      for (const entry of entries) {
        // An entry older than one applied already (sealed out of order) leaves the percent alone.
        if (entry.at < latest) continue;
        percent = entry.percent;
        latest = entry.at;
      }
      const after = { ...before, reportedPercent: percent };
      ops.push({
        write: {
          Update: {
            TableName: db.tableName,
            Key: deliverableKey(consortiumId, projectId, deliverableId),
            UpdateExpression: 'SET reportedPercent = :percent, progressAt = :at',
            ConditionExpression: 'version = :version AND #status = :inProgress',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':percent': percent, ':at': latest, ':version': before.version, ':inProgress': 'in_progress' },
          },
        },
        onConditionFailed: () => new ChainMoved('The deliverable changed meanwhile'),
      });
      for (const [phaseId, delta] of counterDeltas(before, after)) {
        counters.push({ key: phaseKey(consortiumId, projectId, phaseId), add: counterAttributes(delta) });
        counters.push({ key: projectKey(consortiumId, projectId), add: counterAttributes(delta) });
      }
    }
    return { ops, counters };
  }

  /** Seals up to one batch; answers how many events it sealed, and whether more may be pending. */
  async function sealBatch(chain: AuditChain, dropped: Set<string>, result: SealingResult, limit: number): Promise<{ sealed: number; more: boolean }> {
    const [headItem, items] = await Promise.all([db.get(chainHeadKey(chain)), pending(chain)]);
    // A chain of the format before events opens with its migrated history: until `npm run migrate`
    // has written it, new events wait (the migration seals them after the history).
    if (!headItem && (await awaitsMigration(chain))) return { sealed: 0, more: false };
    // A full page of pending events, or a part of it left for the next batch: read again after.
    const more = items.length >= SEAL_BATCH || items.length > limit;
    const events: { event: AuditEvent; projections: Projection[] }[] = [];
    for (const item of items.slice(0, limit)) {
      const parsed = AuditEvent.safeParse(entityOf(item));
      if (!parsed.success) {
        await setAside(item);
        result.unreadable.push(String(item.SK));
        continue;
      }
      events.push({ event: parsed.data, projections: Array.isArray(item.projections) ? (item.projections as Projection[]) : [] });
    }
    if (events.length === 0) return { sealed: 0, more: items.length > 0 };
    events.sort((a, b) => sealingOrder(a.event, b.event));

    let head = headItem ? { seq: Number(headItem.seq), hash: String(headItem.hash) } : undefined;
    const ops: TxOp[] = [];
    const entries: AuditEntry[] = [];
    for (const { event } of events) {
      const entry = chainEntry(event, head);
      entries.push(entry);
      head = entry;
      ops.push(
        { write: linkPut(db.tableName, chain, entry), onConditionFailed: () => new ChainMoved('The chain moved') },
        {
          write: { Delete: { TableName: db.tableName, Key: auditEventKey(chain, event.eventId), ConditionExpression: 'attribute_exists(GSI1PK)' } },
          onConditionFailed: () => new ChainMoved('The event was sealed meanwhile'),
        },
      );
    }
    ops.push({ write: headMove(db.tableName, chain, head!, headItem ? Number(headItem.seq) : undefined, now()), onConditionFailed: () => new ChainMoved('The chain moved') });

    const all = events.flatMap(({ projections }) => projections);
    const progress = await progressWrites(all.flatMap((p) => ('progress' in p ? [p.progress] : [])));
    ops.push(...progress.ops);
    const counters = mergeCounters([...all.flatMap((p) => ('counters' in p ? [p.counters] : [])), ...progress.counters]).filter(
      (projection) => !dropped.has(keyId(projection.key)),
    );
    for (const projection of counters) {
      ops.push({
        write: { Update: addCounters(db.tableName, projection.key, projection.add, { create: projection.create }) },
        onConditionFailed: () => new TargetMissing(projection),
      });
    }
    if (ops.length > MAX_TRANSACTION_ITEMS) return sealBatch(chain, dropped, result, Math.max(1, Math.floor(events.length / 2)));

    await db.transact(ops);
    const sealedAt = now().getTime();
    for (const entry of entries) result.lagMillis.push(Math.max(0, sealedAt - Date.parse(entry.at)));
    return { sealed: entries.length, more };
  }

  return {
    /**
     * Seals the pending events of a chain, batch after batch, until a batch finds fewer than a
     * full page pending (events written later are their own triggers' to seal: a run never chases
     * a busy chain for ever). Safe to run twice at once or after a crash: each batch is all or nothing
     * and conditional on the head.
     */
    async sealChain(chain: AuditChain): Promise<SealingResult> {
      const result: SealingResult = { sealed: 0, lagMillis: [], dropped: 0, unreadable: [] };
      const dropped = new Set<string>();
      for (let round = 1; round <= MAX_ROUNDS; round++) {
        try {
          const { sealed, more } = await sealBatch(chain, dropped, result, SEAL_BATCH);
          result.sealed += sealed;
          if (!more) return result;
        } catch (error) {
          if (error instanceof TargetMissing) {
            // Counted on an item deleted meanwhile: nothing is left to count on.
            dropped.add(keyId(error.projection.key));
            result.dropped++;
          } else if (error instanceof ChainMoved || error instanceof TransactionConflictError) {
            await pause(round);
          } else {
            throw error;
          }
        }
      }
      return result;
    },

    /** The chains of a consortium with pending events: what the scheduled sweep seals. */
    async pendingChains(consortiumId: string): Promise<AuditChain[]> {
      const chains = new Map<string, AuditChain>();
      let cursor: string | undefined;
      do {
        const page = await db.queryPage({ on: INDEXES.byParent, partitionValue: unsealedOf(consortiumId).GSI1PK, limit: 500, cursor });
        for (const item of page.items) {
          const chain = chainOfEvent(item);
          chains.set(chainIdOf(chain), chain);
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return [...chains.values()];
    },
  };
}

export type SealerStore = ReturnType<typeof sealerStore>;
