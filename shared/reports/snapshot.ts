// The snapshot: a project's state read once, at one moment, as JSON Lines. Every export format is
// built from it alone, record by record, so that memory does not grow with the project.
import { z } from 'zod';
import { CalendarDate, Instant } from '../domain/common';
import { Consortium } from '../domain/consortium';
import { Deliverable, LogEntry } from '../domain/deliverable';
import { Funder } from '../domain/funder';
import { Member } from '../domain/member';
import { Phase } from '../domain/phase';
import { Progress } from '../domain/progress';
import { Partner, Project } from '../domain/project';

export const SNAPSHOT_SCHEMA_VERSION = 1;

export const ExportLanguage = z.enum(['it', 'en']);
export type ExportLanguage = z.infer<typeof ExportLanguage>;

export const ReportingPeriod = z
  .object({ from: CalendarDate, to: CalendarDate })
  .refine((period) => period.from <= period.to, { path: ['to'], message: 'must not be before from' });

/** The first record: what the export is of, and as of when. */
export const SnapshotHeader = z.object({
  kind: z.literal('header'),
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
  exportId: z.string(),
  generatedAt: Instant,
  asOf: CalendarDate.meta({ description: "The snapshot's date in the consortium's time zone" }),
  language: ExportLanguage,
  period: ReportingPeriod.optional(),
  consortium: Consortium.pick({ id: true, name: true, orgId: true, timeZone: true, language: true }),
  funder: Funder.pick({ id: true, name: true, orgId: true, programme: true }),
  project: Project.extend({ progress: Progress }),
  partners: z.array(Member.pick({ id: true, name: true, orgId: true, sector: true, city: true }).extend(Partner.pick({ role: true, budgetShareCents: true }).shape)),
});
export type SnapshotHeader = z.infer<typeof SnapshotHeader>;

export const SnapshotPhase = z.object({ kind: z.literal('phase'), phase: Phase.extend({ progress: Progress }) });
export type SnapshotPhase = z.infer<typeof SnapshotPhase>;

/** A deliverable with its whole log: progress, submissions and review decisions, oldest first. */
export const SnapshotDeliverable = z.object({
  kind: z.literal('deliverable'),
  deliverable: Deliverable,
  history: z.array(LogEntry),
});
export type SnapshotDeliverable = z.infer<typeof SnapshotDeliverable>;

/** The last record: how many of each kind came before it, to check a snapshot is whole. */
export const SnapshotFooter = z.object({ kind: z.literal('footer'), counts: z.record(z.string(), z.number().int()) });
export type SnapshotFooter = z.infer<typeof SnapshotFooter>;

export type SnapshotRecord = SnapshotHeader | SnapshotPhase | SnapshotDeliverable | SnapshotFooter;

/** Reads the snapshot again from its start: builders that need several passes call it again. */
export type SnapshotSource = () => AsyncIterable<SnapshotRecord>;

/** The header, then every record of one kind, in snapshot order. */
export async function header(source: SnapshotSource): Promise<SnapshotHeader> {
  for await (const record of source()) {
    if (record.kind === 'header') return record;
    break;
  }
  throw new Error('The snapshot does not start with its header');
}

export async function* recordsOf<K extends SnapshotRecord['kind']>(
  source: SnapshotSource,
  kind: K,
): AsyncGenerator<Extract<SnapshotRecord, { kind: K }>> {
  for await (const record of source()) if (record.kind === kind) yield record as Extract<SnapshotRecord, { kind: K }>;
}
