// Members and funders through the HTTP app against DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSORTIUM, COORDINATOR, addPerson, createTestApi, seedConsortium, v1, type TestApi } from '../support/api';
import { installConflictHarness } from '../support/conflicts';

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
  // Transactions in flight on one item cancel each other, as on AWS (DynamoDB Local never does).
  installConflictHarness(api.table.client);
  await seedConsortium(api, CONSORTIUM);
});
afterAll(() => api.table.drop());

const aMember = (suffix: string | number) => ({
  name: `Cooperativa ${suffix}`, sector: 'museum services', orgId: `IT-CF-3${String(suffix).padStart(10, '0')}`,
});

async function memberCount(): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await api.call('GET', `${v1}/members?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    count += page.body.items.length;
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return count;
}

describe('members', () => {
  it('creates a member as applicant, reads it back and lists it', async () => {
    const created = await api.call('POST', `${v1}/members`, aMember(1));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...aMember(1), status: 'applicant', version: 1, consortiumId: CONSORTIUM });

    const read = await api.call('GET', `${v1}/members/${created.body.id}`);
    expect(read.body).toEqual(created.body);
    const list = await api.call('GET', `${v1}/members`);
    expect(list.body.items.map((m: { id: string }) => m.id)).toContain(created.body.id);
  });

  it('admits an applicant with the date of today in Rome, and refuses moving a member that left back', async () => {
    const { body: member } = await api.call('POST', `${v1}/members`, aMember(2));
    const admitted = await api.call('PATCH', `${v1}/members/${member.id}`, { version: 1, status: 'active' });
    expect(admitted.status).toBe(200);
    expect(admitted.body).toMatchObject({ status: 'active', joinedOn: '2026-11-23', version: 2 });

    const left = await api.call('PATCH', `${v1}/members/${member.id}`, { version: 2, status: 'left' });
    expect(left.body).toMatchObject({ status: 'left', leftOn: '2026-11-23' });

    const back = await api.call('PATCH', `${v1}/members/${member.id}`, { version: 3, status: 'active' });
    expect(back.status).toBe(409);
    expect(back.body).toMatchObject({ type: 'urn:rete:problem:invalid_transition', status: 409 });
    expect(back.body.detail).toMatch(/from left to active/);
  });

  it('dates an exit on the day the coordinator gives; refuses one before the admission, and a member person dating itself', async () => {
    const { body: member } = await api.call('POST', `${v1}/members`, { ...aMember(3), status: 'active', joinedOn: '2026-03-01' });
    await addPerson(api, { id: 'dated-member-person', consortiumId: CONSORTIUM, role: 'member', memberId: member.id });

    const own = await api.call('PATCH', `${v1}/members/${member.id}`, { version: 1, joinedOn: '2020-01-01' }, { as: 'dated-member-person' });
    expect(own.status).toBe(403);
    const early = await api.call('PATCH', `${v1}/members/${member.id}`, { version: 1, status: 'left', leftOn: '2026-02-28' });
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([expect.objectContaining({ path: 'leftOn' })]);

    const left = await api.call('PATCH', `${v1}/members/${member.id}`, { version: 1, status: 'left', leftOn: '2026-10-31' });
    expect(left.body).toMatchObject({ status: 'left', joinedOn: '2026-03-01', leftOn: '2026-10-31', version: 2 });
  });

  it('answers 400 naming the field for a wrong type, and writes nothing', async () => {
    const before = await memberCount();
    const response = await api.call('POST', `${v1}/members`, { ...aMember(3), name: 42 });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.errors).toEqual([expect.objectContaining({ in: 'body', path: 'name' })]);
    expect(response.body.detail).toContain('name');
    expect(await memberCount()).toBe(before);
  });

  it('refuses unknown fields, malformed JSON and a non-JSON body', async () => {
    const extra = await api.call('POST', `${v1}/members`, { ...aMember(4), role: 'admin' });
    expect(extra.status).toBe(400);
    expect(extra.body.detail).toMatch(/role/);

    const malformed = await api.call('POST', `${v1}/members`, '{"name": ');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toBe('application/problem+json');

    const text = await api.call('POST', `${v1}/members`, undefined, { headers: { 'content-type': 'text/plain' } });
    expect([400, 415]).toContain(text.status);
  });

  it.each([
    ['an invalid byte sequence', [0xff]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
  ])('answers 400 naming the body to a body with %s, and writes nothing', async (_label, bytes) => {
    const before = await memberCount();
    const [head, tail] = JSON.stringify({ ...aMember(5), name: 'Cooperativa |' }).split('|');
    const body = Buffer.concat([Buffer.from(head!), Buffer.from(bytes), Buffer.from(tail!)]);
    const response = await api.app.request(`${v1}/members`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await api.tokenFor(COORDINATOR)}`, 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect((await response.json()).errors).toEqual([expect.objectContaining({ in: 'body', message: expect.stringMatching(/UTF-8/) })]);
    expect(await memberCount()).toBe(before);
  });

  it('answers 400 naming a path parameter that is not an id', async () => {
    const response = await api.call('GET', `${v1}/members/NOT_AN_ID`);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ in: 'path', path: 'memberId' })]);
  });

  it('answers 404 for an unknown member and an unknown consortium', async () => {
    expect((await api.call('GET', `${v1}/members/nobody`)).status).toBe(404);
    const unknown = await api.call('GET', '/api/v1/consortia/nowhere/members');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toMatch(/nowhere/);
  });

  it('answers 409 to an update carrying a stale version, and keeps the first update', async () => {
    const { body: member } = await api.call('POST', `${v1}/members`, aMember(5));
    const first = await api.call('PATCH', `${v1}/members/${member.id}`, { version: 1, sector: 'theatre' });
    expect(first.status).toBe(200);
    const stale = await api.call('PATCH', `${v1}/members/${member.id}`, { version: 1, sector: 'music' });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toMatch(/version/);
    expect((await api.call('GET', `${v1}/members/${member.id}`)).body.sector).toBe('theatre');
  });

  it('lets exactly one of 20 concurrent updates carrying the same version win', async () => {
    const { body: member } = await api.call('POST', `${v1}/members`, aMember(6));
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        api.call('PATCH', `${v1}/members/${member.id}`, { version: 1, sector: `sector ${index}` }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const winner = answers.find((answer) => answer.status === 200)!.body;
    const stored = (await api.call('GET', `${v1}/members/${member.id}`)).body;
    expect(stored).toMatchObject({ version: 2, sector: winner.sector });
  });

  it('pages through the list with an opaque cursor, each member once', async () => {
    for (let index = 10; index < 17; index++) await api.call('POST', `${v1}/members`, aMember(index));
    const total = await memberCount();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api.call('GET', `${v1}/members?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((m: { id: string }) => m.id));
      cursor = page.body.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(total / 3));
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('refuses limits out of bounds and cursors that are not of this list', async () => {
    expect((await api.call('GET', `${v1}/members?limit=0`)).status).toBe(400);
    expect((await api.call('GET', `${v1}/members?limit=101`)).status).toBe(400);
    const garbage = await api.call('GET', `${v1}/members?cursor=not-a-cursor`);
    expect(garbage.status).toBe(400);
    expect(garbage.body.errors[0].path).toBe('cursor');
    const foreign = Buffer.from(JSON.stringify({ PK: 'C#other', SK: 'MEMBER#x' })).toString('base64url');
    expect((await api.call('GET', `${v1}/members?cursor=${foreign}`)).status).toBe(400);
  });

  it('returns the first result when a create is retried with the same Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': 'retry-member-1' };
    const before = await memberCount();
    const first = await api.call('POST', `${v1}/members`, aMember(20), { headers });
    const retry = await api.call('POST', `${v1}/members`, aMember(20), { headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await memberCount()).toBe(before + 1);

    const reused = await api.call('POST', `${v1}/members`, aMember(21), { headers });
    expect(reused.status).toBe(409);
    expect(reused.body.detail).toMatch(/Idempotency-Key/);
  });

  it("keeps each person's Idempotency-Keys apart: the same key and body from two coordinators creates twice", async () => {
    const second = await addPerson(api, { id: 'second-coordinator', consortiumId: CONSORTIUM, role: 'coordinator' });
    const headers = { 'Idempotency-Key': 'shared-key-1' };
    const before = await memberCount();
    const mine = await api.call('POST', `${v1}/members`, aMember(23), { headers });
    const theirs = await api.call('POST', `${v1}/members`, aMember(23), { headers, as: second.id });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await memberCount()).toBe(before + 2);

    const myRetry = await api.call('POST', `${v1}/members`, aMember(23), { headers });
    const theirRetry = await api.call('POST', `${v1}/members`, aMember(23), { headers, as: second.id });
    expect(myRetry.body).toEqual(mine.body);
    expect(theirRetry.body).toEqual(theirs.body);
    expect([myRetry.headers.get('idempotent-replayed'), theirRetry.headers.get('idempotent-replayed')]).toEqual(['true', 'true']);
    expect(await memberCount()).toBe(before + 2);
  });

  it('frees an Idempotency-Key whose first attempt was refused, so that the corrected request runs', async () => {
    const headers = { 'Idempotency-Key': 'retry-member-2' };
    const refused = await api.call('POST', `${v1}/members`, { ...aMember(22), orgId: 'bad' }, { headers });
    expect(refused.status).toBe(400);
    const corrected = await api.call('POST', `${v1}/members`, aMember(22), { headers });
    expect(corrected.status).toBe(201);
  });
});

describe('funders', () => {
  it('creates, reads, updates and lists a funder', async () => {
    const created = await api.call('POST', `${v1}/funders`, {
      name: 'Fondazione Uno', orgId: 'IT-CF-40000000000', programme: 'Cultura 2026',
    });
    expect(created.status).toBe(201);
    const updated = await api.call('PATCH', `${v1}/funders/${created.body.id}`, { version: 1, programme: 'Cultura 2027' });
    expect(updated.body).toMatchObject({ programme: 'Cultura 2027', version: 2 });
    const list = await api.call('GET', `${v1}/funders`);
    expect(list.body.items).toContainEqual(updated.body);
  });

  it('answers 400 naming an orgId that is not in org-id.guide form', async () => {
    const response = await api.call('POST', `${v1}/funders`, { name: 'X', orgId: 'banca', programme: 'P' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'orgId' })]);
  });
});
