// Changes of the stored format, run by `npm run migrate` in order, each resumable and idempotent:
// a migration records its progress per chain (or per consortium), so that a second run, or a run
// after a crash, does only what is left. Later changes of keys are added to MIGRATIONS.
import {
  chainEntry,
  eventOf,
  legacyEntryHash,
  GENESIS_HASH,
  type AuditEntry,
  type AuditRecord,
  type LegacyEntry,
} from '../domain/audit';
import { AppError, ConflictError } from '../domain/errors';
import { personalItem } from './audit';
import { TABLE_KEYS, beginsWith, between, type Db, type Item, type TxOp } from './db';
import type { UpdateInput } from './expressions';
import { entityOf } from './items';
import {
  chainHeadKey,
  chainLinkKey,
  chainLinksFrom,
  legacyChainHeadKey,
  legacyEntriesOf,
  linkIndexKeys,
  migrationKey,
  type AuditChain,
  type Key,
} from './keys';
import { AUDIT_EVENTS_MIGRATION, headMove, linkPut, sealerStore } from './sealer';

export { AUDIT_EVENTS_MIGRATION };

/** Old entries linked per transaction: two items each (link, personal values) and the head. */
const LINKS_PER_TRANSACTION = 40;

export type ChainMigration =
  | { chain: AuditChain; outcome: 'nothing to do' }
  | { chain: AuditChain; outcome: 'done before' }
  | { chain: AuditChain; outcome: 'migrated'; legacyEntries: number; legacyHeadHash: string };

/** The opening entry of a migrated chain: it records the old chain's head, against which any copy of it can be checked. */
const OPENING_EVENT_ID = '0000-00-00T00:00:00.000Z#migrated#000000000000';
/** Migrated entries keep their place: their ids sort by their old sequence number, before any new event. */
const migratedEventId = (seq: number) => `0000-00-00T00:00:00.000Z#migrated#${String(seq).padStart(12, '0')}`;

async function legacyEntries(db: Db, chain: AuditChain): Promise<{ items: Item[]; entries: LegacyEntry[] }> {
  const { PK, skPrefix } = legacyEntriesOf(chain);
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await db.queryPage({ on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix), limit: 500, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { items, entries: items.map((item) => entityOf<LegacyEntry>(item)) };
}

/** The old chain's entries must verify before they are rewritten: a broken chain is for a person to look at. */
function checkLegacy(chain: AuditChain, entries: LegacyEntry[]): void {
  let previous = GENESIS_HASH;
  entries.forEach((entry, index) => {
    const problem =
      entry.seq !== index + 1 ? `expected entry ${index + 1}` : entry.prevHash !== previous ? 'does not link to the entry before it' : legacyEntryHash(entry) !== entry.hash ? 'its content does not match its hash' : undefined;
    if (problem) throw new Error(`The old audit chain of ${describeChain(chain)} is broken at entry ${entry.seq} (${problem}): not migrated`);
    previous = entry.hash;
  });
}

export const describeChain = (chain: AuditChain) => (chain.projectId ? `project ${chain.consortiumId}/${chain.projectId}` : `consortium ${chain.consortiumId}`);

/**
 * Rewrites one chain of the format before events: each old entry becomes an event of the new
 * format, in its original order, with its personal values moved beside the chain; the new chain
 * opens with an entry recording the old chain's head hash and length. The old entries and head are
 * deleted once the new chain holds them all; events written meanwhile are sealed after them.
 */
export async function migrateChainToEvents(db: Db, chain: AuditChain, now: () => Date = () => new Date()): Promise<ChainMigration> {
  const markerKey = migrationKey(chain, AUDIT_EVENTS_MIGRATION);
  const marker = await db.get(markerKey);
  if (marker?.state === 'done') return { chain, outcome: 'done before' };
  const { items, entries } = await legacyEntries(db, chain);
  if (!marker && entries.length === 0) return { chain, outcome: 'nothing to do' };

  let started = marker;
  if (!started) {
    checkLegacy(chain, entries);
    const last = entries.at(-1)!;
    started = { ...markerKey, itemType: 'Migration', state: 'running', startedAt: now().toISOString(), legacyHeadSeq: last.seq, legacyHeadHash: last.hash };
    await db.put({ TableName: db.tableName, Item: started, ConditionExpression: 'attribute_not_exists(PK)' }, () => new ConflictError('Another migration of this chain started meanwhile'));
  }
  const legacyHeadHash = String(started.legacyHeadHash);
  const legacyCount = Number(started.legacyHeadSeq);
  const opening: AuditRecord = {
    at: String(started.startedAt),
    actor: 'migration',
    entity: 'audit_chain',
    entityId: chain.projectId ?? chain.consortiumId,
    action: 'migrate',
    changes: { legacyHeadHash: { before: null, after: legacyHeadHash }, legacyEntries: { before: null, after: legacyCount } },
  };
  const recordAt = (seq: number): { record: AuditRecord; eventId: string } => {
    if (seq === 1) return { record: opening, eventId: OPENING_EVENT_ID };
    const { at, actor, entity, entityId, action, changes } = entries[seq - 2]!;
    return { record: { at, actor, entity, entityId, action, changes }, eventId: migratedEventId(seq - 1) };
  };

  // Resumes after the last link written (a crash leaves whole transactions only).
  const headItem = await db.get(chainHeadKey(chain));
  let head = headItem ? { seq: Number(headItem.seq), hash: String(headItem.hash) } : undefined;
  while ((head?.seq ?? 0) < legacyCount + 1) {
    const ops: TxOp[] = [];
    const previousSeq = head?.seq;
    for (let seq = (head?.seq ?? 0) + 1; seq <= legacyCount + 1 && ops.length < LINKS_PER_TRANSACTION * 2; seq++) {
      const { record, eventId } = recordAt(seq);
      const { event, personal } = eventOf(record, eventId);
      const entry = chainEntry(event, head);
      head = entry;
      ops.push({ write: linkPut(db.tableName, chain, entry) });
      if (personal) ops.push({ write: { Put: { TableName: db.tableName, Item: personalItem(chain, eventId, personal) } } });
    }
    ops.push({ write: headMove(db.tableName, chain, head!, previousSeq, now()) });
    await db.transact(ops);
  }

  await db.deleteAll([...items.map((item): Key => ({ PK: String(item.PK), SK: String(item.SK) })), legacyChainHeadKey(chain)]);
  await db.putAll([{ ...started, state: 'done', doneAt: now().toISOString() }]);
  // Events written by the new format while the chain waited for its history.
  await sealerStore(db, now).sealChain(chain);
  return { chain, outcome: 'migrated', legacyEntries: legacyCount, legacyHeadHash };
}

/** The migration that adds the person index keys to entries sealed before they existed. */
export const PERSON_INDEX_MIGRATION = 'person-index';

/** Entries read, and updated at most, per round; the marker records the last one after each. */
const INDEX_PAGE = 100;

export type IndexMigration =
  | { chain: AuditChain; outcome: 'nothing to do' }
  | { chain: AuditChain; outcome: 'done before' }
  | { chain: AuditChain; outcome: 'indexed'; entries: number };

type IndexedFields = Pick<AuditEntry, 'seq' | 'eventId' | 'actor' | 'entity' | 'entityId'>;

/**
 * The update that gives a sealed entry its person index keys, and nothing else: the entry's
 * content stays exactly as sealed. Answers undefined when the item has them already.
 */
export function personIndexUpdate(tableName: string, chain: AuditChain, item: Item): UpdateInput | undefined {
  const entry = entityOf<IndexedFields>(item);
  const keys = Object.entries(linkIndexKeys(chain, entry));
  if (keys.every(([name, value]) => item[name] === value)) return undefined;
  return {
    TableName: tableName,
    Key: chainLinkKey(chain, entry.seq),
    UpdateExpression: `SET ${keys.map((_, index) => `#k${index} = :k${index}`).join(', ')}`,
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeNames: Object.fromEntries(keys.map(([name], index) => [`#k${index}`, name])),
    ExpressionAttributeValues: Object.fromEntries(keys.map(([, value], index) => [`:k${index}`, value])),
  };
}

class EntryGone extends AppError {
  readonly code = 'conflict';
}

/**
 * Adds the person index keys to the sealed entries of one chain that lack them, in chain order,
 * recording after each round the last entry seen, so that a run after a crash starts there and a
 * run after the end does nothing. Entries the sealer writes meanwhile carry the keys already.
 */
export async function addPersonIndex(db: Db, chain: AuditChain, now: () => Date = () => new Date()): Promise<IndexMigration> {
  const markerKey = migrationKey(chain, PERSON_INDEX_MIGRATION);
  const marker = await db.get(markerKey);
  if (marker?.state === 'done') return { chain, outcome: 'done before' };
  const startedAt = String(marker?.startedAt ?? now().toISOString());
  let throughSeq = Number(marker?.throughSeq ?? 0);
  let indexed = Number(marker?.indexed ?? 0);
  const range = chainLinksFrom(chain, throughSeq + 1);
  let cursor: string | undefined;
  do {
    const page = await db.queryPage({ on: TABLE_KEYS, partitionValue: range.PK, sortCondition: between(range.from, range.through), limit: INDEX_PAGE, cursor });
    const updates = page.items.flatMap((item) => personIndexUpdate(db.tableName, chain, item) ?? []);
    await Promise.all(
      updates.map((update) =>
        // An entry deleted meanwhile has nothing left to index (verification reports the gap).
        db.update(update, () => new EntryGone('The entry is gone')).catch((error) => {
          if (!(error instanceof EntryGone)) throw error;
        }),
      ),
    );
    indexed += updates.length;
    if (page.items.length > 0) {
      throughSeq = Number(page.items.at(-1)!.seq);
      await db.putAll([{ ...markerKey, itemType: 'Migration', state: 'running', startedAt, throughSeq, indexed }]);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (throughSeq === 0) return { chain, outcome: 'nothing to do' };
  await db.putAll([{ ...markerKey, itemType: 'Migration', state: 'done', startedAt, throughSeq, indexed, doneAt: now().toISOString() }]);
  return { chain, outcome: 'indexed', entries: indexed };
}
