// Who the caller is, outside any consortium: their memberships, so that the dashboard knows where
// to go and what to show. A valid token is enough; each person only ever sees their own.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id } from '../../domain/common';
import { Consortium } from '../../domain/consortium';
import { Person } from '../../domain/person';
import type { AppDeps } from '../env';
import { json, newRouter, problemOf } from '../openapi';
import { guarded } from '../guard';
import { PERSONAL_OPERATIONS } from '../policy';

export const Me = z
  .object({
    personId: z.string(),
    memberships: z.array(
      Person.pick({ role: true, memberId: true, funderId: true, name: true, email: true, language: true }).extend({
        consortium: Consortium.pick({ id: true, name: true, timeZone: true, language: true }).extend({ id: Id }),
      }),
    ),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export function meRoutes(deps: AppDeps) {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: PERSONAL_OPERATIONS['me.get']!, tags: ['People'],
      summary: 'Your memberships: each consortium you belong to, your role and name there (empty when none)',
      ...guarded(deps, 'me.get'),
      responses: {
        200: json(Me, 'Your memberships'),
        401: problemOf('No valid access token'),
        503: problemOf('A transient fault; retry after `Retry-After` seconds'),
      },
    }),
    async (c) => {
      const { sub } = c.get('identity');
      const memberships = await deps.store.people.membershipsOf(sub);
      const consortia = await Promise.all(memberships.map((person) => deps.store.consortia.get(person.consortiumId)));
      const items = memberships.flatMap((person, index) => {
        const consortium = consortia[index];
        if (!consortium) return [];
        const { role, memberId, funderId, name, email, language } = person;
        return [{
          role, name, email, language,
          ...(memberId ? { memberId } : {}),
          ...(funderId ? { funderId } : {}),
          consortium: { id: consortium.id, name: consortium.name, timeZone: consortium.timeZone, language: consortium.language },
        }];
      });
      return c.json({ personId: sub, memberships: items }, 200);
    },
  );

  return app;
}
