// Share links of exports: created and revoked by coordinators, opened by anyone with the token.
import type { ShareLink } from '../domain/share-link';
import { ConflictError, NotFoundError, StaleVersionError } from '../domain/errors';
import { auditRecord, auditStore, type Actor } from './audit';
import type { Db } from './db';
import { putNew, versionedUpdate } from './expressions';
import { entityOf } from './items';
import { shareLinkKey, shareLinksOf } from './keys';
import { INDEXES } from './table';

type Stored = ShareLink & { tokenHash: string };

const itemOf = (link: Stored) => ({
  ...shareLinkKey(link.tokenHash),
  [INDEXES.byParent.partitionKey]: shareLinksOf(link.consortiumId, link.projectId, link.exportId).GSI1PK,
  [INDEXES.byParent.sortKey]: link.id,
  itemType: 'ShareLink',
  ...link,
});

/** What the API shows of a link: never its token hash. */
const shown = (item: Record<string, unknown>): ShareLink => {
  const { tokenHash: _hash, ...link } = entityOf<Stored>(item);
  return link;
};

export function shareLinkRepository(db: Db) {
  const audit = auditStore(db);
  const chainOf = (link: Pick<ShareLink, 'consortiumId' | 'projectId'>) => ({ consortiumId: link.consortiumId, projectId: link.projectId });

  const byId = async (ref: { consortiumId: string; projectId: string; exportId: string }, id: string) => {
    const page = await db.queryPage({
      on: INDEXES.byParent,
      partitionValue: shareLinksOf(ref.consortiumId, ref.projectId, ref.exportId).GSI1PK,
      sortCondition: { expression: '#sk = :id', values: { ':id': id } },
      limit: 1,
    });
    const item = page.items[0];
    if (!item) throw new NotFoundError(`No share link ${id} of this export`);
    return item as Stored & Record<string, unknown>;
  };

  return {
    async list(ref: { consortiumId: string; projectId: string; exportId: string }): Promise<ShareLink[]> {
      const items = await db.queryAll({ on: INDEXES.byParent, partitionValue: shareLinksOf(ref.consortiumId, ref.projectId, ref.exportId).GSI1PK });
      return items.map(shown);
    },

    async create(link: ShareLink, tokenHash: string, actor: Actor): Promise<ShareLink> {
      await audit.transact(
        chainOf(link),
        [{ write: { Put: putNew(db.tableName, itemOf({ ...link, tokenHash })) }, onConditionFailed: () => new ConflictError('This token exists already') }],
        auditRecord(actor, 'share_link', link.id, 'create', undefined, { exportId: link.exportId, validUntil: link.validUntil }),
      );
      return link;
    },

    async revoke(ref: { consortiumId: string; projectId: string; exportId: string }, id: string, expectedVersion: number, actor: Actor): Promise<ShareLink> {
      const item = await byId(ref, id);
      if (item.version !== expectedVersion) throw new StaleVersionError('share link', expectedVersion, Number(item.version));
      if (item.revokedAt) throw new ConflictError('This share link is revoked already');
      await audit.transact(
        chainOf(item),
        [
          {
            write: { Update: versionedUpdate({ tableName: db.tableName, key: shareLinkKey(item.tokenHash), expectedVersion, set: { revokedAt: actor.at }, now: actor.at }) },
            onConditionFailed: () => new StaleVersionError('share link'),
          },
        ],
        auditRecord(actor, 'share_link', id, 'revoke', { revokedAt: null }, { revokedAt: actor.at }),
      );
      return { ...shown(item), revokedAt: actor.at, version: expectedVersion + 1, updatedAt: actor.at };
    },

    /** The link stored under a token's hash, whatever its state (the caller decides). */
    async findByHash(tokenHash: string): Promise<(ShareLink & { tokenHash: string }) | undefined> {
      const item = await db.get(shareLinkKey(tokenHash));
      return item ? entityOf<Stored>(item) : undefined;
    },

    /** Records an opening: when, how many times, and an audit entry of the project's chain. */
    async recordOpening(link: ShareLink & { tokenHash: string }, at: string): Promise<void> {
      await audit.transact(
        chainOf(link),
        [
          {
            write: {
              Update: {
                TableName: db.tableName,
                Key: shareLinkKey(link.tokenHash),
                UpdateExpression: 'SET lastOpenedAt = :at ADD opens :one',
                ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt)',
                ExpressionAttributeValues: { ':at': at, ':one': 1 },
              },
            },
            onConditionFailed: () => new NotFoundError('No such share link'),
          },
        ],
        auditRecord({ personId: `share-link:${link.id}`, at }, 'share_link', link.id, 'open', { lastOpenedAt: link.lastOpenedAt ?? null }, { lastOpenedAt: at }),
      );
    },
  };
}
