// A project's dashboard for coordinators: a tab per area, the overview first (timeline, phases
// with their progress and gates, overdue and due soon).
import type { Phase, ProjectOverview } from '../../api/types';
import { Timeline } from '../../components/timeline';
import { Bar, Link, Loading, Section, Status, useAction } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { useApp } from '../../context';
import type { MessageKey } from '../../i18n/messages';
import { DeadlineList } from '../common/deadline-list';
import { NotFound } from '../common/not-found';
import { ProjectFacts } from '../common/project-facts';
import { TrainingTab, OffersTab, IndicatorsTab } from './activity';
import { DeliverablesTab } from './deliverables';
import { ExportsTab } from './exports';
import { MoneyTab } from './money';
import { CopyProject } from './project-copy';
import { PlanTab } from './plan';
import { ReviewTab } from './review';

const TABS = ['overview', 'plan', 'deliverables', 'review', 'money', 'training', 'offers', 'indicators', 'exports'] as const;
type Tab = (typeof TABS)[number];

export function ProjectPage({ projectId, tab }: { projectId: string; tab: string }) {
  const { api, consortiumId, t } = useApp();
  const overview = useLoad(() => api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/overview', { consortiumId, projectId }), [projectId, tab]);
  if (!(TABS as readonly string[]).includes(tab)) return <NotFound />;
  return (
    <Loading state={overview}>
      {(data) => (
        <>
          <h1>{data.project.title}</h1>
          <p><Link href={`/projects/${projectId}/edit`}>{t('plan.editProject')}</Link></p>
          <nav class="tabs" aria-label={t('project.areas')}>
            <ul>
              {TABS.map((name) => (
                <li key={name}>
                  <Link href={`/projects/${projectId}${name === 'overview' ? '' : `/${name}`}`} aria-current={name === tab ? 'page' : undefined}>
                    {t(`tab.${name}` as MessageKey)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <TabContent tab={tab as Tab} overview={data} reload={overview.reload} />
        </>
      )}
    </Loading>
  );
}

function TabContent({ tab, overview, reload }: { tab: Tab; overview: ProjectOverview; reload(): void }) {
  switch (tab) {
    case 'overview': return <OverviewTab overview={overview} reload={reload} />;
    case 'plan': return <PlanTab overview={overview} reload={reload} />;
    case 'deliverables': return <DeliverablesTab overview={overview} />;
    case 'review': return <ReviewTab overview={overview} reload={reload} />;
    case 'money': return <MoneyTab overview={overview} />;
    case 'training': return <TrainingTab overview={overview} reload={reload} />;
    case 'offers': return <OffersTab overview={overview} reload={reload} />;
    case 'indicators': return <IndicatorsTab overview={overview} reload={reload} />;
    case 'exports': return <ExportsTab overview={overview} />;
  }
}

function OverviewTab({ overview, reload }: { overview: ProjectOverview; reload(): void }) {
  const { t, f } = useApp();
  const { project, phases, today } = overview;
  return (
    <>
      <Section title={t('timeline.heading')}>
        <p>{t('progress.project')}: <Bar percent={overview.progress.acceptedPercent} label={t('progress.accepted')} /></p>
        <Timeline start={project.startDate} end={project.endDate} today={today} phases={phases} due={[...overview.overdue.items, ...overview.dueSoon.items]} />
      </Section>
      <Section title={t('project.facts')}>
        <ProjectFacts project={project} />
      </Section>
      <Section title={t('phases.gates')}>
        <ul class="cards">
          {phases.map((phase) => <PhaseCard key={phase.id} phase={phase} reload={reload} />)}
        </ul>
      </Section>
      <Section title={t('overdue')}>
        <DeadlineList list={overview.overdue} projectId={project.id} />
      </Section>
      <Section title={t('dueSoon')}>
        <DeadlineList list={overview.dueSoon} projectId={project.id} />
      </Section>
      <p class="muted">{t('today')}: {f.date(today)}</p>
      <CopyProject project={project} />
    </>
  );
}

/** A phase's progress and its gate: closing needs every deliverable accepted (the API says why not). */
function PhaseCard({ phase, reload }: { phase: Phase; reload(): void }) {
  const { api, consortiumId, t, f } = useApp();
  const { busy, run, feedback } = useAction();
  const { counts, deliverables } = phase.progress;
  const move = (status: 'active' | 'closed') =>
    run(async () => {
      await api.patch('/api/v1/consortia/{consortiumId}/projects/{projectId}/phases/{phaseId}', { consortiumId, projectId: phase.projectId, phaseId: phase.id }, { status, version: phase.version });
      reload();
    });
  return (
    <li class="card">
      <h3>{phase.order}. {phase.title} <Status of="phaseStatus" value={phase.status} /></h3>
      <p>{f.date(phase.plannedStart)} – {f.date(phase.plannedEnd)}</p>
      <p>{t('progress.accepted')}: <Bar percent={phase.progress.acceptedPercent} label={t('progress.accepted')} /></p>
      <p>{t('progress.reported')}: {f.percent(phase.progress.reportedPercent)}</p>
      <p>{t('phase.counts', { accepted: counts.accepted ?? 0, count: deliverables, submitted: counts.submitted ?? 0 })}</p>
      {phase.actions.includes('close') ? <button type="button" disabled={busy} onClick={() => confirm(t('phase.confirmClose', { title: phase.title })) && move('closed')}>{t('phase.close')}</button> : null}
      {phase.actions.includes('start') ? <button type="button" disabled={busy} onClick={() => move('active')}>{t('phase.start')}</button> : null}
      {phase.actions.includes('reopen') ? <button type="button" disabled={busy} onClick={() => move('active')}>{t('phase.reopen')}</button> : null}
      {phase.status === 'active' && !phase.actions.includes('close') ? <p class="muted">{t('phase.gateShut')}</p> : null}
      {feedback}
    </li>
  );
}
