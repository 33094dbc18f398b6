// A cost a member reports against its own budget line: its status machine, its review, and the
// reversal that is the only way to take back an approved cost.
import { z } from 'zod';
import { Audited, CalendarDate, Cents, Id, Instant, Text, Version, patchOf } from './common';
import { Evidence } from './deliverable';
import { ConflictError, ForbiddenError, type FieldIssue } from './errors';
import type { MoneyDelta } from './money';
import type { Project } from './project';
import { defineStatusMachine } from './status-machine';

export const CostStatus = z.enum(['draft', 'submitted', 'approved', 'rejected']);
export type CostStatus = z.infer<typeof CostStatus>;

export const costStatusMachine = defineStatusMachine<CostStatus>('cost', {
  draft: ['submitted'],
  submitted: ['approved', 'rejected'],
  rejected: ['submitted'],
  approved: [],
});

const costFields = {
  date: CalendarDate.meta({ description: 'When the cost was incurred (the invoice or receipt date)' }),
  description: z.string().trim().min(1).max(1000),
  supplier: z.string().trim().min(1).max(200),
  amountCents: Cents.min(1).meta({ description: 'Amount before VAT, euro cents' }),
  vatCents: Cents.meta({ description: 'VAT the member bears and cannot recover (0 if none); it counts against the budget' }),
  documents: z.array(Evidence).max(20).meta({ description: 'Links to the invoice, receipt or contract' }),
};

export const Cost = z
  .object({
    id: Id,
    consortiumId: Id,
    projectId: Id,
    budgetLineId: Id,
    memberId: Id.meta({ description: "The budget line's partner member" }),
    kind: z.enum(['cost', 'reversal']).meta({ description: 'A reversal takes back an approved cost: it counts negative' }),
    ...costFields,
    status: CostStatus,
    reportedBy: z.string().max(128),
    submittedBy: z.string().max(128).optional(),
    submittedAt: Instant.optional(),
    reviewedBy: z.string().max(128).optional(),
    reviewedAt: Instant.optional(),
    rejectionReason: Text.optional(),
    reversesCostId: Id.optional().meta({ description: 'For a reversal: the approved cost it takes back' }),
    reversedBy: Id.optional().meta({ description: 'For a reversed cost: its reversal' }),
    reversalReason: Text.optional(),
    paymentRequestId: Id.optional().meta({ description: 'The payment request this approved cost was claimed in' }),
    ...Audited,
  })
  .meta({ id: 'Cost' });
export type Cost = z.infer<typeof Cost>;

export const CostCreate = z
  .strictObject({ ...costFields, vatCents: costFields.vatCents.default(0), documents: costFields.documents.default([]) })
  .meta({ id: 'CostCreate' });
export type CostCreate = z.infer<typeof CostCreate>;

/** Only a draft or rejected cost changes; it may move to another line of the same member. */
export const CostPatch = patchOf({ ...costFields, budgetLineId: Id }).meta({ id: 'CostPatch' });
export type CostPatch = z.infer<typeof CostPatch>;

export const CostSubmit = z.strictObject({ version: Version }).meta({ id: 'CostSubmit' });
export type CostSubmit = z.infer<typeof CostSubmit>;

export const CostReview = z
  .strictObject({
    version: Version,
    decision: z.enum(['approved', 'rejected']),
    reason: Text.default(''),
  })
  .refine((review) => review.decision === 'approved' || review.reason.trim().length > 0, {
    path: ['reason'],
    message: 'say why the cost is rejected',
  })
  .meta({ id: 'CostReview' });
export type CostReview = z.infer<typeof CostReview>;

export const CostReverse = z
  .strictObject({ version: Version, reason: Text.min(1) })
  .meta({ id: 'CostReverse' });
export type CostReverse = z.infer<typeof CostReverse>;

/** Who acts and when. */
export interface CostActor {
  personId: string;
  at: string;
}

/** What the cost counts against its budget: amount plus the VAT borne, negative for a reversal. */
export function countedCents(cost: Pick<Cost, 'kind' | 'amountCents' | 'vatCents'>): number {
  return (cost.kind === 'reversal' ? -1 : 1) * (cost.amountCents + cost.vatCents);
}

type Counted = Pick<Cost, 'kind' | 'amountCents' | 'vatCents' | 'status'>;

/** What one cost adds to its line's, partner's and project's spending totals. */
export function costContribution(cost: Counted): { submittedCents: number; approvedCents: number } {
  const counted = countedCents(cost);
  return {
    submittedCents: cost.status === 'submitted' ? counted : 0,
    approvedCents: cost.status === 'approved' ? counted : 0,
  };
}

/** How a cost write moves the spending totals (before absent for a new cost). */
export function costDelta(before: Counted | undefined, after: Counted): MoneyDelta {
  const was = before ? costContribution(before) : { submittedCents: 0, approvedCents: 0 };
  const is = costContribution(after);
  return { submittedCents: is.submittedCents - was.submittedCents, approvedCents: is.approvedCents - was.approvedCents };
}

/** A cost is dated within the project and not in the future. */
export function costDateIssues(date: string | undefined, project: Pick<Project, 'startDate' | 'endDate'>, today: string): FieldIssue[] {
  if (date === undefined) return [];
  if (date > today) return [{ path: 'date', message: 'must not be in the future' }];
  if (date < project.startDate || date > project.endDate) {
    return [{ path: 'date', message: `must be within the project (${project.startDate} to ${project.endDate})` }];
  }
  return [];
}

export function newCost(
  input: CostCreate,
  line: { id: string; consortiumId: string; projectId: string; memberId: string },
  id: string,
  actor: CostActor,
): Cost {
  return {
    id,
    consortiumId: line.consortiumId,
    projectId: line.projectId,
    budgetLineId: line.id,
    memberId: line.memberId,
    kind: 'cost',
    ...input,
    status: 'draft',
    reportedBy: actor.personId,
    version: 1,
    createdAt: actor.at,
    updatedAt: actor.at,
  };
}

/** Only a draft or a rejected cost may change: an approved one is reversed, never edited. */
export function patchCost(cost: Cost, patch: CostPatch, now: string): Cost {
  if (cost.status === 'approved') {
    throw new ConflictError('An approved cost cannot be edited: reverse it and report a new cost');
  }
  if (cost.status === 'submitted') {
    throw new ConflictError('A submitted cost cannot be edited while it waits for review');
  }
  const { version: _version, ...fields } = patch;
  return { ...cost, ...fields, updatedAt: now };
}

export function submitCost(cost: Cost, actor: CostActor): Cost {
  const status = costStatusMachine.move(cost.status, 'submitted');
  const after: Cost = { ...cost, status, submittedBy: actor.personId, submittedAt: actor.at, updatedAt: actor.at };
  delete after.rejectionReason;
  return after;
}

/** The coordinator's decision; nobody reviews a cost they reported or submitted themselves. */
export function reviewCost(cost: Cost, input: CostReview, actor: CostActor): Cost {
  if (cost.submittedBy === actor.personId || cost.reportedBy === actor.personId) {
    throw new ForbiddenError('You cannot review a cost you reported or submitted yourself; ask another coordinator');
  }
  const status = costStatusMachine.move(cost.status, input.decision);
  return {
    ...cost,
    status,
    reviewedBy: actor.personId,
    reviewedAt: actor.at,
    ...(status === 'rejected' ? { rejectionReason: input.reason.trim() } : {}),
    updatedAt: actor.at,
  };
}

/** The reversal of an approved cost: a new, approved item that counts negative, and the original marked. */
export function reverseCost(
  cost: Cost,
  input: CostReverse,
  reversal: { id: string; today: string },
  actor: CostActor,
): { original: Cost; reversal: Cost } {
  if (cost.kind === 'reversal') throw new ConflictError('A reversal cannot itself be reversed');
  if (cost.status !== 'approved') throw new ConflictError(`Only an approved cost is reversed; this one is ${cost.status}`);
  if (cost.reversedBy) throw new ConflictError(`This cost was already reversed by ${cost.reversedBy}`);
  const reversalId = reversal.id;
  const item: Cost = {
    id: reversalId,
    consortiumId: cost.consortiumId,
    projectId: cost.projectId,
    budgetLineId: cost.budgetLineId,
    memberId: cost.memberId,
    kind: 'reversal',
    date: reversal.today,
    description: `Reversal of cost ${cost.id}: ${cost.description}`.slice(0, 1000),
    supplier: cost.supplier,
    amountCents: cost.amountCents,
    vatCents: cost.vatCents,
    documents: [],
    status: 'approved',
    reportedBy: actor.personId,
    reviewedBy: actor.personId,
    reviewedAt: actor.at,
    reversesCostId: cost.id,
    reversalReason: input.reason.trim(),
    version: 1,
    createdAt: actor.at,
    updatedAt: actor.at,
  };
  return { original: { ...cost, reversedBy: reversalId, reversalReason: input.reason.trim(), updatedAt: actor.at }, reversal: item };
}
