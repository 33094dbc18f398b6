// The audit trail: who changed what, when, before and after. A write records an event of its own;
// sealing links events into a hash chain that exposes tampering. Personal values (names, e-mails)
// never enter the chain: it holds their salted hashes, and the values live beside it, so that an
// erasure can remove them while the chain still verifies.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Instant } from './common';

export const GENESIS_HASH = '0'.repeat(64);

export const FieldChange = z.object({ before: z.unknown(), after: z.unknown() });

/** What a write says about itself, with the values it names. */
export interface AuditRecord {
  at: string;
  actor: string;
  entity: string;
  entityId: string;
  action: string;
  changes: Record<string, { before: unknown; after: unknown }>;
}

/** A personal value as the chain holds it: the salted SHA-256 of the value, never the value. */
export const PersonalRef = z.object({ personal: z.string().length(64) });
export type PersonalRef = z.infer<typeof PersonalRef>;

const eventFields = {
  eventId: z.string().meta({ description: 'The event written with the change; unique, and sorting by time' }),
  at: Instant,
  actor: z.string().meta({ description: 'Person id (token subject) of who acted' }),
  entity: z.string().meta({ example: 'deliverable' }),
  entityId: z.string().max(300).meta({ description: 'Id of the entity (an attendance is named by session and member)' }),
  action: z.string().meta({ example: 'submit' }),
  changes: z
    .record(z.string(), FieldChange)
    .meta({ description: 'Before and after of each changed field; a personal value shows as {"personal": <salted hash>} unless the reader may see it' }),
};

/** An event as the request writes it: its content and a digest of that content. */
export const AuditEvent = z.object({ ...eventFields, digest: z.string().length(64) });
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditEntry = z
  .object({
    seq: z.number().int().positive().meta({ description: 'Position in its chain, from 1' }),
    ...eventFields,
    prevHash: z.string().length(64),
    hash: z.string().length(64),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Fields that change on every write and say nothing of their own. */
const UNAUDITED = new Set(['version', 'updatedAt', 'createdAt']);

/**
 * Fields that name a person, by entity: their values are kept beside the chain. Free text that
 * may name someone is listed too: a trainer, the people who attended a session, a cost's supplier
 * (a freelancer or a member of staff). docs/privacy.md lists the same fields.
 */
export const PERSONAL_FIELDS: Record<string, readonly string[]> = {
  person: ['name', 'email'],
  member: ['email'],
  training_session: ['trainer'],
  attendance: ['attendees'],
  cost: ['supplier'],
  contribution: ['providedBy'],
  offer: ['clientName'],
};

/** The fields whose values differ between before and after (absent is null). */
export function diffFields(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of [...keys].sort()) {
    if (UNAUDITED.has(key)) continue;
    const was = before?.[key] ?? null;
    const is = after?.[key] ?? null;
    if (canonicalJson(was) !== canonicalJson(is)) changes[key] = { before: was, after: is };
  }
  return changes;
}

/** JSON with object keys sorted at every depth: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The salted hash the chain holds for one personal value. */
export const personalHash = (salt: string, path: string, value: unknown) => sha256(`${salt}\u0000${path}\u0000${canonicalJson(value)}`);

/** Personal values of one event, kept beside the chain: `path` is `<field>.before` or `<field>.after`. */
export interface PersonalValues {
  salt: string;
  values: Record<string, unknown>;
}

/** A new event id: the time first, so that ids sort by time, then randomness, so that none collide. */
export const newEventId = (at: string) => `${at}#${randomUUID()}`;

/**
 * Splits a record into the event the chain will hold (personal values replaced by salted hashes)
 * and the personal values to keep beside it (absent when the record names nobody).
 */
export function eventOf(record: AuditRecord, eventId: string, salt = randomBytes(16).toString('hex')): { event: AuditEvent; personal?: PersonalValues } {
  const personalFields = new Set(PERSONAL_FIELDS[record.entity] ?? []);
  const values: Record<string, unknown> = {};
  const changes: AuditRecord['changes'] = {};
  for (const [field, change] of Object.entries(record.changes)) {
    if (!personalFields.has(field)) {
      changes[field] = change;
      continue;
    }
    const hidden = (side: 'before' | 'after') => {
      const value = change[side];
      if (value === null || value === undefined) return null;
      values[`${field}.${side}`] = value;
      return { personal: personalHash(salt, `${field}.${side}`, value) } satisfies PersonalRef;
    };
    changes[field] = { before: hidden('before'), after: hidden('after') };
  }
  const content = { eventId, at: record.at, actor: record.actor, entity: record.entity, entityId: record.entityId, action: record.action, changes };
  const event = { ...content, digest: eventDigest(content) };
  return Object.keys(values).length > 0 ? { event, personal: { salt, values } } : { event };
}

type EventContent = Omit<AuditEvent, 'digest'>;

/** The digest an event carries from its write: a change to its content before sealing shows. */
export function eventDigest(event: EventContent): string {
  const { eventId, at, actor, entity, entityId, action, changes } = event;
  return sha256(canonicalJson({ eventId, at, actor, entity, entityId, action, changes }));
}

/** Puts personal values back in place of their hashes, where the values are still held. */
export function withPersonalValues<T extends { changes: AuditRecord['changes'] }>(entry: T, personal: PersonalValues | undefined): T {
  if (!personal) return entry;
  const changes: AuditRecord['changes'] = {};
  for (const [field, change] of Object.entries(entry.changes)) {
    const reveal = (side: 'before' | 'after') => {
      const path = `${field}.${side}`;
      return path in personal.values ? personal.values[path] : change[side];
    };
    changes[field] = { before: reveal('before'), after: reveal('after') };
  }
  return { ...entry, changes };
}

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, eventId, at, actor, entity, entityId, action, changes, prevHash } = entry;
  return sha256(canonicalJson({ seq, eventId, at, actor, entity, entityId, action, changes, prevHash }));
}

/** The next link of a chain whose head is `head` (absent for an empty chain). */
export function chainEntry(event: EventContent, head: { seq: number; hash: string } | undefined): AuditEntry {
  const { eventId, at, actor, entity, entityId, action, changes } = event;
  const linked = { eventId, at, actor, entity, entityId, action, changes, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS_HASH };
  return { ...linked, hash: entryHash(linked) };
}

/**
 * An entry of the format before events (appended by each write, personal values inside): what the
 * migration reads, checks with `legacyEntryHash`, and rewrites as events.
 */
export interface LegacyEntry extends AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
}

export function legacyEntryHash(entry: Omit<LegacyEntry, 'hash'>): string {
  const { seq, at, actor, entity, entityId, action, changes, prevHash } = entry;
  return sha256(canonicalJson({ seq, at, actor, entity, entityId, action, changes, prevHash }));
}

/** The order in which pending events are sealed: by time, then by id (the sealer's one rule). */
export const sealingOrder = (a: { eventId: string }, b: { eventId: string }) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

export const ChainVerification = z
  .object({
    valid: z.boolean(),
    checked: z.number().int().min(0),
    firstBroken: z
      .object({ seq: z.number().int(), reason: z.string() })
      .optional()
      .meta({ description: 'The first entry that does not verify' }),
    unsealed: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ description: 'Events written but not yet linked into the chain (sealing follows writes within seconds)' }),
    problems: z
      .array(z.object({ eventId: z.string(), reason: z.string() }))
      .optional()
      .meta({ description: 'Events not yet sealed that were changed or deleted since their write' }),
  })
  .meta({ id: 'ChainVerification' });
export type ChainVerification = z.infer<typeof ChainVerification>;

/**
 * Checks a chain one entry at a time, oldest first, so that a long chain need not be held in
 * memory: `add` answers the failed verification at the first broken link.
 */
export function chainCheck() {
  let previous: AuditEntry | undefined;
  let checked = 0;
  return {
    add(entry: AuditEntry): ChainVerification | undefined {
      const expectedSeq = (previous?.seq ?? 0) + 1;
      const broken = (reason: string) => ({ valid: false, checked, firstBroken: { seq: entry.seq, reason } });
      if (entry.seq !== expectedSeq) return broken(`expected entry ${expectedSeq} here`);
      if (entry.prevHash !== (previous?.hash ?? GENESIS_HASH)) return broken('does not link to the entry before it');
      if (entryHash(entry) !== entry.hash) return broken('its content does not match its hash');
      previous = entry;
      checked++;
      return undefined;
    },
    result: (): ChainVerification => ({ valid: true, checked }),
  };
}

/** Recomputes a chain from its first entry and reports the first broken link. */
export function verifyChain(entries: Iterable<AuditEntry>): ChainVerification {
  const check = chainCheck();
  for (const entry of entries) {
    const broken = check.add(entry);
    if (broken) return broken;
  }
  return check.result();
}
