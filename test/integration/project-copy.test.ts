// Copying a project's plan into a new one, against DynamoDB Local on the seeded demo: the plan item
// by item at shifted dates and without history, who may copy, and a copy that dies midway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR_PERSON_ID, DEMO_CONSORTIUM_ID, memberPersonId } from '../../dev/demo/demo-data';
import { funderPersonId } from '../../dev/demo/demo-people';
import { seedDemo } from '../../dev/demo/seed';
import { addDays, daysBetween } from '../../shared/domain/clock';
import { projectCopier } from '../../shared/store/project-copy';
import { createTestApi } from '../support/api';

const api = await createTestApi('2026-11-23T09:00:00Z');
afterAll(() => api.table.drop());

const base = `/api/v1/consortia/${DEMO_CONSORTIUM_ID}`;
const asCoordinator = { as: COORDINATOR_PERSON_ID };
const copy = (body: unknown, as = COORDINATOR_PERSON_ID, from = 'cultnetwork') => api.call('POST', `${base}/projects/${from}/copy`, body, { as });
const read = (path: string, as = COORDINATOR_PERSON_ID) => api.call('GET', `${base}${path}`, undefined, { as });
const plan = (projectId: string) => projectCopier(api.store.db).plan(DEMO_CONSORTIUM_ID, projectId);

/** An entity without what a copy renews: its project, version and time stamps. */
const planned = <T extends Record<string, unknown>>({ projectId: _p, version: _v, createdAt: _c, updatedAt: _u, ...rest }: T) => rest;

let people: { partner: string; funder: string; otherFunder: string };

beforeAll(async () => {
  expect(await seedDemo(api.store, api.clock)).toBe('seeded');
  const cultnetwork = (await read('/projects/cultnetwork')).body;
  const museilab = (await read('/projects/museilab')).body;
  people = {
    partner: memberPersonId(cultnetwork.partners[0].memberId),
    funder: funderPersonId(cultnetwork.funderId),
    otherFunder: funderPersonId(museilab.funderId),
  };
});

describe('copying a project', () => {
  it('reproduces the plan item by item at dates shifted by one offset, with no progress, log, actuals or money', async () => {
    const source = await plan('cultnetwork');
    const startDate = '2027-03-01';
    const offset = daysBetween(source.project.startDate, startDate);
    const shift = (date: string) => addDays(date, offset);

    const answer = await copy({ id: 'cultnetwork-2', title: 'CultNetwork, seconda edizione', startDate });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      id: 'cultnetwork-2', title: 'CultNetwork, seconda edizione', funderId: source.project.funderId,
      startDate, endDate: shift(source.project.endDate), partners: source.project.partners, grantCents: source.project.grantCents,
    });
    await api.table.sealing.flush();

    const copied = await plan('cultnetwork-2');
    expect(copied.phases.map(planned)).toEqual(
      source.phases.map(({ closedAt: _closed, ...phase }) => ({
        ...planned(phase), plannedStart: shift(phase.plannedStart), plannedEnd: shift(phase.plannedEnd), status: 'planned',
      })),
    );
    const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));
    expect(source.deliverables.length).toBeGreaterThan(10);
    expect(source.deliverables.some((d) => d.status === 'accepted')).toBe(true);
    expect(byId(copied.deliverables).map(planned)).toEqual(
      byId(source.deliverables).map(({ submittedAt: _s, submittedOn: _o, acceptedAt: _a, ...d }) => ({
        ...planned(d), dueDate: shift(d.dueDate), status: 'planned', reportedPercent: 0,
      })),
    );
    expect(source.budgetLines.some((line) => line.approvedCents > 0)).toBe(true);
    expect(byId(copied.budgetLines).map(planned)).toEqual(
      byId(source.budgetLines).map((line) => ({ ...planned(line), submittedCents: 0, approvedCents: 0 })),
    );
    expect(source.indicators.some((i) => i.actuals.length > 0)).toBe(true);
    expect(byId(copied.indicators).map(planned)).toEqual(
      byId(source.indicators).map((i) => ({ ...planned(i), targetDate: shift(i.targetDate), actuals: [] })),
    );
    expect(copied.training).toHaveLength(source.training.length);
    for (const [index, { path, sessions }] of source.training.entries()) {
      const twin = copied.training.find((t) => t.path.title === path.title && t.path.topic === path.topic);
      expect(twin, `a copy of path ${path.id}`).toBeDefined();
      expect(twin!.path.id).not.toBe(path.id);
      expect({ ...planned(twin!.path), id: path.id }).toEqual(planned(path));
      expect(byId(twin!.sessions).map(({ trainingId: _t, ...s }) => planned(s)), `sessions of path ${index}`).toEqual(
        byId(sessions.filter((s) => s.status !== 'cancelled')).map(({ trainingId: _t, ...s }) => ({ ...planned(s), date: shift(s.date), status: 'planned' })),
      );
    }

    // No log, costs, contributions, exports; counters from the copied deliverables alone; the chain verifies.
    const overview = (await read('/projects/cultnetwork-2/overview')).body;
    const n = source.deliverables.length;
    expect(overview.progress).toMatchObject({ deliverables: n, acceptedPercent: 0, reportedPercent: 0, acceptedOnTime: 0 });
    expect(overview.progress.counts).toEqual({ planned: n, in_progress: 0, submitted: 0, changes_requested: 0, accepted: 0 });
    const first = copied.deliverables[0]!;
    expect((await read(`/projects/cultnetwork-2/deliverables/${first.id}/log`)).body.items).toEqual([]);
    expect((await read('/projects/cultnetwork-2/costs')).body.items).toEqual([]);
    expect((await read('/projects/cultnetwork-2/cofinancing')).body.items).toEqual([]);
    expect((await read('/projects/cultnetwork-2/exports')).body.items).toEqual([]);
    expect((await read('/projects/cultnetwork-2/audit/verification')).body).toMatchObject({ valid: true, unsealed: 0 });

    const sourceMoney = (await read('/projects/cultnetwork/money')).body;
    const money = (await read('/projects/cultnetwork-2/money')).body;
    expect(money.budget).toEqual(sourceMoney.budget);
    expect(money.spending).toMatchObject({ submittedCents: 0, approvedCents: 0 });
    expect(money.cofinancing).toMatchObject({ providedCents: 0 });
    expect(money.payments).toMatchObject({ requestedCents: 0, receivedCents: 0, instalments: 0 });

    // The new project is listed as any other, and its partners see it.
    expect((await read('/projects?limit=100')).body.items.map((p: { id: string }) => p.id)).toContain('cultnetwork-2');
    expect((await read('/projects/cultnetwork-2', people.partner)).status).toBe(200);
  });

  it('takes another funder when asked, and names bad fields', async () => {
    const museilab = (await read('/projects/museilab')).body;
    const other = await copy({ id: 'cultnetwork-3', title: 'Altra', startDate: '2027-01-01', funderId: museilab.funderId });
    expect(other.status).toBe(201);
    expect(other.body.funderId).toBe(museilab.funderId);

    const bad = await copy({ id: 'Not A Slug', title: '', startDate: '2027-02-30', extra: 1 });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'title', 'startDate']));
    const unknownFunder = await copy({ id: 'cultnetwork-4', title: 'X', startDate: '2027-01-01', funderId: 'nobody' });
    expect(unknownFunder.status).toBe(400);
    expect(unknownFunder.body.errors.map((e: { path: string }) => e.path)).toEqual(['funderId']);
    expect((await read('/projects/cultnetwork-4')).status).toBe(404);
  });

  it('answers 409 for an id that exists', async () => {
    const answer = await copy({ id: 'museilab', title: 'X', startDate: '2027-01-01' });
    expect(answer.status).toBe(409);
    expect(answer.body.detail).toContain('museilab');
  });

  it('is for coordinators: 403 to the partners and funder who see the project, 404 to those who do not', async () => {
    const body = { id: 'by-someone-else', title: 'X', startDate: '2027-01-01' };
    expect((await copy(body, people.partner)).status).toBe(403);
    expect((await copy(body, people.funder)).status).toBe(403);
    expect((await copy(body, people.otherFunder)).status).toBe(404);
    expect((await copy(body, COORDINATOR_PERSON_ID, 'no-such-project')).status).toBe(404);
    expect((await read('/projects/by-someone-else')).status).toBe(404);
  });
});

describe('a copy that dies midway', () => {
  it('leaves no visible project, and asked again finishes it', async () => {
    // The 40th write transaction of the copy fails, as a Lambda that times out would stop it.
    let writes = 0;
    const middleware = 'failCopyMidway';
    api.table.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand' && ++writes === 40) throw new Error('the copy dies here');
        return next(args);
      },
      { step: 'initialize', name: middleware },
    );
    const body = { id: 'cultnetwork-5', title: 'CultNetwork, terza edizione', startDate: '2028-01-10' };
    try {
      expect((await copy(body)).status).toBe(500);
    } finally {
      api.table.client.middlewareStack.remove(middleware);
    }
    expect(writes).toBeGreaterThanOrEqual(40);
    await api.table.sealing.flush();

    // Nothing of it shows: the project, its lists, the lists across projects.
    expect((await read('/projects/cultnetwork-5')).status).toBe(404);
    expect((await read('/projects/cultnetwork-5/overview')).status).toBe(404);
    expect((await read('/projects/cultnetwork-5/deliverables')).status).toBe(404);
    expect((await read('/projects?limit=100')).body.items.map((p: { id: string }) => p.id)).not.toContain('cultnetwork-5');
    const source = await plan('cultnetwork');
    for (const memberId of new Set(source.deliverables.map((d) => d.ownerMemberId))) {
      const open = (await read(`/members/${memberId}/deliverables?limit=100`)).body.items;
      expect(open.filter((d: { projectId: string }) => d.projectId === 'cultnetwork-5')).toEqual([]);
    }
    const paths = (await read('/training?limit=100')).body.items;
    expect(paths.filter((p: { projectId?: string }) => p.projectId === 'cultnetwork-5')).toEqual([]);
    // The same id with another source is refused while the copy is unfinished.
    expect((await copy(body, COORDINATOR_PERSON_ID, 'museilab')).status).toBe(409);

    const again = await copy(body);
    expect(again.status).toBe(201);
    await api.table.sealing.flush();
    const copied = await plan('cultnetwork-5');
    expect(copied.phases).toHaveLength(source.phases.length);
    expect(copied.deliverables).toHaveLength(source.deliverables.length);
    expect(copied.budgetLines).toHaveLength(source.budgetLines.length);
    expect(copied.indicators).toHaveLength(source.indicators.length);
    expect(copied.training.map((t) => t.sessions.length)).toEqual(
      source.training.map((t) => t.sessions.filter((s) => s.status !== 'cancelled').length),
    );
    // Each deliverable counted once on the project, though created across two requests.
    const overview = (await read('/projects/cultnetwork-5/overview')).body;
    expect(overview.progress).toMatchObject({ deliverables: source.deliverables.length });
    expect(overview.progress.counts.planned).toBe(source.deliverables.length);
    expect((await read('/projects/cultnetwork-5/audit/verification')).body).toMatchObject({ valid: true });
    expect((await copy(body)).status).toBe(409);
  });
});
