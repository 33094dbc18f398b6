// 5. Scaling: the overview and a member's deliverables in projects of growing size, one full
// page each: the time per page must follow the page, not the project.
import { SINGLE_PROJECT, scaleConsortium } from '../data/dataset';
import { describeCalls } from '../lib/call-counter';
import type { SectionRunner } from '../lib/context';
import { counter } from '../lib/progress';
import { figure, type Figure } from '../lib/results';
import { median, timed } from '../lib/stats';

export const scalingSection: SectionRunner = async ({ app, calls, dataset, quick }) => {
  const { scaleSizes: sizes, scalePage: page } = dataset.plan;
  const rounds = quick ? 10 : 100;
  const routes = [
    {
      id: 'overview', label: 'overview',
      path: (size: number) => `/consortia/${scaleConsortium(size)}/projects/${SINGLE_PROJECT}/overview`,
      items: (body: Record<string, unknown>) => (body.overdue as unknown[]).length + (body.dueSoon as unknown[]).length + (body.phases as unknown[]).length,
    },
    {
      id: 'memberDeliverables', label: `member deliverables, page of ${page}`,
      path: (size: number) => `/consortia/${scaleConsortium(size)}/members/m000/deliverables?limit=${page}`,
      items: (body: Record<string, unknown>) => (body.items as unknown[]).length,
    },
  ];
  const figures: Figure[] = [];
  for (const route of routes) {
    const measured = [];
    for (const size of sizes) {
      const path = route.path(size);
      for (let warm = 0; warm < 5; warm++) await app.request('GET', path);
      const report = counter(`  ${route.label} at ${size} deliverables`, rounds);
      const times: number[] = [];
      let items = 0;
      for (let round = 0; round < rounds; round++) {
        const { ms, result } = await timed(() => app.request('GET', path));
        times.push(ms);
        items = route.items(result);
        report(round + 1);
      }
      const { calls: made } = await calls.during(() => app.request('GET', path));
      measured.push({ size, ms: median(times), items, calls: describeCalls(made) });
    }
    const smallest = measured[0]!;
    for (const m of measured) {
      const largest = m === measured.at(-1);
      figures.push(
        figure(`scaling.${route.id}.${m.size}`, `${route.label}: ${m.size.toLocaleString('en')} deliverables`, 'ms/page', m.ms, {
          label: `at ${smallest.size}`, value: smallest.ms,
        }, {
          ...(largest ? { goal: { text: 'time per page within 1.5x of the smallest project', met: m.ms <= 1.5 * smallest.ms } } : {}),
          details: { itemsPerPage: m.items, itemsPerSecond: Math.round(m.items / (m.ms / 1000)), calls: m.calls, rounds },
        }),
      );
    }
  }
  return {
    id: 'scaling',
    title: '5. Scaling (median ms per page through the app; baseline the smallest project)',
    figures,
    notes: [
      `One consortium per size (${sizes.join(', ')} deliverables in one project, ${dataset.plan.scaleMembers} members, so that every page is full), ${rounds} requests each after 5 warm-up ones; items per page and per second are in each figure's details.`,
    ],
  };
};
