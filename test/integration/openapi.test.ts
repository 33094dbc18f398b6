// The OpenAPI document: valid OpenAPI 3.1 (checked by an independent validator) and complete.
import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../shared/api/env';
import { PERSONAL_OPERATIONS, PUBLIC_OPERATIONS } from '../../shared/api/policy';
import { ROUTE_GROUPS } from '../../shared/api/route-groups';
import { createTestApi, type TestApi } from '../support/api';

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.table.drop());

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const { status, body } = await api.call('GET', '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(body));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('lists every route the app serves under /api/v1, and no other', async () => {
    const { body } = await api.call('GET', '/api/openapi.json');
    const documented = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    // The app serves /api/v1 through its route groups, loaded on first use: what they hold is what it serves.
    const routers = (await Promise.all(ROUTE_GROUPS.map((group) => group.load()))).flat();
    const served = routers
      .flatMap((routes) => routes({ store: api.store } as AppDeps).routes)
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} /api/v1${route.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(new Set(documented)).toEqual(new Set(served));
    expect(documented.length).toBeGreaterThanOrEqual(24);
  });

  it('documents the problem answers, an operation id, and the request body of every write', async () => {
    const { body } = await api.call('GET', '/api/openapi.json');
    for (const [path, item] of Object.entries(body.paths as Record<string, Record<string, any>>)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!METHODS.includes(method)) continue;
        expect(operation.operationId, `${method} ${path}`).toBeTruthy();
        const isPublic = operation.operationId in PUBLIC_OPERATIONS;
        // A public operation takes no token, so it cannot answer 401 or 403, nor conflict; a
        // personal one (the caller's own memberships, a copy of their data) needs only a valid
        // token: it answers 401, and changes nothing another writer shares, so it never conflicts.
        const isPersonal = operation.operationId in PERSONAL_OPERATIONS;
        const statuses = isPublic ? ['404'] : isPersonal ? ['401'] : ['401', '403', '404'];
        for (const status of statuses) expect(operation.responses[status], `${method} ${path}`).toBeDefined();
        if ((method === 'post' || method === 'patch') && !isPublic) {
          expect(operation.requestBody?.required, `${method} ${path}`).toBe(true);
          expect(operation.responses[isPersonal ? '400' : '409'], `${method} ${path}`).toBeDefined();
        }
      }
    }
  });
});
