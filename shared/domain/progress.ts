// Derived progress: status counters kept on project and phase items, and the maths on them.
// Progress is never typed in: it is the weighted share of accepted deliverables.
import { z } from 'zod';
import { DeliverableStatus, type Deliverable } from './deliverable';

export type StatusCounts = Record<DeliverableStatus, number>;

/** What the counters on a project or phase item hold. */
export interface ProgressCounters {
  counts: StatusCounts;
  weightTotal: number;
  weightAccepted: number;
  /** Sum over deliverables of weight × last reported percent. */
  reportedWeighted: number;
  /** Deliverables accepted whose last submission came on or before their due date. */
  acceptedOnTime: number;
}

type Counted = Pick<Deliverable, 'status' | 'weight' | 'reportedPercent'> & Partial<Pick<Deliverable, 'dueDate' | 'submittedOn'>>;

export function zeroCounters(): ProgressCounters {
  const counts = Object.fromEntries(DeliverableStatus.options.map((s) => [s, 0])) as StatusCounts;
  return { counts, weightTotal: 0, weightAccepted: 0, reportedWeighted: 0, acceptedOnTime: 0 };
}

/** What one deliverable adds to its phase's and project's counters. */
export function contributionOf(deliverable: Counted): ProgressCounters {
  const counters = zeroCounters();
  counters.counts[deliverable.status] = 1;
  counters.weightTotal = deliverable.weight;
  counters.weightAccepted = deliverable.status === 'accepted' ? deliverable.weight : 0;
  counters.reportedWeighted = deliverable.weight * deliverable.reportedPercent;
  counters.acceptedOnTime = isAcceptedOnTime(deliverable) ? 1 : 0;
  return counters;
}

/** Accepted, and submitted (for the last time) on or before the day it was due. */
export function isAcceptedOnTime(deliverable: Partial<Pick<Deliverable, 'status' | 'dueDate' | 'submittedOn'>>): boolean {
  const { status, submittedOn, dueDate } = deliverable;
  return status === 'accepted' && submittedOn !== undefined && dueDate !== undefined && submittedOn <= dueDate;
}

export function addCounters(a: ProgressCounters, b: ProgressCounters, sign: 1 | -1 = 1): ProgressCounters {
  const counts = { ...a.counts };
  for (const status of DeliverableStatus.options) counts[status] += sign * b.counts[status];
  return {
    counts,
    weightTotal: a.weightTotal + sign * b.weightTotal,
    weightAccepted: a.weightAccepted + sign * b.weightAccepted,
    reportedWeighted: a.reportedWeighted + sign * b.reportedWeighted,
    acceptedOnTime: a.acceptedOnTime + sign * b.acceptedOnTime,
  };
}

export function isZero(counters: ProgressCounters): boolean {
  return (
    counters.weightTotal === 0 &&
    counters.weightAccepted === 0 &&
    counters.reportedWeighted === 0 &&
    counters.acceptedOnTime === 0 &&
    Object.values(counters.counts).every((n) => n === 0)
  );
}

/** Counters of a set of deliverables, counted from scratch: the reference the stored ones must equal. */
export function recount(deliverables: Iterable<Counted>): ProgressCounters {
  let total = zeroCounters();
  for (const deliverable of deliverables) total = addCounters(total, contributionOf(deliverable));
  return total;
}

type Placed = Counted & { phaseId: string };

/**
 * How one deliverable write changes the counters, per phase (a move between phases touches two).
 * `before` is absent for a creation, `after` for a removal; the project's delta is the sum of the phases' deltas.
 */
export function counterDeltas(before: Placed | undefined, after: Placed | undefined): Map<string, ProgressCounters> {
  const deltas = new Map<string, ProgressCounters>();
  const add = (phaseId: string, counters: ProgressCounters, sign: 1 | -1) =>
    deltas.set(phaseId, addCounters(deltas.get(phaseId) ?? zeroCounters(), counters, sign));
  if (before) add(before.phaseId, contributionOf(before), -1);
  if (after) add(after.phaseId, contributionOf(after), 1);
  for (const [phaseId, delta] of deltas) if (isZero(delta)) deltas.delete(phaseId);
  return deltas;
}

export const Progress = z
  .object({
    deliverables: z.number().int().min(0),
    counts: z.record(DeliverableStatus, z.number().int().min(0)),
    acceptedPercent: z.number().min(0).max(100).meta({
      description: 'Weighted share of accepted deliverables: the progress of record.',
    }),
    reportedPercent: z.number().min(0).max(100).meta({
      description: "Weighted mean of the members' last reported percentages, shown beside it.",
    }),
    acceptedOnTime: z.number().int().min(0).meta({ description: 'Deliverables accepted that were submitted by their due date' }),
  })
  .meta({ id: 'Progress' });
export type Progress = z.infer<typeof Progress>;

const percent = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;

export function progressOf(counters: ProgressCounters): Progress {
  const deliverables = Object.values(counters.counts).reduce((sum, n) => sum + n, 0);
  return {
    deliverables,
    counts: { ...counters.counts },
    acceptedPercent: percent(counters.weightAccepted, counters.weightTotal),
    reportedPercent: percent(counters.reportedWeighted, counters.weightTotal * 100),
    acceptedOnTime: counters.acceptedOnTime,
  };
}
