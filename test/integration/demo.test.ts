// The demo consortium as `npm start` seeds it, read back through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../dev/demo/seed';
import { recount } from '../../shared/domain/progress';
import { isDueSoon, isOverdue } from '../../shared/domain/schedule';
import { COORDINATOR_PERSON_ID } from '../../dev/demo/demo-data';
import { createTestApi, type TestApi } from '../support/api';

let api: TestApi;
/** Reads as the demo coordinator. */
const get = (path: string) => api.call('GET', path, undefined, { as: COORDINATOR_PERSON_ID });
const overviewPath = '/api/v1/consortia/pantacon/projects/cultnetwork/overview';

beforeAll(async () => {
  api = await createTestApi('2026-11-23T09:00:00Z');
  expect(await seedDemo(api.store, api.clock)).toBe('seeded');
});
afterAll(() => api.table.drop());

async function allDeliverables(projectId: string) {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await get(`/api/v1/consortia/pantacon/projects/${projectId}/deliverables?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

describe('the demo', () => {
  it('shows cultnetwork with three phases, today in the second, and at least 20 deliverables', async () => {
    const { status, body } = await get(overviewPath);
    expect(status).toBe(200);
    expect(body.phases.map((p: { status: string }) => p.status)).toEqual(['closed', 'active', 'planned']);
    const second = body.phases[1];
    expect(second.plannedStart <= body.today && body.today <= second.plannedEnd).toBe(true);
    expect(body.progress.deliverables).toBeGreaterThanOrEqual(20);
    expect(body.overdue.items.length).toBeGreaterThan(0);
    expect(body.dueSoon.items.length).toBeGreaterThan(0);
  });

  it('keeps counters equal to a recount of its deliverables, and lists deadlines that agree with the dates', async () => {
    const { body } = await get(overviewPath);
    const deliverables = await allDeliverables('cultnetwork');
    expect(body.progress.counts).toEqual(recount(deliverables).counts);
    for (const phase of body.phases) {
      expect(phase.progress.counts).toEqual(recount(deliverables.filter((d) => d.phaseId === phase.id)).counts);
    }
    const overdue = deliverables.filter((d) => isOverdue(d, body.today)).map((d) => d.id);
    const dueSoon = deliverables.filter((d) => isDueSoon(d, body.today)).map((d) => d.id);
    expect(body.overdue.items.map((d: { id: string }) => d.id).sort()).toEqual(overdue.sort());
    expect(body.dueSoon.items.map((d: { id: string }) => d.id).sort()).toEqual(dueSoon.sort());
  });

  it('has every deliverable status and a second project funded by another funder', async () => {
    const deliverables = await allDeliverables('cultnetwork');
    expect(new Set(deliverables.map((d) => d.status))).toEqual(
      new Set(['planned', 'in_progress', 'submitted', 'changes_requested', 'accepted']),
    );
    const projects = (await get('/api/v1/consortia/pantacon/projects')).body.items;
    expect(new Set(projects.map((p: { funderId: string }) => p.funderId)).size).toBeGreaterThanOrEqual(2);
  });

  it('is seeded once: a second seed finds it present and changes nothing', async () => {
    const before = await get(overviewPath);
    expect(await seedDemo(api.store, api.clock)).toBe('present');
    const after = await get(overviewPath);
    expect(after.body).toEqual(before.body);
  });
});
