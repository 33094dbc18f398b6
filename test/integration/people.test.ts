// People and roles through the API: invitations, role changes, removal, and a member's own view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR, addDeliverable, createFixture, createTestApi, v1, type Fixture, type TestApi } from '../support/api';

let api: TestApi;
let fixture: Fixture;

beforeAll(async () => {
  api = await createTestApi();
  fixture = await createFixture(api);
});
afterAll(() => api.table.drop());

// One e-mail per invitation: the identity provider gives one e-mail one person.
let invitations = 0;
const invite = (fields: Record<string, unknown>) =>
  api.call('POST', `${v1}/people`, { email: `anna${++invitations}@example.org`, name: 'Anna Verdi', language: 'it', ...fields });

describe('people', () => {
  it('invites a member person who can then work on its own deliverables only', async () => {
    const invited = await invite({ role: 'member', memberId: fixture.members[1].id });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ role: 'member', memberId: fixture.members[1].id, version: 1 });
    const list = await api.call('GET', `${v1}/people?limit=100`);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(invited.body.id);

    const own = await addDeliverable(api, fixture, { ownerMemberId: fixture.members[1].id });
    const other = await addDeliverable(api, fixture, { ownerMemberId: fixture.members[2].id });
    const as = { as: invited.body.id };
    expect((await api.call('POST', `${fixture.projectPath}/deliverables/${own.id}/log`, { note: 'n', percent: 5 }, as)).status).toBe(200);
    expect((await api.call('POST', `${fixture.projectPath}/deliverables/${other.id}/log`, { note: 'n', percent: 5 }, as)).status).toBe(403);
    expect((await api.call('GET', `${v1}/people`, undefined, as)).status).toBe(403);
  });

  it('names the field when a role lacks or has the wrong link, or links to nothing', async () => {
    const missing = await invite({ role: 'member' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'memberId' })]);
    const wrong = await invite({ role: 'funder', funderId: fixture.funder.id, memberId: fixture.members[0].id });
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'memberId' })]);
    const unknown = await invite({ role: 'funder', funderId: 'nobody' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'funderId' })]);
  });

  it('changes a role, dropping the member link the new role does not need', async () => {
    const { body: person } = await invite({ role: 'member', memberId: fixture.members[0].id });
    const changed = await api.call('PATCH', `${v1}/people/${person.id}`, { version: 1, role: 'coordinator' });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe('coordinator');
    expect(changed.body.memberId).toBeUndefined();
    expect((await api.call('GET', `${v1}/people/${person.id}`)).body.memberId).toBeUndefined();
  });

  it('refuses a coordinator demoting or removing themselves', async () => {
    const me = (await api.call('GET', `${v1}/people/${COORDINATOR}`)).body;
    expect((await api.call('PATCH', `${v1}/people/${COORDINATOR}`, { version: me.version, role: 'member', memberId: fixture.members[0].id })).status).toBe(409);
    expect((await api.call('DELETE', `${v1}/people/${COORDINATOR}?version=${me.version}`)).status).toBe(409);
  });

  it('removes a person with the version read, after which they find no consortium', async () => {
    const { body: person } = await invite({ role: 'funder', funderId: fixture.funder.id });
    expect((await api.call('GET', `${v1}/projects`, undefined, { as: person.id })).status).toBe(200);
    expect((await api.call('DELETE', `${v1}/people/${person.id}?version=7`)).status).toBe(409);
    expect((await api.call('DELETE', `${v1}/people/${person.id}?version=1`)).status).toBe(204);
    expect((await api.call('GET', `${v1}/people/${person.id}`)).status).toBe(404);
    api.clock.set(new Date(api.clock.now().getTime() + 10_000).toISOString());
    expect((await api.call('GET', `${v1}/projects`, undefined, { as: person.id })).status).toBe(404);
  });
});

describe("a member's open deliverables", () => {
  it('lists them across projects by due date, without accepted ones, from one index', async () => {
    const memberId = fixture.members[2].id;
    const { body: second } = await api.call('POST', `${v1}/projects`, {
      title: 'Another project', funderId: fixture.funder.id, call: 'Call', grantCents: 0, cofinancingCents: 0,
      startDate: '2026-01-01', endDate: '2027-12-31', partners: [{ memberId, role: 'lead', budgetShareCents: 0 }],
    });
    const { body: phase } = await api.call('POST', `${v1}/projects/${second.id}/phases`, {
      order: 1, title: 'Only', plannedStart: '2026-01-01', plannedEnd: '2027-12-31',
    });
    const elsewhere = { ...fixture, project: second, projectPath: `${v1}/projects/${second.id}`, phases: [phase] };
    const late = await addDeliverable(api, elsewhere, { ownerMemberId: memberId, dueDate: '2026-10-01' });
    const soon = await addDeliverable(api, fixture, { ownerMemberId: memberId, dueDate: '2026-11-30' });
    const done = await addDeliverable(api, fixture, { ownerMemberId: memberId, dueDate: '2026-11-01' });
    await api.call('POST', `${fixture.projectPath}/deliverables/${done.id}/submit`, {});
    await api.call('POST', `${fixture.projectPath}/deliverables/${done.id}/review`, { decision: 'accepted' });

    const { body } = await api.call('GET', `${v1}/members/${memberId}/deliverables`);
    const ids = body.items.map((d: { id: string }) => d.id);
    expect(ids).toContain(late.id);
    expect(ids).toContain(soon.id);
    expect(ids).not.toContain(done.id);
    const dates = body.items.map((d: { dueDate: string }) => d.dueDate);
    expect(dates).toEqual([...dates].sort());
    expect(body.items.every((d: { ownerMemberId: string }) => d.ownerMemberId === memberId)).toBe(true);
  });
});
