// The consortium home: each project with its progress, what is overdue, the next deadlines and
// what waits for review (deliverables and costs).
import { allPages } from '../../api/client';
import type { Project } from '../../api/types';
import { Bar, Link, Loading, Deadline } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { memberName, useApp } from '../../context';

export function CoordinatorHome() {
  const app = useApp();
  const { api, consortiumId, t, membership } = app;
  const projects = useLoad(() => allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/projects', { consortiumId }, { limit: 100, cursor })));
  return (
    <>
      <h1>{membership.consortium.name}</h1>
      <p><Link href="/projects/new">{t('projectForm.new')}</Link></p>
      <Loading state={projects}>
        {(items) =>
          items.length === 0 ? <p>{t('projects.none')}</p> : (
            <ul class="cards">{items.map((project) => <ProjectCard key={project.id} project={project} />)}</ul>
          )
        }
      </Loading>
    </>
  );
}

function ProjectCard({ project }: { project: Project }) {
  const app = useApp();
  const { api, consortiumId, t, f } = app;
  const ids = { consortiumId, projectId: project.id };
  const details = useLoad(() =>
    Promise.all([
      api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/overview', ids),
      api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/costs', ids, { status: 'submitted', limit: 100 }),
    ]),
  );
  return (
    <li class="card">
      <h2><Link href={`/projects/${project.id}`}>{project.title}</Link></h2>
      <p>{f.date(project.startDate)} – {f.date(project.endDate)}</p>
      <Bar percent={project.progress.acceptedPercent} label={t('progress.accepted')} />
      <Loading state={details}>
        {([overview, costs]) => {
          const waiting = overview.progress.counts.submitted ?? 0;
          return (
            <>
              <dl class="figures">
                <div><dt>{t('overdue')}</dt><dd>{overview.overdue.items.length}{overview.overdue.more ? '+' : ''}</dd></div>
                <div><dt>{t('review.deliverables')}</dt><dd>{waiting}</dd></div>
                <div><dt>{t('review.costs')}</dt><dd>{costs.items.length}{costs.nextCursor ? '+' : ''}</dd></div>
              </dl>
              {waiting + costs.items.length > 0 ? <p><Link href={`/projects/${project.id}/review`}>{t('review.open')}</Link></p> : null}
              <h3>{t('deadlines.next')}</h3>
              {overview.overdue.items.length + overview.dueSoon.items.length === 0 ? <p>{t('deadlines.none')}</p> : (
                <ul class="deadlines">
                  {[...overview.overdue.items, ...overview.dueSoon.items].slice(0, 6).map((deliverable) => (
                    <li key={deliverable.id}>
                      <Link href={`/projects/${project.id}/deliverables/${deliverable.id}`}>{deliverable.title}</Link>{' '}
                      — {memberName(app, deliverable.ownerMemberId)}, {f.date(deliverable.dueDate)}{' '}
                      <Deadline value={deliverable.deadline} />
                    </li>
                  ))}
                </ul>
              )}
            </>
          );
        }}
      </Loading>
    </li>
  );
}
