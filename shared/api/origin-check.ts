// Refuses a request that did not come through CloudFront: CloudFront adds ORIGIN_HEADER with a secret
// to everything it forwards to the API, and a call straight to the HTTP API's own endpoint lacks it.
// Two values are accepted while one replaces the other (docs/deploy.md, "Origin check and its rotation").
import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env';
import { ORIGIN_HEADER } from './origin-header';
import { problem } from './problem';

/** Digests have one length whatever the value's, so the comparison below takes the same time for any value. */
const digest = (value: string) => createHash('sha256').update(value).digest();

/** Answers 403 before any routing unless the request carries one of `secrets`; the answer says nothing about them. */
export function originCheck(secrets: readonly string[]) {
  if (secrets.length === 0) throw new Error('originCheck needs at least one accepted value');
  const accepted = secrets.map(digest);
  return createMiddleware<AppEnv>(async (c, next) => {
    const value = c.req.header(ORIGIN_HEADER);
    const given = digest(value ?? '');
    // Every accepted value is compared, so the time taken does not tell which one came close.
    const matches = accepted.reduce((found, secret) => timingSafeEqual(secret, given) || found, false);
    if (value === undefined || !matches) return problem(c, 403, 'forbidden', "The API answers only through the dashboard's address");
    await next();
  });
}
