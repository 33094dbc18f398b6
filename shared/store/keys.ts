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

const chainPartition = ({ consortiumId, projectId }: AuditChain) =>
  projectId ? `${projectPartition(consortiumId, projectId)}#AUDIT` : `${consortiumPartition(consortiumId)}#AUDIT`;

export const auditHeadKey = (chain: AuditChain): Key => ({ PK: chainPartition(chain), SK: 'HEAD' });

/** Entries sort by their zero-padded sequence number, so that a Query reads them in chain order. */
export const auditEntryKey = (chain: AuditChain, seq: number): Key => ({
  PK: chainPartition(chain),
  SK: `ENTRY#${String(seq).padStart(12, '0')}`,
});

export const auditEntriesOf = (chain: AuditChain) => ({ PK: chainPartition(chain), skPrefix: 'ENTRY#' });

export const idempotencyKey = (consortiumId: string, scopeHash: string): Key => ({
  PK: `${consortiumPartition(consortiumId)}#IDEM#${scopeHash}`,
  SK: 'IDEMPOTENCY',
});

// --- Training paths, commercial offers and indicators ---

// --- Budgets, costs, co-financing and payments ---

/** Every attribute that is a key of the table or an index: stripped when items become entities. */
export const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK'] as const;
