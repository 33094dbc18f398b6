// Web security of the one origin: the security headers on every answer (API, errors, static
// pages), no CORS headers from the API, whatever Origin asks.
import { serveStatic } from '@hono/node-server/serve-static';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../shared/api/app';
import { securityHeaders } from '../../shared/api/security-headers';
import { createFixture, createTestApi, v1 } from '../support/api';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const api = await createTestApi();
// As `npm start` serves the share page: through the same app.
api.app.get('/share', serveStatic({ path: join(root, 'web', 'public', 'share.html') }));
api.app.use('/*', serveStatic({ root: relative(process.cwd(), join(root, 'web', 'public')) }));
beforeAll(() => createFixture(api));
afterAll(() => api.table.drop());

const expected = securityHeaders();

describe('security headers', () => {
  it.each([
    ['a read', 'GET', `${v1}/members`, {}, 200],
    ['a refusal without a token', 'GET', `${v1}/members`, { as: null }, 401],
    ['an unknown route', 'GET', '/api/v1/nothing-here', {}, 404],
    ['the OpenAPI document', 'GET', '/api/openapi.json', { as: null }, 200],
    ['the share page', 'GET', '/share', { as: null }, 200],
    ['a static stylesheet', 'GET', '/share.css', { as: null }, 200],
  ] as const)('are on %s', async (_, method, path, options, status) => {
    const answer = await api.call(method, path, undefined, options).catch(async () => {
      // Static pages are not JSON: read them raw.
      const response = await api.app.request(path);
      return { status: response.status, headers: response.headers };
    });
    expect(answer.status).toBe(status);
    for (const [name, value] of Object.entries(expected)) expect(answer.headers.get(name), name).toBe(value);
  });

  it('are on a 413 and on a validation error', async () => {
    const tooLarge = await api.call('POST', `${v1}/members`, JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('x-content-type-options')).toBe('nosniff');
    const invalid = await api.call('POST', `${v1}/members`, { name: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-security-policy')).toBe(expected['Content-Security-Policy']);
  });

  it('forbid framing and inline scripts in the content security policy', () => {
    expect(expected['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(expected['Content-Security-Policy']).toContain("script-src 'self'");
    expect(expected['Content-Security-Policy']).not.toContain('unsafe-inline');
    expect(expected['X-Frame-Options']).toBe('DENY');
  });
});

describe('CORS', () => {
  it('sends no CORS headers, to a preflight or a cross-origin read', async () => {
    const preflight = await api.app.request(`${v1}/members`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    const read = await api.call('GET', `${v1}/members`, undefined, { headers: { origin: 'https://evil.example' } });
    for (const headers of [preflight.headers, read.headers]) {
      const names: string[] = [];
      headers.forEach((_, name) => names.push(name));
      expect(names.filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    expect(preflight.status).toBeGreaterThanOrEqual(400);
  });
});
