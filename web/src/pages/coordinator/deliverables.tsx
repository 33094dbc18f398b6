// The deliverables table: filter by phase, member, status and overdue, sorted by due date. Pages
// of 100 are read from the API one after the other; the table shows 25 rows at a time, so that a
// project with thousands of deliverables stays smooth.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { TableWrap } from '../../components/table-wrap';
import type { Deliverable, ProjectOverview } from '../../api/types';
import { Deadline, Field, Link, Status } from '../../components/ui';
import { memberName, useApp } from '../../context';

const ROWS = 25;
const STATUSES = ['planned', 'in_progress', 'submitted', 'changes_requested', 'accepted'] as const;

function useAllDeliverables(projectId: string) {
  const { api, consortiumId } = useApp();
  const [items, setItems] = useState<Deliverable[]>([]);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    (async () => {
      let cursor: string | undefined;
      do {
        const page = await api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/deliverables', { consortiumId, projectId }, { limit: 100, cursor });
        if (!current) return;
        setItems((before) => [...before, ...page.items]);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      setDone(true);
    })().catch((failure: Error) => current && setError(failure.message));
    return () => void (current = false);
  }, [projectId]);
  return { items, done, error };
}

export function DeliverablesTab({ overview }: { overview: ProjectOverview }) {
  const app = useApp();
  const { t, f, words } = app;
  const { items, done, error } = useAllDeliverables(overview.project.id);
  const [phase, setPhase] = useState('');
  const [member, setMember] = useState('');
  const [status, setStatus] = useState('');
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [descending, setDescending] = useState(false);
  const [page, setPage] = useState(0);

  const shown = useMemo(() => {
    const filtered = items.filter(
      (d) => (!phase || d.phaseId === phase) && (!member || d.ownerMemberId === member) && (!status || d.status === status) && (!onlyOverdue || d.deadline === 'overdue'),
    );
    filtered.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id.localeCompare(b.id)) * (descending ? -1 : 1));
    return filtered;
  }, [items, phase, member, status, onlyOverdue, descending]);
  useEffect(() => setPage(0), [phase, member, status, onlyOverdue, descending]);
  const pages = Math.max(1, Math.ceil(shown.length / ROWS));
  const rows = shown.slice(page * ROWS, page * ROWS + ROWS);

  return (
    <section aria-labelledby="deliverables-heading">
      <h2 id="deliverables-heading">{t('tab.deliverables')}</h2>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <Field label={t('phase')}>
          {(id) => (
            <select id={id} value={phase} onChange={(e) => setPhase(e.currentTarget.value)}>
              <option value="">{t('all')}</option>
              {overview.phases.map((p) => <option key={p.id} value={p.id}>{p.order}. {p.title}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('member')}>
          {(id) => (
            <select id={id} value={member} onChange={(e) => setMember(e.currentTarget.value)}>
              <option value="">{t('all')}</option>
              {overview.project.partners.map((p) => <option key={p.memberId} value={p.memberId}>{memberName(app, p.memberId)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('status')}>
          {(id) => (
            <select id={id} value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              <option value="">{t('all')}</option>
              {STATUSES.map((s) => <option key={s} value={s}>{words.status[s]}</option>)}
            </select>
          )}
        </Field>
        <div class="field checkbox">
          <input id="only-overdue" type="checkbox" checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.currentTarget.checked)} />
          <label for="only-overdue">{t('filter.overdue')}</label>
        </div>
      </form>
      <p role="status">{error ? `${t('error')}: ${error}` : t('deliverables.count', { shown: shown.length, loaded: items.length })}{done || error ? '' : ` ${t('loading')}`}</p>
      <TableWrap label={t('tab.deliverables')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('deliverable')}</th>
              <th scope="col">{t('phase')}</th>
              <th scope="col">{t('member')}</th>
              <th scope="col" aria-sort={descending ? 'descending' : 'ascending'}>
                <button type="button" class="link-button" onClick={() => setDescending(!descending)}>
                  {t('dueDate')} <span aria-hidden="true">{descending ? '▼' : '▲'}</span>
                </button>
              </th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('progress.reported')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id}>
                <td><Link href={`/projects/${d.projectId}/deliverables/${d.id}`}>{d.title}</Link></td>
                <td>{overview.phases.find((p) => p.id === d.phaseId)?.order ?? d.phaseId}</td>
                <td>{memberName(app, d.ownerMemberId)}</td>
                <td>{f.date(d.dueDate)} <Deadline value={d.deadline} /></td>
                <td><Status of="status" value={d.status} /></td>
                <td>{f.percent(d.reportedPercent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <nav class="pager" aria-label={t('pages')}>
        <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>{t('previous')}</button>
        <span>{t('pageOf', { page: page + 1, pages })}</span>
        <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>{t('next')}</button>
      </nav>
    </section>
  );
}
