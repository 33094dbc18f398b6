// GET /api/v1/me: the caller's own memberships, which the dashboard reads first to know where to go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR_PERSON_ID, DEMO_CONSORTIUM_ID, memberPersonId } from '../../dev/demo/demo-data';
import { seedDemo } from '../../dev/demo/seed';
import { createTestApi, seedConsortium, type TestApi } from '../support/api';

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
  expect(await seedDemo(api.store, api.clock)).toBe('seeded');
  await seedConsortium(api, 'othercoop');
});
afterAll(() => api.table.drop());

describe('GET /api/v1/me', () => {
  it("answers the coordinator's membership with the consortium's name and time zone", async () => {
    const me = await api.call('GET', '/api/v1/me', undefined, { as: COORDINATOR_PERSON_ID });
    expect(me.status).toBe(200);
    expect(me.body.personId).toBe(COORDINATOR_PERSON_ID);
    expect(me.body.memberships).toEqual([
      expect.objectContaining({
        role: 'coordinator',
        consortium: expect.objectContaining({ id: DEMO_CONSORTIUM_ID, timeZone: 'Europe/Rome' }),
      }),
    ]);
  });

  it("tells a member person which member it acts for, and nothing of others' memberships", async () => {
    const { body: page } = await api.call('GET', `/api/v1/consortia/${DEMO_CONSORTIUM_ID}/members?limit=100`, undefined, { as: COORDINATOR_PERSON_ID });
    const memberId = page.items[0].id as string;
    const me = await api.call('GET', '/api/v1/me', undefined, { as: memberPersonId(memberId) });
    expect(me.status).toBe(200);
    expect(me.body.memberships).toHaveLength(1);
    expect(me.body.memberships[0]).toMatchObject({ role: 'member', memberId, consortium: { id: DEMO_CONSORTIUM_ID } });
    expect(me.body.memberships[0].funderId).toBeUndefined();
  });

  it('answers an empty list to a person with no membership, and 401 without a token', async () => {
    const none = await api.call('GET', '/api/v1/me', undefined, { as: 'person-without-membership' });
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ personId: 'person-without-membership', memberships: [] });
    const anonymous = await api.call('GET', '/api/v1/me', undefined, { as: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
  });
});
