// Members and funders of a consortium: list, create, read, update.
import { createRoute } from '@hono/zod-openapi';
import { firstVersion } from '../../domain/common';
import { calendarDateIn } from '../../domain/clock';
import { Funder, FunderCreate, FunderPatch } from '../../domain/funder';
import { Member, MemberCreate, MemberPatch, newMember, patchMember } from '../../domain/member';
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

export function memberRoutes(deps: AppDeps) {
  const { members } = deps.store;
  const tags = ['Members'];
  const base = '/consortia/{consortiumId}/members';
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: base, tags, summary: "List the consortium's members",
      request: { params: ConsortiumParams, query: PageQuery },
      responses: { 200: json(pageOf(Member, 'MemberPage'), 'A page of members'), ...readErrors },
    }),
    async (c) => c.json(await members.list(c.req.valid('param').consortiumId, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: base, tags, summary: 'Add a member cooperative',
      middleware: [idempotent(deps)] as const,
      request: { params: ConsortiumParams, headers: IdempotencyHeaders, body: body(MemberCreate) },
      responses: { 201: json(Member, 'The new member'), ...writeErrors },
    }),
    async (c) => {
      const consortium = c.get('consortium');
      const now = deps.clock.now();
      const member = newMember(
        c.req.valid('json'),
        { id: deps.newId(), consortiumId: consortium.id },
        calendarDateIn(now, consortium.timeZone),
        now.toISOString(),
      );
      return c.json(await members.create(member), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/{memberId}`, tags, summary: 'Read a member',
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
      summary: 'Change a member; a status change follows applicant → active → left',
      request: { params: MemberParams, body: body(MemberPatch) },
      responses: { 200: json(Member, 'The member as changed'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, memberId } = c.req.valid('param');
      const patch = c.req.valid('json');
      const now = deps.clock.now();
      const current = await members.get(consortiumId, memberId);
      const changes = patchMember(current, patch, calendarDateIn(now, c.get('consortium').timeZone));
      return c.json(await members.update(current, patch.version, changes, now.toISOString()), 200);
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
      request: { params: ConsortiumParams, query: PageQuery },
      responses: { 200: json(pageOf(Funder, 'FunderPage'), 'A page of funders'), ...readErrors },
    }),
    async (c) => c.json(await funders.list(c.req.valid('param').consortiumId, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: base, tags, summary: 'Add a funder',
      middleware: [idempotent(deps)] as const,
      request: { params: ConsortiumParams, headers: IdempotencyHeaders, body: body(FunderCreate) },
      responses: { 201: json(Funder, 'The new funder'), ...writeErrors },
    }),
    async (c) => {
      const now = deps.clock.now().toISOString();
      const funder: Funder = {
        id: deps.newId(),
        consortiumId: c.get('consortium').id,
        ...c.req.valid('json'),
        ...firstVersion(now),
      };
      return c.json(await funders.create(funder), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/{funderId}`, tags, summary: 'Read a funder',
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
      request: { params: FunderParams, body: body(FunderPatch) },
      responses: { 200: json(Funder, 'The funder as changed'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, funderId } = c.req.valid('param');
      const { version, ...changes } = c.req.valid('json');
      const current = await funders.get(consortiumId, funderId);
      return c.json(await funders.update(current, version, changes, deps.clock.now().toISOString()), 200);
    },
  );

  return app;
}
