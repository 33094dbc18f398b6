// Members and funders of a consortium: list, create, read, update; a member's open deliverables.
import { createRoute } from '@hono/zod-openapi';
import { firstVersion } from '../../domain/common';
import { DeliverableView, deliverableView } from '../../domain/deliverable-view';
import { ForbiddenError } from '../../domain/errors';
import { Funder, FunderCreate, FunderPatch } from '../../domain/funder';
import { Member, MemberCreate, MemberPatch, newMember, patchMember } from '../../domain/member';
import { actorOf, todayIn } from '../access';
import type { AppDeps } from '../env';
import { idempotent } from '../idempotency';
import {
  ConsortiumParams,
  FunderParams,
  IdempotencyHeaders,
  MemberParams,
  PageQuery,
  body,
  json,
  newRouter,
  pageOf,
  readErrors,
  writeErrors,
} from '../openapi';
import { guarded } from '../guard';

export function memberRoutes(deps: AppDeps) {
  const { members, deliverables } = deps.store;
  const tags = ['Members'];
  const base = '/consortia/{consortiumId}/members';
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: base, tags, summary: "List the consortium's members",
      ...guarded(deps, 'members.list'),
      request: { params: ConsortiumParams, query: PageQuery },
      responses: { 200: json(pageOf(Member, 'MemberPage'), 'A page of members'), ...readErrors },
    }),
    async (c) => c.json(await members.list(c.req.valid('param').consortiumId, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: base, tags, summary: 'Add a member cooperative',
      ...guarded(deps, 'members.create', idempotent(deps)),
      request: { params: ConsortiumParams, headers: IdempotencyHeaders, body: body(MemberCreate) },
      responses: { 201: json(Member, 'The new member'), ...writeErrors },
    }),
    async (c) => {
      const consortium = c.get('consortium');
      const actor = actorOf(c.get('access'), deps);
      const member = newMember(
        c.req.valid('json'),
        { id: deps.newId(), consortiumId: consortium.id },
        todayIn(consortium, deps),
        actor.at,
      );
      return c.json(await members.create(member, actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/{memberId}`, tags, summary: 'Read a member',
      ...guarded(deps, 'members.get'),
      request: { params: MemberParams },
      responses: { 200: json(Member, 'The member'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, memberId } = c.req.valid('param');
      return c.json(await members.get(consortiumId, memberId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch', path: `${base}/{memberId}`, tags,
      summary: 'Change a member (a member person: its own profile); status follows applicant → active → left, dated today or on joinedOn / leftOn',
      ...guarded(deps, 'members.update'),
      request: { params: MemberParams, body: body(MemberPatch) },
      responses: { 200: json(Member, 'The member as changed'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, memberId } = c.req.valid('param');
      const patch = c.req.valid('json');
      const access = c.get('access');
      // Admission and exit, and their dates, are the coordinator's decisions, not the member's.
      if ((patch.status !== undefined || patch.joinedOn !== undefined || patch.leftOn !== undefined) && access.role !== 'coordinator') {
        throw new ForbiddenError('Only a coordinator changes the status of a member or its dates');
      }
      const current = await members.get(consortiumId, memberId);
      const changes = patchMember(current, patch, todayIn(c.get('consortium'), deps));
      return c.json(await members.update(current, patch.version, changes, actorOf(access, deps)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/{memberId}/deliverables`, tags,
      summary: "The member's open deliverables across the consortium's projects, by due date (one Query)",
      ...guarded(deps, 'members.deliverables'),
      request: { params: MemberParams, query: PageQuery },
      responses: { 200: json(pageOf(DeliverableView, 'MemberDeliverablePage'), 'A page of open deliverables'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, memberId } = c.req.valid('param');
      const query = c.req.valid('query');
      const page = await deliverables.openOfMember(consortiumId, memberId, query);
      // An empty first page may be a missing member's: 404 then, as the member itself.
      if (page.items.length === 0 && !query.cursor) await members.get(consortiumId, memberId);
      const today = todayIn(c.get('consortium'), deps);
      return c.json({ ...page, items: page.items.map((d) => deliverableView(d, today, c.get('access'))) }, 200);
    },
  );

  return app;
}

export function funderRoutes(deps: AppDeps) {
  const { funders } = deps.store;
  const tags = ['Funders'];
  const base = '/consortia/{consortiumId}/funders';
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: base, tags, summary: "List the consortium's funders",
      ...guarded(deps, 'funders.list'),
      request: { params: ConsortiumParams, query: PageQuery },
      responses: { 200: json(pageOf(Funder, 'FunderPage'), 'A page of funders'), ...readErrors },
    }),
    async (c) => c.json(await funders.list(c.req.valid('param').consortiumId, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: base, tags, summary: 'Add a funder',
      ...guarded(deps, 'funders.create', idempotent(deps)),
      request: { params: ConsortiumParams, headers: IdempotencyHeaders, body: body(FunderCreate) },
      responses: { 201: json(Funder, 'The new funder'), ...writeErrors },
    }),
    async (c) => {
      const actor = actorOf(c.get('access'), deps);
      const funder: Funder = {
        id: deps.newId(),
        consortiumId: c.get('consortium').id,
        ...c.req.valid('json'),
        ...firstVersion(actor.at),
      };
      return c.json(await funders.create(funder, actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/{funderId}`, tags, summary: 'Read a funder',
      ...guarded(deps, 'funders.get'),
      request: { params: FunderParams },
      responses: { 200: json(Funder, 'The funder'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, funderId } = c.req.valid('param');
      return c.json(await funders.get(consortiumId, funderId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch', path: `${base}/{funderId}`, tags, summary: 'Change a funder',
      ...guarded(deps, 'funders.update'),
      request: { params: FunderParams, body: body(FunderPatch) },
      responses: { 200: json(Funder, 'The funder as changed'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, funderId } = c.req.valid('param');
      const { version, ...changes } = c.req.valid('json');
      const current = await funders.get(consortiumId, funderId);
      return c.json(await funders.update(current, version, changes, actorOf(c.get('access'), deps)), 200);
    },
  );

  return app;
}
