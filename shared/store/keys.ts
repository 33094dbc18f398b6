// Every key format of the single table, one function per item kind. No other module spells a key.
// The access-pattern table in docs/data-model.md says which Query uses which of these.
import { INDEXES } from './table';

export interface Key {
  PK: string;
  SK: string;
}

const consortiumPartition = (consortiumId: string) => `C#${consortiumId}`;
const projectPartition = (consortiumId: string, projectId: string) => `C#${consortiumId}#P#${projectId}`;

export const consortiumKey = (consortiumId: string): Key => ({
  PK: consortiumPartition(consortiumId),
  SK: 'CONSORTIUM',
});

/**
 * The installation's registry of consortia: every consortium item carries these GSI1 keys, so
 * that one paginated Query lists them all (the scheduled jobs run for each) without a Scan.
 */
export const allConsortia = () => ({ GSI1PK: 'CONSORTIA' });

export function consortiumIndexKeys(consortiumId: string) {
  return {
    [INDEXES.byParent.partitionKey]: allConsortia().GSI1PK,
    [INDEXES.byParent.sortKey]: consortiumId,
  };
}

export const memberKey = (consortiumId: string, memberId: string): Key => ({
  PK: consortiumPartition(consortiumId),
  SK: `MEMBER#${memberId}`,
});

/** A consortium's members: Query PK, SK begins_with. */
export const membersOf = (consortiumId: string) => ({
  PK: consortiumPartition(consortiumId),
  skPrefix: 'MEMBER#',
});

export const funderKey = (consortiumId: string, funderId: string): Key => ({
  PK: consortiumPartition(consortiumId),
  SK: `FUNDER#${funderId}`,
});

export const fundersOf = (consortiumId: string) => ({
  PK: consortiumPartition(consortiumId),
  skPrefix: 'FUNDER#',
});

export const projectKey = (consortiumId: string, projectId: string): Key => ({
  PK: projectPartition(consortiumId, projectId),
  SK: 'PROJECT',
});

/** The project's summary collection: the project item and its phases (never its deliverables). */
export const projectCollection = (consortiumId: string, projectId: string) => ({
  PK: projectPartition(consortiumId, projectId),
});

/** Index keys of a project item: listed under its consortium and under its funder. */
export function projectIndexKeys(project: { consortiumId: string; id: string; funderId: string; startDate: string }) {
  return {
    [INDEXES.byParent.partitionKey]: projectsOf(project.consortiumId).GSI1PK,
    [INDEXES.byParent.sortKey]: project.id,
    [INDEXES.byDueDate.partitionKey]: projectsOfFunder(project.consortiumId, project.funderId).GSI2PK,
    [INDEXES.byDueDate.sortKey]: `${project.startDate}#${project.id}`,
  };
}

export const projectsOf = (consortiumId: string) => ({ GSI1PK: `C#${consortiumId}#PROJECTS` });
export const projectsOfFunder = (consortiumId: string, funderId: string) => ({
  GSI2PK: `C#${consortiumId}#F#${funderId}#PROJECTS`,
});

export const phaseKey = (consortiumId: string, projectId: string, phaseId: string): Key => ({
  PK: projectPartition(consortiumId, projectId),
  SK: `PHASE#${phaseId}`,
});

export const PHASE_PREFIX = 'PHASE#';

const deliverablePartition = (consortiumId: string, projectId: string, deliverableId: string) =>
  `${projectPartition(consortiumId, projectId)}#D#${deliverableId}`;

export const deliverableKey = (consortiumId: string, projectId: string, deliverableId: string): Key => ({
  PK: deliverablePartition(consortiumId, projectId, deliverableId),
  SK: 'DELIVERABLE',
});

export const logEntryKey = (
  consortiumId: string,
  projectId: string,
  deliverableId: string,
  at: string,
  entryId: string,
): Key => ({
  PK: deliverablePartition(consortiumId, projectId, deliverableId),
  SK: `LOG#${at}#${entryId}`,
});

/** A deliverable's log, oldest first: Query PK, SK begins_with. */
export const logOf = (consortiumId: string, projectId: string, deliverableId: string) => ({
  PK: deliverablePartition(consortiumId, projectId, deliverableId),
  skPrefix: 'LOG#',
});

export const deliverablesOf = (consortiumId: string, projectId: string) => ({
  GSI1PK: `${projectPartition(consortiumId, projectId)}#DELIVERABLES`,
});
export const openDeliverablesOf = (consortiumId: string, projectId: string) => ({
  GSI2PK: `${projectPartition(consortiumId, projectId)}#OPEN`,
});
export const openDeliverablesOfMember = (consortiumId: string, memberId: string) => ({
  GSI3PK: `C#${consortiumId}#M#${memberId}#OPEN`,
});

/**
 * Index keys of a deliverable item. The due-date indexes are sparse: an accepted deliverable
 * leaves them, so their Queries read only open work.
 */
export function deliverableIndexKeys(deliverable: {
  consortiumId: string;
  projectId: string;
  id: string;
  phaseId: string;
  ownerMemberId: string;
  dueDate: string;
  status: string;
}): { set: Record<string, string>; remove: string[] } {
  const { consortiumId, projectId, id } = deliverable;
  const set: Record<string, string> = {
    [INDEXES.byParent.partitionKey]: deliverablesOf(consortiumId, projectId).GSI1PK,
    [INDEXES.byParent.sortKey]: `${deliverable.phaseId}#${id}`,
  };
  const openKeys = {
    [INDEXES.byDueDate.partitionKey]: openDeliverablesOf(consortiumId, projectId).GSI2PK,
    [INDEXES.byDueDate.sortKey]: `${deliverable.dueDate}#${id}`,
    [INDEXES.byOwner.partitionKey]: openDeliverablesOfMember(consortiumId, deliverable.ownerMemberId).GSI3PK,
    [INDEXES.byOwner.sortKey]: `${deliverable.dueDate}#${projectId}#${id}`,
  };
  if (deliverable.status === 'accepted') return { set, remove: Object.keys(openKeys) };
  return { set: { ...set, ...openKeys }, remove: [] };
}

/** Sort-key bounds on the due-date indexes: everything due on `date` sorts under `date#`. */
export const dueDateBound = {
  before: (date: string) => `${date}#`,
  through: (date: string) => `${date}#\uffff`,
};

/** A person's membership of a consortium, keyed by the token's subject: one GetItem per request. */
export const membershipKey = (personId: string, consortiumId: string): Key => ({
  PK: `PERSON#${personId}`,
  SK: `MEMBERSHIP#${consortiumId}`,
});

/** All of a person's memberships: Query PK, SK begins_with. */
export const membershipsOf = (personId: string) => ({ PK: `PERSON#${personId}`, skPrefix: 'MEMBERSHIP#' });

/** Index keys of a membership: listed under its consortium. */
export function membershipIndexKeys(person: { consortiumId: string; id: string }) {
  return {
    [INDEXES.byParent.partitionKey]: peopleOf(person.consortiumId).GSI1PK,
    [INDEXES.byParent.sortKey]: person.id,
  };
}

export const peopleOf = (consortiumId: string) => ({ GSI1PK: `C#${consortiumId}#PEOPLE` });

/** An audit chain: one per project, and one for the consortium's own writes (members, funders, people). */
export type AuditChain = { consortiumId: string; projectId?: string };

/** A chain's identity in memory (maps, logs): never a key of the table. */
export const chainIdOf = ({ consortiumId, projectId }: AuditChain) => `${consortiumId}/${projectId ?? ''}`;

const chainPartition = ({ consortiumId, projectId }: AuditChain) =>
  projectId ? `${projectPartition(consortiumId, projectId)}#AUDIT` : `${consortiumPartition(consortiumId)}#AUDIT`;

/** The chain's head: the seq and hash of its last sealed entry. Only the sealer writes it. */
export const chainHeadKey = (chain: AuditChain): Key => ({ PK: chainPartition(chain), SK: 'CHAIN' });

/** Sealed entries sort by their zero-padded sequence number, so that a Query reads them in chain order. */
export const chainLinkKey = (chain: AuditChain, seq: number): Key => ({
  PK: chainPartition(chain),
  SK: `LINK#${String(seq).padStart(12, '0')}`,
});

export const chainLinksOf = (chain: AuditChain) => ({ PK: chainPartition(chain), skPrefix: 'LINK#' });

/** A chain's sealed entries from `seq` on: a migration resumes there (a Query's sort key BETWEEN the two). */
export const chainLinksFrom = (chain: AuditChain, seq: number) => ({
  PK: chainPartition(chain),
  from: chainLinkKey(chain, seq).SK,
  through: `LINK#${'9'.repeat(12)}`,
});

/**
 * The chain a sealed entry's partition belongs to: entries found on an index name their chain only
 * by their PK. Ids are slugs or token subjects, never `#`, so the parts split safely.
 */
export function chainOfPartition(pk: string): AuditChain | undefined {
  const project = /^C#([^#]+)#P#([^#]+)#AUDIT$/.exec(pk);
  if (project) return { consortiumId: project[1]!, projectId: project[2]! };
  const consortium = /^C#([^#]+)#AUDIT$/.exec(pk);
  return consortium ? { consortiumId: consortium[1]! } : undefined;
}

/** The sealed entries a person wrote, in every chain of the consortium: one Query of GSI3, in eventId (time) order. */
export const entriesActedBy = (consortiumId: string, personId: string) => ({
  GSI3PK: `${consortiumPartition(consortiumId)}#PERSON#${personId}#ACTED`,
});

/** The sealed entries about a person (entity `person`), whoever wrote them: one Query of GSI2. */
export const entriesNamed = (consortiumId: string, personId: string) => ({
  GSI2PK: `${consortiumPartition(consortiumId)}#PERSON#${personId}#NAMED`,
});

/**
 * The sparse person index keys of a sealed entry, so that an export or an erasure of one person
 * finds the entries naming them without a Scan. Both sort on the eventId, which starts with the
 * write's instant. An entry about a person is indexed under them even when they wrote it
 * themselves: each partition then answers its own question whole (what they did, what was
 * recorded about them), at the cost of a second index entry for the rare self-edit.
 */
export function linkIndexKeys(chain: AuditChain, entry: { eventId: string; actor: string; entity: string; entityId: string }) {
  return {
    [INDEXES.byOwner.partitionKey]: entriesActedBy(chain.consortiumId, entry.actor).GSI3PK,
    [INDEXES.byOwner.sortKey]: entry.eventId,
    ...(entry.entity === 'person'
      ? {
          [INDEXES.byDueDate.partitionKey]: entriesNamed(chain.consortiumId, entry.entityId).GSI2PK,
          [INDEXES.byDueDate.sortKey]: entry.eventId,
        }
      : {}),
  };
}

/** An event, written with the change it records; keyed on its own id, so that no two writes share an item. */
export const auditEventKey = (chain: AuditChain, eventId: string): Key => ({ PK: chainPartition(chain), SK: `EVENT#${eventId}` });

export const auditEventsOf = (chain: AuditChain) => ({ PK: chainPartition(chain), skPrefix: 'EVENT#' });

/** The personal values an event names, kept beside the chain (which holds only their salted hashes). */
export const personalValuesKey = (chain: AuditChain, eventId: string): Key => ({ PK: chainPartition(chain), SK: `PERSONAL#${eventId}` });

/**
 * The sparse index of events not yet sealed: an event carries these GSI1 keys until the sealer
 * links it, under its consortium (the sweep reads every chain's at once) and its chain's prefix.
 */
export const unsealedOf = (consortiumId: string) => ({ GSI1PK: `${consortiumPartition(consortiumId)}#UNSEALED` });
export const unsealedOfChain = (chain: AuditChain) => ({ ...unsealedOf(chain.consortiumId), skPrefix: `${chainPartition(chain)}#` });

export function unsealedIndexKeys(chain: AuditChain, eventId: string) {
  return {
    [INDEXES.byParent.partitionKey]: unsealedOf(chain.consortiumId).GSI1PK,
    [INDEXES.byParent.sortKey]: `${unsealedOfChain(chain).skPrefix}${eventId}`,
  };
}

/** Events the sealer could not read (malformed): out of the queue, listed by verification. */
export const unsealableOf = (consortiumId: string) => ({ GSI1PK: `${consortiumPartition(consortiumId)}#UNSEALABLE` });

/** The chains of the format before events (entries appended in the request): read by the migration only. */
export const legacyChainHeadKey = (chain: AuditChain): Key => ({ PK: chainPartition(chain), SK: 'HEAD' });
export const legacyEntriesOf = (chain: AuditChain) => ({ PK: chainPartition(chain), skPrefix: 'ENTRY#' });

/** The progress of one migration of one chain: resumable, and a no-op once done. */
export const migrationKey = (chain: AuditChain, name: string): Key => ({ PK: chainPartition(chain), SK: `MIGRATION#${name}` });

/** Per person as well as per consortium: one person's key never replays another's answer. */
export const idempotencyKey = (consortiumId: string, personId: string, scopeHash: string): Key => ({
  PK: `${consortiumPartition(consortiumId)}#IDEM#${personId}#${scopeHash}`,
  SK: 'IDEMPOTENCY',
});

/** A project's exports, newest first: their ids sort by creation time. */
export const exportsOf = (consortiumId: string, projectId: string) => ({
  PK: `${projectPartition(consortiumId, projectId)}#EXPORTS`,
  skPrefix: 'EXPORT#',
});

export const exportKey = (consortiumId: string, projectId: string, exportId: string): Key => ({
  PK: exportsOf(consortiumId, projectId).PK,
  SK: `EXPORT#${exportId}`,
});

/** A share link, found by the hash of its token (the token itself is never stored). */
export const shareLinkKey = (tokenHash: string): Key => ({ PK: `SHARE#${tokenHash}`, SK: 'SHARE' });

/** An export's share links: listed, and found by id, on GSI1. */
export const shareLinksOf = (consortiumId: string, projectId: string, exportId: string) => ({
  GSI1PK: `${exportsOf(consortiumId, projectId).PK}#${exportId}#SHARES`,
});

// --- Training paths, commercial offers and indicators ---

/** A training path's partition: the path, its sessions, attendance and per-member tallies. */
const trainingPartition = (consortiumId: string, trainingId: string) => `${consortiumPartition(consortiumId)}#T#${trainingId}`;

export const trainingPathKey = (consortiumId: string, trainingId: string): Key => ({
  PK: trainingPartition(consortiumId, trainingId),
  SK: 'PATH',
});

export const sessionKey = (consortiumId: string, trainingId: string, sessionId: string): Key => ({
  PK: trainingPartition(consortiumId, trainingId),
  SK: `SESSION#${sessionId}`,
});

/** A path's sessions: Query PK, SK begins_with. */
export const sessionsOf = (consortiumId: string, trainingId: string) => ({
  PK: trainingPartition(consortiumId, trainingId),
  skPrefix: 'SESSION#',
});

export const attendanceKey = (consortiumId: string, trainingId: string, sessionId: string, memberId: string): Key => ({
  PK: trainingPartition(consortiumId, trainingId),
  SK: `ATTENDANCE#${sessionId}#${memberId}`,
});

/** A session's attendance (or, without a session, the whole path's): Query PK, SK begins_with. */
export const attendanceOf = (consortiumId: string, trainingId: string, sessionId?: string) => ({
  PK: trainingPartition(consortiumId, trainingId),
  skPrefix: sessionId ? `ATTENDANCE#${sessionId}#` : 'ATTENDANCE#',
});

/** What one member attended in one path, summed: tells whether the member takes part yet. */
export const pathTallyKey = (consortiumId: string, trainingId: string, memberId: string): Key => ({
  PK: trainingPartition(consortiumId, trainingId),
  SK: `TALLY#${memberId}`,
});

export const pathTalliesOf = (consortiumId: string, trainingId: string) => ({
  PK: trainingPartition(consortiumId, trainingId),
  skPrefix: 'TALLY#',
});

/** What one member attended across all the consortium's paths: one Query reads every member's. */
export const traineeKey = (consortiumId: string, memberId: string): Key => ({
  PK: `${consortiumPartition(consortiumId)}#TRAINEES`,
  SK: `MEMBER#${memberId}`,
});

export const traineesOf = (consortiumId: string) => ({ PK: `${consortiumPartition(consortiumId)}#TRAINEES`, skPrefix: 'MEMBER#' });

export const trainingPathsOf = (consortiumId: string) => ({ GSI1PK: `${consortiumPartition(consortiumId)}#TRAINING` });
export const trainingPathsOfProject = (consortiumId: string, projectId: string) => ({
  GSI2PK: `${projectPartition(consortiumId, projectId)}#TRAINING`,
});

/** Index keys of a training path: listed under its consortium and, when linked, under its project. */
export function trainingPathIndexKeys(path: { consortiumId: string; id: string; projectId?: string }) {
  return {
    [INDEXES.byParent.partitionKey]: trainingPathsOf(path.consortiumId).GSI1PK,
    [INDEXES.byParent.sortKey]: path.id,
    ...(path.projectId
      ? {
          [INDEXES.byDueDate.partitionKey]: trainingPathsOfProject(path.consortiumId, path.projectId).GSI2PK,
          [INDEXES.byDueDate.sortKey]: path.id,
        }
      : {}),
  };
}

/** In the project's summary collection: the training totals of the paths linked to the project. */
export const projectTrainingKey = (consortiumId: string, projectId: string): Key => ({
  PK: projectPartition(consortiumId, projectId),
  SK: 'TRAINING',
});

/** In the project's summary collection: what one member attended in the project's paths. */
export const projectTraineeKey = (consortiumId: string, projectId: string, memberId: string): Key => ({
  PK: projectPartition(consortiumId, projectId),
  SK: `TRAINEE#${memberId}`,
});

export const offerKey = (consortiumId: string, projectId: string, offerId: string): Key => ({
  PK: projectPartition(consortiumId, projectId),
  SK: `OFFER#${offerId}`,
});

export const offersOf = (consortiumId: string, projectId: string) => ({
  PK: projectPartition(consortiumId, projectId),
  skPrefix: 'OFFER#',
});

export const indicatorKey = (consortiumId: string, projectId: string, indicatorId: string): Key => ({
  PK: projectPartition(consortiumId, projectId),
  SK: `INDICATOR#${indicatorId}`,
});

export const indicatorsOf = (consortiumId: string, projectId: string) => ({
  PK: projectPartition(consortiumId, projectId),
  skPrefix: 'INDICATOR#',
});

/** How many offers or indicators a project has: the bound on each is kept here. */
export const collectionCountKey = (consortiumId: string, projectId: string, kind: 'offers' | 'indicators'): Key => ({
  PK: projectPartition(consortiumId, projectId),
  SK: `COUNT#${kind}`,
});

/** Sort-key prefixes of this section's items in the project's summary collection. */
export const COLLECTION_PREFIXES = {
  offer: 'OFFER#',
  indicator: 'INDICATOR#',
  trainee: 'TRAINEE#',
  training: 'TRAINING',
} as const;


// --- Budgets, costs, co-financing and payments ---

/** In the project's summary collection: the project's money totals, moved by ADD with every money write. */
export const moneySummaryKey = (consortiumId: string, projectId: string): Key => ({
  PK: projectPartition(consortiumId, projectId),
  SK: 'MONEY',
});

/** In the project's summary collection: one partner's budget, spending and co-financing totals. */
export const partnerMoneyKey = (consortiumId: string, projectId: string, memberId: string): Key => ({
  PK: projectPartition(consortiumId, projectId),
  SK: `MONEY#PARTNER#${memberId}`,
});

/** Sort keys of the money items in the project's summary collection. */
export const MONEY_SUMMARY_SK = 'MONEY';
export const PARTNER_MONEY_PREFIX = 'MONEY#PARTNER#';

const budgetPartition = (consortiumId: string, projectId: string) => `${projectPartition(consortiumId, projectId)}#BUDGET`;

export const budgetLineKey = (consortiumId: string, projectId: string, lineId: string): Key => ({
  PK: budgetPartition(consortiumId, projectId),
  SK: `LINE#${lineId}`,
});

/** A project's budget lines (bounded): Query PK, SK begins_with. */
export const budgetLinesOf = (consortiumId: string, projectId: string) => ({
  PK: budgetPartition(consortiumId, projectId),
  skPrefix: 'LINE#',
});

const costPartition = (consortiumId: string, projectId: string) => `${projectPartition(consortiumId, projectId)}#COSTS`;

export const costKey = (consortiumId: string, projectId: string, costId: string): Key => ({
  PK: costPartition(consortiumId, projectId),
  SK: `COST#${costId}`,
});

/** A project's costs: Query PK, SK begins_with. */
export const costsOf = (consortiumId: string, projectId: string) => ({
  PK: costPartition(consortiumId, projectId),
  skPrefix: 'COST#',
});

export const costsOfLine = (consortiumId: string, projectId: string, lineId: string) => ({
  GSI1PK: `${budgetPartition(consortiumId, projectId)}#L#${lineId}#COSTS`,
});
export const costsInStatus = (consortiumId: string, projectId: string, status: string) => ({
  GSI2PK: `${costPartition(consortiumId, projectId)}#${status}`,
});

/** Index keys of a cost: listed under its budget line and under its status, each by date. */
export function costIndexKeys(cost: { consortiumId: string; projectId: string; id: string; budgetLineId: string; status: string; date: string }) {
  return {
    [INDEXES.byParent.partitionKey]: costsOfLine(cost.consortiumId, cost.projectId, cost.budgetLineId).GSI1PK,
    [INDEXES.byParent.sortKey]: `${cost.date}#${cost.id}`,
    [INDEXES.byDueDate.partitionKey]: costsInStatus(cost.consortiumId, cost.projectId, cost.status).GSI2PK,
    [INDEXES.byDueDate.sortKey]: `${cost.date}#${cost.id}`,
  };
}

const cofinancingPartition = (consortiumId: string, projectId: string) => `${projectPartition(consortiumId, projectId)}#COFIN`;

export const contributionKey = (consortiumId: string, projectId: string, contributionId: string): Key => ({
  PK: cofinancingPartition(consortiumId, projectId),
  SK: `CONTRIBUTION#${contributionId}`,
});

export const contributionsOf = (consortiumId: string, projectId: string) => ({
  PK: cofinancingPartition(consortiumId, projectId),
  skPrefix: 'CONTRIBUTION#',
});

const paymentPartition = (consortiumId: string, projectId: string) => `${projectPartition(consortiumId, projectId)}#PAY`;

export const instalmentKey = (consortiumId: string, projectId: string, instalmentId: string): Key => ({
  PK: paymentPartition(consortiumId, projectId),
  SK: `INSTALMENT#${instalmentId}`,
});

export const paymentRequestKey = (consortiumId: string, projectId: string, requestId: string): Key => ({
  PK: paymentPartition(consortiumId, projectId),
  SK: `REQUEST#${requestId}`,
});

export const receiptKey = (consortiumId: string, projectId: string, receiptId: string): Key => ({
  PK: paymentPartition(consortiumId, projectId),
  SK: `RECEIPT#${receiptId}`,
});

/** A project's instalments (bounded), payment requests or receipts: Query PK, SK begins_with. */
export const paymentItemsOf = (consortiumId: string, projectId: string, kind: 'instalments' | 'requests' | 'receipts') => ({
  PK: paymentPartition(consortiumId, projectId),
  skPrefix: { instalments: 'INSTALMENT#', requests: 'REQUEST#', receipts: 'RECEIPT#' }[kind],
});

// --- Notifications and digests ---

/** A person's notification in one consortium; its id starts with its creation time. */
export const notificationKey = (personId: string, consortiumId: string, notificationId: string): Key => ({
  PK: `PERSON#${personId}`,
  SK: `NOTE#${consortiumId}#${notificationId}`,
});

/** A person's notifications in one consortium, newest first: Query PK, SK begins_with, descending. */
export const notificationsOf = (personId: string, consortiumId: string) => ({
  PK: `PERSON#${personId}`,
  skPrefix: `NOTE#${consortiumId}#`,
});

/** Marks that a person's digest of one ISO week went out: put once, conditionally. */
export const digestMarkerKey = (personId: string, consortiumId: string, isoWeek: string): Key => ({
  PK: `PERSON#${personId}`,
  SK: `DIGEST#${consortiumId}#${isoWeek}`,
});

/** Every attribute that is a key of the table or an index: stripped when items become entities. */
export const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK'] as const;

// --- Backups ---

/**
 * Whether a stored item is part of a consortium's data, for its backup: the consortium's own
 * partitions, its people's memberships, notifications and digest markers, its share links and its
 * privacy requests.
 */
export function isConsortiumItem(item: { PK?: unknown; SK?: unknown; consortiumId?: unknown }, consortiumId: string): boolean {
  const pk = String(item.PK);
  const sk = String(item.SK);
  const root = consortiumPartition(consortiumId);
  if (pk === root || pk.startsWith(`${root}#`)) return true;
  if (pk.startsWith('PERSON#')) {
    return sk === `MEMBERSHIP#${consortiumId}` || sk.startsWith(`NOTE#${consortiumId}#`) || sk.startsWith(`DIGEST#${consortiumId}#`);
  }
  // Share links and privacy requests are keyed on their own id and carry their consortium.
  return (pk.startsWith('SHARE#') || pk.startsWith('PRIVACY#')) && item.consortiumId === consortiumId;
}

// --- Personal data: requests and the erasure register ---

/** A privacy request (an export of a person's data, an erasure), found by its id. */
export const privacyRequestKey = (requestId: string): Key => ({ PK: `PRIVACY#${requestId}`, SK: 'REQUEST' });

/** Who sees a privacy request in lists: the person (their own exports) or the consortium (its coordinators'). */
export const privacyRequestsOfPerson = (personId: string) => ({ GSI1PK: `PERSON#${personId}#PRIVACY` });
export const privacyRequestsOf = (consortiumId: string) => ({ GSI1PK: `${consortiumPartition(consortiumId)}#PRIVACY` });

/** The consortium's erasure register, oldest first (its copy outside the table is in the file store). */
export const erasureKey = (consortiumId: string, erasureId: string): Key => ({ PK: `${consortiumPartition(consortiumId)}#ERASURES`, SK: `ERASURE#${erasureId}` });
export const erasuresOf = (consortiumId: string) => ({ PK: `${consortiumPartition(consortiumId)}#ERASURES`, skPrefix: 'ERASURE#' });

/** Every audit chain's partition of a consortium holds its personal values under this prefix. */
export const personalValuesOf = (chain: AuditChain) => ({ PK: chainPartition(chain), skPrefix: 'PERSONAL#' });

/** A person's digest markers in one consortium. */
export const digestMarkersOf = (personId: string, consortiumId: string) => ({ PK: `PERSON#${personId}`, skPrefix: `DIGEST#${consortiumId}#` });
