// The demo's accounts as `npm start` seeds them: the money summary, recomputed from the seeded items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR_PERSON_ID } from '../../dev/demo/demo-data';
import { seedDemo } from '../../dev/demo/seed';
import { createTestApi, type TestApi } from '../support/api';

let api: TestApi;
const project = '/api/v1/consortia/pantacon/projects/cultnetwork';
const get = (path: string) => api.call('GET', `${project}${path}`, undefined, { as: COORDINATOR_PERSON_ID });

beforeAll(async () => {
  api = await createTestApi('2026-11-23T09:00:00Z');
  expect(await seedDemo(api.store, api.clock)).toBe('seeded');
});
afterAll(() => api.table.drop());

async function everything(path: string) {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await get(`${path}?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

describe('the demo money', () => {
  it('shows non-zero budget, approved spend, co-financing and receipts, equal to a recount of the seeded items', async () => {
    const summary = (await get('/money')).body;
    const { body: projectBody } = await get('');
    const budget = (await get('/budget')).body;
    const costs = await everything('/costs');
    const contributions = await everything('/cofinancing');
    const receipts = await everything('/receipts');
    const requests = await everything('/payment-requests');

    const lineGrant = budget.lines.reduce((s: number, l: { grantCents: number }) => s + l.grantCents, 0);
    const lineCofinancing = budget.lines.reduce((s: number, l: { cofinancingCents: number }) => s + l.cofinancingCents, 0);
    const approved = costs
      .filter((c) => c.status === 'approved')
      .reduce((s, c) => s + (c.kind === 'reversal' ? -1 : 1) * (c.amountCents + c.vatCents), 0);
    const provided = contributions.reduce((s, c) => s + (c.entry === 'reversal' ? -1 : 1) * c.valueCents, 0);
    const received = receipts.reduce((s, r) => s + r.amountCents, 0);
    const requested = requests.reduce((s, r) => s + r.amountCents, 0);

    expect(summary.budget).toMatchObject({ grantCents: lineGrant, cofinancingCents: lineCofinancing, lines: budget.lines.length });
    expect(lineGrant).toBe(projectBody.grantCents);
    expect(lineCofinancing).toBe(projectBody.cofinancingCents);
    expect(summary.budget.difference.balanced).toBe(true);
    expect(summary.spending.approvedCents).toBe(approved);
    expect(summary.cofinancing.providedCents).toBe(provided);
    expect(summary.payments).toMatchObject({ receivedCents: received, requestedCents: requested, dueCents: projectBody.grantCents - received });
    for (const amount of [lineGrant, approved, provided, received]) expect(amount).toBeGreaterThan(0);
    for (const line of budget.lines) {
      const ofLine = costs.filter((c) => c.budgetLineId === line.id && c.status === 'approved');
      expect(line.approvedCents, line.id).toBe(ofLine.reduce((s, c) => s + (c.kind === 'reversal' ? -1 : 1) * (c.amountCents + c.vatCents), 0));
    }
  });

  it('has costs in every status, lines over budget, co-financing in money and in kind, and instalments partly received', async () => {
    const costs = await everything('/costs');
    expect(new Set(costs.map((c) => c.status))).toEqual(new Set(['draft', 'submitted', 'approved', 'rejected']));
    expect((await get('/budget')).body.overBudgetLines.length).toBeGreaterThan(0);
    const { cofinancing } = (await get('/money')).body;
    expect(cofinancing.moneyCents).toBeGreaterThan(0);
    expect(cofinancing.inKindCents).toBeGreaterThan(0);
    const statuses = (await get('/instalments')).body.items.map((i: { status: string }) => i.status);
    expect(statuses).toContain('received');
    expect(statuses).toContain('planned');
  });
});
