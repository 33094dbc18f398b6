import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, ValidationError } from './errors';
import { MemberCreate, MemberPatch, MemberStatus, memberStatusMachine, newMember, patchMember, type Member } from './member';

const CREATED = '2025-11-03T08:00:00.000Z';
const TODAY = '2026-03-02';
const NOW = '2026-03-02T10:00:00.000Z';

function member(overrides: Partial<Member> = {}): Member {
  return {
    id: 'coop-museo',
    consortiumId: 'conso',
    name: 'Cooperativa Museo Aperto',
    sector: 'museum services',
    orgId: 'IT-CF-01234567890',
    status: 'applicant',
    version: 2,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

const STATUSES = MemberStatus.options;

const ALLOWED: Record<MemberStatus, MemberStatus[]> = {
  applicant: ['active', 'left'],
  active: ['left'],
  left: [],
};

describe('memberStatusMachine', () => {
  it('allows exactly the transitions of the member table for every pair of statuses', () => {
    const actual = Object.fromEntries(
      STATUSES.map((from) => [from, STATUSES.filter((to) => memberStatusMachine.canMove(from, to))]),
    );

    expect(actual).toEqual(ALLOWED);
  });

  it('moves along every allowed pair and refuses every other pair', () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const attempt = () => memberStatusMachine.move(from, to);
        if (ALLOWED[from].includes(to)) expect(attempt(), `${from} -> ${to}`).toBe(to);
        else expect(attempt, `${from} -> ${to}`).toThrow(InvalidTransitionError);
      }
    }
  });

  it('names both statuses when refusing to readmit a member that left', () => {
    const attempt = () => memberStatusMachine.move('left', 'active');

    expect(attempt).toThrow('A member cannot move from left to active (allowed from left: none)');
  });
});

describe('patchMember', () => {
  it('admits an applicant and dates the admission today', () => {
    const changes = patchMember(member(), MemberPatch.parse({ version: 2, status: 'active' }), TODAY);

    expect(changes).toEqual({ status: 'active', joinedOn: TODAY });
  });

  it('keeps a joining date the applicant already had', () => {
    const changes = patchMember(member({ joinedOn: '2026-02-01' }), { version: 2, status: 'active' }, TODAY);

    expect(changes.joinedOn).toBe('2026-02-01');
  });

  it('dates the exit of an active member today', () => {
    const changes = patchMember(member({ status: 'active', joinedOn: '2025-12-01' }), { version: 2, status: 'left' }, TODAY);

    expect(changes).toEqual({ status: 'left', leftOn: TODAY });
  });

  it('lets an applicant withdraw, dating the exit', () => {
    const changes = patchMember(member(), { version: 2, status: 'left' }, TODAY);

    expect(changes).toEqual({ status: 'left', leftOn: TODAY });
  });

  it('dates an admission and an exit on the days given, when they were not today', () => {
    const admitted = patchMember(member(), { version: 2, status: 'active', joinedOn: '2026-01-15' }, TODAY);
    const left = patchMember(member({ status: 'active', joinedOn: '2025-12-01' }), { version: 2, status: 'left', leftOn: '2026-02-28' }, TODAY);

    expect(admitted).toEqual({ status: 'active', joinedOn: '2026-01-15' });
    expect(left).toEqual({ status: 'left', leftOn: '2026-02-28' });
  });

  it('refuses an exit dated before the admission, naming leftOn', () => {
    const attempt = () => patchMember(member({ status: 'active', joinedOn: '2026-02-01' }), { version: 2, status: 'left', leftOn: '2026-01-31' }, TODAY);

    expect(attempt).toThrow(ValidationError);
  });

  it('refuses to bring back a member that left', () => {
    const attempt = () => patchMember(member({ status: 'left', leftOn: '2026-01-01' }), { version: 2, status: 'active' }, TODAY);

    expect(attempt).toThrow(InvalidTransitionError);
  });

  it('refuses to turn an active member back into an applicant', () => {
    const attempt = () => patchMember(member({ status: 'active' }), { version: 2, status: 'applicant' }, TODAY);

    expect(attempt).toThrow('cannot move from active to applicant');
  });

  it('passes other fields through, without the version, and leaves the dates alone', () => {
    const changes = patchMember(member(), { version: 2, city: 'Bologna', sector: 'tourism' }, TODAY);

    expect(changes).toEqual({ city: 'Bologna', sector: 'tourism' });
  });

  it('ignores a status equal to the current one', () => {
    const changes = patchMember(member({ status: 'left' }), { version: 2, status: 'left' }, TODAY);

    expect(changes).toEqual({});
  });
});

describe('newMember', () => {
  const input = {
    name: 'Cooperativa Sociale Ponte',
    sector: 'social services',
    orgId: 'IT-CF-98765432109',
  };

  it('starts a new member as an applicant without a joining date by default', () => {
    const created = newMember(MemberCreate.parse(input), { id: 'coop-ponte', consortiumId: 'conso' }, TODAY, NOW);

    expect(created).toEqual({
      id: 'coop-ponte',
      consortiumId: 'conso',
      ...input,
      status: 'applicant',
      version: 1,
      createdAt: NOW,
      updatedAt: NOW,
    });
  });

  it('dates an active new member today unless a joining date is given', () => {
    const ids = { id: 'coop-ponte', consortiumId: 'conso' };

    const today = newMember(MemberCreate.parse({ ...input, status: 'active' }), ids, TODAY, NOW);
    const given = newMember(MemberCreate.parse({ ...input, status: 'active', joinedOn: '2026-01-15' }), ids, TODAY, NOW);

    expect(today.joinedOn).toBe(TODAY);
    expect(given.joinedOn).toBe('2026-01-15');
  });

  it('refuses to create a member that has already left', () => {
    const result = MemberCreate.safeParse({ ...input, status: 'left' });

    expect(result.success).toBe(false);
  });
});
