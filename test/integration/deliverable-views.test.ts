// What the deliverables' reads tell each caller beyond the stored deliverable: whether it is overdue
// or due soon, and which actions this caller may take, so that no client works them out again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDeliverable, addPerson, CONSORTIUM, COORDINATOR, createFixture, createTestApi, v1, type Fixture, type TestApi } from '../support/api';

let api: TestApi;
let fixture: Fixture;
let overdue: { id: string };
let dueSoon: { id: string };
let later: { id: string };

beforeAll(async () => {
  // Today is 2026-11-23 in the consortium's time zone.
  api = await createTestApi('2026-11-23T09:00:00Z');
  fixture = await createFixture(api);
  overdue = await addDeliverable(api, fixture, { title: 'Overdue', dueDate: '2026-11-20' });
  dueSoon = await addDeliverable(api, fixture, { title: 'Due soon', dueDate: '2026-12-07' });
  later = await addDeliverable(api, fixture, { title: 'Later', dueDate: '2026-12-08' });
  await addPerson(api, { id: 'owner', consortiumId: CONSORTIUM, role: 'member', memberId: fixture.members[0].id });
  await addPerson(api, { id: 'other-partner', consortiumId: CONSORTIUM, role: 'member', memberId: fixture.members[1].id });
  await addPerson(api, { id: 'funder', consortiumId: CONSORTIUM, role: 'funder', funderId: fixture.funder.id });
});
afterAll(() => api.table.drop());

const read = (id: string, as: string) => api.call('GET', `${fixture.projectPath}/deliverables/${id}`, undefined, { as });

describe("a deliverable's deadline", () => {
  it('says overdue, due soon (within 14 days) or nothing, in the list, the detail, the overview and a member\'s open work', async () => {
    const list = await api.call('GET', `${fixture.projectPath}/deliverables?limit=100`);
    const deadlines = Object.fromEntries(list.body.items.map((d: { title: string; deadline: string | null }) => [d.title, d.deadline]));
    expect(deadlines).toEqual({ Overdue: 'overdue', 'Due soon': 'due_soon', Later: null });
    expect((await read(overdue.id, COORDINATOR)).body.deadline).toBe('overdue');

    const overview = await api.call('GET', `${fixture.projectPath}/overview`);
    expect(overview.body.overdue.items.map((d: { deadline: string }) => d.deadline)).toEqual(['overdue']);
    expect(overview.body.dueSoon.items.map((d: { deadline: string }) => d.deadline)).toEqual(['due_soon']);

    const mine = await api.call('GET', `${v1}/members/${fixture.members[0].id}/deliverables`, undefined, { as: 'owner' });
    expect(mine.body.items.map((d: { deadline: string | null }) => d.deadline)).toEqual(['overdue', 'due_soon', null]);
  });

  it('is no longer overdue once accepted', async () => {
    const path = `${fixture.projectPath}/deliverables/${later.id}`;
    await api.call('PATCH', path, { version: 1, dueDate: '2026-11-01' });
    expect((await read(later.id, COORDINATOR)).body.deadline).toBe('overdue');
    await api.call('POST', `${path}/submit`, {});
    await api.call('POST', `${path}/review`, { decision: 'accepted' });
    expect((await read(later.id, COORDINATOR)).body.deadline).toBeNull();
  });
});

describe("a deliverable's actions", () => {
  it('are log and submit for its owner and coordinators while the work is open, nothing for another partner or the funder', async () => {
    expect((await read(dueSoon.id, 'owner')).body.actions).toEqual(['log', 'submit']);
    expect((await read(dueSoon.id, COORDINATOR)).body.actions).toEqual(['log', 'submit']);
    expect((await read(dueSoon.id, 'other-partner')).body.actions).toEqual([]);
    expect((await read(dueSoon.id, 'funder')).body.actions).toEqual([]);
  });

  it('are review for coordinators only once it is submitted', async () => {
    await api.call('POST', `${fixture.projectPath}/deliverables/${overdue.id}/submit`, {}, { as: 'owner' });
    expect((await read(overdue.id, COORDINATOR)).body.actions).toEqual(['review']);
    expect((await read(overdue.id, 'owner')).body.actions).toEqual([]);
    const list = await api.call('GET', `${fixture.projectPath}/deliverables?limit=100`, undefined, { as: 'owner' });
    expect(list.body.items.find((d: { id: string }) => d.id === overdue.id).actions).toEqual([]);
  });
});

describe("a phase's actions", () => {
  const phasePath = (index: number) => `${fixture.projectPath}/phases/${fixture.phases[index].id}`;

  it('are start for a planned phase, and nothing for an active one whose deliverables are open, nor for a member', async () => {
    expect((await api.call('GET', phasePath(1))).body.actions).toEqual(['start']);
    expect((await api.call('GET', phasePath(0))).body.actions).toEqual([]);
    expect((await api.call('GET', phasePath(1), undefined, { as: 'owner' })).body.actions).toEqual([]);
    const overview = await api.call('GET', `${fixture.projectPath}/overview`);
    expect(overview.body.phases.map((p: { actions: string[] }) => p.actions)).toEqual([[], ['start']]);
  });

  it('are close once every deliverable of an active phase is accepted, then reopen', async () => {
    const { body: started } = await api.call('PATCH', phasePath(1), { version: fixture.phases[1].version, status: 'active' });
    expect((await api.call('GET', phasePath(1))).body.actions).toEqual(['close']);
    await api.call('PATCH', phasePath(1), { version: started.version, status: 'closed' });
    const list = await api.call('GET', `${fixture.projectPath}/phases`);
    expect(list.body.items.map((p: { actions: string[] }) => p.actions)).toEqual([[], ['reopen']]);
  });
});
