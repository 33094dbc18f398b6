// Deliverables, their log, submission and review, and the counters they keep, against DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recount } from '../../shared/domain/progress';
import { addDeliverable, createFixture, createTestApi, type Fixture, type TestApi } from '../support/api';
import { installConflictHarness } from '../support/conflicts';

let api: TestApi;
let fixture: Fixture;

beforeAll(async () => {
  api = await createTestApi();
  // Transactions in flight on one item cancel each other, as on AWS (DynamoDB Local never does).
  installConflictHarness(api.table.client);
  fixture = await createFixture(api);
});
afterAll(() => api.table.drop());

const pathOf = (deliverable: { id: string }) => `${fixture.projectPath}/deliverables/${deliverable.id}`;

async function allDeliverables() {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await api.call('GET', `${fixture.projectPath}/deliverables?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

describe('deliverables', () => {
  it('goes from planned through progress and submission to acceptance, logging each step', async () => {
    const deliverable = await addDeliverable(api, fixture, { title: 'Catalogo dei percorsi' });
    expect(deliverable).toMatchObject({ status: 'planned', reportedPercent: 0, weight: 1, version: 1 });

    const logged = await api.call('POST', `${pathOf(deliverable)}/log`, {
      note: 'Bozza pronta', percent: 60, evidence: [{ url: 'https://example.org/bozza.pdf' }],
    });
    expect(logged.status).toBe(200);
    expect(logged.body.deliverable).toMatchObject({ status: 'in_progress', reportedPercent: 60, version: 2 });
    expect(logged.body.entry).toMatchObject({ type: 'progress', percent: 60, note: 'Bozza pronta' });

    const submitted = await api.call('POST', `${pathOf(deliverable)}/submit`, { note: 'Ecco il catalogo' });
    expect(submitted.body.deliverable.status).toBe('submitted');

    const changes = await api.call('POST', `${pathOf(deliverable)}/review`, { decision: 'changes_requested', comment: 'Aggiungere le foto' });
    expect(changes.body.deliverable.status).toBe('changes_requested');

    await api.call('POST', `${pathOf(deliverable)}/submit`, { note: 'Con le foto' });
    const accepted = await api.call('POST', `${pathOf(deliverable)}/review`, { decision: 'accepted' });
    expect(accepted.body.deliverable).toMatchObject({ status: 'accepted', reportedPercent: 100, version: 6 });

    const detail = await api.call('GET', pathOf(deliverable));
    expect(detail.body.recentLog.map((entry: { type: string }) => entry.type)).toEqual([
      'review', 'submission', 'review', 'submission', 'progress',
    ]);
  });

  it('answers 409 to transitions the status machine forbids, and changes nothing', async () => {
    const deliverable = await addDeliverable(api, fixture);
    const accept = await api.call('POST', `${pathOf(deliverable)}/review`, { decision: 'accepted' });
    expect(accept.status).toBe(409);
    expect(accept.body.detail).toMatch(/from planned to accepted/);

    await api.call('POST', `${pathOf(deliverable)}/submit`, {});
    const progress = await api.call('POST', `${pathOf(deliverable)}/log`, { note: 'more', percent: 10 });
    expect(progress.status).toBe(409);

    const stored = await api.call('GET', pathOf(deliverable));
    expect(stored.body).toMatchObject({ status: 'submitted', version: 2 });
    expect(stored.body.recentLog).toHaveLength(1);
  });

  it('requires a comment when requesting changes', async () => {
    const deliverable = await addDeliverable(api, fixture);
    await api.call('POST', `${pathOf(deliverable)}/submit`, {});
    const response = await api.call('POST', `${pathOf(deliverable)}/review`, { decision: 'changes_requested' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'comment' })]);
  });

  it('answers 409 to an action carrying a stale version', async () => {
    const deliverable = await addDeliverable(api, fixture);
    await api.call('POST', `${pathOf(deliverable)}/log`, { note: 'one', percent: 10, version: 1 });
    const stale = await api.call('POST', `${pathOf(deliverable)}/log`, { note: 'two', percent: 20, version: 1 });
    expect(stale.status).toBe(409);
    expect((await api.call('GET', pathOf(deliverable))).body.reportedPercent).toBe(10);
  });

  it('lets exactly one of 20 concurrent updates carrying the same version win', async () => {
    const deliverable = await addDeliverable(api, fixture);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        api.call('PATCH', pathOf(deliverable), { version: 1, title: `Title ${index}` }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const winner = answers.find((answer) => answer.status === 200)!.body;
    expect((await api.call('GET', pathOf(deliverable))).body).toMatchObject({ title: winner.title, version: 2 });
  });

  it('keeps every progress note logged concurrently without a version', async () => {
    const deliverable = await addDeliverable(api, fixture);
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        api.call('POST', `${pathOf(deliverable)}/log`, { note: `note ${index}`, percent: 10 * (index + 1) }),
      ),
    );
    const succeeded = answers.filter((answer) => answer.status === 200).length;
    const log = await api.call('GET', `${pathOf(deliverable)}/log?limit=100`);
    expect(log.body.items).toHaveLength(succeeded);
    expect(succeeded).toBeGreaterThanOrEqual(3);
    expect(answers.every((answer) => answer.status === 200 || answer.status === 409)).toBe(true);
  });

  it('refuses an owner that is not a partner and a phase of another project, naming the field', async () => {
    const { body: outsider } = await api.call('POST', `/api/v1/consortia/${fixture.project.consortiumId}/members`, {
      name: 'Cooperativa Esterna', sector: 'music', orgId: 'IT-CF-90000000000',
    });
    const before = (await allDeliverables()).length;
    const owner = await api.call('POST', `${fixture.projectPath}/deliverables`, {
      phaseId: fixture.phases[0].id, ownerMemberId: outsider.id, title: 'X', kind: 'report', dueDate: '2026-12-01',
    });
    expect(owner.status).toBe(400);
    expect(owner.body.errors).toEqual([expect.objectContaining({ path: 'ownerMemberId' })]);
    const phase = await api.call('POST', `${fixture.projectPath}/deliverables`, {
      phaseId: 'nophase', ownerMemberId: fixture.members[0].id, title: 'X', kind: 'report', dueDate: '2026-12-01',
    });
    expect(phase.status).toBe(400);
    expect(phase.body.errors).toEqual([expect.objectContaining({ path: 'phaseId' })]);
    const dueDate = await api.call('POST', `${fixture.projectPath}/deliverables`, {
      phaseId: fixture.phases[0].id, ownerMemberId: fixture.members[0].id, title: 'X', kind: 'report', dueDate: '2026-02-30',
    });
    expect(dueDate.status).toBe(400);
    expect(dueDate.body.errors).toEqual([expect.objectContaining({ path: 'dueDate' })]);
    expect((await allDeliverables()).length).toBe(before);
  });

  it('answers 404 for a deliverable of another project or an unknown one', async () => {
    expect((await api.call('GET', `${fixture.projectPath}/deliverables/nothing`)).status).toBe(404);
    expect((await api.call('POST', `${fixture.projectPath}/deliverables/nothing/submit`, {})).status).toBe(404);
  });

  it('pages through a deliverable log and filters the list by phase', async () => {
    const deliverable = await addDeliverable(api, fixture, { phaseId: fixture.phases[1].id });
    for (let percent = 10; percent <= 50; percent += 10) {
      await api.call('POST', `${pathOf(deliverable)}/log`, { note: `at ${percent}`, percent });
    }
    const first = await api.call('GET', `${pathOf(deliverable)}/log?limit=2`);
    const second = await api.call('GET', `${pathOf(deliverable)}/log?limit=2&cursor=${first.body.nextCursor}`);
    const third = await api.call('GET', `${pathOf(deliverable)}/log?limit=2&cursor=${second.body.nextCursor}`);
    const notes = [...first.body.items, ...second.body.items, ...third.body.items].map((entry) => entry.note);
    expect(notes).toEqual(['at 50', 'at 40', 'at 30', 'at 20', 'at 10']);
    expect(third.body.nextCursor).toBeNull();

    const inPhase = await api.call('GET', `${fixture.projectPath}/deliverables?phaseId=${fixture.phases[1].id}`);
    expect(inPhase.body.items.map((d: { id: string }) => d.id)).toContain(deliverable.id);
    expect(inPhase.body.items.every((d: { phaseId: string }) => d.phaseId === fixture.phases[1].id)).toBe(true);
  });
});

describe('counters', () => {
  it('stay equal to a recount after many status changes, weight changes and phase moves', async () => {
    const created = [];
    for (let index = 0; index < 12; index++) {
      created.push(
        await addDeliverable(api, fixture, {
          weight: 1 + (index % 3),
          phaseId: fixture.phases[index % 2].id,
          ownerMemberId: fixture.members[index % 3].id,
        }),
      );
    }
    // A deterministic mix of actions over the deliverables, in parallel batches.
    const steps: ((d: { id: string }) => Promise<unknown>)[] = [
      (d) => api.call('POST', `${pathOf(d)}/log`, { note: 'work', percent: 40 }),
      (d) => api.call('POST', `${pathOf(d)}/submit`, {}),
      (d) => api.call('POST', `${pathOf(d)}/review`, { decision: 'changes_requested', comment: 'more' }),
      (d) => api.call('POST', `${pathOf(d)}/log`, { note: 'fixed', percent: 90 }),
      (d) => api.call('POST', `${pathOf(d)}/submit`, {}),
      (d) => api.call('POST', `${pathOf(d)}/review`, { decision: 'accepted' }),
    ];
    for (const [round, step] of steps.entries()) {
      await Promise.all(created.filter((_, index) => index % 6 >= round % 3).map(step));
      const target = created[round];
      const current = (await api.call('GET', pathOf(target!))).body;
      const moved = await api.call('PATCH', pathOf(target!), {
        version: current.version, weight: round % 2 === 0 ? current.weight : 3, phaseId: fixture.phases[(round + 1) % 2].id,
      });
      expect(moved.status).toBe(200);
    }

    const deliverables = await allDeliverables();
    const overview = (await api.call('GET', `${fixture.projectPath}/overview`)).body;
    const expected = recount(deliverables);
    expect(overview.progress.counts).toEqual(expected.counts);
    expect(overview.progress.deliverables).toBe(deliverables.length);
    for (const phase of overview.phases) {
      const inPhase = deliverables.filter((d: { phaseId: string }) => d.phaseId === phase.id);
      expect(phase.progress.counts).toEqual(recount(inPhase).counts);
      const counters = recount(inPhase);
      expect(phase.progress.acceptedPercent).toBe(
        counters.weightTotal === 0 ? 0 : Math.round((counters.weightAccepted / counters.weightTotal) * 1000) / 10,
      );
    }
  });
});
