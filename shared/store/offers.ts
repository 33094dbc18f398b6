// Commercial offers: items of the project's summary collection, at most MAX_OFFERS_PER_PROJECT.
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../domain/errors';
import { MAX_OFFERS_PER_PROJECT, type Offer } from '../domain/offer';
import { auditRecord, auditStore, type Actor } from './audit';
import { projectNotFound } from './projects';
import { TABLE_KEYS, beginsWith, type Db, type Item, type TxOp } from './db';
import { mustExist, putNew, versionedUpdate } from './expressions';
import { entityOf } from './items';
import { COLLECTION_PREFIXES, collectionCountKey, memberKey, offerKey, offersOf, projectKey } from './keys';
import type { Page } from './pagination';
import { countersOp } from './training';

export const offerItem = (offer: Offer) => ({
  ...offerKey(offer.consortiumId, offer.projectId, offer.id),
  itemType: 'Offer',
  ...offer,
});

/** The project's offers among the items of its summary collection (`others` of `projects.collection`). */
export const offersIn = (others: Item[]): Offer[] =>
  others.filter((item) => String(item.SK).startsWith(COLLECTION_PREFIXES.offer)).map((item) => entityOf<Offer>(item));

/** Guards that a project exists and keeps its count of `kind` under `max`, in the creating write. */
export function boundedCreate(db: Db, ids: { consortiumId: string; projectId: string }, kind: 'offers' | 'indicators', max: number): TxOp[] {
  return [
    {
      write: { ConditionCheck: mustExist(db.tableName, projectKey(ids.consortiumId, ids.projectId)) },
      onConditionFailed: () => projectNotFound(ids.projectId),
    },
    {
      write: countersOp(db.tableName, collectionCountKey(ids.consortiumId, ids.projectId, kind), { count: 1 }, {
        create: true,
        condition: '(attribute_not_exists(#count) OR #count < :max)',
        values: { ':max': max },
      }),
      onConditionFailed: () => new ConflictError(`A project has at most ${max} ${kind}`),
    },
  ];
}

/** Each participating member must exist: 400 naming `participants.<i>.memberId`. */
function participantChecks(db: Db, consortiumId: string, participants: Offer['participants'] | undefined): TxOp[] {
  return (participants ?? []).map((participant, index) => ({
    write: { ConditionCheck: mustExist(db.tableName, memberKey(consortiumId, participant.memberId)) },
    onConditionFailed: () =>
      new ValidationError([{ path: `participants.${index}.memberId`, message: `no member ${participant.memberId} in this consortium` }]),
  }));
}

export function offerRepository(db: Db) {
  const audit = auditStore(db);
  return {
    async get(consortiumId: string, projectId: string, offerId: string): Promise<Offer> {
      const item = await db.get(offerKey(consortiumId, projectId, offerId));
      if (!item) throw new NotFoundError(`No offer ${offerId} in this project`);
      return entityOf<Offer>(item);
    },

    async list(consortiumId: string, projectId: string, page: { limit: number; cursor?: string }): Promise<Page<Offer>> {
      const { PK, skPrefix } = offersOf(consortiumId, projectId);
      const result = await db.queryPage({ on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix), ...page });
      return { items: result.items.map((item) => entityOf<Offer>(item)), nextCursor: result.nextCursor };
    },

    /** Every offer of the project (at most MAX_OFFERS_PER_PROJECT): one Query. */
    async all(consortiumId: string, projectId: string): Promise<Offer[]> {
      const { PK, skPrefix } = offersOf(consortiumId, projectId);
      const items = await db.queryAll({ on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix) });
      return items.map((item) => entityOf<Offer>(item));
    },

    async create(offer: Offer, actor: Actor): Promise<Offer> {
      await audit.transact(
        { consortiumId: offer.consortiumId, projectId: offer.projectId },
        [
          { write: { Put: putNew(db.tableName, offerItem(offer)) }, onConditionFailed: () => new ConflictError(`An offer ${offer.id} exists already`) },
          ...boundedCreate(db, offer, 'offers', MAX_OFFERS_PER_PROJECT),
          ...participantChecks(db, offer.consortiumId, offer.participants),
        ],
        auditRecord(actor, 'offer', offer.id, 'create', undefined, offer),
      );
      return offer;
    },

    /** Writes `changes` at the version read; `action` names it in the audit trail (update, or the new stage). */
    async update(current: Offer, expectedVersion: number, changes: Partial<Offer>, action: string, actor: Actor): Promise<Offer> {
      if (current.version !== expectedVersion) throw new StaleVersionError('offer', expectedVersion, current.version);
      const { id: _i, consortiumId: _c, projectId: _p, version: _v, createdAt: _t, ...set } = changes;
      const updated: Offer = { ...current, ...set, version: expectedVersion + 1, updatedAt: actor.at };
      await audit.transact(
        { consortiumId: current.consortiumId, projectId: current.projectId },
        [
          {
            write: { Update: versionedUpdate({ tableName: db.tableName, key: offerKey(current.consortiumId, current.projectId, current.id), expectedVersion, set, now: actor.at }) },
            onConditionFailed: () => new StaleVersionError('offer'),
          },
          ...participantChecks(db, current.consortiumId, set.participants),
        ],
        auditRecord(actor, 'offer', current.id, action, current, updated),
      );
      return updated;
    },
  };
}

export type OfferRepository = ReturnType<typeof offerRepository>;
