// Where a consortium's data names a person, and the writes that erase them: the store's half of
// an erasure (shared/jobs/privacy-job.ts decides what to erase and in which order). docs/privacy.md
// lists the same places. Reads go partition by partition of the consortium, never a Scan.
import { ConflictError } from '../domain/errors';
import type { AuditRecord } from '../domain/audit';
import { auditStore } from './audit';
import { TABLE_KEYS, beginsWith, type Db, type TxOp } from './db';
import { versionedUpdate } from './expressions';
import {
  attendanceOf,
  contributionsOf,
  costKey,
  costsOf,
  digestMarkersOf,
  logOf,
  membersOf,
  membershipKey,
  notificationsOf,
  offersOf,
  personalValuesOf,
  projectsOf,
  sessionsOf,
  trainingPathsOf,
  type AuditChain,
  type Key,
} from './keys';
import { INDEXES } from './table';

/** One stored value that names the person, and what erasure writes in its place (absent: removed). */
export interface NamedValue {
  chain: AuditChain;
  key: Key;
  itemType: string;
  field: string;
  version: number;
  before: unknown;
  after: unknown;
  /** The record's ids, as the API names it (id, project, training path, session, member). */
  ids: Record<string, string>;
}

/** Values beside an audit chain that name the person: `<field>.<side>` paths to remove, or lists with their names replaced. */
export interface NamedPersonalValues {
  chain: AuditChain;
  key: Key;
  remove: string[];
  replace: Record<string, unknown[]>;
  remaining: number;
}

/** What an erasure changes in one transaction: few enough items for DynamoDB's limit of 100. */
const BATCH = 25;

const keyOf = (item: Record<string, unknown>): Key => ({ PK: String(item.PK), SK: String(item.SK) });

export function personalDataStore(db: Db) {
  const audit = auditStore(db);

  /** The consortium's projects (ids only): each has its chain, costs and co-financing. */
  async function projectIds(consortiumId: string): Promise<string[]> {
    const ids: string[] = [];
    for await (const item of db.queryEach({ on: INDEXES.byParent, partitionValue: projectsOf(consortiumId).GSI1PK })) ids.push(String(item.id));
    return ids;
  }

  async function* prefixed(of: { PK: string; skPrefix: string }) {
    yield* db.queryEach({ on: TABLE_KEYS, partitionValue: of.PK, sortCondition: beginsWith(of.skPrefix) });
  }

  /** The consortium's training sessions and attendance, with the chain they are audited in (the consortium's). */
  async function* trainingRecords(consortiumId: string): AsyncGenerator<{ chain: AuditChain; item: Record<string, unknown> }> {
    const chain: AuditChain = { consortiumId };
    for await (const path of db.queryEach({ on: INDEXES.byParent, partitionValue: trainingPathsOf(consortiumId).GSI1PK })) {
      const trainingId = String(path.id);
      for (const of of [sessionsOf(consortiumId, trainingId), attendanceOf(consortiumId, trainingId)]) {
        for await (const item of prefixed(of)) yield { chain, item };
      }
    }
  }

  return {
    projectIds,
    trainingRecords,

    /** Log entries a person wrote on the given deliverables (those their audit entries name). */
    async logEntriesBy(consortiumId: string, personId: string, deliverables: { projectId: string; deliverableId: string }[]): Promise<Record<string, unknown>[]> {
      const entries: Record<string, unknown>[] = [];
      for (const { projectId, deliverableId } of deliverables) {
        for await (const item of prefixed(logOf(consortiumId, projectId, deliverableId))) {
          if (item.by === personId) entries.push({ ...item, projectId });
        }
      }
      return entries;
    },

    /** The costs of the given ids (those a person's audit entries name). */
    async costs(consortiumId: string, refs: { projectId: string; costId: string }[]): Promise<Record<string, unknown>[]> {
      return db.getMany(refs.map(({ projectId, costId }) => costKey(consortiumId, projectId, costId)));
    },

    /** A person's notifications in the consortium, newest last. */
    async *notifications(personId: string, consortiumId: string) {
      yield* prefixed(notificationsOf(personId, consortiumId));
    },


    /** Every chain of the consortium: its own and one per project. */
    async chains(consortiumId: string): Promise<AuditChain[]> {
      return [{ consortiumId }, ...(await projectIds(consortiumId)).map((projectId) => ({ consortiumId, projectId }))];
    },

    /**
     * Every field of the consortium's records that holds a value `names` recognises: trainers,
     * named attendees, suppliers, co-financing providers, offers' clients (given `pseudonym`) and members' contact
     * e-mails (removed).
     */
    async *namedValues(consortiumId: string, names: (value: unknown) => boolean, pseudonym: string): AsyncGenerator<NamedValue> {
      const found = (chain: AuditChain, item: Record<string, unknown>, field: string, after: unknown): NamedValue => ({
        chain, key: keyOf(item), itemType: String(item.itemType), field, version: Number(item.version), before: item[field], after,
        ids: Object.fromEntries(['id', 'projectId', 'trainingId', 'sessionId', 'memberId'].filter((name) => typeof item[name] === 'string').map((name) => [name, String(item[name])])),
      });
      for await (const member of prefixed(membersOf(consortiumId))) {
        if (names(member.email)) yield found({ consortiumId }, member, 'email', undefined);
      }
      for await (const { chain, item } of trainingRecords(consortiumId)) {
        if (item.itemType === 'TrainingSession' && names(item.trainer)) yield found(chain, item, 'trainer', pseudonym);
        const attendees = Array.isArray(item.attendees) ? (item.attendees as unknown[]) : [];
        if (item.itemType === 'Attendance' && attendees.some(names)) {
          yield found(chain, item, 'attendees', attendees.map((name) => (names(name) ? pseudonym : name)));
        }
      }
      for (const projectId of await projectIds(consortiumId)) {
        const chain = { consortiumId, projectId };
        for await (const cost of prefixed(costsOf(consortiumId, projectId))) {
          if (names(cost.supplier)) yield found(chain, cost, 'supplier', pseudonym);
        }
        for await (const contribution of prefixed(contributionsOf(consortiumId, projectId))) {
          if (names(contribution.providedBy)) yield found(chain, contribution, 'providedBy', pseudonym);
        }
        for await (const offer of prefixed(offersOf(consortiumId, projectId))) {
          if (names(offer.clientName)) yield found(chain, offer, 'clientName', pseudonym);
        }
      }
    },

    /**
     * Writes the erasure's replacements, each conditional on the version and value it read, in
     * audited transactions of the value's chain (the record says what was erased, never the value).
     * A value changed since it was read raises a ConflictError: the caller reads again and retries.
     */
    async rewrite(values: NamedValue[], record: Omit<AuditRecord, 'changes'>): Promise<void> {
      const byChain = new Map<string, NamedValue[]>();
      for (const value of values) {
        const id = `${value.chain.consortiumId}/${value.chain.projectId ?? ''}`;
        byChain.set(id, [...(byChain.get(id) ?? []), value]);
      }
      for (const chainValues of byChain.values()) {
        for (let start = 0; start < chainValues.length; start += BATCH) {
          const batch = chainValues.slice(start, start + BATCH);
          const ops: TxOp[] = batch.map((value) => ({
            write: {
              Update: versionedUpdate({
                tableName: db.tableName,
                key: value.key,
                expectedVersion: value.version,
                set: value.after === undefined ? {} : { [value.field]: value.after },
                remove: value.after === undefined ? [value.field] : [],
                unchanged: { [value.field]: value.before },
                now: record.at,
              }),
            },
            onConditionFailed: () => new ConflictError(`A ${value.itemType} changed while it was being erased`),
          }));
          const fields = [...new Set(batch.map((value) => `${value.itemType}.${value.field}`))].sort();
          await audit.transact(batch[0]!.chain, ops, { ...record, changes: { erased: { before: null, after: fields } } });
        }
      }
    },

    /**
     * The personal values beside the consortium's chains that name the person: every value of an
     * event about them (`eventsAbout`), and elsewhere the values `names` recognises, except people's
     * names, which a namesake may share (an e-mail, a trainer, a supplier are the person's own).
     * A list (attendees) keeps its other names and gets the pseudonym in place of theirs.
     */
    async *namedPersonalValues(consortiumId: string, names: (value: unknown) => boolean, eventsAbout: ReadonlySet<string>, pseudonym: string): AsyncGenerator<NamedPersonalValues> {
      for (const chain of await this.chains(consortiumId)) {
        for await (const item of prefixed(personalValuesOf(chain))) {
          const values = (item.values ?? {}) as Record<string, unknown>;
          const about = eventsAbout.has(String(item.SK).slice('PERSONAL#'.length));
          const remove: string[] = [];
          const replace: Record<string, unknown[]> = {};
          for (const [path, value] of Object.entries(values)) {
            if (about || (!path.startsWith('name.') && names(value))) remove.push(path);
            else if (Array.isArray(value) && value.some(names)) replace[path] = value.map((entry) => (names(entry) ? pseudonym : entry));
          }
          if (remove.length > 0 || Object.keys(replace).length > 0) yield { chain, key: keyOf(item), remove, replace, remaining: Object.keys(values).length - remove.length };
        }
      }
    },

    /** Erases values beside a chain: the item goes with its salt once none is left, so its hashes can no longer be tried. */
    async erasePersonalValues(found: NamedPersonalValues): Promise<void> {
      if (found.remaining === 0) return db.delete(found.key);
      const names: Record<string, string> = { '#values': 'values' };
      const values: Record<string, unknown> = {};
      const paths = [...found.remove, ...Object.keys(found.replace)];
      paths.forEach((path, index) => (names[`#p${index}`] = path));
      const sets = Object.entries(found.replace).map(([, list], index) => {
        values[`:v${index}`] = list;
        return `#values.#p${found.remove.length + index} = :v${index}`;
      });
      const removes = found.remove.map((_, index) => `#values.#p${index}`);
      await db.update(
        {
          TableName: db.tableName,
          Key: found.key,
          UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
          ExpressionAttributeNames: names,
          ...(sets.length ? { ExpressionAttributeValues: values } : {}),
        },
        () => new ConflictError('The personal values changed while they were being erased'),
      );
    },

    /** The person's own items in the consortium: membership, notifications, digest markers. */
    async personItems(personId: string, consortiumId: string): Promise<Key[]> {
      const keys: Key[] = [membershipKey(personId, consortiumId)];
      for (const of of [notificationsOf(personId, consortiumId), digestMarkersOf(personId, consortiumId)]) {
        for await (const item of prefixed(of)) keys.push(keyOf(item));
      }
      return keys;
    },
  };
}

export type PersonalDataStore = ReturnType<typeof personalDataStore>;
