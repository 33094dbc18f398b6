import { describe, expect, it } from 'vitest';
import { newBudgetLine, type BudgetLine } from './budget';
import { moneyReport, moneyCountersOf } from './money';
import { budgetReportFor, moneyReportFor, reachOf, seesCost, seesProject, takesPartIn, type Viewer } from './visibility';

const coordinator: Viewer = { role: 'coordinator' };
const alfa: Viewer = { role: 'member', memberId: 'alfa' };
const gamma: Viewer = { role: 'member', memberId: 'gamma' };
const funder: Viewer = { role: 'funder', funderId: 'fondazione' };
const otherFunder: Viewer = { role: 'funder', funderId: 'altro' };

const project = {
  funderId: 'fondazione',
  grantCents: 10_000,
  cofinancingCents: 0,
  partners: [
    { memberId: 'alfa', role: 'lead' as const, budgetShareCents: 0 },
    { memberId: 'beta', role: 'partner' as const, budgetShareCents: 0 },
  ],
};

const line = (id: string, memberId: string, submittedCents: number, approvedCents: number): BudgetLine => ({
  ...newBudgetLine({ memberId, category: 'staff', grantCents: 5_000, cofinancingCents: 0 }, { id, consortiumId: 'c', projectId: 'p' }, '2026-01-01T00:00:00Z'),
  submittedCents,
  approvedCents,
});

describe('seesProject', () => {
  it('lets a coordinator see every project, a member those it is a partner in, a funder those it funds', () => {
    const reach = reachOf(project);
    expect([coordinator, alfa, gamma, funder, otherFunder].map((viewer) => seesProject(viewer, reach))).toEqual([true, true, false, true, false]);
  });

  it('lets a member in through an offer only when it takes part in it', () => {
    const offer = { participants: [{ memberId: 'gamma', shareBasisPoints: 10_000 }] };
    expect(takesPartIn(gamma, offer)).toBe(true);
    expect(takesPartIn(alfa, offer)).toBe(false);
    expect(takesPartIn(coordinator, offer)).toBe(false);
  });
});

describe('seesCost', () => {
  it("shows a member its own member's costs, a funder approved ones only", () => {
    const draft = { memberId: 'alfa', status: 'draft' as const };
    const approved = { memberId: 'beta', status: 'approved' as const };
    expect([seesCost(alfa, draft), seesCost(alfa, approved)]).toEqual([true, false]);
    expect([seesCost(funder, draft), seesCost(funder, approved)]).toEqual([false, true]);
    expect([seesCost(coordinator, draft), seesCost(coordinator, approved)]).toEqual([true, true]);
  });
});

describe('budgetReportFor', () => {
  const lines = [line('l1', 'alfa', 300, 1_000), line('l2', 'beta', 200, 2_000)];

  it("gives a member its own lines and groups with the project's totals", () => {
    const report = budgetReportFor(alfa, project, lines);
    expect(report.lines.map((l) => l.id)).toEqual(['l1']);
    expect(report.byPartner.map((p) => p.memberId)).toEqual(['alfa']);
    expect(report.byCategory[0]!.approvedCents).toBe(1_000);
    expect(report.totals).toMatchObject({ approvedCents: 3_000, submittedCents: 500, budgetCents: 10_000 });
    expect(report.difference.balanced).toBe(true);
  });

  it('gives a funder every line with approved spending only', () => {
    const report = budgetReportFor(funder, project, lines);
    expect(report.lines.map((l) => [l.id, l.submittedCents, l.spending.submittedCents, l.approvedCents])).toEqual([['l1', 0, 0, 1_000], ['l2', 0, 0, 2_000]]);
    expect(report.totals).toMatchObject({ approvedCents: 3_000, submittedCents: 0 });
  });

  it('gives a coordinator the whole report', () => {
    expect(budgetReportFor(coordinator, project, lines).totals.submittedCents).toBe(500);
  });
});

describe('moneyReportFor', () => {
  const counters = (submittedCents: number, approvedCents: number) => moneyCountersOf({ submittedCents, approvedCents, receivedCents: 4_000 });
  const report = moneyReport(project, counters(500, 3_000), [
    { memberId: 'alfa', counters: counters(300, 1_000) },
    { memberId: 'beta', counters: counters(200, 2_000) },
  ]);

  it("keeps a member's own share and the project's totals", () => {
    const own = moneyReportFor(alfa, report);
    expect(own.partners.map((p) => p.memberId)).toEqual(['alfa']);
    expect(own.spending).toEqual(report.spending);
    expect(own.payments.receivedCents).toBe(4_000);
  });

  it('keeps approved money only for a funder', () => {
    const funded = moneyReportFor(funder, report);
    expect(funded.spending.submittedCents).toBe(0);
    expect(funded.spending.approvedCents).toBe(3_000);
    expect(funded.partners.map((p) => [p.memberId, p.submittedCents, p.approvedCents])).toEqual([['alfa', 0, 1_000], ['beta', 0, 2_000]]);
  });
});
