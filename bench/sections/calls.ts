// 4. DynamoDB calls per route: every route the dashboard uses, counted by an SDK middleware with
// the capacity DynamoDB reports, in the smallest and the largest scale consortium: a read must
// make the same small number of calls whatever the size of the project, and nothing may Scan.
import { SINGLE_PROJECT, scaleConsortium } from '../data/dataset';
import { describeCalls, type Call } from '../lib/call-counter';
import type { SectionRunner } from '../lib/context';
import { progress } from '../lib/progress';
import { figure, type Figure } from '../lib/results';

interface DashboardRoute {
  label: string;
  method: 'GET' | 'POST';
  /** Under /consortia/{cid}; `{p}` is the project's path. */
  path: string;
  body?: unknown;
  /** The caller's own route, outside any consortium. */
  personal?: boolean;
}

// What the dashboard's pages call (web/src): the coordinator's home, project tabs, review queue
// and money; the member's deliverables; the shell. Writes touch deliverables the synthetic data
// leaves in progress (index 1 mod 5) and submitted (2 mod 5).
const ROUTES: DashboardRoute[] = [
  { label: 'me (the shell)', method: 'GET', path: '/me', personal: true },
  { label: 'projects', method: 'GET', path: '/projects?limit=100' },
  { label: 'members', method: 'GET', path: '/members?limit=100' },
  { label: 'funders', method: 'GET', path: '/funders?limit=100' },
  { label: 'notifications', method: 'GET', path: '/notifications' },
  { label: 'project overview', method: 'GET', path: '{p}/overview' },
  { label: 'project phases', method: 'GET', path: '{p}/phases' },
  { label: 'deliverables, page of 100', method: 'GET', path: '{p}/deliverables?limit=100' },
  { label: 'deliverables of a phase, page of 100', method: 'GET', path: '{p}/deliverables?phaseId=phase-1&limit=100' },
  { label: 'a deliverable with its recent log', method: 'GET', path: '{p}/deliverables/d000001' },
  { label: "a deliverable's log", method: 'GET', path: '{p}/deliverables/d000001/log' },
  { label: "a member's open deliverables, page of 100", method: 'GET', path: '/members/m000/deliverables?limit=100' },
  { label: 'costs awaiting review', method: 'GET', path: '{p}/costs?status=submitted&limit=100' },
  { label: 'budget', method: 'GET', path: '{p}/budget' },
  { label: 'money summary', method: 'GET', path: '{p}/money' },
  { label: 'instalments', method: 'GET', path: '{p}/instalments?limit=100' },
  { label: 'exports', method: 'GET', path: '{p}/exports' },
  { label: 'log progress (write)', method: 'POST', path: '{p}/deliverables/d000011/log', body: { note: 'Counted', percent: 40 } },
  { label: 'review a submission (write)', method: 'POST', path: '{p}/deliverables/d000002/review', body: { decision: 'accepted' } },
];

const capacityOf = (calls: Call[]) => calls.reduce((sum, call) => sum + call.capacity, 0);

export const callsSection: SectionRunner = async ({ app, calls, dataset }) => {
  const sizes = [dataset.plan.scaleSizes[0]!, dataset.plan.scaleSizes.at(-1)!];
  const figures: Figure[] = [];
  const failed: string[] = [];
  for (const route of ROUTES) {
    const counted: Call[][] = [];
    for (const size of sizes) {
      const consortium = `/consortia/${scaleConsortium(size)}`;
      // Warm the membership, consortium and project caches with another request, then count this one alone.
      await app.request('GET', `${consortium}/projects/${SINGLE_PROJECT}`);
      const path = route.personal ? route.path : `${consortium}${route.path.replace('{p}', `/projects/${SINGLE_PROJECT}`)}`;
      const { result, calls: made } = await calls.during(() => app.request(route.method, path, route.body).catch((error: Error) => error));
      if (result instanceof Error) {
        failed.push(`${route.label} (${result.message})`);
        break;
      }
      counted.push(made);
    }
    progress(`  ${route.label}`);
    if (counted.length < sizes.length) continue;
    const [small, large] = counted as [Call[], Call[]];
    const scans = [...small, ...large].filter((call) => call.command.startsWith('Scan')).length;
    figures.push(
      figure(`calls.${route.method}.${route.label}`, `${route.label}: calls`, 'calls', large.length, { label: `at ${sizes[0]} deliverables`, value: small.length }, {
        goal: { text: `same calls at ${sizes[1]} as at ${sizes[0]} deliverables, no Scan`, met: describeCalls(small) === describeCalls(large) && scans === 0 },
        details: {
          callsAtLarge: describeCalls(large), callsAtSmall: describeCalls(small),
          capacityAtLarge: capacityOf(large), capacityAtSmall: capacityOf(small),
        },
      }),
    );
  }
  return {
    id: 'calls',
    title: `4. DynamoDB calls per request (at ${sizes[1]} deliverables, baseline the same route at ${sizes[0]})`,
    figures,
    notes: [
      'Counted by an SDK middleware on the app\'s DocumentClient (bench/lib/call-counter.ts), which also asks every call for ReturnConsumedCapacity; capacity units are in each figure\'s details (DynamoDB Local reports them as DynamoDB would).',
      'Counted with the membership, consortium and project caches warm; a request that finds them cold (every 3 s, 5 s and 3 s per process) makes up to 3 GetItems more (the project\'s only under /projects/{pid}: it tells whether the caller sees the project).',
      `A Scan anywhere in the run stops it with an error; none was sent.`,
      ...(failed.length > 0 ? [`FAILED, so not counted: ${failed.join('; ')}.`] : []),
    ],
  };
};
