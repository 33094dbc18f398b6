// The audit trail: who changed what, when, before and after, in hash chains that expose tampering.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Id, Instant } from './common';

export const GENESIS_HASH = '0'.repeat(64);

export const FieldChange = z.object({ before: z.unknown(), after: z.unknown() });

export const AuditEntry = z
  .object({
    seq: z.number().int().positive().meta({ description: 'Position in its chain, from 1' }),
    at: Instant,
    actor: z.string().meta({ description: 'Person id (token subject) of who acted' }),
    entity: z.string().meta({ example: 'deliverable' }),
    entityId: Id,
    action: z.string().meta({ example: 'submit' }),
    changes: z.record(z.string(), FieldChange),
    prevHash: z.string().length(64),
    hash: z.string().length(64),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

/** What a write says about itself; the chain adds seq and hashes. */
export type AuditRecord = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

/** Fields that change on every write and say nothing of their own. */
const UNAUDITED = new Set(['version', 'updatedAt', 'createdAt']);

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

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, actor, entity, entityId, action, changes, prevHash } = entry;
  return createHash('sha256')
    .update(canonicalJson({ seq, at, actor, entity, entityId, action, changes, prevHash }))
    .digest('hex');
}

/** The next link of a chain whose head is `head` (absent for an empty chain). */
export function chainEntry(record: AuditRecord, head: { seq: number; hash: string } | undefined): AuditEntry {
  const linked = { ...record, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS_HASH };
  return { ...linked, hash: entryHash(linked) };
}

export const ChainVerification = z
  .object({
    valid: z.boolean(),
    checked: z.number().int().min(0),
    firstBroken: z
      .object({ seq: z.number().int(), reason: z.string() })
      .optional()
      .meta({ description: 'The first entry that does not verify' }),
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
