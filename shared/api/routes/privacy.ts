// Personal data: a person asks for a copy of what is held about them (/me/data); a coordinator asks
// for the data of a person of the consortium, or erases one. Each request runs as a job (202) and is
// followed by reading it again; a finished export answers a short-lived link to its JSON file.
import { createRoute } from '@hono/zod-openapi';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Id } from '../../domain/common';
import { NotFoundError, UnavailableError } from '../../domain/errors';
import { ErasureRecord, PrivacyRequest, PrivacyRequestCreate, assertErasable, pseudonymOf } from '../../domain/privacy';
import { personalDataKey } from '../../files/layout';
import { privacyRepository, type NamedSubject, type PrivacyRepository } from '../../store/privacy';
import type { AppDeps } from '../env';
import { idempotent } from '../idempotency';
import { ConsortiumParams, IdempotencyHeaders, PageQuery, body, json, newRouter, pageOf, problemOf, readErrors, writeErrors } from '../openapi';
import { DOWNLOAD_LINK_SECONDS } from '../links';
import { guarded } from '../guard';
import { PERSONAL_OPERATIONS } from '../policy';

const RequestParams = ConsortiumParams.extend({ requestId: Id });

const Erasure = ErasureRecord.omit({ match: true }).meta({ id: 'Erasure' });

/** Request ids sort by time, so that lists read newest first. */
const requestId = (now: Date) => `pr${now.toISOString().replace(/\D/g, '').slice(0, 14)}-${randomBytes(4).toString('hex')}`;

/** A finished export's request with a short-lived link to its file. */
async function withLink(deps: AppDeps, request: PrivacyRequest): Promise<PrivacyRequest> {
  if (request.kind !== 'export' || request.status !== 'done') return request;
  const url = await deps.files.downloadLink(personalDataKey(request.id), { expiresInSeconds: DOWNLOAD_LINK_SECONDS, filename: `rete-personal-data-${request.id}.json` });
  return { ...request, download: { url, expiresAt: new Date(deps.clock.now().getTime() + DOWNLOAD_LINK_SECONDS * 1000).toISOString() } };
}

/** Stores the request and queues its job; one that cannot be queued says it failed, and the caller may ask again. */
async function submit(deps: AppDeps, requests: PrivacyRepository, request: PrivacyRequest, named?: NamedSubject): Promise<void> {
  await requests.create(request, named);
  try {
    await deps.exportQueue.enqueuePrivacy({ requestId: request.id });
  } catch (error) {
    await requests.advance(request, { status: 'failed', failureReason: 'The request could not be queued', finishedAt: request.createdAt }, request.createdAt);
    throw new UnavailableError('The request could not be queued; ask again shortly', 5, { cause: error });
  }
}

export function privacyRoutes(deps: AppDeps) {
  const requests = privacyRepository(deps.store.db);
  const tags = ['Personal data'];
  const base = '/consortia/{consortiumId}/privacy';
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'post', path: `${base}/requests`, tags,
      summary: 'Ask for the data of a person of the consortium, or erase a person (by id, or by name for someone who never signs in); runs as a job',
      ...guarded(deps, 'privacy.create', idempotent(deps)),
      request: { params: ConsortiumParams, headers: IdempotencyHeaders, body: body(PrivacyRequestCreate) },
      responses: { 202: json(PrivacyRequest, 'The request, queued'), ...writeErrors },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { consortiumId } = c.req.valid('param');
      const access = c.get('access');
      assertErasable(input, access.personId);
      // A person is known here by a membership, or (once removed) by the audit entries that name them.
      if (input.personId && !(await deps.store.people.membership(input.personId, consortiumId))) {
        const named = await deps.store.audit.entriesNaming(consortiumId, input.personId);
        if (named.length === 0) throw new NotFoundError(`No person ${input.personId} in this consortium`);
      }
      const now = deps.clock.now();
      const id = requestId(now);
      const erasureId = input.kind === 'erasure' ? `er-${id.slice(2)}` : undefined;
      const request: PrivacyRequest = {
        id, kind: input.kind, status: 'queued', consortiumId,
        ...(input.personId ? { personId: input.personId } : {}),
        ...(erasureId ? { erasureId, pseudonym: pseudonymOf(erasureId) } : {}),
        requestedBy: access.personId, createdAt: now.toISOString(), updatedAt: now.toISOString(),
      };
      await submit(deps, requests, request, input.name ? { name: input.name, ...(input.email ? { email: input.email } : {}) } : undefined);
      return c.json(request, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/requests`, tags, summary: "The consortium's privacy requests, newest first",
      ...guarded(deps, 'privacy.list'),
      request: { params: ConsortiumParams, query: PageQuery },
      responses: { 200: json(pageOf(PrivacyRequest, 'PrivacyRequestPage'), 'A page of requests'), ...readErrors },
    }),
    async (c) => c.json(await requests.list({ consortiumId: c.req.valid('param').consortiumId }, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/requests/{requestId}`, tags, summary: 'Follow a privacy request; a finished export links to its file',
      ...guarded(deps, 'privacy.get'),
      request: { params: RequestParams },
      responses: { 200: json(PrivacyRequest, 'The request'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, requestId: id } = c.req.valid('param');
      const request = await requests.get(id).catch(() => undefined);
      if (!request || request.consortiumId !== consortiumId) throw new NotFoundError(`No privacy request ${id} in this consortium`);
      return c.json(await withLink(deps, request), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/erasures`, tags, summary: 'The erasure register: who was erased, when and by whom (no name, no e-mail)',
      ...guarded(deps, 'privacy.erasures'),
      request: { params: ConsortiumParams },
      responses: { 200: json(z.object({ items: z.array(Erasure) }).meta({ id: 'ErasureList' }), 'Every erasure, oldest first'), ...readErrors },
    }),
    async (c) => {
      const records = await requests.erasures(c.req.valid('param').consortiumId);
      return c.json({ items: records.map(({ match: _match, ...record }) => record) }, 200);
    },
  );

  return app;
}

/** The caller's own data requests: outside any consortium, each person sees only their own. */
export function myDataRoutes(deps: AppDeps) {
  const requests = privacyRepository(deps.store.db);
  const tags = ['Personal data'];
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'post', path: PERSONAL_OPERATIONS['me.dataExport']!, tags,
      summary: 'Ask for a copy of everything held about you, in every consortium you belong to; runs as a job',
      ...guarded(deps, 'me.dataExport'),
      request: { body: body(z.strictObject({}).meta({ id: 'MyDataRequest' })) },
      responses: {
        202: json(PrivacyRequest, 'The request, queued: follow it with GET /me/data'),
        400: problemOf('The body is not an empty object'),
        401: problemOf('No valid access token'),
        503: problemOf('A transient fault; retry after `Retry-After` seconds'),
      },
    }),
    async (c) => {
      const { sub } = c.get('identity');
      const now = deps.clock.now();
      const request: PrivacyRequest = {
        id: requestId(now), kind: 'export', status: 'queued', personId: sub, requestedBy: sub, createdAt: now.toISOString(), updatedAt: now.toISOString(),
      };
      await submit(deps, requests, request);
      return c.json(request, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: PERSONAL_OPERATIONS['me.dataList']!, tags,
      summary: 'Your requests for your data, newest first; a finished one links to its file',
      ...guarded(deps, 'me.dataList'),
      request: { query: PageQuery },
      responses: {
        200: json(pageOf(PrivacyRequest, 'MyDataPage'), 'A page of your requests'),
        401: problemOf('No valid access token'),
        503: problemOf('A transient fault; retry after `Retry-After` seconds'),
      },
    }),
    async (c) => {
      const { sub } = c.get('identity');
      const page = await requests.list({ personId: sub }, c.req.valid('query'));
      const items = await Promise.all(page.items.map((request) => withLink(deps, request)));
      return c.json({ items, nextCursor: page.nextCursor }, 200);
    },
  );

  return app;
}
