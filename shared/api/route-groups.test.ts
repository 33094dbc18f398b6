// Every documented route is served by the group its path leads to, and every group's routers are documented.
import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { createStore } from '../store';
import { createDocumentClient } from '../store/client';
import type { AppDeps } from './env';
import { DOCUMENTED_ROUTERS } from './openapi-document';
import { ROUTE_GROUPS, groupOf, routeKey } from './route-groups';

// Routers only read the store's repositories when built: no call goes out.
const deps = { store: createStore(createDocumentClient({ region: 'eu-south-1', endpoint: 'http://127.0.0.1:9' }), 'unused') } as AppDeps;

/** The paths (OpenAPI form, under /api/v1) a router declares. */
function pathsOf(routes: (typeof DOCUMENTED_ROUTERS)[number]): string[] {
  const app = new OpenAPIHono().route('/', routes(deps));
  return app.openAPIRegistry.definitions.flatMap((definition) => (definition.type === 'route' ? [definition.route.path] : []));
}

describe('the route groups', () => {
  it('send every documented path to the group that holds its router', async () => {
    const misrouted: string[] = [];
    for (const routes of DOCUMENTED_ROUTERS) {
      for (const path of pathsOf(routes)) {
        const group = groupOf(path.replaceAll(/\{(\w+)\}/g, 'x-$1'));
        if (!group || !(await group.load()).includes(routes)) misrouted.push(`${path} → ${group?.name ?? 'no group'}`);
      }
    }
    expect(misrouted).toEqual([]);
  });

  it('hold only documented routers, each in one group', async () => {
    const loaded = (await Promise.all(ROUTE_GROUPS.map((group) => group.load()))).flat();
    expect(new Set(loaded)).toEqual(new Set(DOCUMENTED_ROUTERS));
    expect(loaded).toHaveLength(DOCUMENTED_ROUTERS.length);
  });

  it('take the resource segment of a path as its key', () => {
    expect(routeKey('/me')).toBe('me');
    expect(routeKey('/consortia/c1')).toBe('consortium');
    expect(routeKey('/consortia/c1/members/m1/deliverables')).toBe('members');
    expect(routeKey('/consortia/c1/projects')).toBe('projects');
    expect(routeKey('/consortia/c1/projects/p1/overview')).toBe('projects');
    expect(groupOf('/consortia/c1/projects/p1/copy')?.name).toBe('projects');
    expect(routeKey('/consortia/c1/projects/p1/budget/lines/l1/costs')).toBe('budget');
    expect(groupOf('/consortia/c1/nothing-here')).toBeUndefined();
  });
});
