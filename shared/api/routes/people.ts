// People of a consortium and their roles: coordinators list, invite, change and remove them.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { firstVersion, Version } from '../../domain/common';
import { ConflictError } from '../../domain/errors';
import { Person, PersonId, PersonInvite, PersonPatch, patchPerson } from '../../domain/person';
import { actorOf } from '../access';
import type { AppDeps } from '../env';
import { idempotent } from '../idempotency';
import { ConsortiumParams, IdempotencyHeaders, PageQuery, body, json, newRouter, pageOf, readErrors, writeErrors } from '../openapi';
import { guarded } from '../guard';

const PersonParams = ConsortiumParams.extend({ personId: PersonId });

export function peopleRoutes(deps: AppDeps) {
  const { people } = deps.store;
  const tags = ['People'];
  const base = '/consortia/{consortiumId}/people';
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: base, tags, summary: 'List the people of the consortium and their roles',
      ...guarded(deps, 'people.list'),
      request: { params: ConsortiumParams, query: PageQuery },
      responses: { 200: json(pageOf(Person, 'PersonPage'), 'A page of people'), ...readErrors },
    }),
    async (c) => c.json(await people.list(c.req.valid('param').consortiumId, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: base, tags,
      summary: 'Invite a person as coordinator, member (of a member cooperative) or funder (of a funder)',
      ...guarded(deps, 'people.invite', idempotent(deps)),
      request: { params: ConsortiumParams, headers: IdempotencyHeaders, body: body(PersonInvite) },
      responses: { 201: json(Person, 'The person, with their new membership'), ...writeErrors },
    }),
    async (c) => {
      const invite = c.req.valid('json');
      const actor = actorOf(c.get('access'), deps);
      const { sub } = await deps.identities.invite(invite);
      const person: Person = { id: sub, consortiumId: c.get('consortium').id, ...invite, ...firstVersion(actor.at) };
      return c.json(await people.create(person, actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/{personId}`, tags, summary: 'Read a person and their role',
      ...guarded(deps, 'people.get'),
      request: { params: PersonParams },
      responses: { 200: json(Person, 'The person'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, personId } = c.req.valid('param');
      return c.json(await people.get(consortiumId, personId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch', path: `${base}/{personId}`, tags, summary: "Change a person's name, language or role",
      ...guarded(deps, 'people.update'),
      request: { params: PersonParams, body: body(PersonPatch) },
      responses: { 200: json(Person, 'The person as changed'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, personId } = c.req.valid('param');
      const patch = c.req.valid('json');
      const access = c.get('access');
      const current = await people.get(consortiumId, personId);
      const changes = patchPerson(current, patch);
      // A coordinator who demoted themselves could lock the consortium out.
      if (personId === access.personId && changes.role && changes.role !== 'coordinator') {
        throw new ConflictError('You cannot take away your own coordinator role; ask another coordinator');
      }
      return c.json(await people.update(current, patch.version, changes, actorOf(access, deps)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: `${base}/{personId}`, tags,
      summary: 'Remove a person from the consortium (their identity stays; their membership goes)',
      ...guarded(deps, 'people.remove'),
      request: { params: PersonParams, query: z.object({ version: z.coerce.number().pipe(Version) }) },
      responses: { 204: { description: 'Removed' }, ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, personId } = c.req.valid('param');
      const access = c.get('access');
      if (personId === access.personId) throw new ConflictError('You cannot remove yourself; ask another coordinator');
      const current = await people.get(consortiumId, personId);
      if (current.version !== c.req.valid('query').version) {
        throw new ConflictError(`The person changed since you read them (version ${current.version}); reload and retry`);
      }
      await people.remove(current, actorOf(access, deps));
      return c.body(null, 204);
    },
  );

  return app;
}
