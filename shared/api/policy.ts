// Who may call what: one table, one row per operation. The middleware that enforces a row is in
// guard.ts, loaded with the routes; this table is read at cold start (public paths) and by the docs.
import type { Role } from '../domain/person';

/**
 * Every operation under `/projects/{projectId}` first checks that the caller sees the project (a
 * coordinator every one, a member those it is a partner in, a funder those it funds): one it may
 * not see answers 404, exactly as a missing one (`scope.ts`). Then its row's rule for the role:
 * - `allow`: any person of that role who sees the project (or, outside projects, the consortium);
 * - `own-member`: a member person, for its own member (`memberId` in the path), else 403;
 * - `own-deliverable`: a member person, for a deliverable its member owns, else 403 (it sees the others);
 * - `own-budget-line`: a member person, for a budget line of its member, else 404 (it may not read the others);
 * - `own-cost`: a member person, for a cost its member reported, else 404;
 * - `approved-cost`: a funder person, for an approved cost, else 404 (funders read approved money only);
 * - `deny`: never (403);
 * - `hidden`: never, and 404: the caller may not know that what the path names exists (a person's data).
 * Lists that a role sees only part of (a member's own costs, a funder's projects) are narrowed by
 * their handler with the rules of `domain/visibility.ts`.
 */
export type Rule = 'allow' | 'own-member' | 'own-deliverable' | 'own-budget-line' | 'own-cost' | 'approved-cost' | 'deny' | 'hidden';

export type Row = Record<Role, Rule>;

const everyone: Row = { coordinator: 'allow', member: 'allow', funder: 'allow' };
const coordinators: Row = { coordinator: 'allow', member: 'deny', funder: 'deny' };
/** Coordinators only, and a 404 to others: what the path names is a person's, not theirs to know of. */
const coordinatorsOnlyHidden: Row = { coordinator: 'allow', member: 'hidden', funder: 'hidden' };
/** The project's partners and its funder (the project check runs first). */
const projectReaders = everyone;
/** Exports hold every partner's costs: coordinators and funders (only what was submitted to them). */
const exportReaders: Row = { coordinator: 'allow', member: 'deny', funder: 'allow' };
const deliverableWorkers: Row = { coordinator: 'allow', member: 'own-deliverable', funder: 'deny' };
const memberSelf: Row = { coordinator: 'allow', member: 'own-member', funder: 'deny' };
const costReaders: Row = { coordinator: 'allow', member: 'own-cost', funder: 'approved-cost' };

export const POLICY = {
  'consortium.get': everyone,
  'members.list': everyone,
  'members.get': everyone,
  'members.create': coordinators,
  'members.update': memberSelf,
  'members.deliverables': memberSelf,
  'funders.list': everyone,
  'funders.get': everyone,
  'funders.create': coordinators,
  'funders.update': coordinators,
  'projects.list': everyone,
  'projects.get': projectReaders,
  'projects.overview': projectReaders,
  'projects.create': coordinators,
  'projects.update': coordinators,
  'projects.copy': coordinators,
  'phases.list': projectReaders,
  'phases.get': projectReaders,
  'phases.create': coordinators,
  'phases.update': coordinators,
  'phases.reorder': coordinators,
  'deliverables.list': projectReaders,
  'deliverables.get': projectReaders,
  'deliverables.logList': projectReaders,
  'deliverables.create': coordinators,
  'deliverables.update': coordinators,
  'deliverables.remove': coordinators,
  'deliverables.logProgress': deliverableWorkers,
  'deliverables.submit': deliverableWorkers,
  'deliverables.review': coordinators,
  'people.list': coordinators,
  'people.get': coordinators,
  'people.invite': coordinators,
  'people.update': coordinators,
  'people.remove': coordinators,
  'audit.consortium': coordinators,
  'audit.consortiumVerify': coordinators,
  'audit.project': coordinators,
  'audit.projectVerify': coordinators,
  'deliverables.evidenceUpload': deliverableWorkers,
  'deliverables.evidenceLink': projectReaders,
  'exports.create': coordinators,
  'exports.list': exportReaders,
  'exports.get': exportReaders,
  'exports.submit': coordinators,
  'exports.delete': coordinators,
  'share.create': coordinators,
  'share.list': coordinators,
  'share.revoke': coordinators,
  // Notifications and preferences: each person only ever reads and changes their own.
  'notifications.list': everyone,
  'notifications.markRead': everyone,
  'people.preferences': everyone,
  // Personal: outside any consortium, each person reads only their own memberships.
  'me.get': everyone,
  'me.dataExport': everyone,
  'me.dataList': everyone,
  // Personal data of others: a coordinator's, for people of the consortium.
  'privacy.create': coordinatorsOnlyHidden,
  'privacy.list': coordinatorsOnlyHidden,
  'privacy.get': coordinatorsOnlyHidden,
  'privacy.erasures': coordinatorsOnlyHidden,
  // Public: the token in the body is the credential; no login, no membership.
  'share.open': everyone,
  // Training paths, commercial offers and indicators
  // Training is consortium-level: funders read only the paths linked to projects they fund (training.ofProject).
  'training.list': { coordinator: 'allow', member: 'allow', funder: 'deny' },
  'training.ofProject': projectReaders,
  'training.members': { coordinator: 'allow', member: 'allow', funder: 'deny' },
  'training.get': { coordinator: 'allow', member: 'allow', funder: 'deny' },
  'training.create': coordinators,
  'training.update': coordinators,
  'training.sessions': { coordinator: 'allow', member: 'allow', funder: 'deny' },
  'training.sessionCreate': coordinators,
  'training.sessionUpdate': coordinators,
  'training.attendanceList': { coordinator: 'allow', member: 'allow', funder: 'deny' },
  'training.attend': memberSelf,
  'training.unattend': memberSelf,
  'offers.list': projectReaders,
  'offers.get': projectReaders,
  'offers.create': coordinators,
  'offers.update': coordinators,
  'offers.stage': coordinators,
  'indicators.list': projectReaders,
  'indicators.get': projectReaders,
  'indicators.create': coordinators,
  'indicators.update': coordinators,
  'indicators.addActual': coordinators,

  // Budgets, costs, co-financing and payments
  'budget.get': projectReaders,
  'budget.getLine': { coordinator: 'allow', member: 'own-budget-line', funder: 'allow' },
  'budget.createLine': coordinators,
  'budget.updateLine': coordinators,
  'money.summary': projectReaders,
  'costs.list': projectReaders,
  'costs.get': costReaders,
  'costs.documentLink': costReaders,
  'costs.create': { coordinator: 'allow', member: 'own-budget-line', funder: 'deny' },
  'costs.documentUpload': { coordinator: 'allow', member: 'own-budget-line', funder: 'deny' },
  'costs.update': { coordinator: 'allow', member: 'own-cost', funder: 'deny' },
  'costs.submit': { coordinator: 'allow', member: 'own-cost', funder: 'deny' },
  'costs.review': coordinators,
  'costs.reverse': coordinators,
  'cofinancing.list': projectReaders,
  'cofinancing.create': coordinators,
  'cofinancing.reverse': coordinators,
  'instalments.list': projectReaders,
  'instalments.create': coordinators,
  'instalments.update': coordinators,
  // A payment request names the costs it claims, every partner's: not for members.
  'paymentRequests.list': { coordinator: 'allow', member: 'deny', funder: 'allow' },
  'paymentRequests.create': coordinators,
  'receipts.list': projectReaders,
  'receipts.create': coordinators,

} as const satisfies Record<string, Row>;

export type OperationId = keyof typeof POLICY;

/** Operations anyone may call without a token, at these paths (under /api/v1). */
export const PUBLIC_OPERATIONS: Partial<Record<OperationId, string>> = { 'share.open': '/share' };

/**
 * Operations about the caller themself, outside any consortium, at these paths (under /api/v1): a
 * valid token is needed, no membership; the handler reads only the caller's own items.
 */
export const PERSONAL_OPERATIONS: Partial<Record<OperationId, string>> = { 'me.get': '/me', 'me.dataExport': '/me/data', 'me.dataList': '/me/data' };
