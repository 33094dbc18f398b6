// Audited writes: every write transaction also puts its own audit event, keyed on the event alone,
// so that writes to different items never meet on a shared one. The sealer (sealer.ts) links the
// events into the chain and applies the projections they carry (counters, summaries) afterwards.
import {
  chainCheck,
  diffFields,
  eventDigest,
  eventOf,
  newEventId,
  sealingOrder,
  withPersonalValues,
  type AuditEntry,
  type AuditEvent,
  type AuditRecord,
  type ChainVerification,
  type PersonalValues,
} from '../domain/audit';
import { UnavailableError } from '../domain/errors';
import { TABLE_KEYS, beginsWith, type Db, type Item, type TxOp } from './db';
import { TransactionConflictError } from './faults';
import { entityOf } from './items';
import {
  auditEventKey,
  auditEventsOf,
  chainIdOf,
  chainLinksOf,
  chainOfPartition,
  entriesActedBy,
  entriesNamed,
  personalValuesKey,
  unsealedIndexKeys,
  type AuditChain,
  type Key,
} from './keys';
import type { Page } from './pagination';
import type { Projection } from './projections';
import { INDEXES } from './table';

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

/**
 * Attempts of one write whose transaction met another one in flight on the same item: writers of
 * one entity (who then settle it by its version) or the sealer (on the few items both change, a
 * project edited while its counters move). Enough for tens of writers on one item.
 */
export const MAX_CONFLICT_ATTEMPTS = 40;

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * 2 ** Math.min(attempt, 5))));

/** The attribute on every item an audited write puts or updates: which event recorded the write. */
export const EVENT_STAMP = 'auditEvent';
export const stampOf = (key: Key) => `${key.PK}|${key.SK}`;

/** Adds the event's stamp to a Put or Update of the transaction (a ConditionCheck or Delete stays as it is). */
function stamped(op: TxOp, stamp: string): TxOp {
  const { Put, Update } = op.write;
  if (Put) return { ...op, write: { Put: { ...Put, Item: { ...Put.Item, [EVENT_STAMP]: stamp } } } };
  if (!Update) return op;
  const assignment = '#auditEventStamp = :auditEventStamp';
  const expression = /(^|\s)SET\s/.test(Update.UpdateExpression ?? '')
    ? Update.UpdateExpression!.replace(/(^|\s)SET\s/, `$1SET ${assignment}, `)
    : `SET ${assignment} ${Update.UpdateExpression ?? ''}`.trim();
  return {
    ...op,
    write: {
      Update: {
        ...Update,
        UpdateExpression: expression,
        ExpressionAttributeNames: { ...Update.ExpressionAttributeNames, '#auditEventStamp': EVENT_STAMP },
        ExpressionAttributeValues: { ...Update.ExpressionAttributeValues, ':auditEventStamp': stamp },
      },
    },
  };
}

/** An event item as stored: the event, its chain, the unsealed index keys and what sealing applies. */
export const eventItem = (chain: AuditChain, event: AuditEvent, projections: Projection[]) => ({
  ...auditEventKey(chain, event.eventId),
  ...unsealedIndexKeys(chain, event.eventId),
  itemType: 'AuditEvent',
  chainConsortiumId: chain.consortiumId,
  ...(chain.projectId ? { chainProjectId: chain.projectId } : {}),
  ...event,
  projections,
});

export const personalItem = (chain: AuditChain, eventId: string, personal: PersonalValues) => ({
  ...personalValuesKey(chain, eventId),
  itemType: 'PersonalValues',
  ...personal,
});

/**
 * The items of one event: the event (pending, in the unsealed index) and, when the record names
 * someone, its personal values beside the chain. History written outside a request (the demo's
 * seed, a migration) puts them as they are and lets the sealer link them.
 */
export function eventItems(chain: AuditChain, record: AuditRecord, eventId: string, projections: Projection[] = []): { event: AuditEvent; items: Item[] } {
  const { event, personal } = eventOf(record, eventId);
  return { event, items: [eventItem(chain, event, projections), ...(personal ? [personalItem(chain, eventId, personal)] : [])] };
}

/** The chain an event item belongs to. */
export const chainOfEvent = (item: Item): AuditChain => ({
  consortiumId: String(item.chainConsortiumId),
  ...(item.chainProjectId ? { projectId: String(item.chainProjectId) } : {}),
});

export function auditStore(db: Db) {
  const personalOf = async (chain: AuditChain, entry: AuditEntry): Promise<PersonalValues | undefined> => {
    const names = Object.values(entry.changes).some((change) => isPersonalRef(change.before) || isPersonalRef(change.after));
    if (!names) return undefined;
    const item = await db.get(personalValuesKey(chain, entry.eventId), false);
    return item ? { salt: String(item.salt), values: (item.values ?? {}) as Record<string, unknown> } : undefined;
  };

  return {
    /**
     * Runs `ops` with the write's own event in one transaction; `projections` (counters and
     * summaries the write moves) travel in the event and are applied when it is sealed. Stamps
     * every written item with its event, so that verification finds an event deleted before sealing.
     */
    async transact(chain: AuditChain, ops: TxOp[], record: AuditRecord, projections: Projection[] = []): Promise<AuditEvent> {
      const { event, items } = eventItems(chain, record, newEventId(record.at), projections);
      const stamp = stampOf(auditEventKey(chain, event.eventId));
      const writes: TxOp[] = [
        ...ops.map((op) => stamped(op, stamp)),
        ...items.map((Item) => ({ write: { Put: { TableName: db.tableName, Item, ConditionExpression: 'attribute_not_exists(PK)' } } })),
      ];
      for (let attempt = 1; ; attempt++) {
        try {
          await db.transact(writes);
          break;
        } catch (error) {
          if (!(error instanceof TransactionConflictError)) throw error;
          if (attempt >= MAX_CONFLICT_ATTEMPTS) {
            throw new UnavailableError('Too many simultaneous writes to the same items; retry shortly', 1, { cause: error });
          }
          await pause(attempt);
        }
      }
      await db.eventWritten(chain);
      return event;
    },

    /** Sealed entries, newest first, with the personal values they name where still held. */
    async list(chain: AuditChain, page: { limit: number; cursor?: string }): Promise<Page<AuditEntry>> {
      const { PK, skPrefix } = chainLinksOf(chain);
      const result = await db.queryPage({ on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix), descending: true, ...page });
      const entries = result.items.map((item) => entryOf(item));
      const items = await Promise.all(entries.map(async (entry) => withPersonalValues(entry, await personalOf(chain, entry))));
      return { items, nextCursor: result.nextCursor };
    },

    /** Recomputes the sealed chain from its first entry, then checks the events not yet sealed. */
    async verify(chain: AuditChain): Promise<ChainVerification> {
      const check = chainCheck();
      for await (const entry of this.readChain(chain)) {
        const broken = check.add(entry);
        if (broken) return broken;
      }
      const problems: { eventId: string; reason: string }[] = [];
      let unsealed = 0;
      for await (const item of this.readEvents(chain)) {
        unsealed++;
        const reason = eventProblem(item);
        if (reason) problems.push({ eventId: String(item.eventId ?? item.SK), reason });
      }
      return { ...check.result(), unsealed, ...(problems.length > 0 ? { valid: false, problems } : {}) };
    },

    /**
     * Events deleted before they were sealed: every item an audited write put or changed names its
     * event; an event named by an item of `items` (a scan of the consortium, for the administrator's
     * check) that is neither in the sealed chain nor pending was removed.
     */
    async missingEvents(chain: AuditChain, items: Iterable<Item>): Promise<{ item: Key; eventId: string }[]> {
      const chainPK = auditEventsOf(chain).PK;
      const named = new Map<string, Key>();
      for (const item of items) {
        const stamp = item[EVENT_STAMP];
        if (typeof stamp !== 'string' || !stamp.startsWith(`${chainPK}|`)) continue;
        named.set(stamp.slice(chainPK.length + 1 + 'EVENT#'.length), { PK: String(item.PK), SK: String(item.SK) });
      }
      for await (const entry of this.readChain(chain)) named.delete(entry.eventId);
      for await (const event of this.readEvents(chain)) named.delete(String(event.eventId));
      return [...named].map(([eventId, item]) => ({ item, eventId }));
    },

    /** The sealed chain, oldest first, a page at a time (verification reads every entry). */
    async *readChain(chain: AuditChain): AsyncGenerator<AuditEntry> {
      yield* pages(db, chainLinksOf(chain), entryOf);
    },

    /**
     * The sealed entries naming a person in a consortium, in every chain: those they wrote and
     * those about them (entity `person`), from the two person indexes read to their end, for an
     * export or an erasure of that person. One entry in both (a self-edit) is answered once;
     * migrated entries share their ids across chains, so an entry is known by chain and eventId.
     */
    async entriesNaming(consortiumId: string, personId: string, options: { pageSize?: number } = {}): Promise<{ chain: AuditChain; entry: AuditEntry }[]> {
      const found = new Map<string, { chain: AuditChain; entry: AuditEntry }>();
      const partitions = [
        { on: INDEXES.byOwner, partitionValue: entriesActedBy(consortiumId, personId).GSI3PK },
        { on: INDEXES.byDueDate, partitionValue: entriesNamed(consortiumId, personId).GSI2PK },
      ];
      for (const { on, partitionValue } of partitions) {
        let cursor: string | undefined;
        do {
          const page = await db.queryPage({ on, partitionValue, limit: options.pageSize ?? 500, cursor });
          for (const item of page.items) {
            const chain = chainOfPartition(String(item.PK));
            // The index keys are written on sealed entries only; anything else under them is not ours to answer.
            if (!chain || item.itemType !== 'AuditEntry') continue;
            const entry = entryOf(item);
            found.set(`${chainIdOf(chain)}\u0000${entry.eventId}`, { chain, entry });
          }
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      }
      return [...found.values()].sort((a, b) => sealingOrder(a.entry, b.entry) || (chainIdOf(a.chain) < chainIdOf(b.chain) ? -1 : 1));
    },

    /** The events of a chain not yet sealed (sealing deletes an event once its entry is linked). */
    async *readEvents(chain: AuditChain): AsyncGenerator<Item> {
      yield* pages(db, auditEventsOf(chain), (item) => item);
    },
  };
}

const isPersonalRef = (value: unknown) => value !== null && typeof value === 'object' && 'personal' in value;

const entryOf = (item: Item) => entityOf<AuditEntry>(item);

/** Why an unsealed event item cannot be trusted as written, if it cannot. */
export function eventProblem(item: Item): string | undefined {
  const event = entityOf<AuditEvent>(item);
  if (typeof event.digest !== 'string' || typeof event.eventId !== 'string') return 'it is not an audit event any more';
  return eventDigest(event) === event.digest ? undefined : 'its content changed after it was written';
}


async function* pages<T>(db: Db, of: { PK: string; skPrefix: string }, map: (item: Item) => T): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await db.queryPage({ on: TABLE_KEYS, partitionValue: of.PK, sortCondition: beginsWith(of.skPrefix), limit: 500, cursor });
    for (const item of page.items) yield map(item);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export type AuditStore = ReturnType<typeof auditStore>;
