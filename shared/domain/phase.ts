// A phase: an ordered stage of a project with a gate that closes it once its work is accepted.
import { z } from 'zod';
import { Audited, CalendarDate, Id, Instant, Text, Title, Version, patchOf } from './common';
import { ConflictError, StaleVersionError, ValidationError } from './errors';
import { Progress, type ProgressCounters } from './progress';
import { defineStatusMachine } from './status-machine';

export const PhaseStatus = z.enum(['planned', 'active', 'closed']);
export type PhaseStatus = z.infer<typeof PhaseStatus>;

export const phaseStatusMachine = defineStatusMachine<PhaseStatus>('phase', {
  planned: ['active'],
  active: ['closed', 'planned'],
  closed: ['active'],
});

const phaseFields = {
  order: z.number().int().min(1).max(99),
  title: Title,
  description: Text.optional(),
  plannedStart: CalendarDate,
  plannedEnd: CalendarDate,
};

const datesInOrder = (phase: { plannedStart?: string; plannedEnd?: string }, ctx: z.RefinementCtx) => {
  if (phase.plannedStart && phase.plannedEnd && phase.plannedEnd < phase.plannedStart) {
    ctx.addIssue({ code: 'custom', path: ['plannedEnd'], message: 'must not be before plannedStart' });
  }
};

export const Phase = z
  .object({
    id: Id,
    consortiumId: Id,
    projectId: Id,
    ...phaseFields,
    status: PhaseStatus,
    closedAt: Instant.optional(),
    ...Audited,
  })
  .meta({ id: 'Phase' });
export type Phase = z.infer<typeof Phase>;

export const PhaseWithProgress = Phase.extend({ progress: Progress }).meta({ id: 'PhaseWithProgress' });

export const PhaseCreate = z.strictObject(phaseFields).superRefine(datesInOrder).meta({ id: 'PhaseCreate' });
export type PhaseCreate = z.infer<typeof PhaseCreate>;

export const PhasePatch = patchOf({ ...phaseFields, status: PhaseStatus })
  .superRefine(datesInOrder)
  .meta({ id: 'PhasePatch' });
export type PhasePatch = z.infer<typeof PhasePatch>;

/** The phase's deliverables not accepted yet, as `2 submitted`, `1 planned`: the gate stays shut while any. */
export function openDeliverables(counters: ProgressCounters): string[] {
  return Object.entries(counters.counts)
    .filter(([status, n]) => status !== 'accepted' && n > 0)
    .map(([status, n]) => `${n} ${status}`);
}

/** The gate: a phase closes only when every one of its deliverables is accepted. */
export function assertCanClose(counters: ProgressCounters): void {
  const open = openDeliverables(counters);
  if (open.length > 0) {
    throw new ConflictError(`The phase cannot close while deliverables are open: ${open.join(', ')}`);
  }
}

/** Applies a patch; a status change goes through the machine and the gate. */
export function patchPhase(phase: Phase, counters: ProgressCounters, patch: PhasePatch, now: string): Partial<Phase> {
  const { version: _version, status, ...fields } = patch;
  const merged = { ...phase, ...fields };
  if (merged.plannedEnd < merged.plannedStart) {
    throw new ValidationError([{ path: 'plannedEnd', message: 'must not be before plannedStart' }]);
  }
  const changes: Partial<Phase> = { ...fields };
  if (status !== undefined && status !== phase.status) {
    changes.status = phaseStatusMachine.move(phase.status, status);
    if (status === 'closed') {
      assertCanClose(counters);
      changes.closedAt = now;
    }
  }
  return changes;
}

/** A project's phases in a new order: each one once, with the version read. */
export const PhaseOrder = z
  .strictObject({
    phases: z.array(z.strictObject({ id: Id, version: Version })).min(1).max(99),
  })
  .meta({ id: 'PhaseOrder', description: "Every phase of the project once, first to last" });
export type PhaseOrder = z.infer<typeof PhaseOrder>;

/**
 * A reorder touches every phase whose place changes in one transaction, beside its audit items:
 * DynamoDB takes at most 100 writes per transaction.
 */
export const MAX_PHASES_MOVED = 90;

/** The phases a new order moves, each with its new `order` (1, 2, 3 … as listed). */
export function phaseMoves(phases: Phase[], wanted: PhaseOrder): { phase: Phase; order: number }[] {
  const byId = new Map(phases.map((phase) => [phase.id, phase]));
  const listed = new Set(wanted.phases.map((p) => p.id));
  if (listed.size !== wanted.phases.length || listed.size !== byId.size || wanted.phases.some((p) => !byId.has(p.id))) {
    throw new ValidationError([{ path: 'phases', message: "must list each of the project's phases once" }]);
  }
  const moves = [];
  for (const [index, { id, version }] of wanted.phases.entries()) {
    const phase = byId.get(id)!;
    if (phase.version !== version) throw new StaleVersionError('phase', version, phase.version);
    if (phase.order !== index + 1) moves.push({ phase, order: index + 1 });
  }
  if (moves.length > MAX_PHASES_MOVED) {
    throw new ValidationError([{ path: 'phases', message: `may move at most ${MAX_PHASES_MOVED} phases at once` }]);
  }
  return moves;
}
