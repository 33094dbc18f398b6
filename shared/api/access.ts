// Who is calling and what they may do here: the bearer token gives the person, their membership of
// the consortium in the path gives the role. No membership, no consortium: 404, so nothing leaks.
import { createMiddleware } from 'hono/factory';
import { calendarDateIn } from '../domain/clock';
import { Id } from '../domain/common';
import type { Consortium } from '../domain/consortium';
import { NotFoundError, UnauthorizedError } from '../domain/errors';
import type { Access, Person } from '../domain/person';
import type { AppDeps, AppEnv } from './env';

/** Memberships are cached this long at most, so that a role change applies almost at once. */
export const MEMBERSHIP_CACHE_MILLIS = 3_000;
const CONSORTIUM_CACHE_MILLIS = 5_000;
const CACHE_LIMIT = 10_000;

/** A bounded cache whose entries live `ttlMillis`; `fresh` loads again whatever it holds. */
export function ttlCache<T>(ttlMillis: number) {
  const entries = new Map<string, { value: T; until: number }>();
  return async (key: string, now: number, load: () => Promise<T>, fresh = false): Promise<T> => {
    const hit = entries.get(key);
    if (hit && hit.until >= now && !fresh) return hit.value;
    const value = await load();
    if (entries.size >= CACHE_LIMIT) entries.clear();
    entries.set(key, { value, until: now + ttlMillis });
    return value;
  };
}

/**
 * Requires `Authorization: Bearer <access token>` and remembers the caller's identity; the
 * `publicPaths` (share links) need none.
 */
export function authenticate(deps: AppDeps, publicPaths: ReadonlySet<string> = new Set()) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (publicPaths.has(c.req.path)) return next();
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedError('Send an access token: Authorization: Bearer <token>');
    c.set('identity', await deps.verifier.verify(match[1]!));
    await next();
  });
}

/** Loads the caller's membership of the consortium in the path, and the consortium. */
export function consortiumAccess(deps: AppDeps) {
  const memberships = ttlCache<Person | undefined>(MEMBERSHIP_CACHE_MILLIS);
  const consortia = ttlCache<Consortium | undefined>(CONSORTIUM_CACHE_MILLIS);
  return createMiddleware<AppEnv>(async (c, next) => {
    const consortiumId = c.req.param('consortiumId') ?? '';
    // Runs before the route validates its parameters: a malformed id must not reach a key.
    if (!Id.safeParse(consortiumId).success) throw new NotFoundError('No such consortium');
    const { sub } = c.get('identity');
    const now = deps.clock.now().getTime();
    const [person, consortium] = await Promise.all([
      memberships(`${sub} ${consortiumId}`, now, () => deps.store.people.membership(sub, consortiumId)),
      consortia(consortiumId, now, () => deps.store.consortia.get(consortiumId)),
    ]);
    if (!person || !consortium) throw new NotFoundError(`No consortium ${consortiumId}`);
    const access: Access = {
      personId: person.id,
      consortiumId,
      role: person.role,
      ...(person.memberId ? { memberId: person.memberId } : {}),
      ...(person.funderId ? { funderId: person.funderId } : {}),
    };
    c.set('access', access);
    c.set('consortium', consortium);
    await next();
  });
}

/** Today's calendar date in the consortium's time zone: due dates are compared with it. */
export function todayIn(consortium: Consortium, deps: Pick<AppDeps, 'clock'>): string {
  return calendarDateIn(deps.clock.now(), consortium.timeZone);
}

/** The actor of an audited write: the caller, now. */
export function actorOf(access: Access, deps: Pick<AppDeps, 'clock'>) {
  return { personId: access.personId, at: deps.clock.now().toISOString() };
}
