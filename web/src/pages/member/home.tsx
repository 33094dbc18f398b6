// What the member owes: its open deliverables across projects by due date (one Query per page),
// and its latest notifications.
import { useState } from 'preact/hooks';
import { allPages } from '../../api/client';
import type { Deliverable, Page, Project } from '../../api/types';
import { Link, Loading, Overdue, Section, Status } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { memberName, useApp } from '../../context';
import { todayIn } from '../../i18n/format';
import { NotificationList } from '../common/notifications';

export function MemberHome() {
  const app = useApp();
  const { api, consortiumPath, membership, t, f } = app;
  const memberId = membership.memberId!;
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const page = useLoad(
    () => api.get<Page<Deliverable>>(`${consortiumPath}/members/${memberId}/deliverables?limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    [cursor],
  );
  const projects = useLoad(() => allPages<Project>(api, `${consortiumPath}/projects`));
  const titleOf = (id: string) => projects.data?.find((p) => p.id === id)?.title ?? id;
  const today = todayIn(membership.consortium.timeZone);
  return (
    <>
      <h1>{memberName(app, memberId)}</h1>
      <Section title={t('member.open')}>
        <Loading state={page}>
          {(data) => (
            <>
              {data.items.length === 0 ? <p>{t('member.nothingOpen')}</p> : (
                <div class="table-wrap" tabIndex={0}>
                  <table>
                    <thead><tr><th scope="col">{t('deliverable')}</th><th scope="col">{t('project')}</th><th scope="col">{t('dueDate')}</th><th scope="col">{t('status')}</th><th scope="col">{t('progress.reported')}</th></tr></thead>
                    <tbody>
                      {data.items.map((d) => (
                        <tr key={d.id}>
                          <td><Link href={`/projects/${d.projectId}/deliverables/${d.id}`}>{d.title}</Link></td>
                          <td>{titleOf(d.projectId)}</td>
                          <td>{f.date(d.dueDate)} {d.dueDate < today ? <Overdue /> : null}</td>
                          <td><Status value={d.status} /></td>
                          <td>{f.percent(d.reportedPercent)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <nav class="pager" aria-label={t('pages')}>
                <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>{t('previous')}</button>
                <button type="button" disabled={!data.nextCursor} onClick={() => data.nextCursor && setCursors([...cursors, data.nextCursor])}>{t('next')}</button>
              </nav>
            </>
          )}
        </Loading>
      </Section>
      <Section title={t('nav.notifications')}>
        <NotificationList limit={5} />
      </Section>
    </>
  );
}
