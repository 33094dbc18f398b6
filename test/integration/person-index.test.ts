// The person indexes of sealed audit entries (issue #18): an export or an erasure of one person
// finds the entries they wrote and those about them with two Queries, never a Scan; entries of
// other people and other consortia stay out; the `person-index` migration adds the keys to entries
// sealed before they existed, resumes after a crash and changes nothing the second time.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../dev/migrations';
import { seedDemo } from '../../dev/demo/seed';
import { DEMO_CONSORTIUM_ID } from '../../dev/demo/demo-data';
import type { AuditRecord } from '../../shared/domain/audit';
import { readConsortiumItems } from '../../shared/store/backup';
import { entriesActedBy, entriesNamed, type AuditChain } from '../../shared/store/keys';
import { PERSON_INDEX_MIGRATION, addPersonIndex } from '../../shared/store/migrations';
import { INDEXES } from '../../shared/store/table';
import { COORDINATOR, CONSORTIUM, addDeliverable, createFixture, createTestApi, seedConsortium, v1, type Fixture, type TestApi } from '../support/api';
import { createTestTable } from '../support/table';

type Table = Awaited<ReturnType<typeof createTestTable>>;
type Found = Awaited<ReturnType<TestApi['store']['audit']['entriesNaming']>>;

/** What a found entry is, in a line a failure message can show. */
const described = (found: Found) => found.map(({ chain, entry }) => [chain.projectId ?? '-', entry.actor, entry.entity, entry.entityId, entry.action]);

/** Counts the Queries each index serves while `run` runs. */
async function queriesPerIndex<T>(table: Table, run: () => Promise<T>): Promise<{ result: T; queries: Record<string, number> }> {
  const queries: Record<string, number> = {};
  const name = `count-queries-${Math.random()}`;
  table.client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { IndexName?: string };
      if (String(context.commandName).startsWith('Query')) queries[input.IndexName ?? 'table'] = (queries[input.IndexName ?? 'table'] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    return { result: await run(), queries };
  } finally {
    table.client.middlewareStack.remove(name);
  }
}

describe('entriesNaming: the audit entries naming one person', () => {
  let api: TestApi;
  let fixture: Fixture;
  let anna: string;
  let bruno: string;
  let tick = 0;
  /** Each write at an instant of its own, so that the entries' order is the order of the writes. */
  const as = async (person: string, method: string, path: string, body?: unknown) => {
    api.clock.set(new Date(Date.parse('2026-11-23T10:00:00Z') + ++tick * 1000).toISOString());
    const answer = await api.call(method, path, body, { as: person });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    return answer.body;
  };

  beforeAll(async () => {
    api = await createTestApi();
    fixture = await createFixture(api);
    const annaDeliverable = await addDeliverable(api, fixture, { ownerMemberId: fixture.members[1].id });
    const brunoDeliverable = await addDeliverable(api, fixture, { ownerMemberId: fixture.members[2].id });
    anna = (await as(COORDINATOR, 'POST', `${v1}/people`, { email: 'anna@example.org', name: 'Anna Verdi', language: 'it', role: 'member', memberId: fixture.members[1].id })).id;
    bruno = (await as(COORDINATOR, 'POST', `${v1}/people`, { email: 'bruno@example.org', name: 'Bruno Neri', language: 'it', role: 'member', memberId: fixture.members[2].id })).id;
    for (let index = 0; index < 3; index++) {
      await as(anna, 'POST', `${fixture.projectPath}/deliverables/${annaDeliverable.id}/log`, { note: `Anna ${index}`, percent: 10 * (index + 1) });
      await as(bruno, 'POST', `${fixture.projectPath}/deliverables/${brunoDeliverable.id}/log`, { note: `Bruno ${index}`, percent: 10 * (index + 1) });
    }
    await as(COORDINATOR, 'PATCH', `${v1}/people/${anna}`, { version: 1, name: 'Anna Verdi Rossi' });
    await as(COORDINATOR, 'PATCH', `${v1}/people/${bruno}`, { version: 1, name: 'Bruno Neri Bianchi' });
    await as(COORDINATOR, 'DELETE', `${v1}/people/${anna}?version=2`);
    // The coordinator edits their own membership: an entry both by and about them.
    const me = await as(COORDINATOR, 'GET', `${v1}/people/${COORDINATOR}`);
    await as(COORDINATOR, 'PATCH', `${v1}/people/${COORDINATOR}`, { version: me.version, name: 'Coordinator Renamed' });
  });
  afterAll(() => api.table.drop());

  it('finds what a person did and what was recorded about them, in every chain, in order, and nobody else’s', async () => {
    const found = await api.store.audit.entriesNaming(CONSORTIUM, anna);
    expect(described(found)).toEqual([
      ['-', COORDINATOR, 'person', anna, 'invite'],
      [fixture.project.id, anna, 'deliverable', expect.any(String), expect.any(String)],
      [fixture.project.id, anna, 'deliverable', expect.any(String), expect.any(String)],
      [fixture.project.id, anna, 'deliverable', expect.any(String), expect.any(String)],
      ['-', COORDINATOR, 'person', anna, 'update'],
      ['-', COORDINATOR, 'person', anna, 'remove'],
    ]);
    const ids = found.map(({ entry }) => entry.eventId);
    expect(ids).toEqual([...ids].sort());

    const brunos = await api.store.audit.entriesNaming(CONSORTIUM, bruno);
    expect(brunos).toHaveLength(5);
    expect(brunos.every(({ entry }) => entry.actor === bruno || entry.entityId === bruno)).toBe(true);
    expect(brunos.some(({ entry }) => entry.actor === anna || entry.entityId === anna)).toBe(false);
    expect(await api.store.audit.entriesNaming(CONSORTIUM, 'nobody')).toEqual([]);
  });

  it('answers the entries exactly as sealed in their chains', async () => {
    const found = await api.store.audit.entriesNaming(CONSORTIUM, anna);
    expect(found.length).toBeGreaterThan(0);
    for (const { chain, entry } of found) {
      const sealed = [];
      for await (const linked of api.store.audit.readChain(chain)) if (linked.eventId === entry.eventId) sealed.push(linked);
      expect(sealed).toEqual([entry]);
    }
  });

  it('answers an entry both by and about the person once', async () => {
    const found = await api.store.audit.entriesNaming(CONSORTIUM, COORDINATOR);
    const selfEdits = found.filter(({ entry }) => entry.entity === 'person' && entry.entityId === COORDINATOR);
    expect(selfEdits.map(({ entry }) => [entry.actor, entry.action])).toEqual([[COORDINATOR, 'update']]);
    // Everything the fixture did through the API is the coordinator's.
    expect(found.filter(({ entry }) => entry.entity === 'member')).toHaveLength(3);
    expect(new Set(found.map(({ chain, entry }) => `${chain.projectId}/${entry.eventId}`)).size).toBe(found.length);
  });

  it('reads both index partitions to their end, a page at a time', async () => {
    const whole = await api.store.audit.entriesNaming(CONSORTIUM, anna);
    const { result, queries } = await queriesPerIndex(api.table, () => api.store.audit.entriesNaming(CONSORTIUM, anna, { pageSize: 2 }));
    expect(result).toEqual(whole);
    // Three entries by Anna and three about her: two pages at least on each index, and no Scan.
    expect(queries[INDEXES.byOwner.name]).toBeGreaterThanOrEqual(2);
    expect(queries[INDEXES.byDueDate.name]).toBeGreaterThanOrEqual(2);
    expect(queries.table).toBeUndefined();
  });

  it("leaves out the same person's entries in another consortium", async () => {
    await seedConsortium(api, 'othercoop');
    const record: AuditRecord = { at: '2026-11-23T12:00:00.000Z', actor: anna, entity: 'member', entityId: 'elsewhere', action: 'create', changes: {} };
    await api.store.audit.transact({ consortiumId: 'othercoop' }, [], record);
    expect(described(await api.store.audit.entriesNaming('othercoop', anna))).toEqual([['-', anna, 'member', 'elsewhere', 'create']]);
    expect((await api.store.audit.entriesNaming(CONSORTIUM, anna)).some(({ entry }) => entry.entityId === 'elsewhere')).toBe(false);
  });
});

describe('the person-index migration', () => {
  const tables: Table[] = [];
  afterAll(async () => {
    for (const table of tables) await table.drop();
  });
  const freshTable = async () => {
    const table = await createTestTable();
    tables.push(table);
    return table;
  };

  const at = (index: number) => new Date(Date.parse('2025-05-01T08:00:00Z') + index * 1000).toISOString();
  /** `count` entries in `chain`, alternating between Anna's invitation and updates and Bruno's own writes. */
  async function writeEntries(table: Table, chain: AuditChain, count: number) {
    for (let index = 0; index < count; index++) {
      const record: AuditRecord =
        index % 2 === 0
          ? { at: at(index), actor: 'coordinator', entity: 'person', entityId: 'anna', action: index === 0 ? 'invite' : 'update', changes: { language: { before: 'it', after: 'en' } } }
          : { at: at(index), actor: 'bruno', entity: 'deliverable', entityId: 'd1', action: 'log_progress', changes: { reportedPercent: { before: 0, after: index } } };
      await table.store.audit.transact(chain, [], record);
    }
  }

  /** Takes the person index keys off every sealed entry: the table as an older sealer left it. */
  async function removePersonIndexKeys(table: Table, consortiumId: string): Promise<number> {
    const links = (await readConsortiumItems(table.client, table.tableName, consortiumId)).filter((item) => item.itemType?.S === 'AuditEntry');
    for (const link of links) {
      await table.client.send(
        new UpdateCommand({ TableName: table.tableName, Key: { PK: link.PK!.S, SK: link.SK!.S }, UpdateExpression: 'REMOVE GSI2PK, GSI2SK, GSI3PK, GSI3SK' }),
      );
    }
    return links.length;
  }

  const snapshot = async (table: Table, consortiumId: string) => JSON.stringify(await readConsortiumItems(table.client, table.tableName, consortiumId));

  it('indexes entries sealed without the keys, leaves them as sealed, and changes nothing the second time', async () => {
    const table = await freshTable();
    const chain = { consortiumId: 'coop', projectId: 'net' };
    await writeEntries(table, chain, 9);
    const before = await table.store.audit.entriesNaming('coop', 'anna');
    expect(before).toHaveLength(5);
    expect(await removePersonIndexKeys(table, 'coop')).toBe(9);
    expect(await table.store.audit.entriesNaming('coop', 'anna')).toEqual([]);
    expect(await table.store.audit.entriesNaming('coop', 'bruno')).toEqual([]);

    expect(await addPersonIndex(table.store.db, chain)).toEqual({ chain, outcome: 'indexed', entries: 9 });
    expect(await table.store.audit.entriesNaming('coop', 'anna')).toEqual(before);
    expect(await table.store.audit.entriesNaming('coop', 'bruno')).toHaveLength(4);
    expect(await table.store.audit.entriesNaming('coop', 'coordinator')).toHaveLength(5);
    expect(await table.store.audit.verify(chain)).toEqual({ valid: true, checked: 9, unsealed: 0 });

    const raw = await snapshot(table, 'coop');
    expect(await addPersonIndex(table.store.db, chain)).toEqual({ chain, outcome: 'done before' });
    expect(await snapshot(table, 'coop')).toBe(raw);
  });

  it('has nothing to do on a chain without entries, and leaves no marker there', async () => {
    const table = await freshTable();
    const chain = { consortiumId: 'coop' };
    expect(await addPersonIndex(table.store.db, chain)).toEqual({ chain, outcome: 'nothing to do' });
    expect(await snapshot(table, 'coop')).toBe('[]');
  });

  it('resumes after a crash from the last entry it recorded, and indexes every entry', async () => {
    const table = await freshTable();
    const chain = { consortiumId: 'coop' };
    await writeEntries(table, chain, 250);
    await removePersonIndexKeys(table, 'coop');

    let updates = 0;
    table.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (String(context.commandName).startsWith('Update') && ++updates === 150) throw new Error('the migration crashed');
        return next(args);
      },
      { step: 'initialize', name: 'crashIndexing' },
    );
    await expect(addPersonIndex(table.store.db, chain)).rejects.toThrow(/crashed/);
    table.client.middlewareStack.remove('crashIndexing');

    const starts: unknown[] = [];
    table.client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { ExpressionAttributeValues?: Record<string, unknown> };
        if (String(context.commandName).startsWith('Query') && input.ExpressionAttributeValues?.[':from']) starts.push(input.ExpressionAttributeValues[':from']);
        return next(args);
      },
      { step: 'initialize', name: 'watchResume' },
    );
    const resumed = await addPersonIndex(table.store.db, chain);
    table.client.middlewareStack.remove('watchResume');
    // The first round of 100 was recorded before the crash: the run after it starts at entry 101.
    expect(starts[0]).toBe('LINK#000000000101');
    expect(resumed).toMatchObject({ chain, outcome: 'indexed' });

    const found = await table.store.audit.entriesNaming('coop', 'anna');
    expect(found).toHaveLength(125);
    expect((await table.store.audit.entriesNaming('coop', 'bruno')).length).toBe(125);
    expect(found.map(({ entry }) => entry.seq)).toEqual(Array.from({ length: 125 }, (_, index) => 2 * index + 1));
    expect(await addPersonIndex(table.store.db, chain)).toEqual({ chain, outcome: 'done before' });
  });

  it('runs with the other migrations for every chain of every consortium (npm run migrate, npm start)', async () => {
    const table = await freshTable();
    await table.store.consortia.put({
      id: 'coop', name: 'Coop', orgId: 'IT-CF-00000000001', timeZone: 'Europe/Rome', language: 'en', version: 1,
      createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z',
    });
    await writeEntries(table, { consortiumId: 'coop' }, 4);
    await removePersonIndexKeys(table, 'coop');

    const lines: string[] = [];
    expect(await runMigrations(table.store, (line) => lines.push(line))).toBe(1);
    expect(lines).toEqual([expect.stringContaining(`${PERSON_INDEX_MIGRATION}: consortium coop: 4 entries indexed`)]);
    expect(await table.store.audit.entriesNaming('coop', 'anna')).toHaveLength(2);
    expect(await runMigrations(table.store, () => {})).toBe(0);
  });
});

describe('every writer of sealed entries', () => {
  it('gives the demo seed’s entries the person index keys', async () => {
    const table = await createTestTable();
    try {
      await seedDemo(table.store, { now: () => new Date('2026-11-23T09:00:00Z') });
      const links = (await readConsortiumItems(table.client, table.tableName, DEMO_CONSORTIUM_ID)).filter((item) => item.itemType?.S === 'AuditEntry');
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) {
        expect(link.GSI3PK?.S).toBe(entriesActedBy(DEMO_CONSORTIUM_ID, link.actor!.S!).GSI3PK);
        if (link.entity!.S === 'person') expect(link.GSI2PK?.S).toBe(entriesNamed(DEMO_CONSORTIUM_ID, link.entityId!.S!).GSI2PK);
        else expect(link.GSI2PK).toBeUndefined();
      }
      const people = links.filter((link) => link.entity!.S === 'person');
      expect(people.length).toBeGreaterThan(0);
      const named = await table.store.audit.entriesNaming(DEMO_CONSORTIUM_ID, people[0]!.entityId!.S!);
      expect(named.some(({ entry }) => entry.entity === 'person')).toBe(true);
    } finally {
      await table.drop();
    }
  });
});
