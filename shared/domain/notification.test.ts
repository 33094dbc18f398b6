import { describe, expect, it } from 'vitest';
import { isoWeekOf, notificationId } from './notification';

describe('isoWeekOf', () => {
  it('names the ISO week, whose year is that of its Thursday', () => {
    expect(isoWeekOf('2026-11-23')).toBe('2026-w48');
    expect(isoWeekOf('2026-11-29')).toBe('2026-w48');
    expect(isoWeekOf('2026-11-30')).toBe('2026-w49');
    expect(isoWeekOf('2021-01-03')).toBe('2020-w53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-w01');
  });
});

describe('notificationId', () => {
  it('starts with the creation time, so that later ids sort after earlier ones', () => {
    const first = notificationId('2026-11-23T09:00:00.000Z', 'zz');
    const second = notificationId('2026-11-23T09:00:00.001Z', 'aa');
    expect(first).toBe('20261123090000000-zz');
    expect(first < second).toBe(true);
  });
});
