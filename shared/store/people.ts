// People's memberships of consortia: the only source of roles, read once per request.
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../domain/errors';
import type { Person } from '../domain/person';
import { auditRecord, auditStore, type Actor } from './audit';
import { TABLE_KEYS, beginsWith, type Db, type TxOp } from './db';
import { mustExist, putNew, versionedUpdate } from './expressions';
import { entityOf } from './items';
import { funderKey, memberKey, membershipIndexKeys, membershipKey, membershipsOf, peopleOf } from './keys';
import type { Page } from './pagination';
import { INDEXES } from './table';

export const personItem = (person: Person) => ({
  ...membershipKey(person.id, person.consortiumId),
  ...membershipIndexKeys(person),
  itemType: 'Membership',
  ...person,
});

const notFound = (id: string) => new NotFoundError(`No person ${id} in this consortium`);

/** The member or funder a person is linked to must exist, checked in the same write. */
function linkChecks(db: Db, person: Pick<Person, 'consortiumId' | 'memberId' | 'funderId'>): TxOp[] {
  const checks: TxOp[] = [];
  const { consortiumId, memberId, funderId } = person;
  if (memberId) {
    checks.push({
      write: { ConditionCheck: mustExist(db.tableName, memberKey(consortiumId, memberId)) },
      onConditionFailed: () => new ValidationError([{ path: 'memberId', message: `no member ${memberId} in this consortium` }]),
    });
  }
  if (funderId) {
    checks.push({
      write: { ConditionCheck: mustExist(db.tableName, funderKey(consortiumId, funderId)) },
      onConditionFailed: () => new ValidationError([{ path: 'funderId', message: `no funder ${funderId} in this consortium` }]),
    });
  }
  return checks;
}

export function peopleRepository(db: Db) {
  const audit = auditStore(db);
  const chainOf = (person: Pick<Person, 'consortiumId'>) => ({ consortiumId: person.consortiumId });

  return {
    /** The membership behind a request: one consistent GetItem, so that a role change applies at once. */
    async membership(personId: string, consortiumId: string): Promise<Person | undefined> {
      const item = await db.get(membershipKey(personId, consortiumId));
      return item ? entityOf<Person>(item) : undefined;
    },

    async get(consortiumId: string, personId: string): Promise<Person> {
      const person = await this.membership(personId, consortiumId);
      if (!person) throw notFound(personId);
      return person;
    },

    /** Every consortium a person belongs to. */
    async membershipsOf(personId: string): Promise<Person[]> {
      const { PK, skPrefix } = membershipsOf(personId);
      const items = await db.queryAll({
        on: TABLE_KEYS,
        partitionValue: PK,
        sortCondition: beginsWith(skPrefix),
      });
      return items.map((item) => entityOf<Person>(item));
    },

    /** Every person of a consortium (bounded: a consortium's staff and partners), following pages. */
    async all(consortiumId: string): Promise<Person[]> {
      const items = await db.queryAll({ on: INDEXES.byParent, partitionValue: peopleOf(consortiumId).GSI1PK });
      return items.map((item) => entityOf<Person>(item));
    },

    async list(consortiumId: string, page: { limit: number; cursor?: string }): Promise<Page<Person>> {
      const result = await db.queryPage({ on: INDEXES.byParent, partitionValue: peopleOf(consortiumId).GSI1PK, ...page });
      return { items: result.items.map((item) => entityOf<Person>(item)), nextCursor: result.nextCursor };
    },

    async create(person: Person, actor: Actor): Promise<Person> {
      await audit.transact(
        chainOf(person),
        [
          {
            write: { Put: putNew(db.tableName, personItem(person)) },
            onConditionFailed: () => new ConflictError(`${person.email} is already a person of this consortium`),
          },
          ...linkChecks(db, person),
        ],
        auditRecord(actor, 'person', person.id, 'invite', undefined, person),
      );
      return person;
    },

    async update(current: Person, expectedVersion: number, changes: Partial<Person>, actor: Actor): Promise<Person> {
      if (current.version !== expectedVersion) throw new StaleVersionError('person', expectedVersion, current.version);
      const updated: Person = { ...current, ...changes, version: expectedVersion + 1, updatedAt: actor.at };
      const { id: _id, consortiumId: _c, version: _v, ...fields } = changes;
      const set = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      const remove = Object.entries(fields).filter(([, value]) => value === undefined).map(([key]) => key);
      await audit.transact(
        chainOf(current),
        [
          {
            write: {
              Update: versionedUpdate({
                tableName: db.tableName,
                key: membershipKey(current.id, current.consortiumId),
                expectedVersion,
                set,
                remove,
                now: actor.at,
              }),
            },
            onConditionFailed: () => new StaleVersionError('person'),
          },
          ...linkChecks(db, { consortiumId: current.consortiumId, memberId: changes.memberId, funderId: changes.funderId }),
        ],
        auditRecord(actor, 'person', current.id, 'update', current, updated),
      );
      return updated;
    },

    async remove(current: Person, actor: Actor): Promise<void> {
      await audit.transact(
        chainOf(current),
        [
          {
            write: {
              Delete: {
                TableName: db.tableName,
                Key: membershipKey(current.id, current.consortiumId),
                ConditionExpression: 'version = :version',
                ExpressionAttributeValues: { ':version': current.version },
              },
            },
            onConditionFailed: () => new StaleVersionError('person'),
          },
        ],
        auditRecord(actor, 'person', current.id, 'remove', current, undefined),
      );
    },
  };
}
