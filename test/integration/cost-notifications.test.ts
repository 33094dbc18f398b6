// A member submitting a cost tells the consortium's coordinators, in each one's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberPersonId } from '../../dev/demo/demo-data';
import { demoLineId } from '../../dev/demo/demo-money';
import { seedDemo } from '../../dev/demo/seed';
import { createTestApi, type TestApi } from '../support/api';

let api: TestApi;
const member = 'mincio-musei';
const line = `/api/v1/consortia/pantacon/projects/cultnetwork/budget/lines/${demoLineId(member, 'travel')}`;

beforeAll(async () => {
  api = await createTestApi();
  await seedDemo(api.store, api.clock);
});
afterAll(() => api.table.drop());

describe('a submitted cost', () => {
  it('puts a notification and a mail in Italian in the coordinator’s outbox, not in the member’s', async () => {
    const as = { as: memberPersonId(member) };
    const draft = await api.call('POST', `${line}/costs`, { date: '2026-11-10', description: 'Treno per Verona', supplier: 'Trenitalia', amountCents: 4_550 }, as);
    expect(draft.status).toBe(201);
    const submitted = await api.call('POST', `/api/v1/consortia/pantacon/projects/cultnetwork/costs/${draft.body.id}/submit`, { version: draft.body.version }, as);
    expect(submitted.status).toBe(200);

    const coordinator = (await api.call('GET', '/api/v1/consortia/pantacon/people/person-coordinator', undefined, { as: 'person-coordinator' })).body;
    const mails = api.outbox.to(coordinator.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.language).toBe('it');
    expect(mails[0]!.subject).toContain('Costo da approvare');
    expect(mails[0]!.text).toContain('Treno per Verona');
    expect(mails[0]!.text).toMatch(/45,50\s€/);

    const notes = await api.call('GET', '/api/v1/consortia/pantacon/notifications', undefined, { as: 'person-coordinator' });
    expect(notes.body.items[0]).toMatchObject({ kind: 'cost_submitted', link: `/projects/cultnetwork/costs/${draft.body.id}` });
    const memberEmail = (await api.call('GET', `/api/v1/consortia/pantacon/people/${memberPersonId(member)}`, undefined, { as: 'person-coordinator' })).body.email;
    expect(api.outbox.to(memberEmail)).toEqual([]);
  });
});
