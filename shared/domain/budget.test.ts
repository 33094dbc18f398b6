import { describe, expect, it } from 'vitest';
import { BudgetLineCreate, BudgetLinePatch, budgetReport, lineBudgetDelta, newBudgetLine, patchBudgetLine, spendingOf, type BudgetLine } from './budget';

const NOW = '2026-03-02T10:00:00.000Z';
const ids = { consortiumId: 'conso', projectId: 'p1' };
const project = {
  grantCents: 10_000,
  cofinancingCents: 2_000,
  partners: [
    { memberId: 'beta', role: 'lead' as const, budgetShareCents: 0 },
    { memberId: 'alfa', role: 'partner' as const, budgetShareCents: 0 },
  ],
};

function line(id: string, fields: Partial<BudgetLine>): BudgetLine {
  return { ...newBudgetLine({ memberId: 'alfa', category: 'staff', grantCents: 0, cofinancingCents: 0, ...fields }, { id, ...ids }, NOW), ...fields };
}

describe('budget line schemas', () => {
  it('default the co-financed share to zero and refuse unknown categories and negative amounts', () => {
    expect(BudgetLineCreate.parse({ memberId: 'alfa', category: 'travel', grantCents: 100 }).cofinancingCents).toBe(0);
    expect(BudgetLineCreate.safeParse({ memberId: 'alfa', category: 'catering', grantCents: 100 }).success).toBe(false);
    expect(BudgetLineCreate.safeParse({ memberId: 'alfa', category: 'travel', grantCents: -1 }).success).toBe(false);
  });

  it('keep the partner out of a patch', () => {
    expect(BudgetLinePatch.safeParse({ version: 1, memberId: 'beta' }).success).toBe(false);
  });
});

describe('patchBudgetLine', () => {
  it('changes amounts and unlinks the phase with null', () => {
    const before = line('l1', { phaseId: 'offer', grantCents: 500 });
    const after = patchBudgetLine(before, { version: 1, phaseId: null, grantCents: 800 }, NOW);
    expect(after.phaseId).toBeUndefined();
    expect(after.grantCents).toBe(800);
    expect(lineBudgetDelta(before, after)).toEqual({ budgetGrantCents: 300, budgetCofinancingCents: 0, budgetLines: 0 });
  });

  it('counts a new line once in the totals', () => {
    expect(lineBudgetDelta(undefined, line('l1', { grantCents: 5, cofinancingCents: 2 }))).toEqual({
      budgetGrantCents: 5, budgetCofinancingCents: 2, budgetLines: 1,
    });
  });
});

describe('spendingOf', () => {
  it('flags approved costs beyond the budget and shows the negative remainder', () => {
    expect(spendingOf([{ grantCents: 300, cofinancingCents: 100, submittedCents: 50, approvedCents: 450 }])).toEqual({
      grantCents: 300, cofinancingCents: 100, budgetCents: 400, submittedCents: 50, approvedCents: 450, remainingCents: -50, overBudget: true,
    });
  });
});

describe('budgetReport', () => {
  const lines = [
    line('l1', { memberId: 'alfa', category: 'travel', phaseId: 'offer', grantCents: 1_000, cofinancingCents: 0, approvedCents: 1_200 }),
    line('l2', { memberId: 'alfa', category: 'staff', grantCents: 4_000, cofinancingCents: 1_000, approvedCents: 2_000, submittedCents: 500 }),
    line('l3', { memberId: 'beta', category: 'staff', grantCents: 4_000, cofinancingCents: 1_000 }),
    line('l4', { memberId: 'beta', category: 'communication', phaseId: 'offer', grantCents: 500, cofinancingCents: 0 }),
  ];
  const report = budgetReport(project, lines);

  it("orders lines by the project's partners, then by category", () => {
    expect(report.lines.map((l) => l.id)).toEqual(['l3', 'l4', 'l2', 'l1']);
  });

  it('totals per partner, category and phase, unlinked lines under a null phase', () => {
    expect(report.byPartner.map((p) => [p.memberId, p.budgetCents, p.approvedCents])).toEqual([['beta', 5_500, 0], ['alfa', 6_000, 3_200]]);
    expect(report.byCategory.map((c) => [c.category, c.budgetCents])).toEqual([['staff', 10_000], ['travel', 1_000], ['communication', 500]]);
    expect(report.byPhase.map((p) => [p.phaseId, p.budgetCents])).toEqual([['offer', 1_500], [null, 10_000]]);
    expect(report.totals).toMatchObject({ budgetCents: 11_500, approvedCents: 3_200, submittedCents: 500, remainingCents: 8_300 });
  });

  it('flags the lines over budget', () => {
    expect(report.overBudgetLines).toEqual(['l1']);
    expect(report.lines.find((l) => l.id === 'l1')!.spending).toMatchObject({ remainingCents: -200, overBudget: true });
  });

  it("reports by how much the lines differ from the project's grant and co-financing", () => {
    expect(report.difference).toMatchObject({ balanced: false, grantCents: -500, cofinancingCents: 0 });
  });
});
