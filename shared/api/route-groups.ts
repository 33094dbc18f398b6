// The API's routes in groups, each loaded by `import()` on the first request under its paths: a
// cold start loads no route, schema or OpenAPI code but the first request's group (the bundle puts
// each group in chunks of its own). A request's group follows from its path's resource segment.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from './env';

export type Routers = ((deps: AppDeps) => OpenAPIHono<AppEnv>)[];

export interface RouteGroup {
  name: string;
  /** The resource segments (routeKey) whose paths the group serves. */
  keys: string[];
  load: () => Promise<Routers>;
}

export const ROUTE_GROUPS: RouteGroup[] = [
  { name: 'consortium', keys: ['consortium'], load: async () => [(await import('./routes/consortium')).consortiumRoutes] },
  {
    name: 'directory',
    keys: ['members', 'funders'],
    load: async () => {
      const { memberRoutes, funderRoutes } = await import('./routes/directory');
      return [memberRoutes, funderRoutes];
    },
  },
  // A person's notification preferences live under /people/me.
  {
    name: 'people',
    keys: ['people', 'notifications'],
    load: async () => [(await import('./routes/people')).peopleRoutes, (await import('./routes/notifications')).notificationRoutes],
  },
  { name: 'me', keys: ['me'], load: async () => [(await import('./routes/me')).meRoutes, (await import('./routes/privacy')).myDataRoutes] },
  { name: 'privacy', keys: ['privacy'], load: async () => [(await import('./routes/privacy')).privacyRoutes] },
  // A project's copy (POST /projects/{p}/copy) is the projects group's too.
  { name: 'projects', keys: ['projects', 'copy'], load: async () => [(await import('./routes/projects')).projectRoutes] },
  { name: 'phases', keys: ['phases', 'phase-order'], load: async () => [(await import('./routes/phases')).phaseRoutes] },
  { name: 'deliverables', keys: ['deliverables'], load: async () => [(await import('./routes/deliverables')).deliverableRoutes] },
  { name: 'audit', keys: ['audit'], load: async () => [(await import('./routes/audit')).auditRoutes] },
  // Share links hang under their export; /share opens one.
  {
    name: 'exports',
    keys: ['exports', 'share'],
    load: async () => [(await import('./routes/exports')).exportRoutes, (await import('./routes/share')).shareRoutes],
  },
  { name: 'training', keys: ['training', 'training-members'], load: async () => [(await import('./routes/training')).trainingRoutes] },
  { name: 'offers', keys: ['offers'], load: async () => [(await import('./routes/offers')).offerRoutes] },
  { name: 'indicators', keys: ['indicators'], load: async () => [(await import('./routes/indicators')).indicatorRoutes] },
  // Costs hang under their budget line.
  {
    name: 'money',
    keys: ['budget', 'money', 'costs', 'cofinancing', 'instalments', 'payment-requests', 'receipts'],
    load: async () => [
      (await import('./routes/budget')).budgetRoutes,
      (await import('./routes/costs')).costRoutes,
      (await import('./routes/cofinancing')).cofinancingRoutes,
      (await import('./routes/payments')).paymentRoutes,
    ],
  },
];

/**
 * The resource segment of a path under /api/v1: `/me` → `me`, `/consortia/{c}` → `consortium`,
 * `/consortia/{c}/members/…` → `members`, `/consortia/{c}/projects/{p}` and its overview →
 * `projects`, `/consortia/{c}/projects/{p}/deliverables/…` → `deliverables`.
 */
export function routeKey(v1Path: string): string {
  const parts = v1Path.split('/').filter(Boolean);
  if (parts[0] !== 'consortia') return parts[0] ?? '';
  if (parts.length <= 2) return 'consortium';
  if (parts[2] === 'projects' && parts.length >= 5 && parts[4] !== 'overview') return parts[4]!;
  return parts[2]!;
}

/** Where a path of no group goes: the checks, then a 404. */
export const NO_GROUP: RouteGroup = { name: 'none', keys: [], load: async () => [] };

const byKey = new Map(ROUTE_GROUPS.flatMap((group) => group.keys.map((key) => [key, group] as const)));

/** The group that serves a path under /api/v1, if any. */
export const groupOf = (v1Path: string): RouteGroup | undefined => byKey.get(routeKey(v1Path));
