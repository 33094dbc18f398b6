// Unit tests of the demo's training, offers and indicators: valid entities, on whatever day the demo is built.
import { describe, expect, it } from 'vitest';
import { Indicator } from '../../shared/domain/indicator';
import { Offer } from '../../shared/domain/offer';
import { Attendance, Session, TrainingPath } from '../../shared/domain/training';
import { buildDemo } from './demo-data';
import { buildDemoExtras, demoExtrasItems } from './demo-training';

const days = [
  { today: '2026-11-23', now: '2026-11-23T10:00:00.000Z' },
  { today: '2027-02-28', now: '2027-02-27T23:00:00.000Z' },
  { today: '2028-02-29', now: '2028-02-29T18:45:00.000Z' },
  { today: '2026-05-01', now: '2026-05-01T08:00:00.000Z' },
];

describe.each(days)('the demo extras built on $today', ({ today, now }) => {
  const demo = buildDemo(today, now);
  const extras = buildDemoExtras(demo);

  it('has entities that all parse with their schemas, unchanged', () => {
    for (const path of extras.paths) expect(TrainingPath.parse(path)).toEqual(path);
    for (const session of extras.sessions) expect(Session.parse(session)).toEqual(session);
    for (const record of extras.attendance) expect(Attendance.parse(record)).toEqual(record);
    for (const offer of extras.offers) expect(Offer.parse(offer)).toEqual(offer);
    for (const indicator of extras.indicators) expect(Indicator.parse(indicator)).toEqual(indicator);
  });

  it('holds past sessions and plans future ones, with attendance only at held sessions, within their hours', () => {
    for (const session of extras.sessions.filter((s) => s.status !== 'cancelled')) {
      expect(session.status).toBe(session.date < today ? 'held' : 'planned');
    }
    for (const record of extras.attendance) {
      const session = extras.sessions.find((s) => s.id === record.sessionId)!;
      expect(session.status).toBe('held');
      expect(record.hours).toBeLessThanOrEqual(session.hours);
    }
  });

  it('dates every offer stage and actual on or before today, in order', () => {
    for (const offer of extras.offers) {
      const dates = offer.stageHistory.map((s) => s.on);
      expect(dates).toEqual([...dates].sort());
      expect(dates.at(-1)! <= today).toBe(true);
    }
    for (const indicator of extras.indicators) for (const actual of indicator.actuals) expect(actual.on <= today).toBe(true);
  });

  it('has stable ids, unique per kind, and items with unique keys', () => {
    const keys = demoExtrasItems(extras).map((item) => `${item.PK} ${item.SK}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(buildDemoExtras(buildDemo(today, now)).offers.map((o) => o.id)).toEqual(extras.offers.map((o) => o.id));
  });
});
