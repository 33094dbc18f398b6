// Co-financing, instalments, payment requests and receipts against DynamoDB Local: what the project
// shows as granted, requested, received and still due, and co-financing provided against promised.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSORTIUM, addPerson, createFixture, createTestApi, type Fixture, type TestApi } from '../support/api';

let api: TestApi;
let fixture: Fixture;
const ALFA = 'alfa-person';
const SECOND = 'second-coordinator';
let line: { id: string };

beforeAll(async () => {
  api = await createTestApi();
  fixture = await createFixture(api);
  await addPerson(api, { id: ALFA, consortiumId: CONSORTIUM, role: 'member', memberId: fixture.members[0].id });
  await addPerson(api, { id: SECOND, consortiumId: CONSORTIUM, role: 'coordinator' });
  line = (await api.call('POST', `${fixture.projectPath}/budget/lines`, {
    memberId: fixture.members[0].id, category: 'staff', grantCents: 9_000_000, cofinancingCents: 3_000_000,
  })).body;
});
afterAll(() => api.table.drop());

const money = async () => (await api.call('GET', `${fixture.projectPath}/money`)).body;
const instalment = (fields: Record<string, unknown>) =>
  api.call('POST', `${fixture.projectPath}/instalments`, { order: 1, plannedDate: '2026-03-01', amountCents: 9_000_000, condition: 'Anticipo', ...fields });

async function approvedCost(amountCents: number) {
  const { body: draft } = await api.call('POST', `${fixture.projectPath}/budget/lines/${line.id}/costs`, {
    date: '2026-09-01', description: 'Personale', supplier: 'Personale interno', amountCents,
  }, { as: ALFA });
  await api.call('POST', `${fixture.projectPath}/costs/${draft.id}/submit`, { version: 1 }, { as: ALFA });
  return (await api.call('POST', `${fixture.projectPath}/costs/${draft.id}/review`, { version: 2, decision: 'approved' }, { as: SECOND })).body;
}

describe('co-financing', () => {
  it('records contributions in money and in kind against what each partner promised, and reverses a wrong one', async () => {
    const memberId = fixture.members[0].id;
    const cash = await api.call('POST', `${fixture.projectPath}/cofinancing`, {
      memberId, kind: 'money', providedBy: 'Cooperativa Alfa', description: 'Quota versata', date: '2026-04-01', valueCents: 1_000_000,
    });
    expect(cash.status).toBe(201);
    const hall = await api.call('POST', `${fixture.projectPath}/cofinancing`, {
      memberId, kind: 'in_kind', providedBy: 'Comune di Mantova', description: 'Sala civica per tre giornate', date: '2026-05-10',
      valueCents: 250_000, budgetLineId: line.id,
    });
    expect(hall.body).toMatchObject({ kind: 'in_kind', entry: 'contribution', recordedBy: 'testcoop-coordinator' });
    const wrong = await api.call('POST', `${fixture.projectPath}/cofinancing`, {
      memberId, kind: 'money', providedBy: 'Cooperativa Alfa', description: 'Registrata due volte', date: '2026-04-01', valueCents: 1_000_000,
    });
    const reversed = await api.call('POST', `${fixture.projectPath}/cofinancing/${wrong.body.id}/reverse`, { version: 1, reason: 'Doppia' });
    expect(reversed.body.reversal).toMatchObject({ entry: 'reversal', reversesContributionId: wrong.body.id, valueCents: 1_000_000 });

    const summary = await money();
    expect(summary.cofinancing).toEqual({
      promisedCents: 10_000_000, providedCents: 1_250_000, moneyCents: 1_000_000, inKindCents: 250_000, remainingCents: 8_750_000,
    });
    const alfa = summary.partners.find((p: { memberId: string }) => p.memberId === memberId);
    expect(alfa).toMatchObject({ budgetCofinancingCents: 3_000_000, cofinancingProvidedCents: 1_250_000, cofinancingRemainingCents: 1_750_000 });
    const listed = (await api.call('GET', `${fixture.projectPath}/cofinancing?limit=100`)).body.items;
    expect(listed).toHaveLength(4);
  });

  it("names the field of a contribution by a member that is no partner, on another member's line, or without a value", async () => {
    const { body: outsider } = await api.call('POST', `/api/v1/consortia/${CONSORTIUM}/members`, { name: 'Esterna', sector: 'music', orgId: 'IT-CF-90000000002' });
    const base = { memberId: fixture.members[1].id, kind: 'money', providedBy: 'Beta', description: 'Quota', date: '2026-04-01', valueCents: 100 };
    const cases: [Record<string, unknown>, string][] = [
      [{ memberId: outsider.id }, 'memberId'],
      [{ budgetLineId: line.id }, 'budgetLineId'],
      [{ valueCents: 0 }, 'valueCents'],
      [{ kind: 'promise' }, 'kind'],
      [{ date: '2027-01-01' }, 'date'],
    ];
    const before = (await money()).cofinancing.providedCents;
    for (const [fields, path] of cases) {
      const answer = await api.call('POST', `${fixture.projectPath}/cofinancing`, { ...base, ...fields });
      expect(answer.status, path).toBe(400);
      expect(answer.body.errors, path).toEqual([expect.objectContaining({ path })]);
    }
    expect((await money()).cofinancing.providedCents).toBe(before);
  });
});

describe('payments', () => {
  it('show granted, requested, received and still due as instalments are requested and paid', async () => {
    const { body: advance } = await instalment({ order: 1 });
    const { body: second } = await instalment({ order: 2, plannedDate: '2027-03-01', amountCents: 15_000_000, condition: 'Costi rendicontati al 50 %' });
    await instalment({ order: 3, plannedDate: '2028-12-31', amountCents: 6_000_000, condition: 'Saldo' });
    expect((await money()).payments).toMatchObject({ grantedCents: 30_000_000, instalmentsCents: 30_000_000, instalments: 3, requestedCents: 0, receivedCents: 0, dueCents: 30_000_000 });

    const request = await api.call('POST', `${fixture.projectPath}/payment-requests`, { instalmentId: advance.id, amountCents: 9_000_000, note: 'Anticipo' });
    expect(request.status).toBe(201);
    expect(request.body).toMatchObject({ costIds: [], costsCents: 0, date: '2026-11-23' });
    const receipt = await api.call('POST', `${fixture.projectPath}/receipts`, {
      instalmentId: advance.id, paymentRequestId: request.body.id, date: '2026-11-20', amountCents: 9_000_000,
    });
    expect(receipt.status).toBe(201);

    const costs = [await approvedCost(400_000), await approvedCost(600_000)];
    const claim = await api.call('POST', `${fixture.projectPath}/payment-requests`, {
      instalmentId: second.id, amountCents: 750_000, costIds: costs.map((c) => c.id),
    });
    expect(claim.status).toBe(201);
    expect(claim.body.costsCents).toBe(1_000_000);
    for (const cost of costs) {
      expect((await api.call('GET', `${fixture.projectPath}/costs/${cost.id}`)).body.paymentRequestId).toBe(claim.body.id);
    }

    expect((await money()).payments).toEqual({
      grantedCents: 30_000_000, instalmentsCents: 30_000_000, instalments: 3, requestedCents: 9_750_000, receivedCents: 9_000_000, dueCents: 21_000_000,
    });
    const { body: instalments } = await api.call('GET', `${fixture.projectPath}/instalments`);
    expect(instalments.items.map((i: { order: number; status: string; dueCents: number }) => [i.order, i.status, i.dueCents])).toEqual([
      [1, 'received', 0], [2, 'requested', 15_000_000], [3, 'planned', 6_000_000],
    ]);
    const receipts = (await api.call('GET', `${fixture.projectPath}/receipts`)).body.items;
    expect(receipts.reduce((sum: number, r: { amountCents: number }) => sum + r.amountCents, 0)).toBe(9_000_000);
  });

  it('claim each approved cost once, and refuse costs not approved and amounts beyond the instalment, naming the field', async () => {
    const { body: target } = await instalment({ order: 4, plannedDate: '2027-06-01', amountCents: 1_000 });
    const cost = await approvedCost(500);
    expect((await api.call('POST', `${fixture.projectPath}/payment-requests`, { instalmentId: target.id, amountCents: 400, costIds: [cost.id] })).status).toBe(201);
    const again = await api.call('POST', `${fixture.projectPath}/payment-requests`, { instalmentId: target.id, amountCents: 100, costIds: [cost.id] });
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([expect.objectContaining({ path: 'costIds.0' })]);

    const { body: draft } = await api.call('POST', `${fixture.projectPath}/budget/lines/${line.id}/costs`, {
      date: '2026-09-01', description: 'Bozza', supplier: 'X', amountCents: 100,
    }, { as: ALFA });
    const notApproved = await api.call('POST', `${fixture.projectPath}/payment-requests`, { instalmentId: target.id, amountCents: 100, costIds: [draft.id] });
    expect(notApproved.body.errors).toEqual([expect.objectContaining({ path: 'costIds.0' })]);
    const tooMuch = await api.call('POST', `${fixture.projectPath}/payment-requests`, { instalmentId: target.id, amountCents: 601 });
    expect(tooMuch.body.errors).toEqual([expect.objectContaining({ path: 'amountCents' })]);
    const unknown = await api.call('POST', `${fixture.projectPath}/payment-requests`, { instalmentId: 'nothing', amountCents: 1 });
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'instalmentId' })]);
    expect((await api.call('GET', `${fixture.projectPath}/instalments`)).body.items.find((i: { id: string }) => i.id === target.id).requestedCents).toBe(400);
  });

  it('let an instalment plan change until it is requested, then answer 409', async () => {
    const { body: planned } = await instalment({ order: 5, plannedDate: '2027-09-01', amountCents: 2_000 });
    const before = (await money()).payments.instalmentsCents;
    const changed = await api.call('PATCH', `${fixture.projectPath}/instalments/${planned.id}`, { version: 1, amountCents: 3_000 });
    expect(changed.body).toMatchObject({ version: 2, amountCents: 3_000 });
    expect((await money()).payments.instalmentsCents - before).toBe(1_000);
    expect((await api.call('PATCH', `${fixture.projectPath}/instalments/${planned.id}`, { version: 1, amountCents: 4_000 })).status).toBe(409);
    await api.call('POST', `${fixture.projectPath}/payment-requests`, { instalmentId: planned.id, amountCents: 3_000 });
    const locked = await api.call('PATCH', `${fixture.projectPath}/instalments/${planned.id}`, { version: 2, amountCents: 5_000 });
    expect(locked.status).toBe(409);
  });

  it('leave an audit entry for every payment write and refuse them to members and funders', async () => {
    const { body: planned } = await instalment({ order: 6, plannedDate: '2027-10-01', amountCents: 100 });
    const received = await api.call('POST', `${fixture.projectPath}/receipts`, { instalmentId: planned.id, date: '2026-11-01', amountCents: 100 });
    const entries = (await api.call('GET', `${fixture.projectPath}/audit?limit=5`)).body.items;
    expect(entries.slice(0, 2).map((e: { entity: string; entityId: string; action: string }) => [e.entity, e.entityId, e.action])).toEqual([
      ['receipt', received.body.id, 'create'], ['instalment', planned.id, 'create'],
    ]);
    expect((await api.call('POST', `${fixture.projectPath}/receipts`, { instalmentId: planned.id, date: '2026-11-01', amountCents: 1 }, { as: ALFA })).status).toBe(403);
  });
});
