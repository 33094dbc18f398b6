import { describe, expect, it } from 'vitest';
import { buildDemo } from './demo-data';
import { demoPeople } from './demo-people';

describe("the demo's people", () => {
  it('have a name and an email each, shared with nobody else', () => {
    const demo = buildDemo('2026-11-23', '2026-11-23T10:00:00.000Z');
    const people = demoPeople(demo, '2026-11-23T10:00:00.000Z');
    expect(people.length).toBeGreaterThan(10);
    expect(new Set(people.map((p) => p.name)).size).toBe(people.length);
    expect(new Set(people.map((p) => p.email)).size).toBe(people.length);
  });

  it('stay distinct in a consortium of a hundred', () => {
    const demo = buildDemo('2026-11-23', '2026-11-23T10:00:00.000Z');
    const members = Array.from({ length: 97 }, (_, i) => ({ ...demo.members[0]!, id: `m${i}` }));
    const people = demoPeople({ ...demo, members }, '2026-11-23T10:00:00.000Z');
    expect(new Set(people.map((p) => p.name)).size).toBe(people.length);
  });
});
