// A project's money at a glance: the running totals kept on its money summary item, and the
// summary the overview shows (budget, approved spend, co-financing provided, payments).
import { z } from 'zod';
import type { Project } from './project';

/**
 * The totals a money write moves by atomic ADD, in one transaction with the write itself. The
 * project's summary holds them all; a partner's summary holds its own share of the first six.
 */
export const MONEY_COUNTERS = [
  'budgetGrantCents',
  'budgetCofinancingCents',
  'budgetLines',
  'submittedCents',
  'approvedCents',
  'cofinancingMoneyCents',
  'cofinancingInKindCents',
  'instalmentsCents',
  'instalments',
  'requestedCents',
  'receivedCents',
] as const;
export type MoneyCounter = (typeof MONEY_COUNTERS)[number];
export type MoneyCounters = Record<MoneyCounter, number>;
export type MoneyDelta = Partial<MoneyCounters>;

export function zeroMoney(): MoneyCounters {
  return Object.fromEntries(MONEY_COUNTERS.map((name) => [name, 0])) as MoneyCounters;
}

export function addMoney(total: MoneyCounters, delta: MoneyDelta, sign: 1 | -1 = 1): MoneyCounters {
  const sum = { ...total };
  for (const name of MONEY_COUNTERS) sum[name] += sign * (delta[name] ?? 0);
  return sum;
}

/** The delta without its zero entries: what an ADD must write (nothing, if empty). */
export function nonZero(delta: MoneyDelta): MoneyDelta {
  return Object.fromEntries(Object.entries(delta).filter(([, value]) => value !== 0 && value !== undefined));
}

/** Reads the counters off a stored summary (absent attributes are zero). */
export function moneyCountersOf(record: Record<string, unknown> | undefined): MoneyCounters {
  const counters = zeroMoney();
  for (const name of MONEY_COUNTERS) {
    const value = record?.[name];
    if (typeof value === 'number') counters[name] = value;
  }
  return counters;
}

const SignedCents = z.number().int();

export const BudgetDifference = z
  .object({
    balanced: z.boolean().meta({ description: "True when the budget lines add up to the project's grant and co-financing" }),
    grantCents: SignedCents.meta({ description: "Budget lines' grant share minus the project's grantCents (negative: lines fall short)" }),
    cofinancingCents: SignedCents.meta({ description: "Budget lines' co-financed share minus the project's cofinancingCents" }),
    message: z.string(),
  })
  .meta({ id: 'BudgetDifference' });
export type BudgetDifference = z.infer<typeof BudgetDifference>;

/** Euro cents as a person reads them: `€ 1,234.56` (a minus sign in front when negative). */
export function formatEuro(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${sign}€ ${euros}.${String(abs % 100).padStart(2, '0')}`;
}

function describeGap(what: string, gap: number, target: number): string {
  if (gap === 0) return `${what} matches (${formatEuro(target)})`;
  return `${what} is ${formatEuro(Math.abs(gap))} ${gap < 0 ? 'below' : 'above'} the project's ${formatEuro(target)}`;
}

/** How far the budget lines are from the project's grant and co-financing, in words and cents. */
export function budgetDifference(
  project: Pick<Project, 'grantCents' | 'cofinancingCents'>,
  lines: { grantCents: number; cofinancingCents: number },
): BudgetDifference {
  const grantCents = lines.grantCents - project.grantCents;
  const cofinancingCents = lines.cofinancingCents - project.cofinancingCents;
  const balanced = grantCents === 0 && cofinancingCents === 0;
  const message = balanced
    ? "The budget lines add up to the project's grant and co-financing"
    : `${describeGap("The budget lines' grant share", grantCents, project.grantCents)}; ` +
      `${describeGap('their co-financed share', cofinancingCents, project.cofinancingCents)}`;
  return { balanced, grantCents, cofinancingCents, message };
}

export const MoneySummary = z
  .object({
    currency: z.literal('EUR'),
    budget: z.object({
      grantCents: SignedCents.meta({ description: "Sum of the budget lines' grant-funded amounts" }),
      cofinancingCents: SignedCents.meta({ description: "Sum of the budget lines' co-financed amounts" }),
      totalCents: SignedCents,
      lines: z.number().int().min(0),
      difference: BudgetDifference,
    }),
    spending: z.object({
      submittedCents: SignedCents.meta({ description: 'Costs submitted and awaiting review' }),
      approvedCents: SignedCents.meta({ description: 'Approved costs, net of reversals' }),
      remainingCents: SignedCents.meta({ description: 'Budget total minus approved costs (negative: overspent)' }),
      approvedPercent: z.number().meta({ description: 'Approved costs as a share of the budget total, one decimal' }),
    }),
    cofinancing: z.object({
      promisedCents: SignedCents.meta({ description: "The project's cofinancingCents" }),
      providedCents: SignedCents.meta({ description: 'Contributions actually provided, net of reversals' }),
      moneyCents: SignedCents,
      inKindCents: SignedCents,
      remainingCents: SignedCents.meta({ description: 'Promised minus provided' }),
    }),
    payments: z.object({
      grantedCents: SignedCents.meta({ description: "The project's grantCents" }),
      instalmentsCents: SignedCents.meta({ description: "Sum of the funder's planned instalments" }),
      instalments: z.number().int().min(0),
      requestedCents: SignedCents.meta({ description: 'Asked of the funder in payment requests' }),
      receivedCents: SignedCents.meta({ description: 'Received from the funder' }),
      dueCents: SignedCents.meta({ description: 'Granted minus received: still due from the funder' }),
    }),
  })
  .meta({ id: 'MoneySummary' });
export type MoneySummary = z.infer<typeof MoneySummary>;

const percentOf = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** The money summary of a project from its summary counters: pure, no sum over items. */
export function moneySummary(project: Pick<Project, 'grantCents' | 'cofinancingCents'>, counters: MoneyCounters): MoneySummary {
  const totalCents = counters.budgetGrantCents + counters.budgetCofinancingCents;
  const providedCents = counters.cofinancingMoneyCents + counters.cofinancingInKindCents;
  return {
    currency: 'EUR',
    budget: {
      grantCents: counters.budgetGrantCents,
      cofinancingCents: counters.budgetCofinancingCents,
      totalCents,
      lines: counters.budgetLines,
      difference: budgetDifference(project, {
        grantCents: counters.budgetGrantCents,
        cofinancingCents: counters.budgetCofinancingCents,
      }),
    },
    spending: {
      submittedCents: counters.submittedCents,
      approvedCents: counters.approvedCents,
      remainingCents: totalCents - counters.approvedCents,
      approvedPercent: percentOf(counters.approvedCents, totalCents),
    },
    cofinancing: {
      promisedCents: project.cofinancingCents,
      providedCents,
      moneyCents: counters.cofinancingMoneyCents,
      inKindCents: counters.cofinancingInKindCents,
      remainingCents: project.cofinancingCents - providedCents,
    },
    payments: {
      grantedCents: project.grantCents,
      instalmentsCents: counters.instalmentsCents,
      instalments: counters.instalments,
      requestedCents: counters.requestedCents,
      receivedCents: counters.receivedCents,
      dueCents: project.grantCents - counters.receivedCents,
    },
  };
}

export const PartnerMoneySummary = z
  .object({
    memberId: z.string(),
    budgetGrantCents: SignedCents,
    budgetCofinancingCents: SignedCents.meta({ description: 'The co-financing the partner promised in its budget lines' }),
    submittedCents: SignedCents,
    approvedCents: SignedCents,
    remainingCents: SignedCents.meta({ description: 'Its budget minus its approved costs' }),
    cofinancingProvidedCents: SignedCents,
    cofinancingRemainingCents: SignedCents.meta({ description: 'Promised in its budget lines minus provided' }),
  })
  .meta({ id: 'PartnerMoneySummary' });
export type PartnerMoneySummary = z.infer<typeof PartnerMoneySummary>;

/** One partner's money from its summary counters. */
export function partnerMoneySummary(memberId: string, counters: MoneyCounters): PartnerMoneySummary {
  const provided = counters.cofinancingMoneyCents + counters.cofinancingInKindCents;
  return {
    memberId,
    budgetGrantCents: counters.budgetGrantCents,
    budgetCofinancingCents: counters.budgetCofinancingCents,
    submittedCents: counters.submittedCents,
    approvedCents: counters.approvedCents,
    remainingCents: counters.budgetGrantCents + counters.budgetCofinancingCents - counters.approvedCents,
    cofinancingProvidedCents: provided,
    cofinancingRemainingCents: counters.budgetCofinancingCents - provided,
  };
}

export const MoneyReport = MoneySummary.extend({
  partners: z.array(PartnerMoneySummary).meta({ description: "Each partner of the project, in the project's order" }),
}).meta({ id: 'MoneyReport' });
export type MoneyReport = z.infer<typeof MoneyReport>;

/** The summary with every partner's share (partners without money show zeros). */
export function moneyReport(
  project: Pick<Project, 'grantCents' | 'cofinancingCents' | 'partners'>,
  counters: MoneyCounters,
  partners: { memberId: string; counters: MoneyCounters }[],
): MoneyReport {
  const byMember = new Map(partners.map((partner) => [partner.memberId, partner.counters]));
  const memberIds = [...project.partners.map((p) => p.memberId), ...[...byMember.keys()].filter((id) => !project.partners.some((p) => p.memberId === id))];
  return {
    ...moneySummary(project, counters),
    partners: memberIds.map((memberId) => partnerMoneySummary(memberId, byMember.get(memberId) ?? zeroMoney())),
  };
}
