import { describe, expect, it } from 'vitest';
import { CostReview, costDateIssues, costDelta, costStatusMachine, countedCents, newCost, patchCost, reverseCost, reviewCost, submitCost, type Cost } from './cost';

const MEMBER = { personId: 'person-alfa', at: '2026-03-02T10:00:00.000Z' };
const COORDINATOR = { personId: 'person-coordinator', at: '2026-03-05T10:00:00.000Z' };
const line = { id: 'l1', consortiumId: 'conso', projectId: 'p1', memberId: 'alfa' };

const draft = (): Cost =>
  newCost({ date: '2026-02-10', description: 'Stampa', supplier: 'Tipografia', amountCents: 10_000, vatCents: 2_200, documents: [] }, line, 'c1', MEMBER);
const approved = () => ({ ...reviewCost(submitCost(draft(), MEMBER), { version: 2, decision: 'approved', reason: '' }, COORDINATOR), version: 3 });

describe('the cost status machine', () => {
  it('goes draft → submitted → approved or rejected, and rejected → submitted again', () => {
    expect(costStatusMachine.canMove('draft', 'submitted')).toBe(true);
    expect(costStatusMachine.canMove('submitted', 'approved')).toBe(true);
    expect(costStatusMachine.canMove('submitted', 'rejected')).toBe(true);
    expect(costStatusMachine.canMove('rejected', 'submitted')).toBe(true);
    expect(costStatusMachine.canMove('draft', 'approved')).toBe(false);
    expect(costStatusMachine.canMove('approved', 'rejected')).toBe(false);
  });
});

describe('a cost', () => {
  it('starts as a draft of the line’s member and counts amount plus VAT', () => {
    const cost = draft();
    expect(cost).toMatchObject({ status: 'draft', memberId: 'alfa', budgetLineId: 'l1', kind: 'cost', reportedBy: 'person-alfa' });
    expect(countedCents(cost)).toBe(12_200);
  });

  it('moves submitted and approved spending as it goes through review', () => {
    const submitted = submitCost(draft(), MEMBER);
    expect(costDelta(draft(), submitted)).toEqual({ submittedCents: 12_200, approvedCents: 0 });
    const accepted = reviewCost(submitted, { version: 2, decision: 'approved', reason: '' }, COORDINATOR);
    expect(costDelta(submitted, accepted)).toEqual({ submittedCents: -12_200, approvedCents: 12_200 });
    const rejected = reviewCost(submitted, { version: 2, decision: 'rejected', reason: 'No invoice' }, COORDINATOR);
    expect(costDelta(submitted, rejected)).toEqual({ submittedCents: -12_200, approvedCents: 0 });
    expect(rejected.rejectionReason).toBe('No invoice');
  });

  it('can be corrected once rejected, and drops the reason when submitted again', () => {
    const rejected = reviewCost(submitCost(draft(), MEMBER), { version: 2, decision: 'rejected', reason: 'No invoice' }, COORDINATOR);
    const corrected = patchCost(rejected, { version: 3, documents: [{ url: 'https://example.org/invoice.pdf' }] }, MEMBER.at);
    const again = submitCost(corrected, MEMBER);
    expect(again.status).toBe('submitted');
    expect(again.rejectionReason).toBeUndefined();
  });

  it('cannot be edited once approved, nor while it waits for review', () => {
    expect(() => patchCost(approved(), { version: 3, amountCents: 1 }, MEMBER.at)).toThrow(/approved cost cannot be edited/);
    expect(() => patchCost(submitCost(draft(), MEMBER), { version: 2, amountCents: 1 }, MEMBER.at)).toThrow(/waits for review/);
  });

  it('cannot be reviewed by the person who reported or submitted it', () => {
    const submitted = submitCost({ ...draft(), reportedBy: COORDINATOR.personId }, MEMBER);
    expect(() => reviewCost(submitted, { version: 2, decision: 'approved', reason: '' }, COORDINATOR)).toThrow(/yourself/);
  });

  it('needs a reason to be rejected', () => {
    const result = CostReview.safeParse({ version: 2, decision: 'rejected' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['reason']);
  });

  it('is dated within the project and not in the future', () => {
    const project = { startDate: '2026-01-01', endDate: '2028-12-31' };
    expect(costDateIssues('2026-03-01', project, '2026-03-02')).toEqual([]);
    expect(costDateIssues('2026-03-03', project, '2026-03-02')[0]!.path).toBe('date');
    expect(costDateIssues('2025-12-31', project, '2026-03-02')[0]!.message).toMatch(/within the project/);
  });
});

describe('reverseCost', () => {
  it('adds an approved reversal that takes the spending back, and marks the original', () => {
    const { original, reversal } = reverseCost(approved(), { version: 3, reason: 'Counted twice' }, { id: 'c1-r', today: '2026-03-06' }, COORDINATOR);
    expect(original).toMatchObject({ status: 'approved', reversedBy: 'c1-r', amountCents: 10_000 });
    expect(reversal).toMatchObject({ kind: 'reversal', status: 'approved', reversesCostId: 'c1', date: '2026-03-06', version: 1 });
    expect(costDelta(undefined, reversal)).toEqual({ submittedCents: 0, approvedCents: -12_200 });
  });

  it('refuses a cost not approved, a reversed one and a reversal', () => {
    const input = { version: 1, reason: 'x' };
    const target = { id: 'r', today: '2026-03-06' };
    expect(() => reverseCost(draft(), input, target, COORDINATOR)).toThrow(/Only an approved cost/);
    expect(() => reverseCost({ ...approved(), reversedBy: 'c0' }, input, target, COORDINATOR)).toThrow(/already reversed/);
    const { reversal } = reverseCost(approved(), input, target, COORDINATOR);
    expect(() => reverseCost(reversal, input, { id: 's', today: '2026-03-06' }, COORDINATOR)).toThrow(/cannot itself/);
  });
});
