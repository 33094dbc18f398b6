// What a person sees of a project and its money, by role: a member sees the projects it is a
// partner in (and offers it takes part in) and only its own money; a funder sees the projects it
// funds and only approved money. Pure rules; the API applies them (docs/api.md, "Who may do what").
import { type BudgetLine, type BudgetReport, budgetReport } from './budget';
import type { Contribution } from './cofinancing';
import type { Cost } from './cost';
import type { MoneyReport, MoneySummary } from './money';
import type { Offer } from './offer';
import type { Access } from './person';
import type { Project } from './project';

export type Viewer = Pick<Access, 'role' | 'memberId' | 'funderId'>;

/** Who reaches a project: its funder and its partners (what the access check keeps of a project). */
export interface ProjectReach {
  funderId: string;
  partnerMemberIds: readonly string[];
}

export const reachOf = (project: Pick<Project, 'funderId' | 'partners'>): ProjectReach => ({
  funderId: project.funderId,
  partnerMemberIds: project.partners.map((partner) => partner.memberId),
});

/** A coordinator sees every project; a member those it is a partner in; a funder those it funds. */
export function seesProject(viewer: Viewer, reach: ProjectReach): boolean {
  switch (viewer.role) {
    case 'coordinator':
      return true;
    case 'member':
      return viewer.memberId !== undefined && reach.partnerMemberIds.includes(viewer.memberId);
    case 'funder':
      return viewer.funderId !== undefined && reach.funderId === viewer.funderId;
  }
}

/** A member's way into an offer of a project it is not a partner in. */
export const takesPartIn = (viewer: Viewer, offer: Pick<Offer, 'participants'>): boolean =>
  viewer.role === 'member' && offer.participants.some((participant) => participant.memberId === viewer.memberId);

/** A member reads money of its own member only; coordinators and funders read every partner's. */
export const seesMemberMoney = (viewer: Viewer, memberId: string): boolean =>
  viewer.role !== 'member' || viewer.memberId === memberId;

/** A cost: a member its own member's; a funder only approved ones (reversals included). */
export function seesCost(viewer: Viewer, cost: Pick<Cost, 'memberId' | 'status'>): boolean {
  if (viewer.role === 'funder') return cost.status === 'approved';
  return seesMemberMoney(viewer, cost.memberId);
}

export const seesContribution = (viewer: Viewer, contribution: Pick<Contribution, 'memberId'>): boolean =>
  seesMemberMoney(viewer, contribution.memberId);

/** Funders see approved money only: what waits for review is not theirs to read. */
const approvedOnly = <T extends { submittedCents: number }>(spending: T): T => ({ ...spending, submittedCents: 0 });

/** A budget line as the viewer may read it (the rule checked the member's). */
export const budgetLineFor = (viewer: Viewer, line: BudgetLine): BudgetLine => (viewer.role === 'funder' ? approvedOnly(line) : line);

/** The money summary as the viewer may read it (the project's totals are everyone's). */
export function moneySummaryFor(viewer: Viewer, summary: MoneySummary): MoneySummary {
  return viewer.role === 'funder' ? { ...summary, spending: approvedOnly(summary.spending) } : summary;
}

/** The money report with the partners the viewer may read: a member only its own. */
export function moneyReportFor(viewer: Viewer, report: MoneyReport): MoneyReport {
  const partners = report.partners.filter((partner) => seesMemberMoney(viewer, partner.memberId));
  return {
    ...moneySummaryFor(viewer, report),
    partners: viewer.role === 'funder' ? partners.map(approvedOnly) : partners,
  };
}

/**
 * The budget report the viewer may read: a member gets its own lines and their groups, with the
 * project's totals and difference; a funder every line, with approved spending only.
 */
export function budgetReportFor(
  viewer: Viewer,
  project: Pick<Project, 'grantCents' | 'cofinancingCents' | 'partners'>,
  lines: BudgetLine[],
): BudgetReport {
  if (viewer.role === 'funder') {
    // Lines without their submitted amounts: every spending figure is then of approved costs.
    return budgetReport(project, lines.map(approvedOnly));
  }
  const whole = budgetReport(project, lines);
  if (viewer.role === 'coordinator') return whole;
  const own = budgetReport(project, lines.filter((line) => seesMemberMoney(viewer, line.memberId)));
  return { ...own, totals: whole.totals, difference: whole.difference };
}
