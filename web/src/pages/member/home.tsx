// What the member owes: its open deliverables across projects by due date (one Query per page),
// and its latest notifications.
import { useState } from 'preact/hooks';
import { TableWrap } from '../../components/table-wrap';
import { allPages } from '../../api/client';
import { Link, Loading, Deadline, Section, Status } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { memberName, useApp } from '../../context';
import { NotificationList } from '../common/notifications';

export function MemberHome() {
  const app = useApp();
  const { api, consortiumId, membership, t, f } = app;
  const memberId = membership.memberId!;
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const page = useLoad(
    () => api.get('/api/v1/consortia/{consortiumId}/members/{memberId}/deliverables', { consortiumId, memberId }, { limit: 25, cursor }),
    [cursor],
  );
  const projects = useLoad(() => allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/projects', { consortiumId }, { limit: 100, cursor })));
  const titleOf = (id: string) => projects.data?.find((p) => p.id === id)?.title ?? id;
  return (
    <>
      <h1>{memberName(app, memberId)}</h1>
      <Section title={t('member.open')}>
        <Loading state={page}>
          {(data) => (
            <>
              {data.items.length === 0 ? <p>{t('member.nothingOpen')}</p> : (
                <TableWrap label={t('member.open')}>
                  <table>
                    <thead><tr><th scope="col">{t('deliverable')}</th><th scope="col">{t('project')}</th><th scope="col">{t('dueDate')}</th><th scope="col">{t('status')}</th><th scope="col">{t('progress.reported')}</th></tr></thead>
                    <tbody>
                      {data.items.map((d) => (
                        <tr key={d.id}>
                          <td><Link href={`/projects/${d.projectId}/deliverables/${d.id}`}>{d.title}</Link></td>
                          <td>{titleOf(d.projectId)}</td>
                          <td>{f.date(d.dueDate)} <Deadline value={d.deadline} /></td>
                          <td><Status of="status" value={d.status} /></td>
                          <td>{f.percent(d.reportedPercent)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
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
