import { describe, expect, it } from 'vitest';
import { addMoney, budgetDifference, formatEuro, moneyCountersOf, moneyReport, moneySummary, nonZero, zeroMoney } from './money';

const project = { grantCents: 36_000_000, cofinancingCents: 12_000_000, partners: [{ memberId: 'alfa', role: 'lead' as const, budgetShareCents: 0 }, { memberId: 'beta', role: 'partner' as const, budgetShareCents: 0 }] };

describe('budgetDifference', () => {
  it('says the budget is balanced when the lines add up to the grant and co-financing', () => {
    expect(budgetDifference(project, { grantCents: 36_000_000, cofinancingCents: 12_000_000 })).toMatchObject({
      balanced: true, grantCents: 0, cofinancingCents: 0,
    });
  });

  it('says by how much each share differs, in cents and in words', () => {
    const difference = budgetDifference(project, { grantCents: 35_000_000, cofinancingCents: 12_050_000 });
    expect(difference).toMatchObject({ balanced: false, grantCents: -1_000_000, cofinancingCents: 50_000 });
    expect(difference.message).toContain('€ 10,000.00 below');
    expect(difference.message).toContain('€ 500.00 above');
  });
});

describe('formatEuro', () => {
  it('writes cents as euros with two decimals and a sign', () => {
    expect(formatEuro(123_456_78)).toBe('€ 123,456.78');
    expect(formatEuro(-5)).toBe('-€ 0.05');
  });
});

describe('money counters', () => {
  it('add and subtract deltas, and drop zero entries for an ADD', () => {
    const total = addMoney(addMoney(zeroMoney(), { approvedCents: 500, submittedCents: 200 }), { submittedCents: 200 }, -1);
    expect(total).toMatchObject({ approvedCents: 500, submittedCents: 0 });
    expect(nonZero({ approvedCents: 0, receivedCents: 3 })).toEqual({ receivedCents: 3 });
  });

  it('read absent attributes of a stored summary as zero', () => {
    expect(moneyCountersOf({ approvedCents: 7, itemType: 'MoneySummary' })).toEqual({ ...zeroMoney(), approvedCents: 7 });
    expect(moneyCountersOf(undefined)).toEqual(zeroMoney());
  });
});

describe('moneySummary', () => {
  it('derives remaining budget, co-financing still to provide and grant still due', () => {
    const summary = moneySummary(project, {
      ...zeroMoney(),
      budgetGrantCents: 36_000_000, budgetCofinancingCents: 11_000_000, budgetLines: 4,
      submittedCents: 100_000, approvedCents: 4_700_000,
      cofinancingMoneyCents: 2_000_000, cofinancingInKindCents: 500_000,
      instalmentsCents: 36_000_000, instalments: 3, requestedCents: 20_000_000, receivedCents: 10_800_000,
    });
    expect(summary.budget).toMatchObject({ totalCents: 47_000_000, lines: 4 });
    expect(summary.budget.difference).toMatchObject({ balanced: false, grantCents: 0, cofinancingCents: -1_000_000 });
    expect(summary.spending).toEqual({ submittedCents: 100_000, approvedCents: 4_700_000, remainingCents: 42_300_000, approvedPercent: 10 });
    expect(summary.cofinancing).toEqual({ promisedCents: 12_000_000, providedCents: 2_500_000, moneyCents: 2_000_000, inKindCents: 500_000, remainingCents: 9_500_000 });
    expect(summary.payments).toEqual({
      grantedCents: 36_000_000, instalmentsCents: 36_000_000, instalments: 3, requestedCents: 20_000_000, receivedCents: 10_800_000, dueCents: 25_200_000,
    });
  });

  it('shows an untouched project as an unbalanced, empty budget with the whole grant due', () => {
    const summary = moneySummary(project, zeroMoney());
    expect(summary.budget.difference.grantCents).toBe(-36_000_000);
    expect(summary.spending.approvedPercent).toBe(0);
    expect(summary.payments.dueCents).toBe(36_000_000);
  });
});

describe('moneyReport', () => {
  it("lists every partner in the project's order, with zeros for one without money yet", () => {
    const report = moneyReport(project, zeroMoney(), [
      { memberId: 'beta', counters: { ...zeroMoney(), budgetCofinancingCents: 1_000, cofinancingInKindCents: 400, approvedCents: 300, budgetGrantCents: 2_000 } },
    ]);
    expect(report.partners.map((p) => p.memberId)).toEqual(['alfa', 'beta']);
    expect(report.partners[0]).toMatchObject({ budgetGrantCents: 0, cofinancingProvidedCents: 0 });
    expect(report.partners[1]).toMatchObject({ remainingCents: 2_700, cofinancingProvidedCents: 400, cofinancingRemainingCents: 600 });
  });
});
