// Unit tests of the demo's accounts: exact budget, every cost status, lines over budget, received instalments.
import { describe, expect, it } from 'vitest';
import { BudgetLine, budgetReport } from '../../shared/domain/budget';
import { Contribution } from '../../shared/domain/cofinancing';
import { Cost, CostStatus } from '../../shared/domain/cost';
import { Instalment, PaymentRequest, Receipt } from '../../shared/domain/payment';
import { buildDemo } from './demo-data';
import { buildDemoMoney, recountMoney } from './demo-money';

describe.each([
  { today: '2026-11-23', now: '2026-11-23T10:00:00.000Z' },
  { today: '2027-02-28', now: '2027-02-27T23:00:00.000Z' },
  { today: '2028-02-29', now: '2028-02-29T18:45:00.000Z' },
])('the demo money built on $today', ({ today, now }) => {
  const demo = buildDemo(today, now);
  const project = demo.projects.find((p) => p.id === 'cultnetwork')!;
  const money = buildDemoMoney(demo);

  it('holds valid entities with unique ids', () => {
    for (const line of money.lines) BudgetLine.parse(line);
    for (const cost of money.costs) Cost.parse(cost);
    for (const c of money.contributions) Contribution.parse(c);
    for (const i of money.instalments) Instalment.parse(i);
    for (const r of money.requests) PaymentRequest.parse(r);
    for (const r of money.receipts) Receipt.parse(r);
    const ids = [...money.lines, ...money.costs, ...money.contributions].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has a budget over every partner that matches the grant and co-financing exactly", () => {
    const report = budgetReport(project, money.lines);
    expect(report.difference.balanced).toBe(true);
    expect(report.byPartner.map((p) => p.memberId)).toEqual(project.partners.map((p) => p.memberId));
    expect(report.byCategory.length).toBe(8);
    expect(report.overBudgetLines.length).toBeGreaterThan(0);
  });

  it('has costs in every status, a reversal, and every date within the project and not after today', () => {
    expect(new Set(money.costs.map((c) => c.status))).toEqual(new Set(CostStatus.options));
    expect(money.costs.some((c) => c.kind === 'reversal')).toBe(true);
    for (const c of money.costs) expect(c.date >= project.startDate && c.date <= today, c.id).toBe(true);
    for (const r of [...money.requests, ...money.receipts]) expect(r.date <= today, r.id).toBe(true);
  });

  it('has co-financing in money and in kind, and instalments adding up to the grant, some received', () => {
    const totals = recountMoney(money).project;
    expect(totals.cofinancingMoneyCents).toBeGreaterThan(0);
    expect(totals.cofinancingInKindCents).toBeGreaterThan(0);
    expect(totals.instalmentsCents).toBe(project.grantCents);
    expect(money.instalments.filter((i) => i.receivedCents >= i.amountCents).length).toBeGreaterThan(0);
    expect(money.instalments.filter((i) => i.requestedCents === 0).length).toBeGreaterThan(0);
    for (const i of money.instalments) expect(i.requestedCents).toBeLessThanOrEqual(i.amountCents);
  });
});
