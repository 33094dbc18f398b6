// Share links: coordinators create, list and revoke them; anyone holding a link's token opens the
// export's files with it. The token travels after `#` in the link and in a request body here,
// never in a path or query, so that it reaches no access log.
import { createRoute } from '@hono/zod-openapi';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Id, Version, firstVersion } from '../../domain/common';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { ExportFile } from '../../domain/export';
import { ShareLink, ShareLinkCreate, ShareOpen, hashToken, isUsable, tokenMatches } from '../../domain/share-link';
import { shareLinkRepository } from '../../store/share-links';
import { actorOf } from '../access';
import type { AppDeps } from '../env';
import { dashboardOrigin } from '../links';
import { ProjectParams, body, json, newRouter, problemOf, readErrors, writeErrors } from '../openapi';
import { guarded } from '../guard';
import { DOWNLOAD_LINK_SECONDS } from '../links';

const ExportParams = ProjectParams.extend({ exportId: Id });
const LinkParams = ExportParams.extend({ linkId: Id });

const CreatedLink = z
  .object({ link: ShareLink, url: z.url().meta({ description: 'Send this to the funder: the token is after `#`' }) })
  .meta({ id: 'CreatedShareLink' });

const SharedExport = z
  .object({
    project: z.object({ title: z.string() }),
    export: z.object({ id: Id, language: z.enum(['it', 'en']), finishedAt: z.string().optional(), snapshotSha256: z.string().optional() }),
    files: z.array(ExportFile.pick({ name: true, format: true, size: true, sha256: true, contentType: true }).extend({ downloadUrl: z.url() })),
  })
  .meta({ id: 'SharedExport' });

const unknownLink = () => new NotFoundError('This link is not valid (unknown, expired or revoked)');

export function shareRoutes(deps: AppDeps) {
  const links = shareLinkRepository(deps.store.db);
  const { exports, projects } = deps.store;
  const tags = ['Share links'];
  const base = '/consortia/{consortiumId}/projects/{projectId}/exports/{exportId}/share-links';
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'post', path: base, tags, summary: 'Create a share link for a done export; the answer is the only time its token is shown',
      ...guarded(deps, 'share.create'),
      request: { params: ExportParams, body: body(ShareLinkCreate) },
      responses: { 201: json(CreatedLink, 'The link and its URL'), ...writeErrors },
    }),
    async (c) => {
      const { consortiumId, projectId, exportId } = c.req.valid('param');
      const exported = await exports.get(consortiumId, projectId, exportId);
      if (exported.status !== 'done') throw new ConflictError(`Only a done export can be shared; this one is ${exported.status}`);
      const actor = actorOf(c.get('access'), deps);
      const token = randomBytes(32).toString('base64url');
      const validUntil = new Date(deps.clock.now().getTime() + c.req.valid('json').expiresInDays * 86_400_000).toISOString();
      const link: ShareLink = {
        id: deps.newId(), consortiumId, projectId, exportId, validUntil, opens: 0, createdBy: actor.personId, ...firstVersion(actor.at),
      };
      await links.create(link, hashToken(token), actor);
      return c.json({ link, url: `${dashboardOrigin(deps, c.req.url)}/share#${token}` }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: base, tags, summary: "An export's share links, with when each was last opened",
      ...guarded(deps, 'share.list'),
      request: { params: ExportParams },
      responses: { 200: json(z.object({ items: z.array(ShareLink) }), 'The links'), ...readErrors },
    }),
    async (c) => {
      const params = c.req.valid('param');
      await exports.get(params.consortiumId, params.projectId, params.exportId);
      return c.json({ items: await links.list(params) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: `${base}/{linkId}`, tags, summary: 'Revoke a share link: it stops working at once',
      ...guarded(deps, 'share.revoke'),
      request: { params: LinkParams, query: z.object({ version: z.coerce.number().pipe(Version) }) },
      responses: { 200: json(ShareLink, 'The revoked link'), ...writeErrors },
    }),
    async (c) => {
      const { linkId, ...ref } = c.req.valid('param');
      return c.json(await links.revoke(ref, linkId, c.req.valid('query').version, actorOf(c.get('access'), deps)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/share', tags, security: [],
      summary: "Open a shared export with its link's token (no login): the files, with download links of their own short lifetime",
      ...guarded(deps, 'share.open'),
      request: { body: body(ShareOpen) },
      responses: {
        200: json(SharedExport, 'The shared export'),
        400: readErrors[400],
        404: problemOf('Unknown, expired or revoked: the same answer for each'),
        503: readErrors[503],
      },
    }),
    async (c) => {
      const now = deps.clock.now().toISOString();
      const { token } = c.req.valid('json');
      const link = await links.findByHash(hashToken(token));
      // Unknown, expired and revoked links answer alike: nothing tells which.
      if (!link || !tokenMatches(token, link.tokenHash) || !isUsable(link, now)) throw unknownLink();
      const [exported, project] = await Promise.all([
        exports.get(link.consortiumId, link.projectId, link.exportId),
        projects.get(link.consortiumId, link.projectId),
      ]);
      await links.recordOpening(link, now);
      const files = await Promise.all(
        exported.files.map(async ({ name, format, size, sha256, contentType, key }) => ({
          name, format, size, sha256, contentType,
          downloadUrl: await deps.files.downloadLink(key, { expiresInSeconds: DOWNLOAD_LINK_SECONDS, filename: name }),
        })),
      );
      return c.json(
        {
          project: { title: project.entity.title },
          export: { id: exported.id, language: exported.language, finishedAt: exported.finishedAt, snapshotSha256: exported.snapshot?.sha256 },
          files,
        },
        200,
      );
    },
  );

  return app;
}
