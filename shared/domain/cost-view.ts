// A cost as the API answers it to one caller: with the actions this caller may take on it now, so
// that a client offers only those (a coordinator never reviews a cost they reported or submitted).
import { z } from 'zod';
import { Cost, costStatusMachine } from './cost';
import type { Access } from './person';

export const CostActionName = z.enum(['update', 'submit', 'review', 'reverse']);
export type CostActionName = z.infer<typeof CostActionName>;

export const CostView = Cost.extend({
  actions: z
    .array(CostActionName)
    .meta({ description: "What the caller may do to it now: `update` or `submit` a draft or rejected cost of its own member (coordinators: any), `review` a submitted one (coordinators who neither reported nor submitted it), `reverse` an approved one (coordinators)" }),
}).meta({ id: 'CostView' });
export type CostView = z.infer<typeof CostView>;

export function costActions(cost: Cost, access: Access): CostActionName[] {
  const coordinator = access.role === 'coordinator';
  const own = coordinator || (access.role === 'member' && access.memberId === cost.memberId);
  const actions: CostActionName[] = [];
  if (own && costStatusMachine.canMove(cost.status, 'submitted')) actions.push('update', 'submit');
  const involved = cost.reportedBy === access.personId || cost.submittedBy === access.personId;
  if (coordinator && !involved && costStatusMachine.canMove(cost.status, 'approved')) actions.push('review');
  if (coordinator && cost.status === 'approved' && cost.kind === 'cost' && !cost.reversedBy) actions.push('reverse');
  return actions;
}

export const costView = (cost: Cost, access: Access): CostView => ({ ...cost, actions: costActions(cost, access) });
