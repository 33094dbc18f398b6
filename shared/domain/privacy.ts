// Personal data: what a person may ask for (a copy of what is held about them, their erasure) and
// the erasure register. docs/privacy.md lists every personal field; PERSONAL_DATA below is the same
// list as data, and the erasure test checks each entry.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Id, Instant } from './common';
import { ValidationError } from './errors';
import { PersonId } from './person';

/** Where a personal field is stored, and what erasure does to it. */
export interface PersonalField {
  /** The stored item's kind (its `itemType`) and the field. */
  item: string;
  field: string;
  erasure: 'deleted' | 'pseudonym' | 'removed';
}

/**
 * Every field that holds a person's name, e-mail or language, or names someone in free text: the
 * table docs/privacy.md explains. `deleted`: the item goes; `pseudonym`: the value becomes the
 * erased person's pseudonym; `removed`: the value goes and the item stays.
 */
export const PERSONAL_DATA: readonly PersonalField[] = [
  { item: 'Membership', field: 'name', erasure: 'deleted' },
  { item: 'Membership', field: 'email', erasure: 'deleted' },
  { item: 'Membership', field: 'language', erasure: 'deleted' },
  { item: 'Notification', field: 'title', erasure: 'deleted' },
  { item: 'Notification', field: 'text', erasure: 'deleted' },
  { item: 'PersonalValues', field: 'values', erasure: 'removed' },
  { item: 'Member', field: 'email', erasure: 'removed' },
  { item: 'TrainingSession', field: 'trainer', erasure: 'pseudonym' },
  { item: 'Attendance', field: 'attendees', erasure: 'pseudonym' },
  { item: 'Cost', field: 'supplier', erasure: 'pseudonym' },
  { item: 'Contribution', field: 'providedBy', erasure: 'pseudonym' },
  { item: 'Offer', field: 'clientName', erasure: 'pseudonym' },
];

/** How a name or an e-mail is compared: case, accents' composition and spacing do not count. */
export const normalizedName = (value: string) => value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * What the register keeps to recognise an erased person's name again in restored data, without
 * holding it: salted hashes of the normalized names and e-mails.
 */
export interface NameMatch {
  salt: string;
  hashes: string[];
}

export const nameHash = (salt: string, value: string) => sha256(`${salt}\u0000${normalizedName(value)}`);

export function nameMatchOf(values: readonly string[], salt = randomBytes(16).toString('hex')): NameMatch {
  return { salt, hashes: [...new Set(values.filter((value) => value.trim()).map((value) => nameHash(salt, value)))].sort() };
}

/** Whether a stored value is one of the erased person's names or e-mails. */
export function matcherOf(names: readonly string[], match?: NameMatch): (value: unknown) => boolean {
  const plain = new Set(names.filter((name) => name.trim()).map(normalizedName));
  const hashed = new Set(match?.hashes ?? []);
  return (value) => typeof value === 'string' && value.trim() !== '' && (plain.has(normalizedName(value)) || (!!match && hashed.has(nameHash(match.salt, value))));
}

/** The pseudonym an erasure gives the person in records that keep their place: stable per erasure. */
export const pseudonymOf = (erasureId: string) => `erased-${sha256(erasureId).slice(0, 6)}`;

export const isPseudonym = (value: string) => /^erased-[0-9a-f]{6}$/.test(value);

export const PrivacyRequestKind = z.enum(['export', 'erasure']);
export const PrivacyRequestStatus = z.enum(['queued', 'running', 'done', 'failed']);

/** A coordinator's request about a person of the consortium: by person id, or by name for someone who never signs in. */
export const PrivacyRequestCreate = z
  .strictObject({
    kind: PrivacyRequestKind,
    personId: PersonId.optional().meta({ description: 'A person who signs in (or did): their id' }),
    name: z.string().trim().min(1).max(200).optional().meta({ description: 'Erasure only: a person named in the data who never signs in (a trainer, an attendee, a supplier)' }),
    email: z.email().max(254).optional().meta({ description: 'Erasure only, with name: their e-mail where the data holds one' }),
  })
  .superRefine((input, ctx) => {
    if (!input.personId && !input.name) ctx.addIssue({ code: 'custom', path: ['personId'], message: 'give personId, or name for someone who never signs in' });
    if (input.personId && (input.name || input.email)) ctx.addIssue({ code: 'custom', path: ['name'], message: 'give personId or name, not both' });
    if (input.kind === 'export' && !input.personId) ctx.addIssue({ code: 'custom', path: ['personId'], message: 'an export is of a person who signs in' });
    if (input.email && !input.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required with email' });
  })
  .meta({ id: 'PrivacyRequestCreate' });
export type PrivacyRequestCreate = z.infer<typeof PrivacyRequestCreate>;

export const PrivacyRequest = z
  .object({
    id: Id,
    kind: PrivacyRequestKind,
    status: PrivacyRequestStatus,
    consortiumId: Id.optional().meta({ description: "A coordinator's request: its consortium (absent on a person's own export, which covers every consortium they belong to)" }),
    personId: z.string().optional().meta({ description: 'Whose data' }),
    pseudonym: z.string().optional().meta({ description: 'Erasure: what the person is called in the records kept' }),
    erasureId: Id.optional().meta({ description: 'Erasure: its entry in the register' }),
    requestedBy: z.string(),
    createdAt: Instant,
    updatedAt: Instant,
    finishedAt: Instant.optional(),
    failureReason: z.string().optional(),
    counts: z.record(z.string(), z.number().int().min(0)).optional().meta({ description: 'What was exported or erased, by kind of record' }),
    download: z
      .object({ url: z.string(), expiresAt: Instant })
      .optional()
      .meta({ description: 'A finished export: a link to its JSON file, valid for minutes (read the request again for a new one)' }),
  })
  .meta({ id: 'PrivacyRequest' });
export type PrivacyRequest = z.infer<typeof PrivacyRequest>;

/** The register's entry of one erasure: who asked, when, whom; never a name or an e-mail. */
export const ErasureRecord = z
  .object({
    id: Id,
    consortiumId: Id,
    at: Instant,
    by: z.string().meta({ description: 'The coordinator who asked' }),
    personId: z.string().optional().meta({ description: 'The person erased, when they sign in (or did)' }),
    pseudonym: z.string(),
    match: z
      .object({ salt: z.string(), hashes: z.array(z.string()) })
      .meta({ description: 'Salted hashes of the names and e-mails erased: how a replay finds them again in restored data' }),
  })
  .meta({ id: 'ErasureRecord' });
export type ErasureRecord = z.infer<typeof ErasureRecord>;

/** A person's own request may not erase: erasure is decided by a coordinator of the consortium. */
export function assertErasable(request: PrivacyRequestCreate, callerId: string): void {
  if (request.kind === 'erasure' && request.personId === callerId) {
    throw new ValidationError([{ path: 'personId', message: 'you cannot erase yourself; ask another coordinator' }]);
  }
}
