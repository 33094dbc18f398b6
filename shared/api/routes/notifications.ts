// A person's own notifications and preferences: each caller only ever reads and changes their own.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { MarkRead, Notification, Preferences } from '../../domain/notification';
import { actorOf } from '../access';
import type { AppDeps } from '../env';
import { ConsortiumParams, PageQuery, body, json, newRouter, pageOf, readErrors, writeErrors } from '../openapi';
import { guarded } from '../guard';

export function notificationRoutes(deps: AppDeps) {
  const { notifications, people } = deps.store;
  const tags = ['Notifications'];
  const base = '/consortia/{consortiumId}/notifications';
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: base, tags, summary: 'Your notifications in this consortium, newest first',
      ...guarded(deps, 'notifications.list'),
      request: { params: ConsortiumParams, query: PageQuery },
      responses: { 200: json(pageOf(Notification, 'NotificationPage'), 'A page of your notifications'), ...readErrors },
    }),
    async (c) => {
      const { personId, consortiumId } = c.get('access');
      return c.json(await notifications.list(personId, consortiumId, c.req.valid('query')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${base}/read`, tags, summary: 'Mark some of your notifications as read (an id that is not yours answers 404)',
      ...guarded(deps, 'notifications.markRead'),
      request: { params: ConsortiumParams, body: body(MarkRead) },
      responses: { 200: json(z.object({ items: z.array(Notification) }).meta({ id: 'ReadNotifications' }), 'The notifications, as read'), ...writeErrors },
    }),
    async (c) => {
      const { personId, consortiumId } = c.get('access');
      const at = deps.clock.now().toISOString();
      const items = [];
      for (const id of c.req.valid('json').notificationIds) items.push(await notifications.markRead(personId, consortiumId, id, at));
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch', path: '/consortia/{consortiumId}/people/me/preferences', tags,
      summary: 'Change your own preferences: whether you get the weekly digest',
      ...guarded(deps, 'people.preferences'),
      request: { params: ConsortiumParams, body: body(Preferences) },
      responses: { 200: json(Preferences, 'Your preferences as changed'), ...writeErrors },
    }),
    async (c) => {
      const access = c.get('access');
      const { weeklyDigest } = c.req.valid('json');
      const current = await people.get(access.consortiumId, access.personId);
      const updated = await people.update(current, current.version, { weeklyDigest }, actorOf(access, deps));
      return c.json({ weeklyDigest: updated.weeklyDigest !== false }, 200);
    },
  );

  return app;
}
