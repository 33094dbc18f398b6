// A deliverable as the API answers it to one caller: with what the server knows of it that a client
// must not work out again (whether it is overdue or due soon, which actions this caller may take).
import { z } from 'zod';
import { Deliverable, deliverableStatusMachine, type DeliverableStatus } from './deliverable';
import type { Access } from './person';
import { isDueSoon, isOverdue } from './schedule';

export const DeliverableActionName = z.enum(['log', 'submit', 'review']);
export type DeliverableActionName = z.infer<typeof DeliverableActionName>;

export const DeliverableView = Deliverable.extend({
  deadline: z
    .enum(['overdue', 'due_soon'])
    .nullable()
    .meta({ description: "`overdue`: open and due before today; `due_soon`: open and due within 14 days; null otherwise (today in the consortium's time zone)" }),
  actions: z
    .array(DeliverableActionName)
    .meta({ description: 'What the caller may do to it now: `log` progress, `submit` it for review, `review` it (its role and its status allowing)' }),
}).meta({ id: 'DeliverableView' });
export type DeliverableView = z.infer<typeof DeliverableView>;

/** Progress may be logged while the work is open and not waiting for a review. */
const LOGGABLE: readonly DeliverableStatus[] = ['planned', 'in_progress', 'changes_requested'];

export function deliverableActions(deliverable: Deliverable, access: Access): DeliverableActionName[] {
  const works = access.role === 'coordinator' || (access.role === 'member' && access.memberId === deliverable.ownerMemberId);
  const actions: DeliverableActionName[] = [];
  if (works && LOGGABLE.includes(deliverable.status)) actions.push('log');
  if (works && deliverableStatusMachine.canMove(deliverable.status, 'submitted')) actions.push('submit');
  if (access.role === 'coordinator' && deliverableStatusMachine.canMove(deliverable.status, 'accepted')) actions.push('review');
  return actions;
}

export function deliverableView(deliverable: Deliverable, today: string, access: Access): DeliverableView {
  const deadline = isOverdue(deliverable, today) ? 'overdue' : isDueSoon(deliverable, today) ? 'due_soon' : null;
  return { ...deliverable, deadline, actions: deliverableActions(deliverable, access) };
}
