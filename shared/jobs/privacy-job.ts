// Privacy requests as jobs: a copy of everything held about a person (a JSON file behind a download
// link), and the erasure of a person from one consortium. Both read the person's audit entries
// through the index on the person, after sealing the consortium so that none is still pending.
// Re-running a request does the same again: nothing is done twice, nothing is lost.
import { text } from 'node:stream/consumers';
import type { IdentityDirectory } from '../auth/identities';
import { withPersonalValues, type AuditEntry, type PersonalValues } from '../domain/audit';
import type { Clock } from '../domain/clock';
import { ConflictError } from '../domain/errors';
import { ErasureRecord, matcherOf, nameMatchOf, pseudonymOf, type PrivacyRequest } from '../domain/privacy';
import type { FileStore } from '../files/file-store';
import { PREFIXES, erasureFileKey, personalDataKey } from '../files/layout';
import type { Mailer } from '../mail/mailer';
import type { Store } from '../store';
import { personalValuesKey, type AuditChain } from '../store/keys';
import { personalDataStore, type NamedValue } from '../store/personal-data';
import { privacyRepository, type NamedSubject } from '../store/privacy';
import { sweepConsortium } from './sealing';

export interface PrivacyJobDeps {
  store: Store;
  files: FileStore;
  clock: Clock;
  /** Removes a sign-in identity once its person belongs to no consortium (absent: identities stay). */
  identities?: IdentityDirectory;
  /** Forgets mails kept for an address (the local outbox; SES keeps none in Rete). */
  mailer?: Mailer;
}

/** What a queue message carries for a privacy request. */
export interface PrivacyRef {
  requestId: string;
}

type Counts = Record<string, number>;

export async function runPrivacyRequest(deps: PrivacyJobDeps, ref: PrivacyRef): Promise<PrivacyRequest> {
  const requests = privacyRepository(deps.store.db);
  const now = () => deps.clock.now().toISOString();
  const stored = await requests.getStored(ref.requestId);
  if (stored.status === 'done' || stored.status === 'failed') return stored;
  const current = await requests.advance(stored, { status: 'running' }, now());
  try {
    // A named erasure reads the name it looks for from the stored request (never answered, gone once done).
    const counts = current.kind === 'export' ? await exportPersonalData(deps, current) : await erase(deps, { ...current, named: stored.named });
    return await requests.advance(current, { status: 'done', counts, finishedAt: now() }, now());
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', message: 'Privacy request failed', requestId: ref.requestId, error: String(error) }));
    return requests.advance(current, { status: 'failed', failureReason: (error as Error).message, finishedAt: now() }, now());
  }
}

// --- Export ---

/** The person's names and e-mails in one consortium: their membership's, and those their audit entries hold beside the chain. */
async function namesOf(deps: PrivacyJobDeps, consortiumId: string, personId: string, about: { chain: AuditChain; entry: AuditEntry }[]) {
  const names: string[] = [];
  const membership = await deps.store.people.membership(personId, consortiumId);
  if (membership) names.push(membership.name, membership.email);
  for (const { chain, entry } of about) {
    const personal = await personalValuesOf(deps, chain, entry.eventId);
    for (const [path, value] of Object.entries(personal?.values ?? {})) {
      if ((path.startsWith('name.') || path.startsWith('email.')) && typeof value === 'string') names.push(value);
    }
  }
  return { membership, names: [...new Set(names)] };
}

async function personalValuesOf(deps: PrivacyJobDeps, chain: AuditChain, eventId: string): Promise<PersonalValues | undefined> {
  const item = await deps.store.db.get(personalValuesKey(chain, eventId), false);
  return item ? { salt: String(item.salt), values: (item.values ?? {}) as Record<string, unknown> } : undefined;
}

/** The audit entries that name the person: those they acted in, and those about them (a person entity). */
async function entriesOf(deps: PrivacyJobDeps, consortiumId: string, personId: string) {
  await sweepConsortium(deps.store.db, consortiumId);
  const entries = await deps.store.audit.entriesNaming(consortiumId, personId);
  const about = entries.filter(({ entry }) => entry.entity === 'person' && entry.entityId === personId);
  return { entries, about };
}

const distinct = <T>(values: T[], keyOf: (value: T) => string) => [...new Map(values.map((value) => [keyOf(value), value])).values()];

/** One consortium's part of a person's data, naming no one else (other people show as "another person"). */
async function consortiumPart(deps: PrivacyJobDeps, consortiumId: string, personId: string) {
  const data = personalDataStore(deps.store.db);
  const { entries, about } = await entriesOf(deps, consortiumId, personId);
  const { membership, names: known } = await namesOf(deps, consortiumId, personId, about);
  const names = matcherOf(known);
  const other = (id: unknown) => (id === personId ? 'you' : id ? 'another person' : undefined);
  const acted = entries.filter(({ entry }) => entry.actor === personId && entry.entity !== 'person');
  const onDeliverables = distinct(
    acted.filter(({ chain, entry }) => entry.entity === 'deliverable' && chain.projectId).map(({ chain, entry }) => ({ projectId: chain.projectId!, deliverableId: entry.entityId })),
    (ref) => `${ref.projectId}/${ref.deliverableId}`,
  );
  const onCosts = distinct(
    acted.filter(({ chain, entry }) => entry.entity === 'cost' && chain.projectId).map(({ chain, entry }) => ({ projectId: chain.projectId!, costId: entry.entityId })),
    (ref) => `${ref.projectId}/${ref.costId}`,
  );
  const logEntries = (await data.logEntriesBy(consortiumId, personId, onDeliverables)).map((entry) => ({
    projectId: entry.projectId, deliverableId: entry.deliverableId, id: entry.id, at: entry.at, type: entry.type,
    note: entry.note, percent: entry.percent, evidence: entry.evidence, decision: entry.decision,
  }));
  const costs = (await data.costs(consortiumId, onCosts))
    .filter((cost) => cost.reportedBy === personId || cost.submittedBy === personId)
    .map((cost) => ({
      projectId: cost.projectId, id: cost.id, kind: cost.kind, budgetLineId: cost.budgetLineId, memberId: cost.memberId, date: cost.date,
      supplier: cost.supplier, description: cost.description, amountCents: cost.amountCents, vatCents: cost.vatCents, documents: cost.documents,
      status: cost.status, reportedBy: other(cost.reportedBy), submittedBy: other(cost.submittedBy), reviewedBy: other(cost.reviewedBy),
    }));
  const attendance: Record<string, unknown>[] = [];
  const taught: Record<string, unknown>[] = [];
  for await (const { item } of data.trainingRecords(consortiumId)) {
    if (item.itemType === 'TrainingSession' && names(item.trainer)) {
      taught.push({ trainingId: item.trainingId, sessionId: item.id, date: item.date, title: item.title, hours: item.hours, trainer: item.trainer });
    }
    const attendees = Array.isArray(item.attendees) ? (item.attendees as unknown[]) : [];
    if (item.itemType === 'Attendance' && (attendees.some(names) || item.recordedBy === personId)) {
      attendance.push({
        trainingId: item.trainingId, sessionId: item.sessionId, memberId: item.memberId, people: item.people, hours: item.hours,
        attendees: attendees.filter(names), otherAttendees: attendees.filter((name) => !names(name)).length, recordedBy: other(item.recordedBy),
      });
    }
  }
  const notifications: Record<string, unknown>[] = [];
  for await (const note of data.notifications(personId, consortiumId)) {
    notifications.push({ id: note.id, kind: note.kind, title: note.title, text: note.text, link: note.link, createdAt: note.createdAt, readAt: note.readAt });
  }
  const auditEntries = await Promise.all(
    entries.map(async ({ chain, entry }) => {
      // Only entries about the person show their values; an entry they wrote about someone else keeps that person's hashes.
      const isAbout = entry.entity === 'person' && entry.entityId === personId;
      const shown = isAbout ? withPersonalValues(entry, await personalValuesOf(deps, chain, entry.eventId)) : entry;
      return {
        chain: chain.projectId ? { projectId: chain.projectId } : 'consortium', seq: shown.seq, eventId: shown.eventId, at: shown.at,
        actor: other(shown.actor), entity: shown.entity, entityId: shown.entityId, action: shown.action, changes: shown.changes,
      };
    }),
  );
  // Every other record that names them (a trainer, a supplier, a client, a member's contact): where, and the value.
  const namedIn: Record<string, unknown>[] = [];
  for await (const value of data.namedValues(consortiumId, names, '')) {
    const shown = Array.isArray(value.before) ? (value.before as unknown[]).filter(names) : value.before;
    namedIn.push({ record: value.itemType, ...value.ids, field: value.field, value: shown });
  }
  const profile = membership
    ? { name: membership.name, email: membership.email, language: membership.language, role: membership.role, memberId: membership.memberId, funderId: membership.funderId, weeklyDigest: membership.weeklyDigest ?? true, since: membership.createdAt }
    : undefined;
  return { consortiumId, profile, logEntries, costs, attendance, trainingSessionsTaught: taught, namedIn, notifications, auditEntries };
}

async function exportPersonalData(deps: PrivacyJobDeps, request: PrivacyRequest): Promise<Counts> {
  const personId = request.personId!;
  const consortia = request.consortiumId ? [request.consortiumId] : (await deps.store.people.membershipsOf(personId)).map((person) => person.consortiumId);
  const parts: Awaited<ReturnType<typeof consortiumPart>>[] = [];
  for (const consortiumId of consortia) parts.push(await consortiumPart(deps, consortiumId, personId));
  const document = { format: 'rete-personal-data/1', personId, generatedAt: deps.clock.now().toISOString(), consortia: parts };
  await deps.files.put(personalDataKey(request.id), Buffer.from(`${JSON.stringify(document, null, 2)}\n`), 'application/json');
  const sum = (pick: (part: (typeof parts)[number]) => unknown[]) => parts.reduce((total, part) => total + pick(part).length, 0);
  return {
    consortia: parts.length,
    logEntries: sum((part) => part.logEntries),
    costs: sum((part) => part.costs),
    attendance: sum((part) => part.attendance),
    namedIn: sum((part) => part.namedIn),
    notifications: sum((part) => part.notifications),
    auditEntries: sum((part) => part.auditEntries),
  };
}

// --- Erasure ---

/**
 * One entry of the register's copy, if it is there. Found by listing its key, not by a HEAD: the
 * worker may list only the register's prefix, and S3 answers a missing key's HEAD with 403 to a
 * role that may not list it.
 */
async function findRegisterFile(files: FileStore, key: string): Promise<ErasureRecord | undefined> {
  for await (const file of files.list(key)) if (file.key === key) return readRegisterFile(files, key);
  return undefined;
}

async function readRegisterFile(files: FileStore, key: string): Promise<ErasureRecord> {
  return ErasureRecord.parse(JSON.parse(await text((await files.get(key)).body)));
}

/**
 * Whom an erasure of a person who signs in looks for: their names and e-mails (membership, and the
 * values beside their own person entries) and the events about them, all sealed first.
 */
async function subjectOf(deps: PrivacyJobDeps, consortiumId: string, personId: string): Promise<Subject> {
  const { about } = await entriesOf(deps, consortiumId, personId);
  const { names } = await namesOf(deps, consortiumId, personId, about);
  return { names, eventsAbout: new Set(about.map(({ entry }) => entry.eventId)) };
}

/** What an erasure looks for: names and e-mails in plain, and the events about the person (absent for someone who never signs in). */
interface Subject {
  names: string[];
  eventsAbout: ReadonlySet<string>;
}

/** Writes the register's entry, in the file store first (what a restored table is replayed from), then in the table. */
async function register(deps: PrivacyJobDeps, record: ErasureRecord): Promise<void> {
  await deps.files.put(erasureFileKey(record.consortiumId, record.id), Buffer.from(`${JSON.stringify(record)}\n`), 'application/json');
  await privacyRepository(deps.store.db).register(record);
}

async function erase(deps: PrivacyJobDeps, request: PrivacyRequest & { named?: NamedSubject }): Promise<Counts> {
  const consortiumId = request.consortiumId!;
  const erasureId = request.erasureId!;
  const personId = request.personId;
  const subject: Subject = personId
    ? await subjectOf(deps, consortiumId, personId)
    : { names: request.named ? [request.named.name, ...(request.named.email ? [request.named.email] : [])] : [], eventsAbout: new Set() };
  // A run that died midway left its entry: keep what it recognised, since some of it is erased by now.
  const earlier = await findRegisterFile(deps.files, erasureFileKey(consortiumId, erasureId));
  const match = nameMatchOf(subject.names, earlier?.match.salt);
  const record: ErasureRecord = {
    id: erasureId, consortiumId, at: request.createdAt, by: request.requestedBy, ...(personId ? { personId } : {}), pseudonym: pseudonymOf(erasureId),
    match: { salt: match.salt, hashes: [...new Set([...(earlier?.match.hashes ?? []), ...match.hashes])].sort() },
  };
  await register(deps, record);
  return applyErasure(deps, record, subject, 'erase');
}

/**
 * Erases what `record` names in its consortium: the person's own items, every value that names
 * them (by `names` in plain, or by the register's hashes), the values beside the chains, and,
 * once they belong to no consortium, their sign-in identity. Idempotent: a replay finds nothing
 * left to change in data already erased.
 */
async function applyErasure(deps: PrivacyJobDeps, record: ErasureRecord, { names, eventsAbout }: Subject, action: 'erase' | 'replay'): Promise<Counts> {
  const { store } = deps;
  const data = personalDataStore(store.db);
  const matches = matcherOf(names, record.match);
  const at = deps.clock.now().toISOString();
  const counts = { personItems: 0, values: 0, personalValues: 0, identities: 0 };

  if (record.personId) {
    const keys = await data.personItems(record.personId, record.consortiumId);
    const membership = await store.people.membership(record.personId, record.consortiumId);
    // The membership goes with the erasure's event (a replay records one only when it finds the membership again).
    if (membership || action === 'erase') {
      await store.audit.transact(
        { consortiumId: record.consortiumId },
        membership ? [{ write: { Delete: { TableName: store.db.tableName, Key: keys[0]! } } }] : [],
        { at, actor: record.by, entity: 'erasure', entityId: record.id, action, changes: { pseudonym: { before: null, after: record.pseudonym } } },
      );
    }
    await store.db.deleteAll(keys.slice(1));
    counts.personItems = (membership ? 1 : 0) + keys.length - 1;
  }

  for (let attempt = 1; ; attempt++) {
    const values: NamedValue[] = [];
    for await (const value of data.namedValues(record.consortiumId, matches, record.pseudonym)) values.push(value);
    if (values.length === 0) break;
    try {
      await data.rewrite(values, { at, actor: record.by, entity: 'erasure', entityId: record.id, action });
      counts.values += values.length;
      break;
    } catch (error) {
      // Someone changed one of the values meanwhile: read again and erase what is there now.
      if (!(error instanceof ConflictError) || attempt >= 5) throw error;
    }
  }

  for await (const found of data.namedPersonalValues(record.consortiumId, matches, eventsAbout, record.pseudonym)) {
    await data.erasePersonalValues(found);
    counts.personalValues += found.remove.length + Object.keys(found.replace).length;
  }

  for (const address of names.filter((name) => name.includes('@'))) deps.mailer?.forget?.(address);
  if (record.personId && deps.identities?.remove && (await store.people.membershipsOf(record.personId)).length === 0) {
    await deps.identities.remove(record.personId);
    counts.identities = 1;
  }
  return counts;
}

/** The register's entries kept in the file store, for one consortium or all. */
export async function registeredErasures(files: FileStore, consortiumId?: string): Promise<ErasureRecord[]> {
  const records: ErasureRecord[] = [];
  for await (const file of files.list(consortiumId ? `${PREFIXES.erasures}${consortiumId}/` : PREFIXES.erasures)) {
    records.push(await readRegisterFile(files, file.key));
  }
  return records.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
}

/**
 * Replays the register on a table restored from a backup, before it serves: every erasure is done
 * again (finding the person by id and by the register's hashes of their names) and the table's
 * copy of the register is put back. Answers how many erasures were replayed.
 */
export async function replayErasures(deps: PrivacyJobDeps, consortiumId?: string): Promise<number> {
  const records = await registeredErasures(deps.files, consortiumId);
  for (const record of records) {
    // The restored data holds the names again; someone who never signs in is found by the register's hashes alone.
    const subject = record.personId ? await subjectOf(deps, record.consortiumId, record.personId) : { names: [], eventsAbout: new Set<string>() };
    await applyErasure(deps, record, subject, 'replay');
    await privacyRepository(deps.store.db).register(record);
  }
  return records.length;
}
