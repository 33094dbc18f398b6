// The registry of consortia: every way a consortium is made lists it, one paginated Query reads
// them all, and the scheduled jobs run for each of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consortium } from '../../shared/domain/consortium';
import { ConflictError } from '../../shared/domain/errors';
import { runForEveryConsortium } from '../../shared/jobs/scheduled';
import { seedDemo } from '../../dev/demo/seed';
import { DEMO_CONSORTIUM_ID } from '../../dev/demo/demo-data';
import { addDeliverable, addPerson, createFixture, createTestApi, seedConsortium, type TestApi } from '../support/api';

const consortium = (id: string): Consortium => ({
  id, name: `Consortium ${id}`, orgId: 'IT-CF-00000000001', timeZone: 'Europe/Rome', language: 'it',
  version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
});

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi('2026-11-23T09:00:00Z');
});
afterAll(() => api.table.drop());

describe('the registry of consortia', () => {
  it('lists consortia created, put and seeded, a page at a time, by id', async () => {
    await api.store.consortia.create(consortium('bravo'), { personId: 'admin', at: '2026-11-23T09:00:00Z' });
    await api.store.consortia.put(consortium('alfa'));
    await seedDemo(api.store, api.clock);

    const first = await api.store.consortia.list({ limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual(['alfa', 'bravo']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await api.store.consortia.list({ limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((item) => item.id)).toEqual([DEMO_CONSORTIUM_ID]);
    expect(second.items[0]).not.toHaveProperty('GSI1PK');

    const all = [];
    for await (const item of api.store.consortia.all()) all.push(item.id);
    expect(all).toEqual(['alfa', 'bravo', DEMO_CONSORTIUM_ID]);
  });

  it('creates a consortium once, with the first entry of its audit chain', async () => {
    await expect(api.store.consortia.create(consortium('bravo'), { personId: 'admin', at: '2026-11-23T10:00:00Z' })).rejects.toBeInstanceOf(ConflictError);
    const { items } = await api.store.audit.list({ consortiumId: 'bravo' }, { limit: 10 });
    expect(items).toEqual([expect.objectContaining({ seq: 1, actor: 'admin', entity: 'consortium', entityId: 'bravo', action: 'create' })]);
    expect(await api.store.audit.verify({ consortiumId: 'bravo' })).toMatchObject({ valid: true, checked: 1 });
  });
});

describe('the scheduled jobs over every consortium', () => {
  it("run the weekly digest for each consortium's people, and say how many consortia they saw", async () => {
    await seedConsortium(api, 'testcoop');
    const fixture = await createFixture(api);
    await addDeliverable(api, fixture, { dueDate: '2026-11-20' });
    await addPerson(api, { id: 'anna', consortiumId: 'testcoop', role: 'member', memberId: fixture.members[0].id });
    api.outbox.clear();

    const deps = { store: api.store, clock: api.clock, mailer: api.outbox, exportQueue: api.exportQueue, origin: 'https://dashboard.example.org' };
    const report = await runForEveryConsortium(deps, 'weekly-digest');

    expect(report).toMatchObject({ job: 'weekly-digest', consortia: 4, failed: [] });
    // The demo's member people and anna each get one digest, linking to the dashboard.
    expect(api.outbox.to('anna@example.org')).toEqual([expect.objectContaining({ text: expect.stringContaining('https://dashboard.example.org/members/') })]);
    expect(report.done).toBe(api.outbox.sent.length);
    expect(api.outbox.sent.length).toBeGreaterThan(1);
    expect((await runForEveryConsortium(deps, 'weekly-digest')).done).toBe(0);
  });

  it('report a consortium that failed and still run the others', async () => {
    // A consortium item whose time zone no calendar knows makes its own jobs fail, nobody else's.
    await api.store.consortia.put({ ...consortium('broken'), timeZone: 'Mars/Olympus_Mons' });
    const deps = { store: api.store, clock: api.clock, mailer: api.outbox, exportQueue: api.exportQueue, origin: 'https://dashboard.example.org' };
    api.clock.set('2026-12-02T09:00:00Z');

    const report = await runForEveryConsortium(deps, 'reporting-schedules');

    expect(report.consortia).toBe(5);
    expect(report.failed).toEqual([{ consortiumId: 'broken', error: expect.stringContaining('Mars/Olympus_Mons') }]);
  });
});
