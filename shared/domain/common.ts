// Field schemas shared by every entity: ids, dates, money, versions, bounded text.
import { z } from 'zod';
import { isValidCalendarDate } from './clock';

/** Ids are lowercase slugs: safe inside keys (no `#`) and URLs. */
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1-63 lowercase letters, digits or hyphens');

export const CalendarDate = z
  .string()
  .refine(isValidCalendarDate, 'must be a calendar date YYYY-MM-DD')
  .meta({ format: 'date', example: '2026-03-31' });

export const Instant = z.iso.datetime({ offset: true });

/** Money is an integer number of euro cents. */
export const Cents = z.number().int().min(0).max(1_000_000_000_000);

export const Version = z
  .number()
  .int()
  .positive()
  .meta({ description: 'The version you read; the write fails with 409 if it changed since.' });

export const Title = z.string().trim().min(1).max(200);
export const Text = z.string().max(5000);
export const OrgId = z
  .string()
  .regex(/^[A-Z]{2}-[A-Z0-9]{2,10}-[A-Za-z0-9./-]{1,60}$/, 'must be an org-id.guide identifier such as IT-CF-01234567890');

/** Fields every stored entity carries. */
export const Audited = {
  version: Version,
  createdAt: Instant,
  updatedAt: Instant,
};

/** Turns an entity schema's patch: every field optional, `version` required. */
export function patchOf<T extends z.ZodRawShape>(shape: T) {
  return z
    .object(shape)
    .partial()
    .extend({ version: Version })
    .strict();
}

/** The audit fields of an entity written for the first time at `now`. */
export function firstVersion(now: string) {
  return { version: 1, createdAt: now, updatedAt: now };
}
