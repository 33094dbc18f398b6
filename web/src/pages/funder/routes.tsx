// A funder's pages: the projects it funds and, for each, progress, money and submitted exports.
// Nothing here edits the consortium's records; a funder's person may ask for a copy of their own data.
import { allPages } from '../../api/client';
import { Timeline } from '../../components/timeline';
import { Bar, Link, Loading, Section, Status } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { useApp } from '../../context';
import type { Translate } from '../../i18n/messages';
import { match } from '../../router';
import { ExportFiles } from '../common/export-files';
import { MoneyFigures } from '../common/money-summary';
import { NotFound } from '../common/not-found';
import { ProjectFacts } from '../common/project-facts';
import { MyDataPage } from '../common/my-data';
import { NotificationsPage } from '../common/notifications';
import { useState } from 'preact/hooks';

export const funderNav = (t: Translate) => [
  { href: '/', label: t('nav.funded') },
  { href: '/notifications', label: t('nav.notifications') },
  { href: '/my-data', label: t('nav.myData') },
];

export function FunderRoutes({ path }: { path: string }) {
  if (path === '/') return <FundedProjects />;
  if (path === '/notifications') return <NotificationsPage />;
  if (path === '/my-data') return <MyDataPage />;
  const project = match('/projects/:projectId', path);
  if (project) return <FundedProject projectId={project.projectId!} />;
  return <NotFound />;
}

function FundedProjects() {
  const { api, consortiumId, t, membership, funders } = useApp();
  const projects = useLoad(() => allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/projects', { consortiumId }, { limit: 100, cursor })));
  return (
    <>
      <h1>{t('funder.title', { funder: funders.get(membership.funderId ?? '')?.name ?? '' })}</h1>
      <Loading state={projects}>
        {(items) => items.length === 0 ? <p>{t('projects.none')}</p> : (
          <ul class="cards">
            {items.map((project) => (
              <li class="card" key={project.id}>
                <h2><Link href={`/projects/${project.id}`}>{project.title}</Link></h2>
                <Bar percent={project.progress.acceptedPercent} label={t('progress.accepted')} />
              </li>
            ))}
          </ul>
        )}
      </Loading>
    </>
  );
}

function FundedProject({ projectId }: { projectId: string }) {
  const { api, consortiumId, t, f } = useApp();
  const ids = { consortiumId, projectId };
  const data = useLoad(
    () =>
      Promise.all([
        api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/overview', ids),
        api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/exports', ids, { limit: 25 }),
      ]),
    [projectId],
  );
  const [open, setOpen] = useState<string | undefined>(undefined);
  return (
    <Loading state={data}>
      {([overview, exports]) => (
        <>
          <p><Link href="/">{t('back')}</Link></p>
          <h1>{overview.project.title}</h1>
          <Section title={t('funder.progress')}>
            <p>{t('progress.project')}: <Bar percent={overview.progress.acceptedPercent} label={t('progress.accepted')} /></p>
            <p>{t('funder.counts', { accepted: overview.progress.counts.accepted ?? 0, count: overview.progress.deliverables, overdue: overview.overdue.items.length })}</p>
            <Timeline start={overview.project.startDate} end={overview.project.endDate} today={overview.today} phases={overview.phases} due={overview.overdue.items} />
          </Section>
          <Section title={t('project.facts')}>
            <ProjectFacts project={overview.project} />
          </Section>
          <Section title={t('tab.money')}>
            <MoneyFigures money={overview.money} approvedOnly />
          </Section>
          <Section title={t('funder.exports')}>
            {exports.items.length === 0 ? <p>{t('export.none')}</p> : (
              <ul class="cards">
                {exports.items.map((e) => (
                  <li class="card" key={e.id} data-export={e.id}>
                    <h3>{e.formats.map((x) => x.toUpperCase()).join(', ')} · {e.submittedAt ? t('export.submittedOn', { date: f.instant(e.submittedAt) }) : ''}</h3>
                    <p><Status of="exportStatus" value={e.status} /></p>
                    <button type="button" aria-expanded={open === e.id} onClick={() => setOpen(open === e.id ? undefined : e.id)}>
                      {open === e.id ? t('export.hideFiles') : t('export.showFiles')}
                    </button>
                    {open === e.id ? <ExportFiles projectId={projectId} exportId={e.id} version={e.version} /> : null}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      )}
    </Loading>
  );
}
