// A large synthetic project for exports at scale and benchmarks: members, a funder, three phases
// and N deliverables with their logs, written with batch writes and counters recounted once.
import { addDays } from '../shared/domain/clock';
import type { Deliverable, DeliverableStatus, LogEntry } from '../shared/domain/deliverable';
import type { Member } from '../shared/domain/member';
import type { Phase } from '../shared/domain/phase';
import { recount } from '../shared/domain/progress';
import type { Project } from '../shared/domain/project';
import type { Store } from '../shared/store';
import { consortiumItem } from '../shared/store/consortia';
import type { Item } from '../shared/store/db';
import { deliverableItem, logEntryItem } from '../shared/store/deliverables';
import { funderRepository, memberRepository } from '../shared/store/directory';
import { phaseItem, projectItem } from '../shared/store/projects';

const STATUSES: DeliverableStatus[] = ['planned', 'in_progress', 'submitted', 'changes_requested', 'accepted'];

export interface SyntheticOptions {
  consortiumId: string;
  projectId: string;
  deliverables: number;
  logsPerDeliverable: number;
  members?: number;
  /** Slices of 500 deliverables written at once (benchmarks write hundreds of thousands of items). */
  concurrency?: number;
  onProgress?: (written: number, total: number) => void;
}

export async function writeSyntheticProject(store: Store, options: SyntheticOptions): Promise<void> {
  const { consortiumId, projectId } = options;
  const at = '2026-01-15T10:00:00.000Z';
  const stamp = { version: 1, createdAt: at, updatedAt: at };
  const memberCount = options.members ?? 50;
  const members: Member[] = Array.from({ length: memberCount }, (_, index) => ({
    id: `m${String(index).padStart(3, '0')}`, consortiumId, name: `Cooperativa Sintetica ${index} – attività culturali`,
    sector: 'culture', orgId: `IT-CF-${String(10_000_000_000 + index)}`, status: 'active', joinedOn: '2025-01-01', ...stamp,
  }));
  const project: Project = {
    id: projectId, consortiumId, title: `Progetto sintetico ${options.deliverables}`, funderId: 'synthetic-funder',
    call: 'Bando sintetico', grantCents: 100_000_000, cofinancingCents: 20_000_000, startDate: '2025-01-01', endDate: '2027-12-31',
    objectives: ['Misurare'], partners: members.map((m) => ({ memberId: m.id, role: 'partner' as const, budgetShareCents: 0 })),
    currency: 'EUR', ...stamp,
  };
  const phases: Phase[] = [1, 2, 3].map((order) => ({
    id: `phase-${order}`, consortiumId, projectId, order, title: `Fase ${order}`, status: order === 1 ? 'active' : 'planned',
    plannedStart: `${2024 + order}-01-01`, plannedEnd: `${2024 + order}-12-31`, ...stamp,
  }));
  const deliverables: Deliverable[] = Array.from({ length: options.deliverables }, (_, index) => {
    const status = STATUSES[index % STATUSES.length]!;
    return {
      id: `d${String(index).padStart(6, '0')}`, consortiumId, projectId, phaseId: phases[index % 3]!.id,
      ownerMemberId: members[index % memberCount]!.id, title: `Prodotto n. ${index} – qualità €`, kind: 'report',
      dueDate: addDays('2025-01-01', index % 1000), weight: 1 + (index % 3), status,
      reportedPercent: status === 'accepted' ? 100 : (index * 7) % 100, ...stamp,
    };
  });
  const logOf = (deliverable: Deliverable): LogEntry[] =>
    Array.from({ length: options.logsPerDeliverable }, (_, index) => ({
      id: `${deliverable.id}-l${index}`, deliverableId: deliverable.id, at: `2026-01-${String(10 + index).padStart(2, '0')}T09:00:00.000Z`,
      by: 'person-synthetic', type: 'progress', note: `Avanzamento ${index}`, percent: 10 * (index + 1), evidence: [],
    }));

  const members$ = memberRepository(store.db);
  const funders$ = funderRepository(store.db);
  const head: Item[] = [
    ...members.map((m) => members$.itemOf(m)),
    funders$.itemOf({ id: 'synthetic-funder', consortiumId, name: 'Fondazione Sintetica', orgId: 'IT-CF-99999999999', programme: 'Bando', ...stamp }),
    projectItem(project, recount(deliverables)),
    ...phases.map((phase) => phaseItem(phase, recount(deliverables.filter((d) => d.phaseId === phase.id)))),
  ];
  await store.db.putAll(head);
  const total = deliverables.length;
  const starts = Array.from({ length: Math.ceil(total / 500) }, (_, index) => index * 500);
  let written = 0;
  const writeSlices = async () => {
    for (let start = starts.shift(); start !== undefined; start = starts.shift()) {
      const slice = deliverables.slice(start, start + 500);
      await store.db.putAll(slice.flatMap((d) => [deliverableItem(d), ...logOf(d).map((entry) => logEntryItem(d, entry))]));
      written += slice.length;
      options.onProgress?.(written, total);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, writeSlices));
  await store.db.putAll([
    consortiumItem({ id: consortiumId, name: 'Consorzio sintetico', orgId: 'IT-CF-88888888888', timeZone: 'Europe/Rome', language: 'it', ...stamp }),
  ]);
}
