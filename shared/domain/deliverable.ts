// A deliverable a member owes in a phase: its status machine, its log and its review decisions.
import { z } from 'zod';
import { Audited, CalendarDate, Id, Instant, Text, Title, Version, patchOf, firstVersion } from './common';
import { ConflictError } from './errors';
import { defineStatusMachine } from './status-machine';

export const DeliverableStatus = z.enum([
  'planned',
  'in_progress',
  'submitted',
  'changes_requested',
  'accepted',
]);
export type DeliverableStatus = z.infer<typeof DeliverableStatus>;

export const deliverableStatusMachine = defineStatusMachine<DeliverableStatus>('deliverable', {
  planned: ['in_progress', 'submitted'],
  in_progress: ['submitted'],
  submitted: ['accepted', 'changes_requested'],
  changes_requested: ['in_progress', 'submitted'],
  accepted: [],
});

export const DeliverableKind = z.enum([
  'report',
  'event',
  'product',
  'service',
  'training',
  'milestone',
  'other',
]);

const Percent = z.number().int().min(0).max(100);

const deliverableFields = {
  phaseId: Id,
  ownerMemberId: Id,
  title: Title,
  description: Text.optional(),
  kind: DeliverableKind,
  dueDate: CalendarDate,
  weight: z.number().int().min(1).max(100).meta({ description: 'Weight in phase progress (default 1)' }),
};

export const Deliverable = z
  .object({
    id: Id,
    consortiumId: Id,
    projectId: Id,
    ...deliverableFields,
    status: DeliverableStatus,
    reportedPercent: Percent.meta({ description: 'The last percentage the owner reported' }),
    submittedAt: Instant.optional(),
    submittedOn: CalendarDate.optional().meta({ description: "The day of the last submission, in the consortium's time zone" }),
    acceptedAt: Instant.optional(),
    ...Audited,
  })
  .meta({ id: 'Deliverable' });
export type Deliverable = z.infer<typeof Deliverable>;

export const DeliverableCreate = z
  .strictObject({ ...deliverableFields, weight: deliverableFields.weight.default(1) })
  .meta({ id: 'DeliverableCreate' });
export type DeliverableCreate = z.infer<typeof DeliverableCreate>;

export const DeliverablePatch = patchOf(deliverableFields).meta({ id: 'DeliverablePatch' });
export type DeliverablePatch = z.infer<typeof DeliverablePatch>;

/** Evidence is a link, or a file uploaded through an upload form (see `UploadRequest`). */
export const Evidence = z
  .union([
    z.strictObject({
      url: z.url({ protocol: /^https?$/ }).max(2000),
      title: z.string().max(200).optional(),
    }),
    z.strictObject({
      fileId: Id.meta({ description: 'The id an upload form was issued for' }),
      name: z.string().min(1).max(200),
      title: z.string().max(200).optional(),
    }),
  ])
  .meta({ id: 'Evidence' });
export type Evidence = z.infer<typeof Evidence>;

/** File types evidence may have, and the largest file accepted. */
export const EVIDENCE_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
] as const;
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

export const UploadRequest = z
  .strictObject({
    fileName: z.string().trim().min(1).max(200).regex(/^[^/\\]+$/, 'must be a file name, not a path'),
    contentType: z.enum(EVIDENCE_TYPES),
    size: z.number().int().min(1).meta({ description: `Bytes; at most ${MAX_EVIDENCE_BYTES}` }),
  })
  .meta({ id: 'UploadRequest' });
export type UploadRequest = z.infer<typeof UploadRequest>;

/** One line of a deliverable's log: progress reported, a submission, or a review decision. */
export const LogEntry = z
  .object({
    id: Id,
    deliverableId: Id,
    at: Instant,
    by: z.string().max(128).meta({ description: 'Who wrote it (person id)' }),
    type: z.enum(['progress', 'submission', 'review']),
    note: Text,
    percent: Percent.optional(),
    evidence: z.array(Evidence).max(20).default([]),
    decision: z.enum(['accepted', 'changes_requested']).optional(),
  })
  .meta({ id: 'LogEntry' });
export type LogEntry = z.infer<typeof LogEntry>;

export const ProgressInput = z
  .strictObject({
    note: Text.min(1),
    percent: Percent,
    evidence: z.array(Evidence).max(20).default([]),
    version: Version.optional(),
  })
  .meta({ id: 'ProgressInput' });
export type ProgressInput = z.infer<typeof ProgressInput>;

export const SubmitInput = z
  .strictObject({
    note: Text.default(''),
    evidence: z.array(Evidence).max(20).default([]),
    version: Version.optional(),
  })
  .meta({ id: 'SubmitInput' });
export type SubmitInput = z.infer<typeof SubmitInput>;

export const ReviewInput = z
  .strictObject({
    decision: z.enum(['accepted', 'changes_requested']),
    comment: Text.default(''),
    version: Version.optional(),
  })
  .refine((review) => review.decision === 'accepted' || review.comment.trim().length > 0, {
    path: ['comment'],
    message: 'say what must change when requesting changes',
  })
  .meta({ id: 'ReviewInput' });
export type ReviewInput = z.infer<typeof ReviewInput>;

export interface Change {
  after: Deliverable;
  entry: LogEntry;
}

/** A member's or coordinator's action on a deliverable: pure, it only computes the change. */
export type DeliverableAction<I> = (deliverable: Deliverable, input: I, context: ActionContext) => Change;

/** Who acts, when, and the id the new log entry gets. */
export interface ActionContext {
  entryId: string;
  by: string;
  now: string;
  /** Today in the consortium's time zone: a submission is on time when made by the due date. */
  today: string;
}

function entryOf(deliverable: Deliverable, context: ActionContext, fields: Omit<LogEntry, 'id' | 'deliverableId' | 'at' | 'by'>): LogEntry {
  return { id: context.entryId, deliverableId: deliverable.id, at: context.now, by: context.by, ...fields };
}

/** Progress may be logged while work is open; the first entry starts the work. */
export function logProgress(deliverable: Deliverable, input: ProgressInput, context: ActionContext): Change {
  if (deliverable.status === 'submitted' || deliverable.status === 'accepted') {
    throw new ConflictError(
      `Progress cannot be logged on a ${deliverable.status} deliverable` +
        (deliverable.status === 'submitted' ? ': wait for the review' : ''),
    );
  }
  return {
    after: progressApplied(deliverable, { percent: input.percent, at: context.now })!,
    entry: entryOf(deliverable, context, {
      type: 'progress',
      note: input.note,
      percent: input.percent,
      evidence: input.evidence,
    }),
  };
}

/**
 * What a progress entry does to its deliverable once sealed: the percent it reports and, on work not
 * yet started or sent back, status in progress. Nothing once the deliverable is submitted or accepted.
 */
export function progressApplied(deliverable: Deliverable, entry: { percent: number; at: string }): Deliverable | undefined {
  if (deliverable.status === 'submitted' || deliverable.status === 'accepted') return undefined;
  const status = deliverable.status === 'in_progress' ? deliverable.status : deliverableStatusMachine.move(deliverable.status, 'in_progress');
  return { ...deliverable, status, reportedPercent: entry.percent, updatedAt: entry.at };
}

export function submit(deliverable: Deliverable, input: SubmitInput, context: ActionContext): Change {
  const status = deliverableStatusMachine.move(deliverable.status, 'submitted');
  return {
    after: { ...deliverable, status, submittedAt: context.now, submittedOn: context.today, updatedAt: context.now },
    entry: entryOf(deliverable, context, { type: 'submission', note: input.note, evidence: input.evidence }),
  };
}

/** Acceptance counts the deliverable as done, so its reported progress becomes 100 %. */
export function review(deliverable: Deliverable, input: ReviewInput, context: ActionContext): Change {
  const status = deliverableStatusMachine.move(deliverable.status, input.decision);
  const accepted = input.decision === 'accepted';
  return {
    after: {
      ...deliverable,
      status,
      ...(accepted ? { acceptedAt: context.now, reportedPercent: 100 } : {}),
      updatedAt: context.now,
    },
    entry: entryOf(deliverable, context, {
      type: 'review',
      note: input.comment,
      evidence: [],
      decision: input.decision,
    }),
  };
}

export function newDeliverable(
  input: DeliverableCreate,
  ids: { id: string; consortiumId: string; projectId: string },
  now: string,
): Deliverable {
  return {
    ...ids,
    ...input,
    status: 'planned',
    reportedPercent: 0,
    ...firstVersion(now),
  };
}

/** A deliverable is open (on the due-date indexes) until it is accepted. */
export function isOpen(deliverable: Pick<Deliverable, 'status'>): boolean {
  return deliverable.status !== 'accepted';
}
