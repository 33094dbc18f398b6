// Indicators: items of the project's summary collection (at most MAX_INDICATORS_PER_PROJECT), and
// the reads that feed the computed ones.
import { ConflictError, NotFoundError, StaleVersionError } from '../domain/errors';
import type { Counted } from './projects';
import { MAX_INDICATORS_PER_PROJECT, computedSources, type ComputedSources, type Indicator } from '../domain/indicator';
import type { Member } from '../domain/member';
import type { Project } from '../domain/project';
import { auditRecord, auditStore, type Actor } from './audit';
import { TABLE_KEYS, beginsWith, type Db, type Item } from './db';
import { putNew, versionedUpdate } from './expressions';
import { entityOf } from './items';
import { COLLECTION_PREFIXES, deliverablesOf, indicatorKey, indicatorsOf, membersOf } from './keys';
import { boundedCreate, offersIn } from './offers';
import type { Page } from './pagination';
import { INDEXES } from './table';
import { trainingSummaryFrom } from './training';

export const indicatorItem = (indicator: Indicator) => ({
  ...indicatorKey(indicator.consortiumId, indicator.projectId, indicator.id),
  itemType: 'Indicator',
  ...indicator,
});

/** The project's indicators among the items of its summary collection. */
export const indicatorsIn = (others: Item[]): Indicator[] =>
  others.filter((item) => String(item.SK).startsWith(COLLECTION_PREFIXES.indicator)).map((item) => entityOf<Indicator>(item));

/** Pure: the computed indicators' values from the summary collection (the project with its counters, and its other items) and the consortium's members. */
export function sourcesFrom(others: Item[], members: Member[], project: Counted<Project>, today: string): ComputedSources {
  return computedSources({
    training: trainingSummaryFrom(others, []),
    offers: offersIn(others),
    acceptedOnTime: project.counters.acceptedOnTime,
    members,
    project: project.entity,
    today,
  });
}

export function indicatorRepository(db: Db) {
  const audit = auditStore(db);
  const chainOf = (indicator: Pick<Indicator, 'consortiumId' | 'projectId'>) => ({ consortiumId: indicator.consortiumId, projectId: indicator.projectId });
  return {
    async get(consortiumId: string, projectId: string, indicatorId: string): Promise<Indicator> {
      const item = await db.get(indicatorKey(consortiumId, projectId, indicatorId));
      if (!item) throw new NotFoundError(`No indicator ${indicatorId} in this project`);
      return entityOf<Indicator>(item);
    },

    async list(consortiumId: string, projectId: string, page: { limit: number; cursor?: string }): Promise<Page<Indicator>> {
      const { PK, skPrefix } = indicatorsOf(consortiumId, projectId);
      const result = await db.queryPage({ on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix), ...page });
      return { items: result.items.map((item) => entityOf<Indicator>(item)), nextCursor: result.nextCursor };
    },

    /** The consortium's members (one Query): what computed indicators need besides the summary collection. */
    async members(consortiumId: string): Promise<Member[]> {
      const { PK, skPrefix } = membersOf(consortiumId);
      const items = await db.queryAll({ on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix) });
      return items.map((item) => entityOf<Member>(item));
    },

    /** The computed indicators' values: the collection, read already, and one Query of members. */
    async sources(project: Counted<Project>, others: Item[], today: string): Promise<ComputedSources> {
      return sourcesFrom(others, await this.members(project.entity.consortiumId), project, today);
    },

    async create(indicator: Indicator, actor: Actor): Promise<Indicator> {
      await audit.transact(
        chainOf(indicator),
        [
          { write: { Put: putNew(db.tableName, indicatorItem(indicator)) }, onConditionFailed: () => new ConflictError(`An indicator ${indicator.id} exists already`) },
          ...boundedCreate(db, indicator, 'indicators', MAX_INDICATORS_PER_PROJECT),
        ],
        auditRecord(actor, 'indicator', indicator.id, 'create', undefined, indicator),
      );
      return indicator;
    },

    async update(current: Indicator, expectedVersion: number, changes: Partial<Indicator>, action: string, actor: Actor): Promise<Indicator> {
      if (current.version !== expectedVersion) throw new StaleVersionError('indicator', expectedVersion, current.version);
      const { id: _i, consortiumId: _c, projectId: _p, version: _v, createdAt: _t, ...set } = changes;
      const updated: Indicator = { ...current, ...set, version: expectedVersion + 1, updatedAt: actor.at };
      await audit.transact(
        chainOf(current),
        [
          {
            write: { Update: versionedUpdate({ tableName: db.tableName, key: indicatorKey(current.consortiumId, current.projectId, current.id), expectedVersion, set, now: actor.at }) },
            onConditionFailed: () => new StaleVersionError('indicator'),
          },
        ],
        auditRecord(actor, 'indicator', current.id, action, current, updated),
      );
      return updated;
    },
  };
}

export type IndicatorRepository = ReturnType<typeof indicatorRepository>;
