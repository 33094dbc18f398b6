// A phase as the API answers it to one caller: with its progress and the status changes this caller
// may make now (a coordinator closes an active phase only once its gate is open).
import { z } from 'zod';
import type { Access } from './person';
import { PhaseWithProgress, openDeliverables, type Phase } from './phase';
import { progressOf, type ProgressCounters } from './progress';

export const PhaseActionName = z.enum(['start', 'close', 'reopen']);
export type PhaseActionName = z.infer<typeof PhaseActionName>;

export const PhaseView = PhaseWithProgress.extend({
  actions: z
    .array(PhaseActionName)
    .meta({ description: 'What the caller may do to it now (coordinators): `start` a planned phase, `close` an active one whose deliverables are all accepted, `reopen` a closed one' }),
}).meta({ id: 'PhaseView' });
export type PhaseView = z.infer<typeof PhaseView>;

export function phaseActions(phase: Phase, counters: ProgressCounters, access: Access): PhaseActionName[] {
  if (access.role !== 'coordinator') return [];
  if (phase.status === 'planned') return ['start'];
  if (phase.status === 'closed') return ['reopen'];
  return openDeliverables(counters).length === 0 ? ['close'] : [];
}

export const phaseView = ({ entity, counters }: { entity: Phase; counters: ProgressCounters }, access: Access): PhaseView => ({
  ...entity,
  progress: progressOf(counters),
  actions: phaseActions(entity, counters, access),
});
