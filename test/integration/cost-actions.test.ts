// What a cost's reads tell each caller it may do to it now, so that the dashboard offers only that:
// its own member submits a draft, a coordinator who neither reported nor submitted it reviews it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSORTIUM, COORDINATOR, addPerson, createFixture, createTestApi, type Fixture, type TestApi } from '../support/api';

let api: TestApi;
let fixture: Fixture;
let line: { id: string };
const ALFA = 'alfa-person';
const SECOND = 'second-coordinator';
const FUNDER = 'funder-person';

beforeAll(async () => {
  api = await createTestApi();
  fixture = await createFixture(api);
  await addPerson(api, { id: ALFA, consortiumId: CONSORTIUM, role: 'member', memberId: fixture.members[0].id });
  await addPerson(api, { id: SECOND, consortiumId: CONSORTIUM, role: 'coordinator' });
  await addPerson(api, { id: FUNDER, consortiumId: CONSORTIUM, role: 'funder', funderId: fixture.funder.id });
  line = (await api.call('POST', `${fixture.projectPath}/budget/lines`, { memberId: fixture.members[0].id, category: 'staff', grantCents: 1_000_000, cofinancingCents: 0 })).body;
});
afterAll(() => api.table.drop());

const report = (as: string) =>
  api.call('POST', `${fixture.projectPath}/budget/lines/${line.id}/costs`, {
    date: '2026-10-15', description: 'Consulenza', supplier: 'Studio Rossi', amountCents: 10_000, vatCents: 0,
  }, { as });
const actionsOf = async (cost: { id: string }, as: string) => (await api.call('GET', `${fixture.projectPath}/costs/${cost.id}`, undefined, { as })).body.actions;

describe("a cost's actions", () => {
  it('are update and submit for its own member and coordinators while a draft; nothing for another member', async () => {
    const { body: draft } = await report(ALFA);
    expect(await actionsOf(draft, ALFA)).toEqual(['update', 'submit']);
    expect(await actionsOf(draft, COORDINATOR)).toEqual(['update', 'submit']);
    const list = await api.call('GET', `${fixture.projectPath}/costs?budgetLineId=${line.id}`, undefined, { as: ALFA });
    expect(list.body.items.find((c: { id: string }) => c.id === draft.id).actions).toEqual(['update', 'submit']);
  });

  it('are review for a coordinator once submitted, but not for the coordinator who submitted it', async () => {
    const { body: draft } = await report(ALFA);
    await api.call('POST', `${fixture.projectPath}/costs/${draft.id}/submit`, { version: 1 }, { as: COORDINATOR });
    expect(await actionsOf(draft, SECOND)).toEqual(['review']);
    expect(await actionsOf(draft, COORDINATOR)).toEqual([]);
    expect(await actionsOf(draft, ALFA)).toEqual([]);
  });

  it('are reverse for coordinators once approved, and nothing for the funder', async () => {
    const { body: draft } = await report(ALFA);
    const { body: submitted } = await api.call('POST', `${fixture.projectPath}/costs/${draft.id}/submit`, { version: 1 }, { as: ALFA });
    await api.call('POST', `${fixture.projectPath}/costs/${draft.id}/review`, { version: submitted.version, decision: 'approved' }, { as: SECOND });
    expect(await actionsOf(draft, COORDINATOR)).toEqual(['reverse']);
    expect(await actionsOf(draft, FUNDER)).toEqual([]);
    expect(await actionsOf(draft, ALFA)).toEqual([]);
  });
});
