// Projects and their phases: the project's summary collection, with the status counters.
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../domain/errors';
import { DeliverableStatus } from '../domain/deliverable';
import type { Phase } from '../domain/phase';
import { type ProgressCounters, zeroCounters } from '../domain/progress';
import type { Project } from '../domain/project';
import { TABLE_KEYS, type Db, type Item, type TxOp } from './db';
import { COUNTER_ATTRIBUTES, counterAttributes, countersOf, mustExist, putNew, versionedUpdate } from './expressions';
import { auditRecord, auditStore, type Actor } from './audit';
import { STAGED_FROM, entityOf } from './items';
import {
  PHASE_PREFIX,
  funderKey,
  memberKey,
  phaseKey,
  projectCollection,
  projectIndexKeys,
  projectKey,
  projectsOf,
  projectsOfFunder,
} from './keys';
import type { Page } from './pagination';
import { INDEXES } from './table';

export interface Counted<T> {
  entity: T;
  counters: ProgressCounters;
}

export const projectItem = (project: Project, counters = zeroCounters()) => ({
  ...projectKey(project.consortiumId, project.id),
  ...projectIndexKeys(project),
  itemType: 'Project',
  ...project,
  ...counterAttributes(counters),
});

/**
 * A project being copied from `sourceId`: without its index keys (no list finds it) and marked,
 * so that reads answer it as missing until `publish` (project-copy.ts explains the staging).
 */
export const stagedProjectItem = (project: Project, sourceId: string) => {
  const { GSI1PK: _1, GSI1SK: _2, GSI2PK: _3, GSI2SK: _4, ...item } = projectItem(project);
  return { ...item, [STAGED_FROM]: sourceId };
};

/** A project item that a copy is still filling: nobody reads it as a project yet. */
export const isStaged = (item: Item) => item[STAGED_FROM] !== undefined;

/**
 * Keeps the items of a list across projects (a member's open deliverables, the consortium's
 * training paths) whose project is not being copied: one BatchGetItem of the projects the page names.
 */
export async function withoutStaged<T extends { projectId?: string }>(db: Db, consortiumId: string, items: T[]): Promise<T[]> {
  const ids = [...new Set(items.flatMap((item) => (item.projectId ? [item.projectId] : [])))];
  if (ids.length === 0) return items;
  // One BatchGetItem for every project the page names, however many.
  const projects = await db.getMany(ids.map((id) => projectKey(consortiumId, id)));
  const staged = new Set(projects.filter(isStaged).map((project) => String(project.id)));
  return staged.size === 0 ? items : items.filter((item) => !item.projectId || !staged.has(item.projectId));
}

export const phaseItem = (phase: Phase, counters = zeroCounters()) => ({
  ...phaseKey(phase.consortiumId, phase.projectId, phase.id),
  itemType: 'Phase',
  ...phase,
  ...counterAttributes(counters),
});

const counted = <T>(item: Item): Counted<T> => ({ entity: entityOf<T>(item), counters: countersOf(item) });

/** The answer for a project that is missing, or that the caller may not see: the same words. */
export const projectNotFound = (id: string) => new NotFoundError(`No project ${id} in this consortium`);
const phaseNotFound = (id: string) => new NotFoundError(`No phase ${id} in this project`);

/** Guards that the funder and partner members a project names exist, checked in its write. */
function referenceChecks(db: Db, project: Pick<Project, 'consortiumId'> & Partial<Project>): TxOp[] {
  const checks: TxOp[] = [];
  if (project.funderId !== undefined) {
    const funderId = project.funderId;
    checks.push({
      write: { ConditionCheck: mustExist(db.tableName, funderKey(project.consortiumId, funderId)) },
      onConditionFailed: () => new ValidationError([{ path: 'funderId', message: `no funder ${funderId} in this consortium` }]),
    });
  }
  project.partners?.forEach((partner, index) =>
    checks.push({
      write: { ConditionCheck: mustExist(db.tableName, memberKey(project.consortiumId, partner.memberId)) },
      onConditionFailed: () =>
        new ValidationError([{ path: `partners.${index}.memberId`, message: `no member ${partner.memberId} in this consortium` }]),
    }),
  );
  return checks;
}

export function projectRepository(db: Db) {
  const audit = auditStore(db);
  return {
    async get(consortiumId: string, projectId: string): Promise<Counted<Project>> {
      const item = await db.get(projectKey(consortiumId, projectId));
      if (!item || isStaged(item)) throw projectNotFound(projectId);
      return counted<Project>(item);
    },

    async list(consortiumId: string, page: { limit: number; cursor?: string }): Promise<Page<Counted<Project>>> {
      const result = await db.queryPage({
        on: INDEXES.byParent,
        partitionValue: projectsOf(consortiumId).GSI1PK,
        ...page,
      });
      return { items: result.items.map((item) => counted<Project>(item)), nextCursor: result.nextCursor };
    },

    /** A funder's projects in the consortium, by start date: one Query of GSI2. */
    async listOfFunder(
      consortiumId: string,
      funderId: string,
      page: { limit: number; cursor?: string },
    ): Promise<Page<Counted<Project>>> {
      const result = await db.queryPage({
        on: INDEXES.byDueDate,
        partitionValue: projectsOfFunder(consortiumId, funderId).GSI2PK,
        ...page,
      });
      return { items: result.items.map((item) => counted<Project>(item)), nextCursor: result.nextCursor };
    },

    /** Creates a project; with `stagedFrom`, invisible until `publish` (a copy in the making). */
    async create(project: Project, actor: Actor, stagedFrom?: string): Promise<Project> {
      await audit.transact(
        { consortiumId: project.consortiumId, projectId: project.id },
        [
          {
            write: { Put: putNew(db.tableName, stagedFrom ? stagedProjectItem(project, stagedFrom) : projectItem(project)) },
            onConditionFailed: () => new ConflictError(`A project ${project.id} exists already`),
          },
          ...referenceChecks(db, project),
        ],
        auditRecord(actor, 'project', project.id, 'create', undefined, project),
      );
      return project;
    },

    /** Makes a staged project visible: its index keys in, its staging mark out, in one audited write. */
    async publish(project: Project, stagedFrom: string, actor: Actor): Promise<Project> {
      const published = { ...project, version: project.version + 1, updatedAt: actor.at };
      await audit.transact(
        { consortiumId: project.consortiumId, projectId: project.id },
        [
          {
            write: {
              Update: versionedUpdate({
                tableName: db.tableName,
                key: projectKey(project.consortiumId, project.id),
                expectedVersion: project.version,
                set: projectIndexKeys(project),
                remove: [STAGED_FROM],
                unchanged: { [STAGED_FROM]: stagedFrom },
                now: actor.at,
              }),
            },
            onConditionFailed: () => new ConflictError(`The copy ${project.id} changed meanwhile; ask again`),
          },
        ],
        auditRecord(actor, 'project', project.id, 'publish', { stagedFrom }, { stagedFrom: undefined }),
      );
      return published;
    },

    async update(current: Project, expectedVersion: number, changes: Partial<Project>, actor: Actor): Promise<Project> {
      if (current.version !== expectedVersion) throw new StaleVersionError('project', expectedVersion, current.version);
      const merged = { ...current, ...changes };
      const { id: _id, consortiumId: _c, version: _v, ...set } = changes;
      const updated = { ...merged, version: expectedVersion + 1, updatedAt: actor.at };
      await audit.transact(
        { consortiumId: current.consortiumId, projectId: current.id },
        [
          {
            write: {
              Update: versionedUpdate({
                tableName: db.tableName,
                key: projectKey(current.consortiumId, current.id),
                expectedVersion,
                set: { ...set, ...projectIndexKeys(merged) },
                now: actor.at,
              }),
            },
            onConditionFailed: () => new StaleVersionError('project'),
          },
          ...referenceChecks(db, { consortiumId: current.consortiumId, funderId: changes.funderId, partners: changes.partners }),
        ],
        auditRecord(actor, 'project', current.id, 'update', current, updated),
      );
      return updated;
    },

    /** The project and its phases, in one Query of the project's summary collection. */
    async collection(consortiumId: string, projectId: string) {
      const items = await db.queryAll({ on: TABLE_KEYS, partitionValue: projectCollection(consortiumId, projectId).PK });
      const projectRecord = items.find((item) => item.SK === projectKey(consortiumId, projectId).SK);
      if (!projectRecord || isStaged(projectRecord)) throw projectNotFound(projectId);
      const phases = items
        .filter((item) => String(item.SK).startsWith(PHASE_PREFIX))
        .map((item) => counted<Phase>(item))
        .sort((a, b) => a.entity.order - b.entity.order || a.entity.id.localeCompare(b.entity.id));
      // The collection's other items (offers, indicators, money summaries), for their own modules to read.
      const others = items.filter((item) => item !== projectRecord && !String(item.SK).startsWith(PHASE_PREFIX));
      return { project: counted<Project>(projectRecord), phases, others };
    },

    async getPhase(consortiumId: string, projectId: string, phaseId: string): Promise<Counted<Phase>> {
      const item = await db.get(phaseKey(consortiumId, projectId, phaseId));
      if (!item) throw phaseNotFound(phaseId);
      return counted<Phase>(item);
    },

    async createPhase(phase: Phase, actor: Actor): Promise<Phase> {
      await audit.transact(
        { consortiumId: phase.consortiumId, projectId: phase.projectId },
        [
          {
            write: { Put: putNew(db.tableName, phaseItem(phase)) },
            onConditionFailed: () => new ConflictError(`A phase ${phase.id} exists already`),
          },
          {
            write: { ConditionCheck: mustExist(db.tableName, projectKey(phase.consortiumId, phase.projectId)) },
            onConditionFailed: () => projectNotFound(phase.projectId),
          },
        ],
        auditRecord(actor, 'phase', phase.id, 'create', undefined, phase),
      );
      return phase;
    },

    /**
     * Gives phases their new places in one transaction, each conditional on the version it was
     * read at; one audit entry on the project names the order before and after.
     */
    async reorderPhases(
      project: { consortiumId: string; projectId: string },
      moves: { phase: Phase; order: number }[],
      order: { before: string[]; after: string[] },
      actor: Actor,
    ): Promise<void> {
      if (moves.length === 0) return;
      await audit.transact(
        project,
        moves.map(({ phase, order: place }) => ({
          write: {
            Update: versionedUpdate({
              tableName: db.tableName,
              key: phaseKey(phase.consortiumId, phase.projectId, phase.id),
              expectedVersion: phase.version,
              set: { order: place },
              now: actor.at,
            }),
          },
          onConditionFailed: () => new StaleVersionError('phase'),
        })),
        auditRecord(actor, 'project', project.projectId, 'reorder_phases', { phaseOrder: order.before }, { phaseOrder: order.after }),
      );
    },

    /** Closing a phase also requires, in the same write, that none of its deliverables is open. */
    async updatePhase(current: Phase, expectedVersion: number, changes: Partial<Phase>, actor: Actor): Promise<Phase> {
      if (current.version !== expectedVersion) throw new StaleVersionError('phase', expectedVersion, current.version);
      const { id: _id, consortiumId: _c, projectId: _p, version: _v, ...set } = changes;
      const closing = changes.status === 'closed';
      const reopening = changes.status === 'active' && current.closedAt !== undefined;
      const openCounters = DeliverableStatus.options
        .filter((status) => status !== 'accepted')
        .map((status) => COUNTER_ATTRIBUTES.count(status));
      const updated: Phase = { ...current, ...changes, version: expectedVersion + 1, updatedAt: actor.at };
      // A reopened phase is no longer closed: its closing time goes.
      if (reopening) delete updated.closedAt;
      await audit.transact(
        { consortiumId: current.consortiumId, projectId: current.projectId },
        [
          {
            write: {
              Update: versionedUpdate({
                tableName: db.tableName,
                key: phaseKey(current.consortiumId, current.projectId, current.id),
                expectedVersion,
                set,
                remove: reopening ? ['closedAt'] : [],
                requireZero: closing ? openCounters : [],
                now: actor.at,
              }),
            },
            onConditionFailed: () =>
              closing
                ? new ConflictError('The phase changed meanwhile or gained open deliverables; reload and retry')
                : new StaleVersionError('phase'),
          },
        ],
        auditRecord(actor, 'phase', current.id, closing ? 'close' : 'update', current, updated),
      );
      return updated;
    },
  };
}
