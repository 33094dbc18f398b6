// An export: an immutable snapshot of a project's progress at a date, in the formats asked for.
import { z } from 'zod';
import { Audited, CalendarDate, Id, Instant } from './common';
import { defineStatusMachine } from './status-machine';

export const ExportFormat = z.enum(['json', 'csv', 'xlsx', 'pdf', 'iati', '360giving']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportStatus = z.enum(['queued', 'running', 'done', 'failed']);
export type ExportStatus = z.infer<typeof ExportStatus>;

/** A job that died midway runs again from the start (running → running); done never changes. */
export const exportStatusMachine = defineStatusMachine<ExportStatus>('export', {
  queued: ['running', 'failed'],
  running: ['running', 'done', 'failed'],
  done: [],
  failed: ['queued'],
});

export const ExportFile = z
  .object({
    format: ExportFormat,
    name: z.string().meta({ example: 'deliverables.csv' }),
    key: z.string().meta({ description: "The file's key in the file store" }),
    contentType: z.string(),
    size: z.number().int().min(0),
    sha256: z.string().length(64),
  })
  .meta({ id: 'ExportFile' });
export type ExportFile = z.infer<typeof ExportFile>;

const Period = z
  .strictObject({ from: CalendarDate, to: CalendarDate })
  .refine((period) => period.from <= period.to, { path: ['to'], message: 'must not be before from' });

export const ExportRequest = z
  .strictObject({
    formats: z
      .array(ExportFormat)
      .min(1)
      .max(ExportFormat.options.length)
      .refine((formats) => new Set(formats).size === formats.length, 'lists a format twice'),
    language: z.enum(['it', 'en']),
    period: Period.optional().meta({ description: 'The reporting period the export covers' }),
  })
  .meta({ id: 'ExportRequest' });
export type ExportRequest = z.infer<typeof ExportRequest>;

export const Export = z
  .object({
    id: Id,
    consortiumId: Id,
    projectId: Id,
    ...ExportRequest.shape,
    period: Period.optional(),
    status: ExportStatus,
    progress: z.number().int().min(0).max(100).meta({ description: 'Percent of the work done' }),
    failureReason: z.string().optional(),
    snapshot: z
      .object({ key: z.string(), size: z.number().int(), sha256: z.string().length(64), asOf: CalendarDate })
      .optional()
      .meta({ description: 'The JSON Lines snapshot every file was built from, and its hash' }),
    files: z.array(ExportFile),
    requestedBy: z.string(),
    attempts: z.number().int().min(0),
    finishedAt: Instant.optional(),
    submittedAt: Instant.optional().meta({ description: 'When it was marked as submitted to the funder: then funders see it' }),
    ...Audited,
  })
  .meta({ id: 'Export' });
export type Export = z.infer<typeof Export>;

/** Ids sort by creation time, so that a project's exports list newest first from their keys. */
export function exportId(now: Date, random: string): string {
  const stamp = now.toISOString().replace(/[-:.TZ]/g, '').slice(0, 14);
  return `e${stamp}-${random}`.toLowerCase();
}
