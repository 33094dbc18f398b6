import { describe, expect, it } from 'vitest';
import { addDays } from './clock';
import { DeliverableStatus } from './deliverable';
import { DUE_SOON_DAYS, dueSoonUntil, isDueSoon, isOverdue } from './schedule';

const TODAY = '2026-03-20';

const open = (dueDate: string) => ({ status: 'in_progress' as const, dueDate });

describe('isOverdue', () => {
  it('calls an open deliverable due yesterday overdue', () => {
    expect(isOverdue(open('2026-03-19'), TODAY)).toBe(true);
  });

  it('does not call a deliverable due today overdue', () => {
    expect(isOverdue(open(TODAY), TODAY)).toBe(false);
  });

  it('does not call a deliverable due in the future overdue', () => {
    expect(isOverdue(open('2026-03-21'), TODAY)).toBe(false);
  });

  it('never calls an accepted deliverable overdue', () => {
    expect(isOverdue({ status: 'accepted', dueDate: '2025-01-01' }, TODAY)).toBe(false);
  });

  it.each(DeliverableStatus.options.filter((status) => status !== 'accepted'))(
    'calls a late %s deliverable overdue',
    (status) => {
      expect(isOverdue({ status, dueDate: '2026-02-01' }, TODAY)).toBe(true);
    },
  );

  it('compares across a year end', () => {
    expect(isOverdue(open('2025-12-31'), '2026-01-01')).toBe(true);
  });
});

describe('isDueSoon', () => {
  it('calls a deliverable due today due soon', () => {
    expect(isDueSoon(open(TODAY), TODAY)).toBe(true);
  });

  it('calls a deliverable due in 14 days due soon', () => {
    expect(isDueSoon(open('2026-04-03'), TODAY)).toBe(true);
  });

  it('does not call a deliverable due in 15 days due soon', () => {
    expect(isDueSoon(open('2026-04-04'), TODAY)).toBe(false);
  });

  it('does not call an overdue deliverable due soon', () => {
    expect(isDueSoon(open('2026-03-19'), TODAY)).toBe(false);
  });

  it('never calls an accepted deliverable due soon', () => {
    expect(isDueSoon({ status: 'accepted', dueDate: TODAY }, TODAY)).toBe(false);
  });

  it('counts the 14 days across a month and year end', () => {
    expect(isDueSoon(open('2027-01-14'), '2026-12-31')).toBe(true);
    expect(isDueSoon(open('2027-01-15'), '2026-12-31')).toBe(false);
  });
});

describe('dueSoonUntil', () => {
  it('is today plus DUE_SOON_DAYS, which is 14', () => {
    expect(DUE_SOON_DAYS).toBe(14);
    expect(dueSoonUntil(TODAY)).toBe(addDays(TODAY, 14));
    expect(dueSoonUntil(TODAY)).toBe('2026-04-03');
  });
});
