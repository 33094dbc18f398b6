// Which projects a caller sees. A project's funder and partners are cached as briefly as
// memberships, so that the check costs no read per request; a refusal is checked once more against
// the table first, so a project just created or a partner just added is seen at once, while a
// partner removed loses sight within MEMBERSHIP_CACHE_MILLIS.
import type { Context } from 'hono';
import { orMissing } from '../domain/errors';
import type { Access } from '../domain/person';
import { type ProjectReach, reachOf, seesProject, takesPartIn } from '../domain/visibility';
import { offerRepository } from '../store/offers';
import { projectNotFound } from '../store/projects';
import { MEMBERSHIP_CACHE_MILLIS, ttlCache } from './access';
import type { AppDeps, AppEnv } from './env';

/** Operations through which a member reaches the offers it takes part in, in any project. */
const OFFER_OPERATIONS = new Set(['offers.get', 'offers.list']);

/** One cache per store: the apps of one process that share a table share what they know of it. */
const scopes = new WeakMap<object, ReturnType<typeof createScope>>();

function createScope(deps: AppDeps) {
  const cache = ttlCache<ProjectReach | undefined>(MEMBERSHIP_CACHE_MILLIS);
  const offers = offerRepository(deps.store.db);
  const load = (consortiumId: string, projectId: string) => async () => {
    const project = await orMissing(deps.store.projects.get(consortiumId, projectId));
    return project && reachOf(project.entity);
  };

  /** The project's reach as cached, or as the table has it now when the cached one says no. */
  async function reach(access: Access, projectId: string): Promise<ProjectReach | undefined> {
    const key = `${access.consortiumId} ${projectId}`;
    const now = deps.clock.now().getTime();
    const cached = await cache(key, now, load(access.consortiumId, projectId));
    if (cached && seesProject(access, cached)) return cached;
    return cache(key, now, load(access.consortiumId, projectId), true);
  }

  /** A member outside the project reaches it only through an offer it takes part in. */
  async function throughOffers(access: Access, projectId: string, offerId: string | undefined): Promise<boolean> {
    if (offerId === undefined) {
      const all = await offers.all(access.consortiumId, projectId);
      return all.some((offer) => takesPartIn(access, offer));
    }
    const offer = await orMissing(offers.get(access.consortiumId, projectId, offerId));
    return offer !== undefined && takesPartIn(access, offer);
  }

  return { reach, throughOffers };
}

/**
 * Requires that the caller sees the project in the path: 404, in the words of a missing project,
 * otherwise. Remembers its reach for handlers that narrow what they answer.
 */
export async function checkProject(deps: AppDeps, c: Context<AppEnv>, operationId: string, projectId: string): Promise<void> {
  let scope = scopes.get(deps.store);
  if (!scope) scopes.set(deps.store, (scope = createScope(deps)));
  const access = c.get('access');
  const reach = await scope.reach(access, projectId);
  if (!reach) throw projectNotFound(projectId);
  c.set('projectReach', reach);
  if (seesProject(access, reach)) return;
  if (OFFER_OPERATIONS.has(operationId) && (await scope.throughOffers(access, projectId, c.req.param('offerId')))) return;
  throw projectNotFound(projectId);
}
