// The origin check through the whole app: on with accepted values, it answers 403 before any route
// (unknown and public ones too); off without them. No route reached here touches the stubbed deps.
import { describe, expect, it } from 'vitest';
import { createApp } from './app';
import type { AppDeps } from './env';
import { ORIGIN_HEADER } from './origin-header';

const CURRENT = 'c'.repeat(40);
const PREVIOUS = 'p'.repeat(40);
const appWith = (originSecrets?: string[]) => createApp({ store: { db: {} }, files: {}, originSecrets } as unknown as AppDeps);
const send = (app: ReturnType<typeof appWith>, method: string, path: string, origin?: string) =>
  app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...(origin === undefined ? {} : { [ORIGIN_HEADER]: origin }) },
    body: method === 'POST' ? JSON.stringify({ token: 'x'.repeat(43) }) : undefined,
  });

describe('the origin check', () => {
  const checked = appWith([CURRENT, PREVIOUS]);

  it.each([
    ['the public OpenAPI document', 'GET', '/api/openapi.json'],
    ['opening a share link', 'POST', '/api/v1/share'],
    ['a route that needs a token', 'GET', '/api/v1/consortia/anyone'],
    ['an unknown route', 'GET', '/api/nothing-here'],
  ])('refuses %s without the header with a 403 problem that says nothing of the secret', async (_what, method, path) => {
    const response = await send(checked, method, path);

    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ type: 'urn:rete:problem:forbidden', status: 403 });
    expect(body).not.toMatch(/secret|X-Rete-Origin|ccc|ppp/i);
  });

  it('refuses a wrong value, an empty one and a value that only begins like an accepted one', async () => {
    for (const value of ['w'.repeat(40), '', CURRENT.slice(0, 39), `${CURRENT},${PREVIOUS}`]) {
      expect((await send(checked, 'POST', '/api/v1/share', value)).status, value).toBe(403);
    }
  });

  it('still sends the security headers on its refusal', async () => {
    const response = await send(checked, 'GET', '/api/openapi.json');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['the value CloudFront sends', CURRENT],
    ['the value being replaced', PREVIOUS],
  ])('lets a request with %s through to the routes', async (_which, value) => {
    expect((await send(checked, 'GET', '/api/openapi.json', value)).status).toBe(200);
    expect((await send(checked, 'GET', '/api/nothing-here', value)).status).toBe(404);
    expect((await send(checked, 'GET', '/api/v1/consortia/anyone', value)).status).toBe(401);
  });

  it.each([
    ['no accepted values are configured', undefined],
    ['the list of accepted values is empty', []],
  ])('is off when %s: every request reaches the routes', async (_when, secrets) => {
    const open = appWith(secrets);
    expect((await send(open, 'GET', '/api/openapi.json')).status).toBe(200);
    expect((await send(open, 'GET', '/api/nothing-here', 'anything')).status).toBe(404);
    expect((await send(open, 'GET', '/api/v1/consortia/anyone')).status).toBe(401);
  });
});
