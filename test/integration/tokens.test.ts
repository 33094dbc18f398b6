// Bearer tokens on a real route of the seeded demo: only a well-formed access token of the right
// issuer, client and key gets in; roles and removals come from the table and apply within the
// membership cache's few seconds.
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIssuer } from '../../dev/dev-issuer';
import { COORDINATOR_PERSON_ID, DEMO_CONSORTIUM_ID, memberPersonId } from '../../dev/demo/demo-data';
import { funderPersonId } from '../../dev/demo/demo-people';
import { seedDemo } from '../../dev/demo/seed';
import { MEMBERSHIP_CACHE_MILLIS } from '../../shared/api/access';
import { createTestApi, type CallOptions, type TestApi } from '../support/api';

let api: TestApi;

const consortium = `/api/v1/consortia/${DEMO_CONSORTIUM_ID}`;
const overview = `${consortium}/projects/cultnetwork/overview`;

beforeAll(async () => {
  api = await createTestApi('2026-11-23T09:00:00Z');
  expect(await seedDemo(api.store, api.clock)).toBe('seeded');
});
afterAll(() => api.table.drop());

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The claims of a good access token for `sub`, as the dev issuer writes them. */
function claimsOf(sub: string) {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub, token_use: 'access', client_id: api.issuer.clientId, scope: 'openid email', username: sub,
    iss: api.issuer.issuer, iat: now, exp: now + 3600, jti: `jti-${now}`,
  };
}

const realKid = () => (api.issuer.jwks.keys[0] as { kid: string }).kid;

/** Moves the app's clock past the membership cache, as if a few seconds had gone by. */
function afterTheCache() {
  api.clock.set(new Date(api.clock.now().getTime() + MEMBERSHIP_CACHE_MILLIS + 1).toISOString());
}

function expectUnauthenticated(answer: Awaited<ReturnType<TestApi['call']>>) {
  expect(answer.status).toBe(401);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  expect(answer.headers.get('www-authenticate')).toBe('Bearer');
  expect(answer.body).toMatchObject({ status: 401, type: 'urn:rete:problem:unauthorized' });
  // The answer does not tell a forger which issuer or client would have been accepted.
  expect(answer.body.detail).not.toContain(api.issuer.issuer);
  expect(answer.body.detail).not.toContain(api.issuer.clientId);
}

/** Ways to call without a good token: each makes the options of one call. */
const refused: [string, () => Promise<CallOptions>][] = [
  ['no Authorization header', async () => ({ as: null })],
  ['a Basic Authorization header', async () => ({ as: null, headers: { authorization: `Basic ${Buffer.from('person-coordinator:secret').toString('base64')}` } })],
  ['"Bearer" with no token', async () => ({ as: null, headers: { authorization: 'Bearer' } })],
  ['"Bearer" with garbage', async () => ({ as: null, headers: { authorization: 'Bearer not-a-token' } })],
  ['"Bearer" with three garbage parts', async () => ({ as: null, headers: { authorization: 'Bearer aaa.bbb.ccc' } })],
  ['a good token without the Bearer scheme', async () => ({ as: null, headers: { authorization: await api.issuer.sign(COORDINATOR_PERSON_ID) } })],
  ['a good token followed by more text', async () => ({
    as: null, headers: { authorization: `Bearer ${await api.issuer.sign(COORDINATOR_PERSON_ID)} extra` },
  })],
  ['an unsigned token (alg none)', async () => ({
    token: `${base64url({ alg: 'none' })}.${base64url(claimsOf(COORDINATOR_PERSON_ID))}.`,
  })],
  ['an unsigned token (alg none) naming the real key id', async () => ({
    token: `${base64url({ alg: 'none', typ: 'JWT', kid: realKid() })}.${base64url(claimsOf(COORDINATOR_PERSON_ID))}.`,
  })],
  // An empty third part is refused as malformed; with something there, the alg itself is refused.
  ['an unsigned token (alg none) with a made-up signature part', async () => ({
    token: `${base64url({ alg: 'none', kid: realKid() })}.${base64url(claimsOf(COORDINATOR_PERSON_ID))}.${Buffer.from('x').toString('base64url')}`,
  })],
  ['a token whose claims were changed after signing', async () => {
    const [header, , signature] = (await api.issuer.sign('person-without-membership')).split('.');
    return { token: `${header}.${base64url(claimsOf(COORDINATOR_PERSON_ID))}.${signature}` };
  }],
  ['a token signed by another key under the real key id', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    return {
      token: await new SignJWT(claimsOf(COORDINATOR_PERSON_ID)).setProtectedHeader({ alg: 'RS256', kid: realKid() }).sign(privateKey),
    };
  }],
  ['a token signed by another issuer key of the same issuer and client', async () => {
    const impostor = await createDevIssuer(api.issuer.issuer, api.issuer.clientId);
    return { token: await impostor.sign(COORDINATOR_PERSON_ID) };
  }],
  ['an HS256 token under the real key id', async () => ({
    token: await new SignJWT(claimsOf(COORDINATOR_PERSON_ID))
      .setProtectedHeader({ alg: 'HS256', kid: realKid() })
      .sign(new TextEncoder().encode((api.issuer.jwks.keys[0] as { n: string }).n)),
  })],
  ['a token of another issuer', async () => ({
    token: await api.issuer.sign(COORDINATOR_PERSON_ID, { claims: { iss: 'https://issuer.elsewhere.test/dev' } }),
  })],
  ['a token of another client id', async () => ({
    token: await api.issuer.sign(COORDINATOR_PERSON_ID, { claims: { client_id: 'another-client' } }),
  })],
  ['an id token (token_use id)', async () => ({
    token: await api.issuer.sign(COORDINATOR_PERSON_ID, { claims: { token_use: 'id', aud: api.issuer.clientId } }),
  })],
  ['an expired token', async () => ({ token: await api.issuer.sign(COORDINATOR_PERSON_ID, { expiresInSeconds: -60 }) })],
  ['a token not valid yet (nbf in an hour)', async () => ({
    token: await api.issuer.sign(COORDINATOR_PERSON_ID, { claims: { nbf: Math.floor(Date.now() / 1000) + 3600 } }),
  })],
  ['a token without a subject', async () => ({ token: await api.issuer.sign(COORDINATOR_PERSON_ID, { claims: { sub: '' } }) })],
  ['a token without an expiry', async () => ({ token: await api.issuer.sign(COORDINATOR_PERSON_ID, { claims: { exp: undefined } }) })],
];

describe('bearer tokens', () => {
  it('let a good access token read the demo overview', async () => {
    const answer = await api.call('GET', overview, undefined, { token: await api.issuer.sign(COORDINATOR_PERSON_ID) });
    expect(answer.status).toBe(200);
    expect(answer.body.project.id).toBe('cultnetwork');
  });

  it.each(refused)('refuse %s with 401 problem+json', async (_, options) => {
    expectUnauthenticated(await api.call('GET', overview, undefined, await options()));
  });
});

describe('roles from the table', () => {
  it('apply a promotion and a demotion once the membership cache has expired', async () => {
    const memberId = 'aula-aperta';
    const person = memberPersonId(memberId);
    const people = (as: string) => api.call('GET', `${consortium}/people`, undefined, { as });
    expect((await people(person)).status).toBe(403);

    const promoted = await api.call('PATCH', `${consortium}/people/${person}`, { version: 1, role: 'coordinator' }, { as: COORDINATOR_PERSON_ID });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ role: 'coordinator', version: 2 });
    expect(promoted.body.memberId).toBeUndefined();
    afterTheCache();
    expect((await people(person)).status).toBe(200);

    const demoted = await api.call('PATCH', `${consortium}/people/${person}`, { version: 2, role: 'member', memberId }, { as: COORDINATOR_PERSON_ID });
    expect(demoted.status).toBe(200);
    afterTheCache();
    const refusedAgain = await people(person);
    expect(refusedAgain.status).toBe(403);
    expect(refusedAgain.headers.get('content-type')).toBe('application/problem+json');
  });

  it("apply a funder's new funder once the membership cache has expired", async () => {
    const person = funderPersonId('fondazione-mincio');
    expect((await api.call('GET', overview, undefined, { as: person })).status).toBe(200);

    const moved = await api.call('PATCH', `${consortium}/people/${person}`, { version: 1, funderId: 'fondo-regionale' }, { as: COORDINATOR_PERSON_ID });
    expect(moved.status).toBe(200);
    afterTheCache();
    expect((await api.call('GET', overview, undefined, { as: person })).status).toBe(404);
    expect((await api.call('GET', `${consortium}/projects/museilab/overview`, undefined, { as: person })).status).toBe(200);
  });

  it('hide the consortium (404) from a removed person once the membership cache has expired', async () => {
    const person = memberPersonId('teatro-del-viale');
    const asPerson = () => api.call('GET', overview, undefined, { as: person });
    expect((await asPerson()).status).toBe(200);

    const { body: current } = await api.call('GET', `${consortium}/people/${person}`, undefined, { as: COORDINATOR_PERSON_ID });
    const removed = await api.call('DELETE', `${consortium}/people/${person}?version=${current.version}`, undefined, { as: COORDINATOR_PERSON_ID });
    expect(removed.status).toBe(204);
    afterTheCache();

    // The token is still good (401 would be wrong): only the membership is gone.
    const answer = await asPerson();
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect((await api.call('GET', `${consortium}/people/${person}`, undefined, { as: COORDINATOR_PERSON_ID })).status).toBe(404);
  });
});
