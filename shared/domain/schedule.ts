// Deadlines: which open deliverables are overdue or due soon, relative to an injected today.
import { addDays } from './clock';
import { isOpen, type Deliverable } from './deliverable';

/** "Due soon" means due within this many days from today. */
export const DUE_SOON_DAYS = 14;

type Dated = Pick<Deliverable, 'status' | 'dueDate'>;

export function isOverdue(deliverable: Dated, today: string): boolean {
  return isOpen(deliverable) && deliverable.dueDate < today;
}

export function isDueSoon(deliverable: Dated, today: string): boolean {
  return isOpen(deliverable) && deliverable.dueDate >= today && deliverable.dueDate <= dueSoonUntil(today);
}

export function dueSoonUntil(today: string): string {
  return addDays(today, DUE_SOON_DAYS);
}
