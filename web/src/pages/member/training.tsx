// Training attendance: the member records how many of its people attended each held session of a
// path, for how many hours, and optionally their names; it can correct what it recorded.
import { useState } from 'preact/hooks';
import { allPages } from '../../api/client';
import type { TrainingSession } from '../../api/types';
import { Field, Loading, Section, Status, useAction } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { useApp } from '../../context';
import type { MessageKey } from '../../i18n/messages';

export function TrainingPage() {
  const { api, consortiumId, t, words } = useApp();
  const paths = useLoad(() => allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/training', { consortiumId }, { limit: 100, cursor })));
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
                    {items.map((p) => <option key={p.id} value={p.id}>{p.title} ({words.topic[p.topic]})</option>)}
                  </select>
                )}
              </Field>
              <Sessions key={pathId} trainingId={pathId} />
            </>
          );
        }}
      </Loading>
    </>
  );
}

function Sessions({ trainingId }: { trainingId: string }) {
  const { api, consortiumId, t } = useApp();
  const sessions = useLoad(() => allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/training/{trainingId}/sessions', { consortiumId, trainingId }, { limit: 100, cursor })));
  return (
    <Section title={t('training.sessions')}>
      <Loading state={sessions}>
        {(items) => items.length === 0 ? <p>{t('training.noSessions')}</p> : (
          <ul class="cards">{items.map((session) => <SessionCard key={session.id} session={session} />)}</ul>
        )}
      </Loading>
    </Section>
  );
}

function SessionCard({ session }: { session: TrainingSession }) {
  const { api, consortiumId, membership, t, f } = useApp();
  const memberId = membership.memberId!;
  const ids = { consortiumId, trainingId: session.trainingId, sessionId: session.id };
  const mine = useLoad(
    async () =>
      (await allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/training/{trainingId}/sessions/{sessionId}/attendance', ids, { limit: 100, cursor }))).find(
        (a) => a.memberId === memberId,
      ),
    [session.id],
  );
  const [people, setPeople] = useState('');
  const [hours, setHours] = useState(String(session.hours));
  // Undefined until edited, so that the names recorded show; emptied, it records none.
  const [names, setNames] = useState<string | undefined>(undefined);
  const { busy, run, feedback } = useAction();
  return (
    <li class="card" data-session={session.id}>
      <h3>{session.title ?? t('training.session')} · {f.date(session.date)}</h3>
      <p>{f.number(session.hours)} h · {session.trainer} · {session.online ? t('training.online') : session.place} · <Status of="sessionStatus" value={session.status} /></p>
      <Loading state={{ ...mine, data: mine.loading ? undefined : { found: mine.data } }}>
        {({ found }) => (
          <>
            {found ? <p>{t('training.recorded', { count: found.people, hours: f.number(found.hours) })}</p> : null}
            {found?.attendees?.length ? <p class="attendees">{t('training.attendeesRecorded', { names: found.attendees.join(', ') })}</p> : null}
            {session.status === 'held' ? (
              <form
                class="form-grid"
                onSubmit={(event) => {
                  event.preventDefault();
                  void run(async () => {
                    await api.put('/api/v1/consortia/{consortiumId}/training/{trainingId}/sessions/{sessionId}/attendance/{memberId}', { ...ids, memberId }, { people: Number(people), hours: Number(hours), attendees: namesOf(names ?? found?.attendees?.join('\n') ?? ''), ...(found ? { version: found.version } : {}) });
                    setNames(undefined);
                    mine.reload();
                  }, t('saved'));
                }}
              >
                <Field label={t('training.people')}>{(id) => <input id={id} type="number" min={1} required value={people || (found ? String(found.people) : '')} onInput={(e) => setPeople(e.currentTarget.value)} />}</Field>
                <Field label={t('training.hoursEach')}>{(id) => <input id={id} type="number" min={0.25} max={session.hours} step={0.25} required value={hours} onInput={(e) => setHours(e.currentTarget.value)} />}</Field>
                <Field label={t('training.attendees')} hint={t('training.attendeesHint')} wide>
                  {(id) => <textarea id={id} rows={3} aria-describedby={`${id}-hint`} autocomplete="off" value={names ?? found?.attendees?.join('\n') ?? ''} onInput={(e) => setNames(e.currentTarget.value)} />}
                </Field>
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

/** One name a line, blank lines left out: the server trims and checks them. */
const namesOf = (text: string) => text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
