// Exports of a project: a coordinator asks for one (202), the job builds it, everybody allowed
// follows its progress and downloads its files through short-lived links.
import { createRoute } from '@hono/zod-openapi';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { firstVersion, Id, Version } from '../../domain/common';
import { ConflictError, NotFoundError, StaleVersionError, UnavailableError } from '../../domain/errors';
import { exportFileKey } from '../../files/layout';
import { Export, ExportFile, ExportRequest, exportId, type Export as ExportEntity } from '../../domain/export';
import type { Access } from '../../domain/person';
import { actorOf } from '../access';
import type { AppDeps } from '../env';
import { idempotent } from '../idempotency';
import { IdempotencyHeaders, PageQuery, ProjectParams, body, json, newRouter, pageOf, readErrors, writeErrors } from '../openapi';
import { DOWNLOAD_LINK_SECONDS } from '../links';
import { guarded } from '../guard';

const ExportParams = ProjectParams.extend({ exportId: Id });

const ExportDetail = Export.extend({
  files: z.array(ExportFile.extend({ downloadUrl: z.url().meta({ description: `Valid ${DOWNLOAD_LINK_SECONDS} s` }) })),
}).meta({ id: 'ExportDetail' });

/** Funders see an export only once it has been submitted to them. */
const visibleTo = (access: Access, item: ExportEntity) => access.role !== 'funder' || item.submittedAt !== undefined;

export function exportRoutes(deps: AppDeps) {
  const { exports } = deps.store;
  const tags = ['Exports'];
  const base = '/consortia/{consortiumId}/projects/{projectId}/exports';
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'post', path: base, tags,
      summary: 'Ask for an export of the project: formats, language and an optional period (the job runs in the background)',
      ...guarded(deps, 'exports.create', idempotent(deps)),
      request: { params: ProjectParams, headers: IdempotencyHeaders, body: body(ExportRequest) },
      responses: { 202: json(Export, 'The export, queued'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      await deps.store.projects.get(consortiumId, projectId);
      const actor = actorOf(c.get('access'), deps);
      const request: ExportEntity = {
        id: exportId(deps.clock.now(), randomBytes(4).toString('hex')),
        consortiumId,
        projectId,
        ...c.req.valid('json'),
        status: 'queued',
        progress: 0,
        files: [],
        requestedBy: actor.personId,
        attempts: 0,
        ...firstVersion(actor.at),
      };
      await exports.create(request, actor);
      try {
        await deps.exportQueue.enqueue({ consortiumId, projectId, exportId: request.id });
      } catch (error) {
        // Not left queued for ever: the export says it failed, and the caller may ask again.
        await exports.advance(request, { status: 'failed', failureReason: 'The export could not be queued', finishedAt: actor.at }, actor.at);
        throw new UnavailableError('The export could not be queued; ask again shortly', 5, { cause: error });
      }
      return c.json(request, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: base, tags, summary: "The project's exports, newest first (a funder sees those submitted to it)",
      ...guarded(deps, 'exports.list'),
      request: { params: ProjectParams, query: PageQuery },
      responses: { 200: json(pageOf(Export, 'ExportPage'), 'A page of exports'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId } = c.req.valid('param');
      const page = await exports.list(consortiumId, projectId, c.req.valid('query'));
      const access = c.get('access');
      return c.json({ items: page.items.filter((item) => visibleTo(access, item)), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: `${base}/{exportId}`, tags, summary: 'An export: status, progress, files with size, hash and download links',
      ...guarded(deps, 'exports.get'),
      request: { params: ExportParams },
      responses: { 200: json(ExportDetail, 'The export'), ...readErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, exportId: id } = c.req.valid('param');
      const item = await exports.get(consortiumId, projectId, id);
      if (!visibleTo(c.get('access'), item)) throw new NotFoundError(`No export ${id} of this project`);
      const files = await Promise.all(
        item.files.map(async (file) => ({
          ...file,
          downloadUrl: await deps.files.downloadLink(file.key, { expiresInSeconds: DOWNLOAD_LINK_SECONDS, filename: file.name }),
        })),
      );
      return c.json({ ...item, files }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${base}/{exportId}/submission`, tags,
      summary: "Mark a done export as submitted to the funder: it is locked, its files move out of the clean-up's reach, its snapshot hash enters the audit chain, and the funder sees it",
      ...guarded(deps, 'exports.submit'),
      request: { params: ExportParams, body: body(z.strictObject({ version: Version })) },
      responses: { 200: json(Export, 'The submitted export'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, exportId: id } = c.req.valid('param');
      const { version } = c.req.valid('json');
      const current = await exports.get(consortiumId, projectId, id);
      if (current.status !== 'done') throw new ConflictError(`Only a done export can be submitted; this one is ${current.status}`);
      if (current.submittedAt) throw new ConflictError('This export was submitted already');
      if (current.version !== version) throw new StaleVersionError('export', version, current.version);
      // Files move first: a retry after a crash finds them moved and goes on.
      const files = [];
      for (const file of current.files) {
        const key = exportFileKey('submitted', { consortiumId, projectId, exportId: id }, file.name);
        if (!(await deps.files.head(key))) await deps.files.move(file.key, key);
        files.push({ ...file, key });
      }
      return c.json(await exports.submit(current, version, files, actorOf(c.get('access'), deps)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: `${base}/{exportId}`, tags,
      summary: 'Delete an export that was not submitted (a submitted one answers 409: it is the record of what was sent)',
      ...guarded(deps, 'exports.delete'),
      request: { params: ExportParams, query: z.object({ version: z.coerce.number().pipe(Version) }) },
      responses: { 204: { description: 'Deleted' }, ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, exportId: id } = c.req.valid('param');
      const current = await exports.get(consortiumId, projectId, id);
      if (current.submittedAt) throw new ConflictError('A submitted export cannot be deleted: it is the record of what was sent');
      if (current.status === 'queued' || current.status === 'running') throw new ConflictError('The export is still being built');
      await exports.remove(current, c.req.valid('query').version, actorOf(c.get('access'), deps));
      for (const file of current.files) await deps.files.delete(file.key);
      if (current.snapshot) await deps.files.delete(current.snapshot.key);
      return c.body(null, 204);
    },
  );

  return app;
}
