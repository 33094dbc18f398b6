// Privacy requests (a copy of a person's data, an erasure) and the consortium's erasure register.
import { ConflictError, NotFoundError } from '../domain/errors';
import type { ErasureRecord, PrivacyRequest } from '../domain/privacy';
import { TABLE_KEYS, beginsWith, type Db } from './db';
import { putNew } from './expressions';
import { entityOf } from './items';
import { erasureKey, erasuresOf, privacyRequestKey, privacyRequestsOf, privacyRequestsOfPerson } from './keys';
import type { Page } from './pagination';
import { INDEXES } from './table';

/**
 * A named erasure keeps the name and e-mail it looks for on its request only until it ran: the
 * job reads them, and its last write removes them.
 */
export interface NamedSubject {
  name: string;
  email?: string;
}

type Stored = PrivacyRequest & { named?: NamedSubject };

const notFound = (id: string) => new NotFoundError(`No privacy request ${id}`);

/** A request as its readers see it: never the name a named erasure looks for. */
const publicOf = ({ named: _named, ...request }: Stored): PrivacyRequest => request;

export function privacyRepository(db: Db) {
  const listed = (request: PrivacyRequest) => ({
    [INDEXES.byParent.partitionKey]: request.consortiumId ? privacyRequestsOf(request.consortiumId).GSI1PK : privacyRequestsOfPerson(request.requestedBy).GSI1PK,
    [INDEXES.byParent.sortKey]: `${request.createdAt}#${request.id}`,
  });

  return {
    async create(request: PrivacyRequest, named?: NamedSubject): Promise<PrivacyRequest> {
      const item = { ...privacyRequestKey(request.id), ...listed(request), itemType: 'PrivacyRequest', ...request, ...(named ? { named } : {}) };
      await db.put(putNew(db.tableName, item), () => new ConflictError(`Privacy request ${request.id} exists already`));
      return request;
    },

    /** The request with the name a named erasure looks for (the job's read only). */
    async getStored(requestId: string): Promise<Stored> {
      const item = await db.get(privacyRequestKey(requestId));
      if (!item) throw notFound(requestId);
      return entityOf<Stored>(item);
    },

    /** A request as its readers see it: never the name a named erasure looks for. */
    async get(requestId: string): Promise<PrivacyRequest> {
      return publicOf(await this.getStored(requestId));
    },

    /** Newest first: the consortium's (its coordinators'), or a person's own. */
    async list(of: { consortiumId: string } | { personId: string }, page: { limit: number; cursor?: string }): Promise<Page<PrivacyRequest>> {
      const partitionValue = 'consortiumId' in of ? privacyRequestsOf(of.consortiumId).GSI1PK : privacyRequestsOfPerson(of.personId).GSI1PK;
      const result = await db.queryPage({ on: INDEXES.byParent, partitionValue, descending: true, ...page });
      return { items: result.items.map((item) => publicOf(entityOf<Stored>(item))), nextCursor: result.nextCursor };
    },

    /** Moves a request on; a finished one forgets the name it looked for. */
    async advance(current: Stored, changes: Partial<PrivacyRequest>, at: string): Promise<PrivacyRequest> {
      const next: Stored = { ...current, ...changes, updatedAt: at };
      const finished = next.status === 'done' || next.status === 'failed';
      const request = publicOf(next);
      await db.putAll([{ ...privacyRequestKey(next.id), ...listed(next), itemType: 'PrivacyRequest', ...request, ...(!finished && next.named ? { named: next.named } : {}) }]);
      return request;
    },

    /** Adds an erasure to the table's copy of the register (the file store keeps the other). */
    async register(record: ErasureRecord): Promise<void> {
      await db.putAll([{ ...erasureKey(record.consortiumId, record.id), itemType: 'ErasureRecord', ...record }]);
    },

    async erasures(consortiumId: string): Promise<ErasureRecord[]> {
      const { PK, skPrefix } = erasuresOf(consortiumId);
      const records: ErasureRecord[] = [];
      for await (const item of db.queryEach({ on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix) })) records.push(entityOf<ErasureRecord>(item));
      return records;
    },
  };
}

export type PrivacyRepository = ReturnType<typeof privacyRepository>;
