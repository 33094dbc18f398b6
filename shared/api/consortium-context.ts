// Loads the consortium named in the path once per request (briefly cached): unknown ones are 404.
import { createMiddleware } from 'hono/factory';
import type { Consortium } from '../domain/consortium';
import { calendarDateIn } from '../domain/clock';
import { NotFoundError } from '../domain/errors';
import type { AppDeps, AppEnv } from './env';

const CACHE_MILLIS = 5_000;

export function consortiumContext(deps: AppDeps) {
  const cache = new Map<string, { consortium: Consortium; until: number }>();
  return createMiddleware<AppEnv>(async (c, next) => {
    const consortiumId = c.req.param('consortiumId') ?? '';
    const now = deps.clock.now().getTime();
    let cached = cache.get(consortiumId);
    if (!cached || cached.until < now) {
      const consortium = await deps.store.consortia.get(consortiumId);
      if (!consortium) throw new NotFoundError(`No consortium ${consortiumId}`);
      cached = { consortium, until: now + CACHE_MILLIS };
      cache.set(consortiumId, cached);
    }
    c.set('consortium', cached.consortium);
    await next();
  });
}

/** Today's calendar date in the consortium's time zone: due dates are compared with it. */
export function todayIn(consortium: Consortium, deps: Pick<AppDeps, 'clock'>): string {
  return calendarDateIn(deps.clock.now(), consortium.timeZone);
}
