// People's notifications and the markers that make each week's digest go out once.
import { ConflictError, NotFoundError } from '../domain/errors';
import type { Notification } from '../domain/notification';
import { TABLE_KEYS, beginsWith, type Db } from './db';
import { entityOf } from './items';
import { digestMarkerKey, notificationKey, notificationsOf } from './keys';
import type { Page } from './pagination';

export const notificationItem = (note: Notification) => ({
  ...notificationKey(note.personId, note.consortiumId, note.id),
  itemType: 'Notification',
  ...note,
});

export function notificationRepository(db: Db) {
  return {
    /**
     * Stores notifications, each its own item (no transaction: they follow a write that already
     * succeeded, and one person's note must not wait on another's).
     */
    async add(notes: Notification[]): Promise<void> {
      await db.putAll(notes.map(notificationItem));
    },

    /** A person's notifications in a consortium, newest first. */
    async list(personId: string, consortiumId: string, page: { limit: number; cursor?: string }): Promise<Page<Notification>> {
      const { PK, skPrefix } = notificationsOf(personId, consortiumId);
      const result = await db.queryPage({ on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix), descending: true, ...page });
      return { items: result.items.map((item) => entityOf<Notification>(item)), nextCursor: result.nextCursor };
    },

    /** Marks one of the person's own notifications read (keeping the first reading's time). */
    async markRead(personId: string, consortiumId: string, id: string, at: string): Promise<Notification> {
      const item = await db.update(
        {
          TableName: db.tableName,
          Key: notificationKey(personId, consortiumId, id),
          UpdateExpression: 'SET readAt = if_not_exists(readAt, :at)',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':at': at },
        },
        () => new NotFoundError(`You have no notification ${id}`),
      );
      return entityOf<Notification>(item);
    },

    /**
     * Claims a person's digest of one week: true the first time, false once claimed already, so
     * that a second run of the job for the same week sends nothing.
     */
    async claimDigest(personId: string, consortiumId: string, isoWeek: string, at: string): Promise<boolean> {
      try {
        await db.put(
          {
            TableName: db.tableName,
            Item: { ...digestMarkerKey(personId, consortiumId, isoWeek), itemType: 'DigestMarker', personId, consortiumId, isoWeek, createdAt: at },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
          () => new ConflictError(`The digest of ${isoWeek} went out already`),
        );
        return true;
      } catch (error) {
        if (error instanceof ConflictError) return false;
        throw error;
      }
    },
  };
}
