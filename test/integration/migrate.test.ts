// `npm run migrate`'s audit-events migration: chains of the format before events (entries appended
// by each write, personal values inside) become chains of events, in their original order, opening
// with an entry that records the old head's hash; personal values move beside the chain. A second
// run changes nothing; a run after a crash finishes the job; the migrated demo verifies.
import { afterAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, legacyEntryHash, type AuditRecord, type LegacyEntry } from '../../shared/domain/audit';
import { readConsortiumItems } from '../../shared/store/backup';
import type { Db } from '../../shared/store/db';
import { legacyChainHeadKey, legacyEntriesOf, type AuditChain } from '../../shared/store/keys';
import { migrateChainToEvents } from '../../shared/store/migrations';
import { sealerStore } from '../../shared/store/sealer';
import { buildDemo } from '../../dev/demo/demo-data';
import { demoHistory, demoItems } from '../../dev/demo/seed';
import { createTestTable } from '../support/table';

const tables: Awaited<ReturnType<typeof createTestTable>>[] = [];
afterAll(async () => {
  for (const table of tables) await table.drop();
});

async function freshTable() {
  const table = await createTestTable({ sealing: 'background' });
  table.sealing.stop();
  tables.push(table);
  return table;
}

/** Writes `records` as a chain of the old format: entries ENTRY#<seq> and the head HEAD. */
async function writeLegacyChain(db: Db, chain: AuditChain, records: AuditRecord[]): Promise<LegacyEntry[]> {
  const entries: LegacyEntry[] = [];
  let previous = GENESIS_HASH;
  for (const [index, record] of records.entries()) {
    const linked = { ...record, seq: index + 1, prevHash: previous };
    const entry = { ...linked, hash: legacyEntryHash(linked) };
    entries.push(entry);
    previous = entry.hash;
  }
  const { PK, skPrefix } = legacyEntriesOf(chain);
  await db.putAll([
    ...entries.map((entry) => ({ PK, SK: `${skPrefix}${String(entry.seq).padStart(12, '0')}`, itemType: 'AuditEntry', ...entry })),
    ...(entries.length > 0 ? [{ ...legacyChainHeadKey(chain), itemType: 'AuditHead', seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash }] : []),
  ]);
  return entries;
}

const at = (minute: number) => `2025-03-01T09:${String(minute).padStart(2, '0')}:00.000Z`;
const personRecords = (): AuditRecord[] => [
  { at: at(0), actor: 'coordinator', entity: 'member', entityId: 'alfa', action: 'create', changes: { name: { before: null, after: 'Alfa coop' } } },
  { at: at(1), actor: 'coordinator', entity: 'person', entityId: 'p1', action: 'invite', changes: { name: { before: null, after: 'Giulia Verdi' }, email: { before: null, after: 'giulia.verdi@example.org' }, role: { before: null, after: 'member' } } },
  { at: at(2), actor: 'coordinator', entity: 'person', entityId: 'p1', action: 'update', changes: { email: { before: 'giulia.verdi@example.org', after: 'g.verdi@example.org' } } },
  { at: at(3), actor: 'coordinator', entity: 'person', entityId: 'p1', action: 'remove', changes: { name: { before: 'Giulia Verdi', after: null }, email: { before: 'g.verdi@example.org', after: null }, role: { before: 'member', after: null } } },
];

/** Every item of the table's consortium, as text: what a second run must leave as it was. */
const snapshot = async (table: Awaited<ReturnType<typeof createTestTable>>, consortiumId: string) =>
  JSON.stringify(await readConsortiumItems(table.client, table.tableName, consortiumId));

describe('npm run migrate: audit chains of the format before events', () => {
  it('rewrites the entries in their order, opens with the old head, moves names and e-mails beside the chain; a second run changes nothing', async () => {
    const table = await freshTable();
    const chain = { consortiumId: 'coop' };
    const legacy = await writeLegacyChain(table.store.db, chain, personRecords());

    expect(await migrateChainToEvents(table.store.db, chain)).toEqual({ chain, outcome: 'migrated', legacyEntries: 4, legacyHeadHash: legacy.at(-1)!.hash });
    expect(await table.store.audit.verify(chain)).toEqual({ valid: true, checked: 5, unsealed: 0 });
    const entries = [];
    for await (const entry of table.store.audit.readChain(chain)) entries.push(entry);
    expect(entries[0]).toMatchObject({ seq: 1, entity: 'audit_chain', action: 'migrate', changes: { legacyHeadHash: { before: null, after: legacy.at(-1)!.hash }, legacyEntries: { before: null, after: 4 } } });
    expect(entries.slice(1).map((entry) => [entry.at, entry.entity, entry.action])).toEqual(legacy.map((entry) => [entry.at, entry.entity, entry.action]));
    // No entry keeps a name or an e-mail: the chain holds salted hashes, the values are beside it.
    const chainText = JSON.stringify(entries);
    for (const personal of ['Giulia Verdi', 'giulia.verdi@example.org', 'g.verdi@example.org']) expect(chainText).not.toContain(personal);
    expect(entries[2]!.changes.email!.after).toEqual({ personal: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // A reader of the trail still sees them, read from beside the chain.
    const listed = await table.store.audit.list(chain, { limit: 10 });
    expect(listed.items.find((entry) => entry.action === 'invite')!.changes).toMatchObject({ name: { after: 'Giulia Verdi' }, email: { after: 'giulia.verdi@example.org' } });
    // The rewritten entries are found by the people they name (the migration seals through linkPut).
    expect((await table.store.audit.entriesNaming('coop', 'p1')).map(({ entry }) => entry.action)).toEqual(['invite', 'update', 'remove']);
    expect(await table.store.audit.entriesNaming('coop', 'coordinator')).toHaveLength(4);
    // The old format is gone.
    const raw = await snapshot(table, 'coop');
    expect(raw).not.toContain('"ENTRY#');
    expect(raw).not.toContain('"HEAD"');

    expect(await migrateChainToEvents(table.store.db, chain)).toEqual({ chain, outcome: 'done before' });
    expect(await snapshot(table, 'coop')).toBe(raw);
  });

  it('keeps new events waiting until the history is migrated, then seals them after it', async () => {
    const table = await freshTable();
    const chain = { consortiumId: 'coop' };
    await writeLegacyChain(table.store.db, chain, personRecords());
    // A write of the new format before the migration ran: the sealer leaves the chain alone.
    await table.store.audit.transact(chain, [], { at: at(9), actor: 'coordinator', entity: 'member', entityId: 'beta', action: 'create', changes: {} });
    expect((await sealerStore(table.store.db).sealChain(chain)).sealed).toBe(0);
    expect(await table.store.audit.verify(chain)).toMatchObject({ checked: 0, unsealed: 1 });

    await migrateChainToEvents(table.store.db, chain);
    expect(await table.store.audit.verify(chain)).toEqual({ valid: true, checked: 6, unsealed: 0 });
    const last = (await table.store.audit.list(chain, { limit: 1 })).items[0]!;
    expect(last).toMatchObject({ seq: 6, entityId: 'beta' });
  });

  it('finishes after a crash midway, with every entry once', async () => {
    const table = await freshTable();
    const chain = { consortiumId: 'coop', projectId: 'net' };
    const many: AuditRecord[] = Array.from({ length: 130 }, (_, index) => ({ at: `2025-04-01T10:00:${String(index % 60).padStart(2, '0')}.${String(index).padStart(3, '0')}Z`, actor: 'member-person', entity: 'deliverable', entityId: `d${index % 7}`, action: 'log_progress', changes: { reportedPercent: { before: index % 100, after: (index + 1) % 100 } } }));
    await writeLegacyChain(table.store.db, chain, many);
    let transactions = 0;
    table.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (String(context.commandName).startsWith('TransactWrite') && ++transactions === 2) throw new Error('the migration crashed');
        return next(args);
      },
      { step: 'initialize', name: 'crashMigration' },
    );
    await expect(migrateChainToEvents(table.store.db, chain)).rejects.toThrow(/crashed/);
    table.client.middlewareStack.remove('crashMigration');
    expect((await table.store.audit.verify(chain)).checked).toBe(80);

    expect(await migrateChainToEvents(table.store.db, chain)).toMatchObject({ outcome: 'migrated', legacyEntries: 130 });
    const ids = [];
    for await (const entry of table.store.audit.readChain(chain)) ids.push(entry.eventId);
    expect(ids.length).toBe(131);
    expect(new Set(ids).size).toBe(131);
    expect(await table.store.audit.verify(chain)).toEqual({ valid: true, checked: 131, unsealed: 0 });
  });

  it('migrates the demo: every chain verifies and no entry keeps a name or an e-mail', async () => {
    const table = await freshTable();
    const demo = buildDemo('2026-11-23', '2026-11-23T09:00:00.000Z');
    const items = demoItems(table.store, demo);
    await table.store.db.putAll(items);
    const history = demoHistory(demo, items);
    const chains = new Map<string, { chain: AuditChain; records: AuditRecord[] }>();
    for (const { chain, record } of history.sort((a, b) => (a.eventId < b.eventId ? -1 : 1))) {
      const id = `${chain.consortiumId}/${chain.projectId ?? ''}`;
      if (!chains.has(id)) chains.set(id, { chain, records: [] });
      chains.get(id)!.records.push(record);
    }
    for (const { chain, records } of chains.values()) await writeLegacyChain(table.store.db, chain, records);

    for (const { chain, records } of chains.values()) {
      expect(await migrateChainToEvents(table.store.db, chain)).toMatchObject({ outcome: 'migrated', legacyEntries: records.length });
      expect(await table.store.audit.verify(chain)).toEqual({ valid: true, checked: records.length + 1, unsealed: 0 });
    }
    const sealed = [];
    for (const { chain } of chains.values()) for await (const entry of table.store.audit.readChain(chain)) sealed.push(entry);
    const chainText = JSON.stringify(sealed);
    const people = items.filter((item) => item.itemType === 'Membership');
    expect(people.length).toBeGreaterThan(0);
    for (const person of people) {
      expect(chainText).not.toContain(String(person.email));
      expect(chainText).not.toContain(String(person.name));
    }
    for (const { chain } of chains.values()) expect(await migrateChainToEvents(table.store.db, chain)).toMatchObject({ outcome: 'done before' });
  });
});
