// Training attendance: the member records how many of its people attended each held session of a
// path, and for how many hours; it can correct what it recorded.
import { useState } from 'preact/hooks';
import { allPages } from '../../api/client';
import type { Session, SessionTotals, TrainingPath } from '../../api/types';
import { Field, Loading, Section, Status, useAction } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { useApp } from '../../context';
import type { MessageKey } from '../../i18n/messages';

interface Attendance {
  memberId: string;
  people: number;
  hours: number;
  version: number;
}

export function TrainingPage() {
  const { api, consortiumPath, t } = useApp();
  const paths = useLoad(() => allPages<TrainingPath>(api, `${consortiumPath}/training`));
  const [chosen, setChosen] = useState('');
  return (
    <>
      <h1>{t('nav.training')}</h1>
      <Loading state={paths}>
        {(items) => {
          const pathId = chosen || items[0]?.id;
          if (!pathId) return <p>{t('training.none')}</p>;
          return (
            <>
              <Field label={t('training.path')}>
                {(id) => (
                  <select id={id} value={pathId} onChange={(e) => setChosen(e.currentTarget.value)}>
                    {items.map((p) => <option key={p.id} value={p.id}>{p.title} ({t(`topic.${p.topic}` as MessageKey)})</option>)}
                  </select>
                )}
              </Field>
              <Sessions key={pathId} path={`${consortiumPath}/training/${pathId}`} />
            </>
          );
        }}
      </Loading>
    </>
  );
}

function Sessions({ path }: { path: string }) {
  const { api, t } = useApp();
  const sessions = useLoad(() => allPages<Session & { totals: SessionTotals }>(api, `${path}/sessions`));
  return (
    <Section title={t('training.sessions')}>
      <Loading state={sessions}>
        {(items) => items.length === 0 ? <p>{t('training.noSessions')}</p> : (
          <ul class="cards">{items.map((session) => <SessionCard key={session.id} session={session} path={`${path}/sessions/${session.id}`} />)}</ul>
        )}
      </Loading>
    </Section>
  );
}

function SessionCard({ session, path }: { session: Session; path: string }) {
  const { api, membership, t, f } = useApp();
  const memberId = membership.memberId!;
  const mine = useLoad(async () => (await allPages<Attendance>(api, `${path}/attendance`)).find((a) => a.memberId === memberId), [path]);
  const [people, setPeople] = useState('');
  const [hours, setHours] = useState(String(session.hours));
  const { busy, run, feedback } = useAction();
  return (
    <li class="card" data-session={session.id}>
      <h3>{session.title ?? t('training.session')} · {f.date(session.date)}</h3>
      <p>{f.number(session.hours)} h · {session.trainer} · {session.online ? t('training.online') : session.place} · <Status value={session.status} /></p>
      <Loading state={{ ...mine, data: mine.loading ? undefined : { found: mine.data } }}>
        {({ found }) => (
          <>
            {found ? <p>{t('training.recorded', { people: found.people, hours: f.number(found.hours) })}</p> : null}
            {session.status === 'held' ? (
              <form
                class="form-grid"
                onSubmit={(event) => {
                  event.preventDefault();
                  void run(async () => {
                    await api.put(`${path}/attendance/${memberId}`, { people: Number(people), hours: Number(hours), ...(found ? { version: found.version } : {}) });
                    mine.reload();
                  }, t('saved'));
                }}
              >
                <Field label={t('training.people')}>{(id) => <input id={id} type="number" min={1} required value={people || (found ? String(found.people) : '')} onInput={(e) => setPeople(e.currentTarget.value)} />}</Field>
                <Field label={t('training.hoursEach')}>{(id) => <input id={id} type="number" min={0.25} max={session.hours} step={0.25} required value={hours} onInput={(e) => setHours(e.currentTarget.value)} />}</Field>
                <button type="submit" disabled={busy}>{found ? t('training.change') : t('training.record')}</button>
                {feedback}
              </form>
            ) : <p class="muted">{t('training.notHeld')}</p>}
          </>
        )}
      </Loading>
    </li>
  );
}
