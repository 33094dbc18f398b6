// A share link: lets someone without an account open one export's files until it expires or is
// revoked. Only the hash of its token is kept.
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Audited, Id, Instant } from './common';

export const ShareLink = z
  .object({
    id: Id,
    consortiumId: Id,
    projectId: Id,
    exportId: Id,
    validUntil: Instant.meta({ description: 'The link stops working at this instant' }),
    revokedAt: Instant.optional(),
    lastOpenedAt: Instant.optional().meta({ description: 'When the link was last opened' }),
    opens: z.number().int().min(0),
    createdBy: z.string(),
    ...Audited,
  })
  .meta({ id: 'ShareLink' });
export type ShareLink = z.infer<typeof ShareLink>;

export const ShareLinkCreate = z
  .strictObject({ expiresInDays: z.number().int().min(1).max(90).default(30) })
  .meta({ id: 'ShareLinkCreate' });

export const ShareOpen = z.strictObject({ token: z.string().min(20).max(200) }).meta({ id: 'ShareOpen' });

/** Links are found by this hash of their token: the token itself is never stored or compared. */
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Whether a stored link's hash is the hash of `token`, compared in constant time. The GetItem by
 * hash already found it; this second check keeps the decision out of the database's key lookup
 * and in one comparison whose time does not depend on where two hashes first differ.
 */
export function tokenMatches(token: string, storedHash: string): boolean {
  const given = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** Open when neither revoked nor expired at `now`. */
export const isUsable = (link: Pick<ShareLink, 'revokedAt' | 'validUntil'>, now: string) =>
  link.revokedAt === undefined && link.validUntil > now;
