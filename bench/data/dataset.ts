// The benchmark's data: a large consortium and a few single-project consortia, written with
// batch writes through the store's own item builders (dev/synthetic-project.ts), so that every
// item has the keys and counters the API reads.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { writeSyntheticProject } from '../../dev/synthetic-project';
import type { Store } from '../../shared/store';
import { personItem } from '../../shared/store/people';
import { counter, progress } from '../lib/progress';

/** The person every measured request acts as: a coordinator in every consortium of the run. */
export const BENCH_PERSON = 'bench-coordinator';

export interface DatasetPlan {
  /** The large consortium: its members, a big project, and smaller ones beside it. */
  consortium: { id: string; members: number; bigProject: { deliverables: number; logs: number }; otherProjects: { count: number; deliverables: number; logs: number } };
  /** One consortium per size, a single project each: the scaling figures compare them. */
  scaleSizes: number[];
  /** Few members in the scale consortia, so that even the smallest fills a member's page. */
  scaleMembers: number;
  /** The page the scaling figures read: full at every size. */
  scalePage: number;
  /** One consortium per size, a single project each: the export figures compare them. */
  exportSizes: number[];
  /** The size up to which PDF is exported (it is a report for people, not a data dump). */
  pdfMaxSize: number;
}

export const FULL_PLAN: DatasetPlan = {
  consortium: { id: 'bench', members: 50, bigProject: { deliverables: 10_000, logs: 5 }, otherProjects: { count: 19, deliverables: 400, logs: 5 } },
  scaleSizes: [100, 1_000, 10_000],
  scaleMembers: 4,
  scalePage: 20,
  exportSizes: [1_000, 10_000, 100_000],
  pdfMaxSize: 10_000,
};

export const QUICK_PLAN: DatasetPlan = {
  consortium: { id: 'bench', members: 50, bigProject: { deliverables: 300, logs: 2 }, otherProjects: { count: 2, deliverables: 20, logs: 1 } },
  scaleSizes: [20, 50, 200],
  scaleMembers: 4,
  scalePage: 4,
  exportSizes: [20, 100],
  pdfMaxSize: 100,
};

export const BIG_PROJECT = 'p-big';
export const scaleConsortium = (size: number) => `scale-${size}`;
export const exportConsortium = (size: number) => `export-${size}`;
/** The single project of each scale or export consortium. */
export const SINGLE_PROJECT = 'p';

export interface Dataset {
  plan: DatasetPlan;
  items: number;
  seconds: number;
}

const stamp = { version: 1, createdAt: '2026-01-15T10:00:00.000Z', updatedAt: '2026-01-15T10:00:00.000Z' };

async function project(store: Store, consortiumId: string, projectId: string, deliverables: number, logs: number, members: number) {
  const report = counter(`  ${consortiumId}/${projectId}: deliverables written`, deliverables);
  await writeSyntheticProject(store, {
    consortiumId, projectId, deliverables, logsPerDeliverable: logs, members, concurrency: 8, onProgress: (written) => report(written),
  });
  await store.db.putAll([
    personItem({ id: BENCH_PERSON, consortiumId, email: 'bench@example.org', name: 'Benchmark coordinator', language: 'en', role: 'coordinator', ...stamp }),
  ]);
}

export async function writeDataset(store: Store, plan: DatasetPlan): Promise<Dataset> {
  const started = performance.now();
  const { consortium } = plan;
  await project(store, consortium.id, BIG_PROJECT, consortium.bigProject.deliverables, consortium.bigProject.logs, consortium.members);
  for (let index = 1; index <= consortium.otherProjects.count; index++) {
    const { deliverables, logs } = consortium.otherProjects;
    await project(store, consortium.id, `p${String(index).padStart(2, '0')}`, deliverables, logs, consortium.members);
  }
  for (const size of plan.scaleSizes) await project(store, scaleConsortium(size), SINGLE_PROJECT, size, 1, plan.scaleMembers);
  for (const size of plan.exportSizes) await project(store, exportConsortium(size), SINGLE_PROJECT, size, 1, consortium.members);
  const table = await store.db.client.send(new DescribeTableCommand({ TableName: store.db.tableName }));
  progress(`data written: ${table.Table?.ItemCount ?? '?'} items`);
  return { plan, items: table.Table?.ItemCount ?? 0, seconds: (performance.now() - started) / 1000 };
}
