// The demo consortium as `npm start` seeds it, read back through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../dev/demo/seed';
import { recount } from '../../shared/domain/progress';
import { isDueSoon, isOverdue } from '../../shared/domain/schedule';
import { COORDINATOR_PERSON_ID, buildDemo } from '../../dev/demo/demo-data';
import { buildDemoMoney } from '../../dev/demo/demo-money';
import { buildDemoExtras } from '../../dev/demo/demo-training';
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

  it('shows training, offer, indicator and money summaries that a plain recount of the seeded demo gives', async () => {
    const { body } = await get(overviewPath);
    const demo = buildDemo(body.today, api.clock.now().toISOString());
    const extras = buildDemoExtras(demo);
    const money = buildDemoMoney(demo);

    // Training: the paths linked to cultnetwork, their held sessions and attendance.
    const paths = extras.paths.filter((path) => path.projectId === 'cultnetwork').map((path) => path.id);
    const held = extras.sessions.filter((session) => paths.includes(session.trainingId) && session.status === 'held');
    const attended = extras.attendance.filter((a) => paths.includes(a.trainingId));
    expect(body.training).toMatchObject({
      paths: paths.length,
      sessionsHeld: held.length,
      hoursDelivered: held.reduce((sum, session) => sum + session.hours, 0),
      attendances: attended.length,
      participants: attended.reduce((sum, a) => sum + a.people, 0),
      membersTakingPart: new Set(attended.map((a) => a.memberId)).size,
    });
    expect(body.training.hoursDelivered).toBeGreaterThan(0);

    // Offers: counts and won value by stage, win rate over decided offers.
    const offers = extras.offers.filter((offer) => offer.projectId === 'cultnetwork');
    const won = offers.filter((offer) => offer.stage === 'won');
    const lost = offers.filter((offer) => offer.stage === 'lost');
    expect(body.offers).toMatchObject({
      offers: offers.length,
      wonCount: won.length,
      wonCents: won.reduce((sum, offer) => sum + offer.valueCents, 0),
      winRatePercent: Math.round((won.length / (won.length + lost.length)) * 1000) / 10,
    });
    expect(body.offers.wonCents).toBeGreaterThan(0);

    // Indicators: all of them, the on-time count from the deliverables' own dates.
    expect(body.indicators.indicators).toBe(extras.indicators.filter((i) => i.projectId === 'cultnetwork').length);
    const onTime = demo.deliverables.filter(
      (d) => d.projectId === 'cultnetwork' && d.status === 'accepted' && d.submittedAt !== undefined && d.submittedAt.slice(0, 10) <= d.dueDate,
    ).length;
    const onTimeIndicator = body.indicators.items.find((i: { metric?: string }) => i.metric === 'deliverables_accepted_on_time');
    expect(onTimeIndicator.progress.current).toBe(onTime);
    expect(onTime).toBeGreaterThan(0);

    // Money: budget lines, approved costs net of reversals, contributions, receipts.
    const counted = (cost: { kind: string; amountCents: number; vatCents: number }) =>
      (cost.kind === 'reversal' ? -1 : 1) * (cost.amountCents + cost.vatCents);
    const budget = money.lines.reduce((sum, line) => sum + line.grantCents + line.cofinancingCents, 0);
    const approved = money.costs.filter((cost) => cost.status === 'approved').reduce((sum, cost) => sum + counted(cost), 0);
    const provided = money.contributions.reduce((sum, c) => sum + (c.entry === 'reversal' ? -1 : 1) * c.valueCents, 0);
    const received = money.receipts.reduce((sum, receipt) => sum + receipt.amountCents, 0);
    expect(body.money.budget.totalCents).toBe(budget);
    expect(body.money.spending.approvedCents).toBe(approved);
    expect(body.money.cofinancing.providedCents).toBe(provided);
    expect(body.money.payments.receivedCents).toBe(received);
    for (const amount of [budget, approved, provided, received]) expect(amount).toBeGreaterThan(0);
  });

  it('is seeded once: a second seed finds it present and changes nothing', async () => {
    const before = await get(overviewPath);
    expect(await seedDemo(api.store, api.clock)).toBe('present');
    const after = await get(overviewPath);
    expect(after.body).toEqual(before.body);
  });
});
