// Development login, served by `npm start` only: the issuer's keys, the demo people, and tokens for them.
import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../shared/domain/errors';
import type { Store } from '../shared/store';
import type { DevIssuer } from './dev-issuer';

const LoginBody = z.strictObject({ user: z.string().min(1).max(64) });

export function devRoutes(issuer: DevIssuer, store: Store, consortiumId: string) {
  const app = new Hono();

  app.get('/jwks.json', (c) => c.json(issuer.jwks));

  app.get('/users', async (c) => {
    const people = await store.people.all(consortiumId);
    return c.json({
      users: people.map(({ id, name, email, role, memberId, funderId, language }) => ({
        id, name, email, role, memberId, funderId, language, consortiumId,
      })),
    });
  });

  app.post('/login', async (c) => {
    const parsed = LoginBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) throw new ValidationError([{ path: 'user', message: 'give the id of a demo person' }]);
    const memberships = await store.people.membershipsOf(parsed.data.user);
    if (memberships.length === 0) throw new NotFoundError(`No person ${parsed.data.user}`);
    return c.json({ token: await issuer.sign(parsed.data.user), expiresIn: 3600 });
  });

  return app;
}
