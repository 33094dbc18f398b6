// Honours `Idempotency-Key` on creates: the first answer is stored and replayed on retries.
import { createHash } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv } from './env';

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

export function idempotent(deps: AppDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (!key) return next();
    // The caller's own key: another person sending the same key and body makes their own create.
    const scope = {
      consortiumId: c.get('consortium').id,
      personId: c.get('access').personId,
      hash: sha256(`${c.req.method} ${c.req.path} ${key}`),
    };
    const requestHash = sha256(await c.req.text());
    const { idempotency } = deps.store;
    const claim = await idempotency.claim(scope, requestHash, deps.clock.now().getTime());
    if (claim.state === 'replay') {
      c.header('Idempotent-Replayed', 'true');
      return c.json(claim.response.body as object, claim.response.status as 201);
    }
    await next();
    if (c.res.status >= 200 && c.res.status < 300) {
      // The create is written: a failure to remember its answer must not turn it into an error that
      // invites a retry. The claim then stays pending until its lock expires (retries meanwhile get 409).
      await idempotency.complete(scope, { status: c.res.status, body: await c.res.clone().json() }).catch((error: unknown) =>
        console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), message: 'Idempotency record not completed', error: String(error) })),
      );
    } else {
      await idempotency.release(scope);
    }
  });
}
