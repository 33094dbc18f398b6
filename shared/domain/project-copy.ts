// A new project from an old one: the plan (phases, deliverables, budget lines, indicators, training)
// copied to new dates shifted as a whole, with none of the old project's history.
import { z } from 'zod';
import type { BudgetLine } from './budget';
import { addDays, daysBetween } from './clock';
import { CalendarDate, Id, Title, firstVersion } from './common';
import type { Deliverable } from './deliverable';
import type { Indicator } from './indicator';
import type { Phase } from './phase';
import type { Project } from './project';
import type { Session, TrainingPath } from './training';

export const ProjectCopyRequest = z
  .strictObject({
    id: Id.meta({ description: 'The new project\'s id (a project with it must not exist)' }),
    title: Title,
    startDate: CalendarDate.meta({ description: 'The new start date: every date of the plan moves by the same number of days' }),
    funderId: Id.optional().meta({ description: "The new project's funder, if not the old one's" }),
  })
  .meta({ id: 'ProjectCopy' });
export type ProjectCopyRequest = z.infer<typeof ProjectCopyRequest>;

/** What is read of the old project to copy it. */
export interface SourcePlan {
  project: Project;
  phases: Phase[];
  deliverables: Deliverable[];
  budgetLines: BudgetLine[];
  indicators: Indicator[];
  training: { path: TrainingPath; sessions: Session[] }[];
}

export type CopiedPlan = SourcePlan;

/**
 * The new plan. Only the plan travels: deliverables start planned at 0 %, indicators without
 * actuals, budget lines without spending. Training paths keep their sessions, as planned sessions
 * at the shifted dates (a held one too: the new project runs the same course again), because the
 * training calendar is part of the plan a coordinator repeats; attendance is the old project's
 * history and is not copied, and cancelled sessions are dropped. Training paths belong to the
 * consortium, not the project, so they need new ids: `pathId` gives them.
 */
export function copyPlan(
  source: SourcePlan,
  target: { id: string; title: string; startDate: string; funderId: string },
  now: string,
  pathId: (oldId: string) => string,
): CopiedPlan {
  const offset = daysBetween(source.project.startDate, target.startDate);
  const shift = (date: string) => addDays(date, offset);
  const fresh = firstVersion(now);
  const projectId = target.id;
  const project: Project = {
    ...source.project,
    id: projectId,
    title: target.title,
    funderId: target.funderId,
    startDate: shift(source.project.startDate),
    endDate: shift(source.project.endDate),
    ...fresh,
  };
  const phases = source.phases.map(({ closedAt: _closed, ...phase }): Phase => ({
    ...phase,
    projectId,
    plannedStart: shift(phase.plannedStart),
    plannedEnd: shift(phase.plannedEnd),
    status: 'planned',
    ...fresh,
  }));
  const deliverables = source.deliverables.map(
    ({ submittedAt: _s, submittedOn: _o, acceptedAt: _a, ...deliverable }): Deliverable => ({
      ...deliverable,
      projectId,
      dueDate: shift(deliverable.dueDate),
      status: 'planned',
      reportedPercent: 0,
      ...fresh,
    }),
  );
  const budgetLines = source.budgetLines.map((line): BudgetLine => ({ ...line, projectId, submittedCents: 0, approvedCents: 0, ...fresh }));
  const indicators = source.indicators.map((indicator): Indicator => ({
    ...indicator,
    projectId,
    targetDate: shift(indicator.targetDate),
    actuals: [],
    ...fresh,
  }));
  const training = source.training.map(({ path, sessions }) => {
    const id = pathId(path.id);
    return {
      path: { ...path, id, projectId, ...fresh },
      sessions: sessions
        .filter((session) => session.status !== 'cancelled')
        .map((session): Session => ({ ...session, trainingId: id, date: shift(session.date), status: 'planned', ...fresh })),
    };
  });
  return { project, phases, deliverables, budgetLines, indicators, training };
}
