// Notifications: a message to one person about something that concerns them, in their language,
// stored for the dashboard and sent by mail. Also the ISO week that makes the digest run once.
import { z } from 'zod';
import { Id, Instant } from './common';
import { PersonId } from './person';

export const NotificationKind = z.enum(['deliverable_submitted', 'cost_submitted', 'changes_requested', 'deliverable_accepted', 'weekly_digest']);
export type NotificationKind = z.infer<typeof NotificationKind>;

const NotificationText = z.object({ title: z.string(), text: z.string() });

export const Notification = z
  .object({
    id: Id.meta({ description: 'Starts with its creation time, so that ids sort oldest first' }),
    personId: PersonId,
    consortiumId: Id,
    kind: NotificationKind,
    title: z.string().meta({ description: "In the person's language" }),
    text: z.string(),
    translations: z
      .object({ it: NotificationText, en: NotificationText })
      .optional()
      .meta({ description: 'The title and text in each language of the dashboard, to show under whichever the person chose (absent on notifications stored before they were kept)' }),
    link: z.string().meta({ description: 'A path into the dashboard, such as /projects/<id>/deliverables/<id>' }),
    createdAt: Instant,
    readAt: Instant.optional(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const MarkRead = z
  .strictObject({ notificationIds: z.array(Id).min(1).max(100).meta({ description: 'Your own notifications to mark as read' }) })
  .meta({ id: 'MarkRead' });

export const Preferences = z
  .strictObject({ weeklyDigest: z.boolean().meta({ description: 'Whether you get the weekly digest of what is overdue or due soon' }) })
  .meta({ id: 'Preferences' });
export type Preferences = z.infer<typeof Preferences>;

/** A notification id that sorts by creation time: `<yyyymmddhhmmssSSS>-<random id>`. */
export function notificationId(createdAt: string, randomId: string): string {
  return `${createdAt.replace(/[^0-9]/g, '').slice(0, 17)}-${randomId}`;
}

/** The ISO 8601 week of a calendar date, such as `2026-w48` (lowercase: it sits in ids and keys). */
export function isoWeekOf(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(year, month - 1, day));
  const weekday = at.getUTCDay() || 7;
  // The week belongs to the year of its Thursday.
  at.setUTCDate(at.getUTCDate() + 4 - weekday);
  const firstOfYear = Date.UTC(at.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((at.getTime() - firstOfYear) / 86_400_000 + 1) / 7);
  return `${at.getUTCFullYear()}-w${String(week).padStart(2, '0')}`;
}
