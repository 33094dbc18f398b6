// Co-financing actually provided: contributions in money or in kind by the partners (or by others
// on their behalf), against what the project promised. A wrong entry is reversed, never edited.
import { z } from 'zod';
import { Audited, CalendarDate, Cents, Id, Text, Version } from './common';
import { ConflictError } from './errors';
import type { MoneyDelta } from './money';

export const ContributionKind = z.enum(['money', 'in_kind']);

const contributionFields = {
  memberId: Id.meta({ description: 'The partner member whose co-financing this is' }),
  kind: ContributionKind,
  providedBy: z.string().trim().min(1).max(200).meta({ description: 'Who provided it, e.g. the member itself or a municipality lending a hall' }),
  description: z.string().trim().min(1).max(1000),
  date: CalendarDate,
  valueCents: Cents.min(1).meta({ description: 'Its value in euro cents (for in-kind contributions, as valued)' }),
  budgetLineId: Id.optional().meta({ description: 'The budget line it co-finances, if any' }),
};

export const Contribution = z
  .object({
    id: Id,
    consortiumId: Id,
    projectId: Id,
    ...contributionFields,
    entry: z.enum(['contribution', 'reversal']).meta({ description: 'A reversal takes back a contribution: it counts negative' }),
    reversesContributionId: Id.optional(),
    reversedBy: Id.optional(),
    reversalReason: Text.optional(),
    recordedBy: z.string().max(128),
    ...Audited,
  })
  .meta({ id: 'Contribution' });
export type Contribution = z.infer<typeof Contribution>;

export const ContributionCreate = z.strictObject(contributionFields).meta({ id: 'ContributionCreate' });
export type ContributionCreate = z.infer<typeof ContributionCreate>;

export const ContributionReverse = z.strictObject({ version: Version, reason: Text.min(1) }).meta({ id: 'ContributionReverse' });
export type ContributionReverse = z.infer<typeof ContributionReverse>;

export function newContribution(
  input: ContributionCreate,
  ids: { id: string; consortiumId: string; projectId: string },
  actor: { personId: string; at: string },
): Contribution {
  return { ...ids, ...input, entry: 'contribution', recordedBy: actor.personId, version: 1, createdAt: actor.at, updatedAt: actor.at };
}

/** What a contribution adds to the co-financing provided (a reversal takes it back). */
export function contributionDelta(contribution: Pick<Contribution, 'kind' | 'valueCents' | 'entry'>): MoneyDelta {
  const value = (contribution.entry === 'reversal' ? -1 : 1) * contribution.valueCents;
  return contribution.kind === 'money' ? { cofinancingMoneyCents: value } : { cofinancingInKindCents: value };
}

export function reverseContribution(
  contribution: Contribution,
  input: ContributionReverse,
  reversal: { id: string; today: string },
  actor: { personId: string; at: string },
): { original: Contribution; reversal: Contribution } {
  if (contribution.entry === 'reversal') throw new ConflictError('A reversal cannot itself be reversed');
  if (contribution.reversedBy) throw new ConflictError(`This contribution was already reversed by ${contribution.reversedBy}`);
  const reason = input.reason.trim();
  const { reversedBy: _r, reversalReason: _rr, ...fields } = contribution;
  return {
    original: { ...contribution, reversedBy: reversal.id, reversalReason: reason, updatedAt: actor.at },
    reversal: {
      ...fields,
      id: reversal.id,
      entry: 'reversal',
      date: reversal.today,
      description: `Reversal of contribution ${contribution.id}: ${contribution.description}`.slice(0, 1000),
      reversesContributionId: contribution.id,
      reversalReason: reason,
      recordedBy: actor.personId,
      version: 1,
      createdAt: actor.at,
      updatedAt: actor.at,
    },
  };
}
