// The snapshot: a project's state read once, at one moment, as JSON Lines. Every export format is
// built from it alone, record by record, so that memory does not grow with the project.
import { z } from 'zod';
import { CalendarDate, Instant } from '../domain/common';
import { Consortium } from '../domain/consortium';
import { Deliverable, LogEntry } from '../domain/deliverable';
import { Funder } from '../domain/funder';
import { Member } from '../domain/member';
import { Phase } from '../domain/phase';
import { BudgetLine } from '../domain/budget';
import { Contribution } from '../domain/cofinancing';
import { Cost } from '../domain/cost';
import { IndicatorSummary, IndicatorWithProgress } from '../domain/indicator';
import { MoneySummary } from '../domain/money';
import { Offer, OfferSummary } from '../domain/offer';
import { Instalment, Receipt } from '../domain/payment';
import { Progress } from '../domain/progress';
import { ProjectTrainingSummary, SessionWithTotals, TrainingPathWithTotals } from '../domain/training';
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

/** The project's summaries as the overview shows them (indicators come as records of their own). */
export const SnapshotSummary = z.object({
  kind: z.literal('summary'),
  training: ProjectTrainingSummary,
  offers: OfferSummary,
  indicators: IndicatorSummary.omit({ items: true }),
  money: MoneySummary,
});
export type SnapshotSummary = z.infer<typeof SnapshotSummary>;

/**
 * A session as the exports hold it: without its trainer. Stored exports name no person but a
 * cost's supplier (the funder's cost statement needs who was paid); attendance enters as counts only.
 */
export const SnapshotSession = SessionWithTotals.omit({ trainer: true });
export type SnapshotSession = z.infer<typeof SnapshotSession>;

export const snapshotSession = ({ trainer: _trainer, ...session }: z.infer<typeof SessionWithTotals>): SnapshotSession => session;

/** A training path linked to the project, with its sessions (and their totals). */
export const SnapshotTraining = z.object({
  kind: z.literal('training'),
  path: TrainingPathWithTotals,
  sessions: z.array(SnapshotSession),
});
export type SnapshotTraining = z.infer<typeof SnapshotTraining>;

export const SnapshotOffer = z.object({ kind: z.literal('offer'), offer: Offer });
export type SnapshotOffer = z.infer<typeof SnapshotOffer>;

export const SnapshotIndicator = z.object({ kind: z.literal('indicator'), indicator: IndicatorWithProgress });
export type SnapshotIndicator = z.infer<typeof SnapshotIndicator>;

export const SnapshotBudgetLine = z.object({ kind: z.literal('budgetLine'), line: BudgetLine });
export type SnapshotBudgetLine = z.infer<typeof SnapshotBudgetLine>;

/** Every cost in every status; reversals are costs of kind `reversal`. */
export const SnapshotCost = z.object({ kind: z.literal('cost'), cost: Cost });
export type SnapshotCost = z.infer<typeof SnapshotCost>;

export const SnapshotContribution = z.object({ kind: z.literal('contribution'), contribution: Contribution });
export type SnapshotContribution = z.infer<typeof SnapshotContribution>;

export const SnapshotInstalment = z.object({ kind: z.literal('instalment'), instalment: Instalment });
export type SnapshotInstalment = z.infer<typeof SnapshotInstalment>;

export const SnapshotReceipt = z.object({ kind: z.literal('receipt'), receipt: Receipt });
export type SnapshotReceipt = z.infer<typeof SnapshotReceipt>;

/** The last record: how many of each kind came before it, to check a snapshot is whole. */
export const SnapshotFooter = z.object({ kind: z.literal('footer'), counts: z.record(z.string(), z.number().int()) });
export type SnapshotFooter = z.infer<typeof SnapshotFooter>;

/**
 * In this order: header, phases, deliverables (by phase), summary, training, offers, indicators,
 * budget lines, costs, contributions, instalments, receipts, footer.
 */
export type SnapshotRecord =
  | SnapshotHeader
  | SnapshotPhase
  | SnapshotDeliverable
  | SnapshotSummary
  | SnapshotTraining
  | SnapshotOffer
  | SnapshotIndicator
  | SnapshotBudgetLine
  | SnapshotCost
  | SnapshotContribution
  | SnapshotInstalment
  | SnapshotReceipt
  | SnapshotFooter;

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
