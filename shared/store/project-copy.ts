// Copying a project's plan into a new project, through the audited creates of each entity.
//
// A plan takes many transactions (one per phase, deliverable, line, indicator, path, session), so
// the new project is *staged*: its item is written first, without its list keys and marked
// `stagedFrom` (projects.ts), and every read of a project answers a staged one as missing. Its
// children are reached only through it: phases, indicators and the money summary live in its
// collection, deliverables and budget lines under its partition, paths of the project under its
// index, and every route under /projects/{id} checks the project first (a 404 while staged). The
// lists that reach children across projects (a member's open deliverables, the consortium's
// training paths, the weekly digest) leave out those of a project they cannot read. The last write,
// `publish`, adds the list keys and removes the mark in one audited write: the project appears
// whole or not at all. The staged project item exists from the first write, so the creates' checks
// (project exists, bounds) and the counters the sealer moves on it are those of any project.
//
// A copy that dies midway leaves a staged project that nobody sees. Asked again with the same new
// id and the same source, the copy resumes: it keeps the staged project as first written (its
// title and dates: the children already copied were shifted by its offset), creates what is
// missing and publishes. The same id with another source, or a project already published, is a 409.
import { createHash } from 'node:crypto';
import { BudgetLine } from '../domain/budget';
import { Deliverable } from '../domain/deliverable';
import { ConflictError } from '../domain/errors';
import { Indicator } from '../domain/indicator';
import { Phase } from '../domain/phase';
import { Project } from '../domain/project';
import { copyPlan, type ProjectCopyRequest, type SourcePlan } from '../domain/project-copy';
import { Session, TrainingPath } from '../domain/training';
import type { Actor } from './audit';
import { budgetRepository } from './budget';
import { TABLE_KEYS, beginsWith, type Db } from './db';
import { deliverableRepository } from './deliverables';
import { indicatorRepository, indicatorsIn } from './indicators';
import { STAGED_FROM, entityOf } from './items';
import {
  budgetLineKey,
  deliverableKey,
  deliverablesOf,
  indicatorKey,
  phaseKey,
  projectKey,
  sessionKey,
  sessionsOf,
  trainingPathKey,
  trainingPathsOfProject,
  type Key,
} from './keys';
import { projectRepository } from './projects';
import { INDEXES } from './table';
import { trainingRepository } from './training';

/** Creates run this many at a time: a plan of hundreds of deliverables copies in seconds. */
const PARALLEL_WRITES = 8;

async function inBatches<T>(items: T[], write: (item: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += PARALLEL_WRITES) {
    await Promise.all(items.slice(start, start + PARALLEL_WRITES).map(write));
  }
}

/** A copied path's id: paths belong to the consortium, so the old id alone would clash. Stable, so a resumed copy finds it. */
export function copiedPathId(newProjectId: string, oldPathId: string): string {
  const suffix = createHash('sha256').update(`${newProjectId}/${oldPathId}`).digest('hex').slice(0, 12);
  return `${oldPathId.slice(0, 50).replace(/-+$/, '')}-${suffix}`;
}

export function projectCopier(db: Db) {
  const projects = projectRepository(db);
  const deliverables = deliverableRepository(db);
  const budget = budgetRepository(db);
  const indicators = indicatorRepository(db);
  const training = trainingRepository(db);

  const entities = async <T>(schema: { parse: (value: unknown) => T }, query: Parameters<Db['queryAll']>[0]) =>
    (await db.queryAll(query)).map((item) => schema.parse(entityOf(item)));

  /** The old project's plan; its entities parsed by their schemas, which leave out the counters stored beside them. */
  async function readPlan(consortiumId: string, projectId: string): Promise<SourcePlan> {
    const { project, phases, others } = await projects.collection(consortiumId, projectId);
    const paths = await entities(TrainingPath, { on: INDEXES.byDueDate, partitionValue: trainingPathsOfProject(consortiumId, projectId).GSI2PK });
    return {
      project: Project.parse(project.entity),
      phases: phases.map((phase) => Phase.parse(phase.entity)),
      deliverables: await entities(Deliverable, { on: INDEXES.byParent, partitionValue: deliverablesOf(consortiumId, projectId).GSI1PK }),
      budgetLines: (await budget.all(consortiumId, projectId)).map((line) => BudgetLine.parse(line)),
      indicators: indicatorsIn(others).map((indicator) => Indicator.parse(indicator)),
      training: await Promise.all(
        paths.map(async (path) => {
          const { PK, skPrefix } = sessionsOf(consortiumId, path.id);
          return { path, sessions: await entities(Session, { on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix) }) };
        }),
      ),
    };
  }

  return {
    /** A project's plan as the copy reads it (a test compares the copy with it). */
    plan: readPlan,

    /** Copies `sourceId`'s plan into the new project `request.id`, or finishes a copy that stopped midway. */
    async copy(consortiumId: string, sourceId: string, request: ProjectCopyRequest, actor: Actor): Promise<Project> {
      const staged = await db.get(projectKey(consortiumId, request.id));
      if (staged && staged[STAGED_FROM] === undefined) throw new ConflictError(`A project ${request.id} exists already`);
      if (staged && staged[STAGED_FROM] !== sourceId) {
        throw new ConflictError(`A copy of project ${String(staged[STAGED_FROM])} as ${request.id} is under way; ask again with that project`);
      }
      const source = await readPlan(consortiumId, sourceId);
      const first = staged ? Project.parse(entityOf(staged)) : undefined;
      const target = first ?? { ...request, funderId: request.funderId ?? source.project.funderId };
      const plan = copyPlan(source, target, first?.createdAt ?? actor.at, (id) => copiedPathId(request.id, id));
      const project = first ?? plan.project;
      if (!first) await projects.create(project, actor, sourceId);

      // On a resumed copy, what the first attempt wrote is there already: only the rest is created.
      const missing = async (key: Key) => !staged || !(await db.get(key));
      const each = <T>(items: T[], key: (item: T) => Key, create: (item: T) => Promise<unknown>) =>
        inBatches(items, async (item) => {
          if (await missing(key(item))) await create(item);
        });
      await each(plan.phases, (p) => phaseKey(consortiumId, p.projectId, p.id), (p) => projects.createPhase(p, actor));
      await each(plan.deliverables, (d) => deliverableKey(consortiumId, d.projectId, d.id), (d) => deliverables.create(d, actor));
      await each(plan.budgetLines, (l) => budgetLineKey(consortiumId, l.projectId, l.id), (l) => budget.create(l, actor));
      await each(plan.indicators, (i) => indicatorKey(consortiumId, i.projectId, i.id), (i) => indicators.create(i, actor));
      for (const { path, sessions } of plan.training) {
        if (await missing(trainingPathKey(consortiumId, path.id))) await training.createPath(path, actor);
        // Sessions one at a time: each moves its path's counters, which a parallel write would contend for.
        for (const session of sessions) {
          if (await missing(sessionKey(consortiumId, path.id, session.id))) await training.createSession(path, session, actor);
        }
      }
      return projects.publish(project, sourceId, actor);
    },
  };
}
