// DynamoDB calls per route are deterministic: each GET list or overview the dashboard makes has a
// budget here, so that a change adding a call to a route fails `npm test` and says which route, what
// it sends now and how many calls. Counted with the membership, consortium and project caches warm,
// on the seeded demo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBudgetFailure } from '../../bench/lib/budgets';
import { describeCalls, installCallCounter } from '../../bench/lib/call-counter';
import { COORDINATOR_PERSON_ID, DEMO_CONSORTIUM_ID, memberPersonId } from '../../dev/demo/demo-data';
import { demoLineId } from '../../dev/demo/demo-money';
import { funderPersonId } from '../../dev/demo/demo-people';
import { seedDemo } from '../../dev/demo/seed';
import { createTestApi } from '../support/api';

const api = await createTestApi('2026-11-23T09:00:00Z');
afterAll(() => api.table.drop());
const counter = installCallCounter(api.table.client);
const consortium = `/api/v1/consortia/${DEMO_CONSORTIUM_ID}`;
const project = `${consortium}/projects/cultnetwork`;

/** Route, caller, and the calls it may send: the budget. */
const BUDGETS: [label: string, path: string, as: string, calls: string][] = [
  ['me (the shell)', '/api/v1/me', COORDINATOR_PERSON_ID, 'GetItem×1, Query×1'],
  ['projects', `${consortium}/projects?limit=100`, COORDINATOR_PERSON_ID, 'Query×1'],
  ["a member's projects", `${consortium}/projects?limit=100`, memberPersonId('aula-aperta'), 'Query×1'],
  ['members', `${consortium}/members?limit=100`, COORDINATOR_PERSON_ID, 'Query×1'],
  ['funders', `${consortium}/funders?limit=100`, COORDINATOR_PERSON_ID, 'Query×1'],
  ['notifications', `${consortium}/notifications`, COORDINATOR_PERSON_ID, 'Query×1'],
  ['project overview', `${project}/overview`, COORDINATOR_PERSON_ID, 'Query×4'],
  ['project overview, as a partner', `${project}/overview`, memberPersonId('aula-aperta'), 'Query×4'],
  ['phases', `${project}/phases`, COORDINATOR_PERSON_ID, 'Query×1'],
  ['deliverables, page of 100', `${project}/deliverables?limit=100`, COORDINATOR_PERSON_ID, 'Query×1'],
  ['a deliverable with its recent log', `${project}/deliverables/d13`, COORDINATOR_PERSON_ID, 'GetItem×1, Query×1'],
  // The log checks its deliverable exists (a missing one is 404, not an empty list).
  ["a deliverable's log", `${project}/deliverables/d13/log`, COORDINATOR_PERSON_ID, 'GetItem×1, Query×1'],
  // Lists across projects read the projects they name at once, to leave out a copy still staged.
  ["a member's open deliverables", `${consortium}/members/aula-aperta/deliverables?limit=100`, memberPersonId('aula-aperta'), 'BatchGetItem×1, Query×1'],
  ['costs awaiting review', `${project}/costs?status=submitted&limit=100`, COORDINATOR_PERSON_ID, 'Query×1'],
  ['budget', `${project}/budget`, COORDINATOR_PERSON_ID, 'GetItem×1, Query×1'],
  ['money summary', `${project}/money`, COORDINATOR_PERSON_ID, 'Query×1'],
  ['instalments', `${project}/instalments?limit=100`, COORDINATOR_PERSON_ID, 'Query×1'],
  ['exports', `${project}/exports`, COORDINATOR_PERSON_ID, 'Query×1'],
  // The rest of the dashboard's lists and overviews, by page.
  ['people', `${consortium}/people?limit=100`, COORDINATOR_PERSON_ID, 'Query×1'],
  ['deliverables of a phase, page of 100', `${project}/deliverables?phaseId=offer&limit=100`, COORDINATOR_PERSON_ID, 'Query×1'],
  ['offers', `${project}/offers?limit=100`, COORDINATOR_PERSON_ID, 'Query×1'],
  ["the project's training", `${project}/training?limit=100`, COORDINATOR_PERSON_ID, 'Query×1'],
  // Paths, then attendance per member.
  ['training by member', `${consortium}/training-members`, COORDINATOR_PERSON_ID, 'Query×2'],
  ["a member's training paths", `${consortium}/training?limit=100`, memberPersonId('aula-aperta'), 'BatchGetItem×1, Query×1'],
  // A path's sessions and a session's attendance check their parent exists (a missing one is 404).
  ["a training path's sessions", `${consortium}/training/raccolta-fondi/sessions?limit=100`, memberPersonId('aula-aperta'), 'GetItem×1, Query×1'],
  ["a session's attendance", `${consortium}/training/raccolta-fondi/sessions/raccolta-fondi-1/attendance?limit=100`, memberPersonId('aula-aperta'), 'GetItem×1, Query×1'],
  ["a member's budget", `${project}/budget`, memberPersonId('aula-aperta'), 'GetItem×1, Query×1'],
  ["a member's costs of a budget line", `${project}/costs?budgetLineId=${demoLineId('aula-aperta', 'staff')}&limit=100`, memberPersonId('aula-aperta'), 'GetItem×1, Query×1'],
  ['project overview, as the funder', `${project}/overview`, funderPersonId('fondazione-mincio'), 'Query×4'],
  ['exports, as the funder', `${project}/exports?limit=25`, funderPersonId('fondazione-mincio'), 'Query×1'],
  ["a funder's projects", `${consortium}/projects?limit=100`, funderPersonId('fondazione-mincio'), 'Query×1'],
];

beforeAll(async () => {
  expect(await seedDemo(api.store, api.clock)).toBe('seeded');
});

/** What GET `path` sends, as `as`, off its budget; undefined when it keeps it. */
async function offBudget(path: string, as: string, budget: string) {
  // The first call fills the caches; the second is the one counted.
  expect((await api.call('GET', path, undefined, { as })).status).toBe(200);
  const { result, calls } = await counter.during(() => api.call('GET', path, undefined, { as }));
  expect(result.status).toBe(200);
  return callBudgetFailure(`GET ${path}`, describeCalls(calls), budget);
}

describe('DynamoDB calls per route', () => {
  it.each(BUDGETS)('%s keeps its budget', async (_, path, as, budget) => {
    expect(await offBudget(path, as, budget)).toBeUndefined();
  });

  it("an export's share links keep their budget", async () => {
    // The demo has no export: one is asked for first (its id is made at random).
    const created = await api.call('POST', `${project}/exports`, { formats: ['json'], language: 'en' }, { as: COORDINATOR_PERSON_ID });
    expect(created.status).toBe(202);
    // The export job reads the table in this process: done before anything is counted.
    await api.exportQueue.idle();

    // The list checks its export exists (a missing one is 404).
    expect(await offBudget(`${project}/exports/${created.body.id}/share-links`, COORDINATOR_PERSON_ID, 'GetItem×1, Query×1')).toBeUndefined();
  });

  it('fail a route that sends one call more than its budget, naming the route and the count', () => {
    // A deliberate excess: the overview as if it read one page more.
    const failure = callBudgetFailure(`GET ${project}/overview`, 'GetItem×1, Query×4', 'Query×4');

    expect(failure).toBe(`GET ${project}/overview sends GetItem×1, Query×4 (5 calls); its budget is Query×4 (4 calls)`);
  });
});
