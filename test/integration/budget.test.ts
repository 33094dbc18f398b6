// Budget lines against DynamoDB Local: totals per partner, category and phase, and the difference
// from the project's grant and co-financing when the lines do not add up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, createTestApi, type Fixture, type TestApi } from '../support/api';

let api: TestApi;
let fixture: Fixture;

beforeAll(async () => {
  api = await createTestApi();
  fixture = await createFixture(api);
});
afterAll(() => api.table.drop());

const addLine = (fields: Record<string, unknown>) =>
  api.call('POST', `${fixture.projectPath}/budget/lines`, { memberId: fixture.members[0].id, category: 'staff', grantCents: 0, ...fields });

describe('the budget', () => {
  it('reports lines that do not add up to the grant and co-financing, saying by how much, until they do', async () => {
    // The fixture's project: grant € 300,000, co-financing € 100,000, three partners.
    const [alfa, beta, gamma] = fixture.members.map((m: { id: string }) => m.id);
    for (const [memberId, category, phaseId] of [[alfa, 'staff'], [beta, 'travel', fixture.phases[0].id], [gamma, 'communication', fixture.phases[1].id]]) {
      const created = await addLine({ memberId, category, phaseId, grantCents: 9_000_000, cofinancingCents: 3_000_000 });
      expect(created.status).toBe(201);
    }
    const short = (await api.call('GET', `${fixture.projectPath}/budget`)).body;
    expect(short.difference).toMatchObject({ balanced: false, grantCents: -3_000_000, cofinancingCents: -1_000_000 });
    expect(short.difference.message).toContain('€ 30,000.00 below');
    expect((await api.call('GET', `${fixture.projectPath}/money`)).body.budget.difference).toEqual(short.difference);

    await addLine({ memberId: alfa, category: 'overheads', grantCents: 3_000_000, cofinancingCents: 1_000_000 });
    const balanced = (await api.call('GET', `${fixture.projectPath}/budget`)).body;
    expect(balanced.difference).toMatchObject({ balanced: true, grantCents: 0, cofinancingCents: 0 });
    expect(balanced.byPartner.map((p: { memberId: string; budgetCents: number }) => [p.memberId, p.budgetCents])).toEqual([
      [alfa, 16_000_000], [beta, 12_000_000], [gamma, 12_000_000],
    ]);
    expect(balanced.byCategory.map((c: { category: string }) => c.category)).toEqual(['staff', 'travel', 'communication', 'overheads']);
    // Phases by id (the fixture's first phase has the smaller one), lines of no phase last.
    expect(balanced.byPhase.map((p: { phaseId: string | null; budgetCents: number }) => [p.phaseId, p.budgetCents])).toEqual([
      [fixture.phases[0].id, 12_000_000], [fixture.phases[1].id, 12_000_000], [null, 16_000_000],
    ]);
  });

  it('moves the totals when a line changes, and reports an over-budgeted project too', async () => {
    const { body: line } = await addLine({ category: 'other', grantCents: 100_000 });
    const before = (await api.call('GET', `${fixture.projectPath}/money`)).body.budget;
    const changed = await api.call('PATCH', `${fixture.projectPath}/budget/lines/${line.id}`, { version: 1, grantCents: 250_000, cofinancingCents: 10_000 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, grantCents: 250_000, cofinancingCents: 10_000 });
    const after = (await api.call('GET', `${fixture.projectPath}/money`)).body.budget;
    expect(after.grantCents - before.grantCents).toBe(150_000);
    expect(after.cofinancingCents - before.cofinancingCents).toBe(10_000);
    expect(after.difference.grantCents).toBeGreaterThan(0);
    expect(after.difference.message).toMatch(/above/);
  });

  it('answers 409 to a line update carrying a stale version, and changes nothing', async () => {
    const { body: line } = await addLine({ category: 'equipment', grantCents: 500 });
    await api.call('PATCH', `${fixture.projectPath}/budget/lines/${line.id}`, { version: 1, grantCents: 600 });
    const stale = await api.call('PATCH', `${fixture.projectPath}/budget/lines/${line.id}`, { version: 1, grantCents: 700 });
    expect(stale.status).toBe(409);
    expect((await api.call('GET', `${fixture.projectPath}/budget/lines/${line.id}`)).body).toMatchObject({ version: 2, grantCents: 600 });
  });

  it('names the field of a line whose member is no partner, whose phase is unknown or whose amount is wrong, and writes nothing', async () => {
    const count = async () => (await api.call('GET', `${fixture.projectPath}/money`)).body.budget.lines;
    const linesBefore = await count();
    const { body: outsider } = await api.call('POST', `/api/v1/consortia/${fixture.project.consortiumId}/members`, {
      name: 'Cooperativa Esterna', sector: 'music', orgId: 'IT-CF-90000000001',
    });
    const cases: [Record<string, unknown>, string][] = [
      [{ memberId: outsider.id }, 'memberId'],
      [{ phaseId: 'nophase' }, 'phaseId'],
      [{ grantCents: -1 }, 'grantCents'],
      [{ grantCents: 10.5 }, 'grantCents'],
      [{ category: 'catering' }, 'category'],
    ];
    for (const [fields, path] of cases) {
      const answer = await addLine({ grantCents: 100, ...fields });
      expect(answer.status, path).toBe(400);
      expect(answer.body.errors, path).toEqual([expect.objectContaining({ path })]);
    }
    expect(await count()).toBe(linesBefore);
  });

  it('leaves an audit entry for every line written', async () => {
    const { body: line } = await addLine({ category: 'training', grantCents: 1_234 });
    await api.call('PATCH', `${fixture.projectPath}/budget/lines/${line.id}`, { version: 1, grantCents: 2_000 });
    const entries = (await api.call('GET', `${fixture.projectPath}/audit?limit=10`)).body.items.filter(
      (e: { entityId: string }) => e.entityId === line.id,
    );
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(entries[0].changes.grantCents).toEqual({ before: 1_234, after: 2_000 });
  });
});
