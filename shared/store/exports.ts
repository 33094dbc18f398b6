// Exports of a project: requested through the API, advanced by the export job.
import type { Export, ExportStatus } from '../domain/export';
import { exportStatusMachine } from '../domain/export';
import { ConflictError, NotFoundError, StaleVersionError } from '../domain/errors';
import { auditRecord, auditStore, type Actor } from './audit';
import { TABLE_KEYS, beginsWith, type Db } from './db';
import { putNew, versionedUpdate } from './expressions';
import { entityOf } from './items';
import { exportKey, exportsOf } from './keys';
import type { Page } from './pagination';

export const exportItem = (request: Export) => ({
  ...exportKey(request.consortiumId, request.projectId, request.id),
  itemType: 'Export',
  ...request,
});

const notFound = (id: string) => new NotFoundError(`No export ${id} of this project`);

export function exportRepository(db: Db) {
  const audit = auditStore(db);
  return {
    async get(consortiumId: string, projectId: string, exportId: string): Promise<Export> {
      const item = await db.get(exportKey(consortiumId, projectId, exportId));
      if (!item) throw notFound(exportId);
      return entityOf<Export>(item);
    },

    /** A project's exports, newest first. */
    async list(consortiumId: string, projectId: string, page: { limit: number; cursor?: string }): Promise<Page<Export>> {
      const { PK, skPrefix } = exportsOf(consortiumId, projectId);
      const result = await db.queryPage({ on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix), descending: true, ...page });
      return { items: result.items.map((item) => entityOf<Export>(item)), nextCursor: result.nextCursor };
    },

    /** Records the request, audited in the project's chain. */
    async create(request: Export, actor: Actor): Promise<Export> {
      await audit.transact(
        { consortiumId: request.consortiumId, projectId: request.projectId },
        [
          {
            write: { Put: putNew(db.tableName, exportItem(request)) },
            onConditionFailed: () => new ConflictError(`An export ${request.id} exists already`),
          },
        ],
        auditRecord(actor, 'export', request.id, 'request', undefined, request),
      );
      return request;
    },

    /**
     * Marks a done export as submitted to the funder, with its files' new keys, as an audit event
     * of the project's chain that carries the snapshot's and each file's hash, sealed as any other:
     * proof of which figures, and which bytes, were sent.
     */
    async submit(current: Export, expectedVersion: number, files: Export['files'], actor: Actor): Promise<Export> {
      if (current.version !== expectedVersion) throw new StaleVersionError('export', expectedVersion, current.version);
      const submitted = { ...current, files, submittedAt: actor.at, version: current.version + 1, updatedAt: actor.at };
      await audit.transact(
        { consortiumId: current.consortiumId, projectId: current.projectId },
        [
          {
            write: {
              Update: versionedUpdate({
                tableName: db.tableName,
                key: exportKey(current.consortiumId, current.projectId, current.id),
                expectedVersion,
                set: { files, submittedAt: actor.at },
                now: actor.at,
              }),
            },
            onConditionFailed: () => new StaleVersionError('export'),
          },
        ],
        {
          ...auditRecord(actor, 'export', current.id, 'submit_to_funder', { submittedAt: null }, { submittedAt: actor.at }),
          changes: {
            submittedAt: { before: null, after: actor.at },
            snapshotSha256: { before: null, after: current.snapshot?.sha256 ?? null },
            // Each file as sent: the chain proves which bytes the funder received.
            fileSha256: { before: null, after: Object.fromEntries(files.map((file) => [file.format, file.sha256])) },
          },
        },
      );
      return submitted;
    },

    /** Removes an export that was never submitted (its files are the caller's to delete first). */
    async remove(current: Export, expectedVersion: number, actor: Actor): Promise<void> {
      if (current.version !== expectedVersion) throw new StaleVersionError('export', expectedVersion, current.version);
      await audit.transact(
        { consortiumId: current.consortiumId, projectId: current.projectId },
        [
          {
            write: {
              Delete: {
                TableName: db.tableName,
                Key: exportKey(current.consortiumId, current.projectId, current.id),
                ConditionExpression: 'version = :version AND attribute_not_exists(submittedAt)',
                ExpressionAttributeValues: { ':version': expectedVersion },
              },
            },
            onConditionFailed: () => new ConflictError('The export changed or was submitted meanwhile'),
          },
        ],
        auditRecord(actor, 'export', current.id, 'delete', current, undefined),
      );
    },

    /**
     * The job's own progress writes (status, progress, files): conditional on the version it read,
     * and on the status machine, but not audit entries of their own; the request was one.
     */
    async advance(current: Export, changes: Partial<Export> & { status?: ExportStatus }, now: string): Promise<Export> {
      if (changes.status) exportStatusMachine.move(current.status, changes.status);
      const { id: _i, consortiumId: _c, projectId: _p, version: _v, ...set } = changes;
      await db.transact([
        {
          write: {
            Update: versionedUpdate({
              tableName: db.tableName,
              key: exportKey(current.consortiumId, current.projectId, current.id),
              expectedVersion: current.version,
              set,
              now,
            }),
          },
          onConditionFailed: () => new StaleVersionError('export'),
        },
      ]);
      return { ...current, ...changes, version: current.version + 1, updatedAt: now };
    },
  };
}
