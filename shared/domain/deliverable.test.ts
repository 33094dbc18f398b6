import { describe, expect, it } from 'vitest';
import {
  DeliverableStatus,
  ProgressInput,
  ReviewInput,
  SubmitInput,
  deliverableStatusMachine,
  isOpen,
  logProgress,
  review,
  submit,
  type Deliverable,
} from './deliverable';
import { ConflictError, InvalidTransitionError } from './errors';

const CREATED = '2026-01-10T09:00:00.000Z';
const NOW = '2026-03-02T10:15:00.000Z';
const context = { entryId: 'entry-1', by: 'person-anna', now: NOW, today: NOW.slice(0, 10) };

function deliverable(overrides: Partial<Deliverable> = {}): Deliverable {
  return {
    id: 'd-report',
    consortiumId: 'conso',
    projectId: 'p-culture',
    phaseId: 'phase-2',
    ownerMemberId: 'coop-museo',
    title: 'Visitor survey report',
    kind: 'report',
    dueDate: '2026-04-30',
    weight: 2,
    status: 'planned',
    reportedPercent: 0,
    version: 3,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

const STATUSES = DeliverableStatus.options;

/** The allowed next statuses, each list in the order of DeliverableStatus.options. */
const ALLOWED: Record<DeliverableStatus, DeliverableStatus[]> = {
  planned: ['in_progress', 'submitted'],
  in_progress: ['submitted'],
  submitted: ['changes_requested', 'accepted'],
  changes_requested: ['in_progress', 'submitted'],
  accepted: [],
};

describe('deliverableStatusMachine', () => {
  it('allows exactly the transitions of the deliverable table for every pair of statuses', () => {
    const actual = Object.fromEntries(
      STATUSES.map((from) => [from, STATUSES.filter((to) => deliverableStatusMachine.canMove(from, to))]),
    );

    expect(actual).toEqual(ALLOWED);
  });

  it('moves along every allowed pair and refuses every other pair', () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const attempt = () => deliverableStatusMachine.move(from, to);
        if (ALLOWED[from].includes(to)) expect(attempt(), `${from} -> ${to}`).toBe(to);
        else expect(attempt, `${from} -> ${to}`).toThrow(InvalidTransitionError);
      }
    }
  });

  it('names both statuses when refusing a transition', () => {
    const attempt = () => deliverableStatusMachine.move('accepted', 'in_progress');

    expect(attempt).toThrow(/deliverable cannot move from accepted to in_progress/);
  });

  it('lists the allowed next statuses when refusing a transition', () => {
    const attempt = () => deliverableStatusMachine.move('planned', 'accepted');

    expect(attempt).toThrow('(allowed from planned: in_progress, submitted)');
  });
});

describe('isOpen', () => {
  it('treats every deliverable as open until it is accepted', () => {
    const open = STATUSES.filter((status) => isOpen({ status }));

    expect(open).toEqual(['planned', 'in_progress', 'submitted', 'changes_requested']);
  });
});

describe('logProgress', () => {
  const input = ProgressInput.parse({
    note: 'Collected 120 questionnaires',
    percent: 40,
    evidence: [{ url: 'https://example.org/survey.pdf', title: 'Survey' }],
  });

  it('starts the work of a planned deliverable', () => {
    const { after } = logProgress(deliverable({ status: 'planned' }), input, context);

    expect(after.status).toBe('in_progress');
  });

  it('keeps a deliverable in progress when more progress is logged', () => {
    const { after } = logProgress(deliverable({ status: 'in_progress', reportedPercent: 10 }), input, context);

    expect(after.status).toBe('in_progress');
  });

  it('resumes the work of a deliverable whose changes were requested', () => {
    const { after } = logProgress(deliverable({ status: 'changes_requested' }), input, context);

    expect(after.status).toBe('in_progress');
  });

  it('records the reported percentage and the time of the change, keeping the version', () => {
    const before = deliverable({ status: 'in_progress', reportedPercent: 10 });

    const { after } = logProgress(before, input, context);

    expect(after).toEqual({ ...before, status: 'in_progress', reportedPercent: 40, updatedAt: NOW });
  });

  it('writes a progress log entry with who, when, note, percent and evidence', () => {
    const { entry } = logProgress(deliverable(), input, context);

    expect(entry).toEqual({
      id: 'entry-1',
      deliverableId: 'd-report',
      at: NOW,
      by: 'person-anna',
      type: 'progress',
      note: 'Collected 120 questionnaires',
      percent: 40,
      evidence: [{ url: 'https://example.org/survey.pdf', title: 'Survey' }],
    });
  });

  it('does not change the deliverable it was given', () => {
    const before = deliverable();
    const copy = structuredClone(before);

    logProgress(before, input, context);

    expect(before).toEqual(copy);
  });

  it.each(['submitted', 'accepted'] as const)('refuses progress on a %s deliverable with a ConflictError', (status) => {
    const attempt = () => logProgress(deliverable({ status }), input, context);

    expect(attempt).toThrow(ConflictError);
    expect(attempt).toThrow(`Progress cannot be logged on a ${status} deliverable`);
  });

  it('tells the owner of a submitted deliverable to wait for the review', () => {
    const attempt = () => logProgress(deliverable({ status: 'submitted' }), input, context);

    expect(attempt).toThrow(': wait for the review');
  });
});

describe('ProgressInput', () => {
  it('refuses an empty note', () => {
    const result = ProgressInput.safeParse({ note: '', percent: 10 });

    expect(result.success).toBe(false);
  });

  it.each([-1, 101, 12.5])('refuses the percentage %s', (percent) => {
    const result = ProgressInput.safeParse({ note: 'work', percent });

    expect(result.success).toBe(false);
  });

  it('refuses evidence that is not an http(s) link', () => {
    const result = ProgressInput.safeParse({ note: 'work', percent: 5, evidence: [{ url: 'ftp://example.org/a' }] });

    expect(result.success).toBe(false);
  });

  it('defaults the evidence to an empty list', () => {
    const parsed = ProgressInput.parse({ note: 'work', percent: 5 });

    expect(parsed.evidence).toEqual([]);
  });
});

describe('submit', () => {
  const input = SubmitInput.parse({ note: 'Final version', evidence: [{ url: 'https://example.org/final.pdf' }] });

  it.each(['planned', 'in_progress', 'changes_requested'] as const)(
    'submits a %s deliverable and stamps submittedAt and the day of submission',
    (status) => {
      const before = deliverable({ status });

      const { after } = submit(before, input, context);

      expect(after).toEqual({ ...before, status: 'submitted', submittedAt: NOW, submittedOn: NOW.slice(0, 10), updatedAt: NOW });
    },
  );

  it('writes a submission log entry with the note and evidence and no percent', () => {
    const { entry } = submit(deliverable({ status: 'in_progress' }), input, context);

    expect(entry).toEqual({
      id: 'entry-1',
      deliverableId: 'd-report',
      at: NOW,
      by: 'person-anna',
      type: 'submission',
      note: 'Final version',
      evidence: [{ url: 'https://example.org/final.pdf' }],
    });
  });

  it.each(['submitted', 'accepted'] as const)('refuses to submit a %s deliverable again', (status) => {
    const attempt = () => submit(deliverable({ status }), input, context);

    expect(attempt).toThrow(InvalidTransitionError);
    expect(attempt).toThrow(`from ${status} to submitted`);
  });

  it('defaults the note to empty text', () => {
    const parsed = SubmitInput.parse({});

    expect(parsed).toEqual({ note: '', evidence: [] });
  });
});

describe('review', () => {
  const accept = ReviewInput.parse({ decision: 'accepted', comment: 'Well done' });
  const requestChanges = ReviewInput.parse({ decision: 'changes_requested', comment: 'Add the appendix' });

  it('accepts a submitted deliverable, setting acceptedAt and reported progress to 100', () => {
    const before = deliverable({ status: 'submitted', reportedPercent: 80, submittedAt: CREATED });

    const { after } = review(before, accept, context);

    expect(after).toEqual({ ...before, status: 'accepted', acceptedAt: NOW, reportedPercent: 100, updatedAt: NOW });
  });

  it('requests changes on a submitted deliverable without touching acceptedAt or the reported percentage', () => {
    const before = deliverable({ status: 'submitted', reportedPercent: 80 });

    const { after } = review(before, requestChanges, context);

    expect(after).toEqual({ ...before, status: 'changes_requested', updatedAt: NOW });
    expect(after).not.toHaveProperty('acceptedAt');
  });

  it('writes a review log entry carrying the decision and the comment as note', () => {
    const { entry } = review(deliverable({ status: 'submitted' }), requestChanges, context);

    expect(entry).toEqual({
      id: 'entry-1',
      deliverableId: 'd-report',
      at: NOW,
      by: 'person-anna',
      type: 'review',
      note: 'Add the appendix',
      evidence: [],
      decision: 'changes_requested',
    });
  });

  it.each(['planned', 'in_progress', 'changes_requested', 'accepted'] as const)(
    'refuses to review a %s deliverable',
    (status) => {
      const attempt = () => review(deliverable({ status }), accept, context);

      expect(attempt).toThrow(InvalidTransitionError);
      expect(attempt).toThrow(`from ${status} to accepted`);
    },
  );
});

describe('ReviewInput', () => {
  it('refuses a request for changes without a comment, on the comment field', () => {
    const result = ReviewInput.safeParse({ decision: 'changes_requested' });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['comment']]);
  });

  it('refuses a request for changes whose comment is only blanks', () => {
    const result = ReviewInput.safeParse({ decision: 'changes_requested', comment: '   ' });

    expect(result.success).toBe(false);
  });

  it('accepts an acceptance without a comment', () => {
    const parsed = ReviewInput.parse({ decision: 'accepted' });

    expect(parsed).toEqual({ decision: 'accepted', comment: '' });
  });

  it('refuses an unknown decision', () => {
    const result = ReviewInput.safeParse({ decision: 'rejected', comment: 'no' });

    expect(result.success).toBe(false);
  });

  it('refuses unknown fields', () => {
    const result = ReviewInput.safeParse({ decision: 'accepted', score: 5 });

    expect(result.success).toBe(false);
  });
});
