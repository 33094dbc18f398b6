// DynamoDB calls per route are deterministic: each read the dashboard makes has a budget here, so
// that a change adding a call to a route fails `npm test` and says which route and what it sends
// now. Counted with the membership, consortium and project caches warm, on the seeded demo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCalls, installCallCounter } from '../../bench/lib/call-counter';
import { COORDINATOR_PERSON_ID, DEMO_CONSORTIUM_ID, memberPersonId } from '../../dev/demo/demo-data';
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
  ["a member's open deliverables", `${consortium}/members/aula-aperta/deliverables?limit=100`, memberPersonId('aula-aperta'), 'Query×1'],
  ['costs awaiting review', `${project}/costs?status=submitted&limit=100`, COORDINATOR_PERSON_ID, 'Query×1'],
  ['budget', `${project}/budget`, COORDINATOR_PERSON_ID, 'GetItem×1, Query×1'],
  ['money summary', `${project}/money`, COORDINATOR_PERSON_ID, 'Query×1'],
  ['instalments', `${project}/instalments?limit=100`, COORDINATOR_PERSON_ID, 'Query×1'],
  ['exports', `${project}/exports`, COORDINATOR_PERSON_ID, 'Query×1'],
];

beforeAll(async () => {
  expect(await seedDemo(api.store, api.clock)).toBe('seeded');
});

describe('DynamoDB calls per route', () => {
  it.each(BUDGETS)('%s keeps its budget', async (_, path, as, budget) => {
    // The first call fills the caches; the second is the one counted.
    expect((await api.call('GET', path, undefined, { as })).status).toBe(200);
    const { result, calls } = await counter.during(() => api.call('GET', path, undefined, { as }));
    expect(result.status).toBe(200);
    expect(describeCalls(calls), `GET ${path} sends ${describeCalls(calls)}; its budget is ${budget}`).toBe(budget);
  });
});
