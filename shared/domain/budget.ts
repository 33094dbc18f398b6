// A project's budget: lines by partner member and cost category, each split into grant-funded and
// co-financed cents, with the spending against them and the totals per partner, category and phase.
import { z } from 'zod';
import { Audited, Cents, Id, patchOf } from './common';
import { BudgetDifference, budgetDifference, type MoneyDelta } from './money';
import type { Project } from './project';

export const CostCategory = z.enum([
  'staff',
  'external_services',
  'equipment',
  'travel',
  'training',
  'communication',
  'overheads',
  'other',
]);
export type CostCategory = z.infer<typeof CostCategory>;

/** Lines per project: the budget report reads them all in one Query. */
export const MAX_BUDGET_LINES = 300;

const lineFields = {
  memberId: Id.meta({ description: 'The partner member whose budget this is' }),
  category: CostCategory,
  phaseId: Id.optional().meta({ description: 'The phase the line belongs to, if any' }),
  description: z.string().trim().max(500).optional(),
  grantCents: Cents.meta({ description: 'Grant-funded amount, euro cents' }),
  cofinancingCents: Cents.meta({ description: 'Co-financed amount, euro cents' }),
};

const SignedCents = z.number().int();

export const BudgetLine = z
  .object({
    id: Id,
    consortiumId: Id,
    projectId: Id,
    ...lineFields,
    submittedCents: SignedCents.meta({ description: 'Costs submitted against the line, awaiting review (kept by the server)' }),
    approvedCents: SignedCents.meta({ description: 'Approved costs net of reversals (kept by the server)' }),
    ...Audited,
  })
  .meta({ id: 'BudgetLine' });
export type BudgetLine = z.infer<typeof BudgetLine>;

export const BudgetLineCreate = z
  .strictObject({ ...lineFields, cofinancingCents: lineFields.cofinancingCents.default(0) })
  .meta({ id: 'BudgetLineCreate' });
export type BudgetLineCreate = z.infer<typeof BudgetLineCreate>;

/** A line's partner is fixed (its costs are that member's); `phaseId: null` unlinks it from its phase. */
export const BudgetLinePatch = patchOf({
  category: lineFields.category,
  phaseId: Id.nullable(),
  description: z.string().trim().max(500),
  grantCents: lineFields.grantCents,
  cofinancingCents: lineFields.cofinancingCents,
}).meta({ id: 'BudgetLinePatch' });
export type BudgetLinePatch = z.infer<typeof BudgetLinePatch>;

export function newBudgetLine(
  input: BudgetLineCreate,
  ids: { id: string; consortiumId: string; projectId: string },
  now: string,
): BudgetLine {
  return { ...ids, ...input, submittedCents: 0, approvedCents: 0, version: 1, createdAt: now, updatedAt: now };
}

/** The line after a patch (amounts, category, phase; `null` removes the phase). */
export function patchBudgetLine(line: BudgetLine, patch: BudgetLinePatch, now: string): BudgetLine {
  const { version: _version, phaseId, ...fields } = patch;
  const after: BudgetLine = { ...line, ...fields, updatedAt: now };
  if (phaseId === null) delete after.phaseId;
  else if (phaseId !== undefined) after.phaseId = phaseId;
  return after;
}

/** What a line adds to its project's and partner's budget totals. */
export function lineBudget(line: Pick<BudgetLine, 'grantCents' | 'cofinancingCents'>): MoneyDelta {
  return { budgetGrantCents: line.grantCents, budgetCofinancingCents: line.cofinancingCents };
}

/** How a line write moves the budget totals: a creation also counts one more line. */
export function lineBudgetDelta(before: BudgetLine | undefined, after: BudgetLine): MoneyDelta {
  return {
    budgetGrantCents: after.grantCents - (before?.grantCents ?? 0),
    budgetCofinancingCents: after.cofinancingCents - (before?.cofinancingCents ?? 0),
    budgetLines: before ? 0 : 1,
  };
}

export const Spending = z.object({
  grantCents: SignedCents,
  cofinancingCents: SignedCents,
  budgetCents: SignedCents.meta({ description: 'Grant-funded plus co-financed' }),
  submittedCents: SignedCents,
  approvedCents: SignedCents,
  remainingCents: SignedCents.meta({ description: 'Budget minus approved costs; negative when over budget' }),
  overBudget: z.boolean().meta({ description: 'Approved costs exceed the budget' }),
});
export type Spending = z.infer<typeof Spending>;

type Spent = Pick<BudgetLine, 'grantCents' | 'cofinancingCents' | 'submittedCents' | 'approvedCents'>;

export function spendingOf(lines: Iterable<Spent>): Spending {
  let grantCents = 0;
  let cofinancingCents = 0;
  let submittedCents = 0;
  let approvedCents = 0;
  for (const line of lines) {
    grantCents += line.grantCents;
    cofinancingCents += line.cofinancingCents;
    submittedCents += line.submittedCents;
    approvedCents += line.approvedCents;
  }
  const budgetCents = grantCents + cofinancingCents;
  const remainingCents = budgetCents - approvedCents;
  return { grantCents, cofinancingCents, budgetCents, submittedCents, approvedCents, remainingCents, overBudget: remainingCents < 0 };
}

export const BudgetReport = z
  .object({
    currency: z.literal('EUR'),
    lines: z.array(BudgetLine.extend({ spending: Spending })),
    totals: Spending,
    byPartner: z.array(Spending.extend({ memberId: Id })),
    byCategory: z.array(Spending.extend({ category: CostCategory })),
    byPhase: z.array(Spending.extend({ phaseId: Id.nullable().meta({ description: 'null: lines linked to no phase' }) })),
    overBudgetLines: z.array(Id).meta({ description: 'Lines whose approved costs exceed their budget' }),
    difference: BudgetDifference,
  })
  .meta({ id: 'BudgetReport' });
export type BudgetReport = z.infer<typeof BudgetReport>;

function groupBy<K>(lines: BudgetLine[], keyOf: (line: BudgetLine) => K): [K, Spending][] {
  const groups = new Map<K, BudgetLine[]>();
  for (const line of lines) groups.set(keyOf(line), [...(groups.get(keyOf(line)) ?? []), line]);
  return [...groups].map(([key, members]) => [key, spendingOf(members)]);
}

/**
 * The budget and the spending against it, per line, partner (in the project's partner order),
 * category (in the category order) and phase, and the difference from the project's amounts.
 */
export function budgetReport(project: Pick<Project, 'grantCents' | 'cofinancingCents' | 'partners'>, lines: BudgetLine[]): BudgetReport {
  const partnerOrder = new Map(project.partners.map((partner, index) => [partner.memberId, index]));
  const rank = (memberId: string) => partnerOrder.get(memberId) ?? Number.MAX_SAFE_INTEGER;
  const sorted = [...lines].sort(
    (a, b) =>
      rank(a.memberId) - rank(b.memberId) ||
      CostCategory.options.indexOf(a.category) - CostCategory.options.indexOf(b.category) ||
      a.id.localeCompare(b.id),
  );
  const withSpending = sorted.map((line) => ({ ...line, spending: spendingOf([line]) }));
  const totals = spendingOf(sorted);
  return {
    currency: 'EUR',
    lines: withSpending,
    totals,
    byPartner: groupBy(sorted, (line) => line.memberId).map(([memberId, spending]) => ({ memberId, ...spending })),
    byCategory: groupBy(sorted, (line) => line.category)
      .sort(([a], [b]) => CostCategory.options.indexOf(a) - CostCategory.options.indexOf(b))
      .map(([category, spending]) => ({ category, ...spending })),
    byPhase: groupBy(sorted, (line) => line.phaseId ?? null)
      .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
      .map(([phaseId, spending]) => ({ phaseId, ...spending })),
    overBudgetLines: withSpending.filter((line) => line.spending.overBudget).map((line) => line.id),
    difference: budgetDifference(project, totals),
  };
}
