// Costs against DynamoDB Local: members report on their own lines only, coordinators review, an
// approved cost is reversed and never edited, and the spending totals match the stored costs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSORTIUM, addPerson, createFixture, createTestApi, type Fixture, type TestApi } from '../support/api';
import { installConflictHarness } from '../support/conflicts';

let api: TestApi;
let fixture: Fixture;
const ALFA = 'alfa-person';
const BETA = 'beta-person';
const SECOND = 'second-coordinator';
const FUNDER = 'funder-person';
const lines: Record<string, { id: string }> = {};

beforeAll(async () => {
  api = await createTestApi();
  // Transactions in flight on one item cancel each other, as on AWS (DynamoDB Local never does).
  installConflictHarness(api.table.client);
  fixture = await createFixture(api);
  await addPerson(api, { id: ALFA, consortiumId: CONSORTIUM, role: 'member', memberId: fixture.members[0].id });
  await addPerson(api, { id: BETA, consortiumId: CONSORTIUM, role: 'member', memberId: fixture.members[1].id });
  await addPerson(api, { id: SECOND, consortiumId: CONSORTIUM, role: 'coordinator' });
  await addPerson(api, { id: FUNDER, consortiumId: CONSORTIUM, role: 'funder', funderId: fixture.funder.id });
  for (const [name, memberId, category, grantCents] of [
    ['alfaStaff', fixture.members[0].id, 'staff', 1_000_000],
    ['alfaTravel', fixture.members[0].id, 'travel', 50_000],
    ['betaStaff', fixture.members[1].id, 'staff', 800_000],
  ] as const) {
    lines[name] = (await api.call('POST', `${fixture.projectPath}/budget/lines`, { memberId, category, grantCents, cofinancingCents: 0 })).body;
  }
});
afterAll(() => api.table.drop());

const costPath = (cost: { id: string }) => `${fixture.projectPath}/costs/${cost.id}`;
const report = (line: { id: string }, fields: Record<string, unknown> = {}, as = ALFA) =>
  api.call('POST', `${fixture.projectPath}/budget/lines/${line.id}/costs`, {
    date: '2026-10-15', description: 'Consulenza', supplier: 'Studio Rossi', amountCents: 10_000, vatCents: 2_200, ...fields,
  }, { as });

/** Reports, submits and (as the coordinator) approves a cost; answers the approved cost. */
async function approvedCost(line: { id: string }, fields: Record<string, unknown> = {}, as = ALFA) {
  const { body: draft } = await report(line, fields, as);
  const { body: submitted } = await api.call('POST', `${costPath(draft)}/submit`, { version: 1 }, { as });
  const answer = await api.call('POST', `${costPath(draft)}/review`, { version: submitted.version, decision: 'approved' });
  expect(answer.status).toBe(200);
  return answer.body;
}

async function everything(path: string) {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await api.call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

describe('costs', () => {
  it('are reported by a member on its own line as drafts, submitted, and approved by a coordinator', async () => {
    const reported = await report(lines.alfaStaff!);
    expect(reported.status).toBe(201);
    expect(reported.body).toMatchObject({ status: 'draft', memberId: fixture.members[0].id, reportedBy: ALFA, kind: 'cost', version: 1 });
    const submitted = await api.call('POST', `${costPath(reported.body)}/submit`, { version: 1 }, { as: ALFA });
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedBy: ALFA, version: 2 });
    const line = (await api.call('GET', `${fixture.projectPath}/budget/lines/${lines.alfaStaff!.id}`)).body;
    expect(line.submittedCents).toBe(12_200);
    const approved = await api.call('POST', `${costPath(reported.body)}/review`, { version: 2, decision: 'approved' });
    expect(approved.body).toMatchObject({ status: 'approved', reviewedBy: 'testcoop-coordinator', version: 3 });
    const after = (await api.call('GET', `${fixture.projectPath}/budget/lines/${lines.alfaStaff!.id}`)).body;
    expect(after).toMatchObject({ submittedCents: 0, approvedCents: 12_200 });
  });

  it("answers a member reporting on another member's line or touching another member's cost as if they did not exist (404)", async () => {
    const onOther = await report(lines.betaStaff!, {}, ALFA);
    expect(onOther.status).toBe(404);
    expect(onOther.body.detail).toBe(`No budget line ${lines.betaStaff!.id} in this project`);
    const { body: betas } = await report(lines.betaStaff!, {}, BETA);
    expect((await api.call('PATCH', costPath(betas), { version: 1, amountCents: 1 }, { as: ALFA })).status).toBe(404);
    expect((await api.call('POST', `${costPath(betas)}/submit`, { version: 1 }, { as: ALFA })).status).toBe(404);
    const read = await api.call('GET', costPath(betas), undefined, { as: ALFA });
    expect(read.status).toBe(404);
    expect(read.body.detail).toBe((await api.call('GET', `${fixture.projectPath}/costs/nope`, undefined, { as: ALFA })).body.detail.replace('nope', betas.id));
    // A funder sees the line but writes nothing on it.
    expect((await report(lines.alfaStaff!, {}, FUNDER)).status).toBe(403);
    expect((await api.call('GET', costPath(betas))).body.status).toBe('draft');
  });

  it('refuses a member approving its own cost (403), and a coordinator approving a cost they reported (403)', async () => {
    const { body: draft } = await report(lines.alfaStaff!);
    await api.call('POST', `${costPath(draft)}/submit`, { version: 1 }, { as: ALFA });
    const own = await api.call('POST', `${costPath(draft)}/review`, { version: 2, decision: 'approved' }, { as: ALFA });
    expect(own.status).toBe(403);

    const { body: byCoordinator } = await report(lines.alfaStaff!, {}, SECOND);
    await api.call('POST', `${costPath(byCoordinator)}/submit`, { version: 1 }, { as: SECOND });
    const self = await api.call('POST', `${costPath(byCoordinator)}/review`, { version: 2, decision: 'approved' }, { as: SECOND });
    expect(self.status).toBe(403);
    expect((await api.call('POST', `${costPath(byCoordinator)}/review`, { version: 2, decision: 'approved' })).status).toBe(200);
    expect((await api.call('GET', costPath(draft))).body.status).toBe('submitted');
  });

  it('are rejected with a reason, corrected by the member and submitted again', async () => {
    const { body: draft } = await report(lines.alfaTravel!);
    await api.call('POST', `${costPath(draft)}/submit`, { version: 1 }, { as: ALFA });
    const noReason = await api.call('POST', `${costPath(draft)}/review`, { version: 2, decision: 'rejected' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    const rejected = await api.call('POST', `${costPath(draft)}/review`, { version: 2, decision: 'rejected', reason: 'Manca la fattura' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'Manca la fattura' });
    const corrected = await api.call('PATCH', costPath(draft), {
      version: 3, documents: [{ url: 'https://example.org/fattura.pdf', title: 'Fattura' }],
    }, { as: ALFA });
    expect(corrected.status).toBe(200);
    const again = await api.call('POST', `${costPath(draft)}/submit`, { version: 4 }, { as: ALFA });
    expect(again.body.status).toBe('submitted');
    expect(again.body.rejectionReason).toBeUndefined();
  });

  it('answers 409 to editing an approved cost, which only a reversal takes back', async () => {
    const cost = await approvedCost(lines.alfaStaff!, { amountCents: 50_000, vatCents: 0 });
    const lineBefore = (await api.call('GET', `${fixture.projectPath}/budget/lines/${lines.alfaStaff!.id}`)).body;
    const edit = await api.call('PATCH', costPath(cost), { version: cost.version, amountCents: 40_000 });
    expect(edit.status).toBe(409);
    expect(edit.body.detail).toMatch(/reverse it/);
    const resubmit = await api.call('POST', `${costPath(cost)}/submit`, { version: cost.version }, { as: ALFA });
    expect(resubmit.status).toBe(409);

    const reversed = await api.call('POST', `${costPath(cost)}/reverse`, { version: cost.version, reason: 'Fattura doppia' });
    expect(reversed.status).toBe(200);
    expect(reversed.body.original).toMatchObject({ id: cost.id, status: 'approved', amountCents: 50_000, reversedBy: reversed.body.reversal.id });
    expect(reversed.body.reversal).toMatchObject({ kind: 'reversal', status: 'approved', reversesCostId: cost.id, amountCents: 50_000 });
    const lineAfter = (await api.call('GET', `${fixture.projectPath}/budget/lines/${lines.alfaStaff!.id}`)).body;
    expect(lineAfter.approvedCents).toBe(lineBefore.approvedCents - 50_000);
    const twice = await api.call('POST', `${costPath(cost)}/reverse`, { version: cost.version + 1, reason: 'again' });
    expect(twice.status).toBe(409);
  });

  it('lets exactly one of two coordinators approving the same cost at once win', async () => {
    const { body: draft } = await report(lines.alfaStaff!, { amountCents: 7_777, vatCents: 0 });
    await api.call('POST', `${costPath(draft)}/submit`, { version: 1 }, { as: ALFA });
    const before = (await api.call('GET', `${fixture.projectPath}/budget/lines/${lines.alfaStaff!.id}`)).body.approvedCents;
    const answers = await Promise.all(
      ['testcoop-coordinator', SECOND].map((as) => api.call('POST', `${costPath(draft)}/review`, { version: 2, decision: 'approved' }, { as })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const stored = (await api.call('GET', costPath(draft))).body;
    expect(stored).toMatchObject({ status: 'approved', version: 3, reviewedBy: answers.find((a) => a.status === 200)!.body.reviewedBy });
    const after = (await api.call('GET', `${fixture.projectPath}/budget/lines/${lines.alfaStaff!.id}`)).body.approvedCents;
    expect(after - before).toBe(7_777);
  });

  it('answers 409 to an action carrying a stale version, and 409 to a transition the machine forbids', async () => {
    const { body: draft } = await report(lines.alfaStaff!);
    expect((await api.call('POST', `${costPath(draft)}/review`, { version: 1, decision: 'approved' })).status).toBe(409);
    await api.call('PATCH', costPath(draft), { version: 1, supplier: 'Studio Bianchi' }, { as: ALFA });
    const stale = await api.call('POST', `${costPath(draft)}/submit`, { version: 1 }, { as: ALFA });
    expect(stale.status).toBe(409);
    expect((await api.call('GET', costPath(draft))).body).toMatchObject({ status: 'draft', version: 2 });
  });

  it('names the field of a cost dated in the future or before the project, with no amount, or moved to another member’s line', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ date: '2026-12-01' }, 'date'],
      [{ date: '2025-12-31' }, 'date'],
      [{ amountCents: 0 }, 'amountCents'],
      [{ supplier: '' }, 'supplier'],
      [{ documents: [{ url: 'ftp://example.org/x' }] }, 'documents.0.url'],
    ];
    for (const [fields, path] of cases) {
      const answer = await report(lines.alfaStaff!, fields);
      expect(answer.status, path).toBe(400);
      expect(answer.body.errors, path).toEqual([expect.objectContaining({ path })]);
    }
    const { body: draft } = await report(lines.alfaStaff!);
    const moved = await api.call('PATCH', costPath(draft), { version: 1, budgetLineId: lines.betaStaff!.id });
    expect(moved.status).toBe(400);
    expect(moved.body.errors).toEqual([expect.objectContaining({ path: 'budgetLineId' })]);
    const toOwnLine = await api.call('PATCH', costPath(draft), { version: 1, budgetLineId: lines.alfaTravel!.id }, { as: ALFA });
    expect(toOwnLine.body).toMatchObject({ budgetLineId: lines.alfaTravel!.id, version: 2 });
  });

  it('flags a line over budget and shows its negative remainder', async () => {
    await approvedCost(lines.alfaTravel!, { amountCents: 60_000, vatCents: 0 });
    const budget = (await api.call('GET', `${fixture.projectPath}/budget`)).body;
    expect(budget.overBudgetLines).toContain(lines.alfaTravel!.id);
    const travel = budget.lines.find((l: { id: string }) => l.id === lines.alfaTravel!.id);
    expect(travel.spending.overBudget).toBe(true);
    expect(travel.spending.remainingCents).toBe(50_000 - travel.approvedCents);
    expect(travel.spending.remainingCents).toBeLessThan(0);
  });

  it('keep spending totals equal to an independent recomputation from the stored costs', async () => {
    // A mix of statuses on every line, some concurrently.
    await Promise.all([
      approvedCost(lines.betaStaff!, { amountCents: 123_400, vatCents: 27_148 }, BETA),
      approvedCost(lines.alfaStaff!, { amountCents: 2_000, vatCents: 0 }),
      report(lines.betaStaff!, { amountCents: 999 }, BETA),
    ]);
    const costs = await everything(`${fixture.projectPath}/costs`);
    const counted = (c: { kind: string; amountCents: number; vatCents: number }) => (c.kind === 'reversal' ? -1 : 1) * (c.amountCents + c.vatCents);
    const sum = (list: typeof costs, status: string) => list.filter((c) => c.status === status).reduce((s, c) => s + counted(c), 0);

    const budget = (await api.call('GET', `${fixture.projectPath}/budget`)).body;
    for (const line of budget.lines) {
      const ofLine = costs.filter((c) => c.budgetLineId === line.id);
      expect(line.approvedCents, line.id).toBe(sum(ofLine, 'approved'));
      expect(line.submittedCents, line.id).toBe(sum(ofLine, 'submitted'));
      // The per-line list on the index holds the same costs.
      expect((await everything(`${fixture.projectPath}/costs?budgetLineId=${line.id}`)).map((c) => c.id).sort()).toEqual(ofLine.map((c) => c.id).sort());
    }
    const money = (await api.call('GET', `${fixture.projectPath}/money`)).body;
    expect(money.spending.approvedCents).toBe(sum(costs, 'approved'));
    expect(money.spending.submittedCents).toBe(sum(costs, 'submitted'));
    expect(budget.totals.approvedCents).toBe(sum(costs, 'approved'));
    for (const partner of money.partners) {
      expect(partner.approvedCents, partner.memberId).toBe(sum(costs.filter((c) => c.memberId === partner.memberId), 'approved'));
    }
    const submitted = await everything(`${fixture.projectPath}/costs?status=submitted`);
    expect(submitted.map((c) => c.id).sort()).toEqual(costs.filter((c) => c.status === 'submitted').map((c) => c.id).sort());
  });

  it('let a funder of the project read the approved costs only, and write none', async () => {
    const all = (await api.call('GET', `${fixture.projectPath}/costs?limit=100`)).body.items as { id: string; status: string }[];
    const approved = all.filter((cost) => cost.status === 'approved');
    const draft = all.find((cost) => cost.status === 'draft')!;
    expect(approved.length).toBeGreaterThan(0);
    expect(draft).toBeDefined();
    const list = await api.call('GET', `${fixture.projectPath}/costs?limit=100`, undefined, { as: FUNDER });
    expect(list.status).toBe(200);
    expect(list.body.items.map((cost: { id: string }) => cost.id)).toEqual(approved.map((cost) => cost.id));
    expect((await api.call('GET', costPath(draft), undefined, { as: FUNDER })).status).toBe(404);
    expect((await api.call('GET', costPath(approved[0]!), undefined, { as: FUNDER })).status).toBe(200);
    const review = await api.call('POST', `${costPath(approved[0]!)}/reverse`, { version: 1, reason: 'No' }, { as: FUNDER });
    expect(review.status).toBe(403);
  });

  it('leave an audit entry for every money write, with the actor', async () => {
    const { body: draft } = await report(lines.alfaStaff!, { amountCents: 31_415 });
    await api.call('POST', `${costPath(draft)}/submit`, { version: 1 }, { as: ALFA });
    await api.call('POST', `${costPath(draft)}/review`, { version: 2, decision: 'approved' });
    const reversed = await api.call('POST', `${costPath(draft)}/reverse`, { version: 3, reason: 'Errore' });
    const entries = (await api.call('GET', `${fixture.projectPath}/audit?limit=10`)).body.items;
    const mine = entries.filter((e: { entityId: string }) => e.entityId === draft.id || e.entityId === reversed.body.reversal.id);
    expect(mine.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['reverse', 'testcoop-coordinator'], ['review', 'testcoop-coordinator'], ['submit', ALFA], ['create', ALFA],
    ]);
    expect(mine[1].changes.status).toEqual({ before: 'submitted', after: 'approved' });
    expect((await api.call('GET', `${fixture.projectPath}/audit/verification`)).body.valid).toBe(true);
  });

  it("keeps a supplier's name (it may be a person) beside the project's chain, and shows it to the coordinator", async () => {
    const { body: draft } = await report(lines.alfaStaff!, { supplier: 'Giulia Verdi' });
    const chain = [];
    for await (const entry of api.store.audit.readChain({ consortiumId: CONSORTIUM, projectId: fixture.project.id })) chain.push(entry);
    const created = chain.find((entry) => entry.entityId === draft.id)!;
    expect(created.changes.supplier).toEqual({ before: null, after: { personal: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(JSON.stringify(chain)).not.toContain('Giulia Verdi');
    const entries = (await api.call('GET', `${fixture.projectPath}/audit?limit=10`)).body.items;
    expect(entries.find((e: { entityId: string }) => e.entityId === draft.id).changes.supplier).toEqual({ before: null, after: 'Giulia Verdi' });
    expect((await api.call('GET', `${fixture.projectPath}/audit/verification`)).body.valid).toBe(true);
  });
});
