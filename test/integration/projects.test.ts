// Projects, phases and the overview through the HTTP app against DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDeliverable, createFixture, createTestApi, v1, type Fixture, type TestApi } from '../support/api';

let api: TestApi;
let fixture: Fixture;

beforeAll(async () => {
  api = await createTestApi('2026-11-23T09:00:00Z');
  fixture = await createFixture(api);
});
afterAll(() => api.table.drop());

const projectBody = () => ({
  title: 'Second project', funderId: fixture.funder.id, call: 'Call 2027', grantCents: 1_000_000, cofinancingCents: 0,
  startDate: '2027-01-01', endDate: '2027-12-31',
  partners: [{ memberId: fixture.members[1].id, role: 'lead', budgetShareCents: 1_000_000 }],
});

async function projectCount() {
  return (await api.call('GET', `${v1}/projects?limit=100`)).body.items.length;
}

describe('projects', () => {
  it('creates a project in euro, lists it with its progress and reads it back', async () => {
    const created = await api.call('POST', `${v1}/projects`, projectBody());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ currency: 'EUR', grantCents: 1_000_000, objectives: [], version: 1 });

    const list = await api.call('GET', `${v1}/projects`);
    const listed = list.body.items.find((p: { id: string }) => p.id === created.body.id);
    expect(listed.progress).toMatchObject({ deliverables: 0, acceptedPercent: 0 });
    expect((await api.call('GET', `${v1}/projects/${created.body.id}`)).body.title).toBe('Second project');
  });

  it('answers 400 naming an unknown funder or partner member, and writes nothing', async () => {
    const before = await projectCount();
    const funder = await api.call('POST', `${v1}/projects`, { ...projectBody(), funderId: 'nobody' });
    expect(funder.status).toBe(400);
    expect(funder.body.errors).toEqual([expect.objectContaining({ path: 'funderId' })]);

    const partner = await api.call('POST', `${v1}/projects`, {
      ...projectBody(),
      partners: [...projectBody().partners, { memberId: 'ghost', role: 'partner', budgetShareCents: 0 }],
    });
    expect(partner.status).toBe(400);
    expect(partner.body.errors).toEqual([expect.objectContaining({ path: 'partners.1.memberId' })]);
    expect(await projectCount()).toBe(before);
  });

  it('answers 400 for money that is not integer cents and an end before the start', async () => {
    const money = await api.call('POST', `${v1}/projects`, { ...projectBody(), grantCents: 10.5 });
    expect(money.status).toBe(400);
    expect(money.body.errors[0].path).toBe('grantCents');

    const dates = await api.call('POST', `${v1}/projects`, { ...projectBody(), endDate: '2026-06-30' });
    expect(dates.status).toBe(400);
    expect(dates.body.errors[0].path).toBe('endDate');

    const patched = await api.call('PATCH', fixture.projectPath, { version: 1, endDate: '2025-12-31' });
    expect(patched.status).toBe(400);
    expect(patched.body.errors[0].path).toBe('endDate');
  });

  it('updates a project with its version, and refuses a stale one', async () => {
    const { body: created } = await api.call('POST', `${v1}/projects`, projectBody());
    const updated = await api.call('PATCH', `${v1}/projects/${created.id}`, { version: 1, title: 'Renamed' });
    expect(updated.body).toMatchObject({ title: 'Renamed', version: 2 });
    const stale = await api.call('PATCH', `${v1}/projects/${created.id}`, { version: 1, title: 'Again' });
    expect(stale.status).toBe(409);
  });

  it('answers 400 naming the cursor when an attribute was added to or removed from it', async () => {
    const first = await api.call('GET', `${v1}/projects?limit=1`);
    const lastKey = JSON.parse(Buffer.from(first.body.nextCursor, 'base64url').toString('utf8'));
    const { SK: _removed, ...withoutOne } = lastKey;
    const reshaped = { added: { ...lastKey, title: 'x' }, removed: withoutOne };

    for (const [label, key] of Object.entries(reshaped)) {
      const cursor = Buffer.from(JSON.stringify(key)).toString('base64url');
      const answer = await api.call('GET', `${v1}/projects?limit=1&cursor=${cursor}`);
      expect(answer.status, label).toBe(400);
      expect(answer.body.errors, label).toEqual([expect.objectContaining({ in: 'query', path: 'cursor' })]);
    }
    expect((await api.call('GET', `${v1}/projects?limit=1&cursor=${first.body.nextCursor}`)).status).toBe(200);
  });
});

describe('phases', () => {
  it('lists the phases in order with their derived progress', async () => {
    const phases = await api.call('GET', `${fixture.projectPath}/phases`);
    expect(phases.body.items.map((p: { order: number }) => p.order)).toEqual([1, 2]);
    expect(phases.body.items[0].progress).toHaveProperty('acceptedPercent');
  });

  it('closes a phase only once all its deliverables are accepted, and then refuses new ones in it', async () => {
    const { body: phase } = await api.call('POST', `${fixture.projectPath}/phases`, {
      order: 3, title: 'Third', plannedStart: '2028-01-01', plannedEnd: '2028-12-31',
    });
    const path = `${fixture.projectPath}/phases/${phase.id}`;
    const active = await api.call('PATCH', path, { version: 1, status: 'active' });
    const deliverable = await addDeliverable(api, fixture, { phaseId: phase.id, weight: 2 });

    const early = await api.call('PATCH', path, { version: active.body.version, status: 'closed' });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/1 planned/);

    const deliverablePath = `${fixture.projectPath}/deliverables/${deliverable.id}`;
    await api.call('POST', `${deliverablePath}/submit`, {});
    await api.call('POST', `${deliverablePath}/review`, { decision: 'accepted' });
    const read = await api.call('GET', path);
    expect(read.body.progress).toMatchObject({ acceptedPercent: 100, deliverables: 1 });

    const closed = await api.call('PATCH', path, { version: read.body.version, status: 'closed' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: '2026-11-23T09:00:00.000Z' });

    const added = await api.call('POST', `${fixture.projectPath}/deliverables`, {
      phaseId: phase.id, ownerMemberId: fixture.members[0].id, title: 'Late', kind: 'report', dueDate: '2028-06-01',
    });
    expect(added.status).toBe(409);

    const reopened = await api.call('PATCH', path, { version: closed.body.version, status: 'active' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.closedAt).toBeUndefined();
  });

  it('refuses a phase transition the machine forbids and a phase ending before it starts', async () => {
    const planned = fixture.phases[1];
    const closeFromPlanned = await api.call('PATCH', `${fixture.projectPath}/phases/${planned.id}`, { version: planned.version, status: 'closed' });
    expect(closeFromPlanned.status).toBe(409);
    expect(closeFromPlanned.body.type).toBe('urn:rete:problem:invalid_transition');

    const dates = await api.call('PATCH', `${fixture.projectPath}/phases/${planned.id}`, { version: planned.version, plannedEnd: '2026-01-01' });
    expect(dates.status).toBe(400);
    expect(dates.body.errors[0].path).toBe('plannedEnd');
  });

  it('answers 404 for a phase of an unknown project', async () => {
    const response = await api.call('POST', `${v1}/projects/nothing/phases`, {
      order: 1, title: 'X', plannedStart: '2027-01-01', plannedEnd: '2027-02-01',
    });
    expect(response.status).toBe(404);
  });
});

describe('the overview', () => {
  it('lists overdue and due-soon deliverables by due date, as of today in Rome', async () => {
    const { body: project } = await api.call('POST', `${v1}/projects`, {
      ...projectBody(), partners: fixture.members.map((m: { id: string }) => ({ memberId: m.id, role: 'partner', budgetShareCents: 0 })),
    });
    const projectPath = `${v1}/projects/${project.id}`;
    const { body: phase } = await api.call('POST', `${projectPath}/phases`, {
      order: 1, title: 'Only', plannedStart: '2026-01-01', plannedEnd: '2027-12-31',
    });
    const local = { ...fixture, project, projectPath, phases: [phase] };
    // 23:30 UTC on 22 November is already 23 November in Rome.
    api.clock.set('2026-11-22T23:30:00Z');
    const due = ['2026-11-01', '2026-11-22', '2026-11-23', '2026-12-07', '2026-12-08', '2027-03-01'];
    const made = [];
    for (const dueDate of due) made.push(await addDeliverable(api, local, { dueDate, title: `Due ${dueDate}` }));
    const done = made[1];
    await api.call('POST', `${projectPath}/deliverables/${done.id}/submit`, {});
    await api.call('POST', `${projectPath}/deliverables/${done.id}/review`, { decision: 'accepted' });

    const overview = await api.call('GET', `${projectPath}/overview`);
    expect(overview.status).toBe(200);
    expect(overview.body.today).toBe('2026-11-23');
    expect(overview.body.overdue.items.map((d: { dueDate: string }) => d.dueDate)).toEqual(['2026-11-01']);
    expect(overview.body.dueSoon.items.map((d: { dueDate: string }) => d.dueDate)).toEqual(['2026-11-23', '2026-12-07']);
    expect(overview.body.overdue.more).toBe(false);
    expect(overview.body.progress.counts).toMatchObject({ planned: 5, accepted: 1 });
    expect(overview.body.phases[0].progress.acceptedPercent).toBe(16.7);
    api.clock.set('2026-11-23T09:00:00Z');
  });

  it('answers 404 for an unknown project', async () => {
    expect((await api.call('GET', `${v1}/projects/nothing/overview`)).status).toBe(404);
  });
});
