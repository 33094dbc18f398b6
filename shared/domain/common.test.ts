import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CalendarDate, Cents, Id, OrgId, patchOf } from './common';

describe('Id', () => {
  it.each(['a', 'coop-museo', 'p1', '0-start-with-digit', 'a'.repeat(63)])('accepts %j', (id) => {
    expect(Id.safeParse(id).success).toBe(true);
  });

  it.each(['', 'Coop', 'coop_museo', 'coop#1', '-leading-hyphen', 'with space', 'a'.repeat(64), 'caffè'])(
    'refuses %j',
    (id) => {
      expect(Id.safeParse(id).success).toBe(false);
    },
  );
});

describe('CalendarDate', () => {
  it.each(['2026-03-31', '2028-02-29'])('accepts %j', (date) => {
    expect(CalendarDate.safeParse(date).success).toBe(true);
  });

  it.each(['2026-02-29', '2026-04-31', '31/03/2026', '2026-03-31T00:00:00Z', ''])('refuses %j', (date) => {
    expect(CalendarDate.safeParse(date).success).toBe(false);
  });

  it('refuses a value that is not a string', () => {
    expect(CalendarDate.safeParse(20260331).success).toBe(false);
  });
});

describe('Cents', () => {
  it.each([0, 1, 150_000_00, 1_000_000_000_000])('accepts %d cents', (cents) => {
    expect(Cents.safeParse(cents).success).toBe(true);
  });

  it.each([-1, 10.5, 1_000_000_000_001, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (cents) => {
    expect(Cents.safeParse(cents).success).toBe(false);
  });

  it('refuses an amount given as a string', () => {
    expect(Cents.safeParse('100').success).toBe(false);
  });
});

describe('OrgId', () => {
  it.each(['IT-CF-01234567890', 'GB-COH-12345678', 'IT-RI-MI.1234567', 'XM-DAC-41114', 'NL-KVK-1234/56'])(
    'accepts %j',
    (orgId) => {
      expect(OrgId.safeParse(orgId).success).toBe(true);
    },
  );

  it.each(['it-cf-01234567890', 'IT-CF-', 'ITA-CF-0123', 'IT-C-0123', 'IT-CF-0123 4567', '01234567890', 'IT_CF_0123'])(
    'refuses %j',
    (orgId) => {
      expect(OrgId.safeParse(orgId).success).toBe(false);
    },
  );
});

describe('patchOf', () => {
  const Patch = patchOf({ title: z.string(), amount: Cents });

  it('accepts a patch with only a version', () => {
    const parsed = Patch.parse({ version: 3 });

    expect(parsed).toEqual({ version: 3 });
  });

  it('accepts a patch of some fields with a version', () => {
    const parsed = Patch.parse({ version: 3, amount: 500 });

    expect(parsed).toEqual({ version: 3, amount: 500 });
  });

  it('requires the version', () => {
    const result = Patch.safeParse({ title: 'New title' });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['version']]);
  });

  it.each([0, -1, 1.5])('refuses the version %d', (version) => {
    expect(Patch.safeParse({ version }).success).toBe(false);
  });

  it('refuses unknown keys', () => {
    const result = Patch.safeParse({ version: 3, status: 'accepted' });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('still validates the fields it makes optional', () => {
    expect(Patch.safeParse({ version: 3, amount: -5 }).success).toBe(false);
  });
});
