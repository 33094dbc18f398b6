// A training path's sessions for the coordinator: plan one (date, hours, trainer, place or online),
// edit it, mark it held or cancelled (the API says which moves it allows), and its attendance.
import { useState } from 'preact/hooks';
import { allPages } from '../../api/client';
import type { TrainingSession } from '../../api/types';
import { Field, Loading, Status, useAction } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { useApp } from '../../context';
import { todayIn } from '../../i18n/format';
import { SessionAttendance } from './training-attendance';

type SessionStatus = TrainingSession['status'];

export function TrainingSessions({ trainingId, changed }: { trainingId: string; changed(): void }) {
  const { api, consortiumId, t } = useApp();
  const sessions = useLoad(() => allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/training/{trainingId}/sessions', { consortiumId, trainingId }, { limit: 100, cursor })));
  const reload = () => { sessions.reload(); changed(); };
  return (
    <>
      <Loading state={sessions}>
        {(items) => items.length === 0 ? <p>{t('training.noSessions')}</p> : (
          <details>
            <summary>{t('setup.session.list', { count: items.length })}</summary>
            <ul class="sessions">{items.map((session) => <SessionItem key={session.id} session={session} reload={reload} />)}</ul>
          </details>
        )}
      </Loading>
      <details>
        <summary>{t('setup.session.new')}</summary>
        <SessionForm trainingId={trainingId} done={reload} />
      </details>
    </>
  );
}

/** The moves a session's status may make: the server refuses those its rules do not allow, and says why. */
const MOVES: { to: SessionStatus; label: 'setup.session.held' | 'setup.session.cancel' | 'setup.session.replan' }[] = [
  { to: 'held', label: 'setup.session.held' },
  { to: 'cancelled', label: 'setup.session.cancel' },
  { to: 'planned', label: 'setup.session.replan' },
];

function SessionItem({ session, reload }: { session: TrainingSession; reload(): void }) {
  const { api, consortiumId, t, f } = useApp();
  const { busy, run, feedback } = useAction();
  const ids = { consortiumId, trainingId: session.trainingId, sessionId: session.id };
  const name = `${session.title ?? t('training.session')} · ${f.date(session.date)}`;
  const move = (status: SessionStatus) => {
    if (status === 'cancelled' && !confirm(t('setup.session.confirmCancel', { name }))) return;
    void run(async () => {
      await api.patch('/api/v1/consortia/{consortiumId}/training/{trainingId}/sessions/{sessionId}', ids, { status, version: session.version });
      reload();
    });
  };
  return (
    <li class="session" data-session={session.id}>
      <h4>{name} <Status of="sessionStatus" value={session.status} /></h4>
      <p>{f.number(session.hours)} h · {session.trainer} · {session.online ? t('training.online') : session.place} · {t('setup.session.attended', { count: session.totals.participants, hours: f.number(session.totals.personHours) })}</p>
      <div class="actions">
        {MOVES.filter((m) => m.to !== session.status).map((m) => (
          <button key={m.to} type="button" class={m.to === 'cancelled' ? 'danger' : undefined} disabled={busy} onClick={() => move(m.to)}>{t(m.label)}</button>
        ))}
      </div>
      {feedback}
      <details>
        <summary>{t('setup.session.edit')}</summary>
        <SessionForm trainingId={session.trainingId} session={session} done={reload} />
      </details>
      {session.status === 'held' ? <SessionAttendance session={session} changed={reload} /> : null}
    </li>
  );
}

/** Plans a session, or edits `session` (a held one keeps its date and hours: the API says so). */
function SessionForm({ trainingId, session, done }: { trainingId: string; session?: TrainingSession; done(): void }) {
  const { api, consortiumId, membership, t } = useApp();
  const [date, setDate] = useState(session?.date ?? todayIn(membership.consortium.timeZone));
  const [hours, setHours] = useState(session ? String(session.hours) : '');
  const [title, setTitle] = useState(session?.title ?? '');
  const [trainer, setTrainer] = useState(session?.trainer ?? '');
  const [online, setOnline] = useState(session?.online ?? false);
  const [place, setPlace] = useState(session?.place ?? '');
  const { busy, run, feedback, errorOf } = useAction();
  return (
    <form
      class="form-grid"
      onSubmit={(event) => {
        event.preventDefault();
        const fields = { date, hours: Number(hours), trainer, online, ...(title ? { title } : {}), ...(place ? { place } : {}) };
        void run(async () => {
          if (session) {
            await api.patch('/api/v1/consortia/{consortiumId}/training/{trainingId}/sessions/{sessionId}', { consortiumId, trainingId, sessionId: session.id }, { ...fields, version: session.version });
          } else {
            await api.post('/api/v1/consortia/{consortiumId}/training/{trainingId}/sessions', { consortiumId, trainingId }, fields);
            setTitle(''); setHours('');
          }
          done();
        }, session ? t('saved') : t('setup.session.planned'));
      }}
    >
      <Field label={t('date')} error={errorOf('date')}>{(id, described) => <input id={id} {...described} type="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} />}</Field>
      <Field label={t('training.hours')} hint={t('setup.session.hoursHint')} error={errorOf('hours')}>
        {(id, described) => <input id={id} {...described} type="number" min={0.25} max={24} step={0.25} required value={hours} onInput={(e) => setHours(e.currentTarget.value)} />}
      </Field>
      <Field label={t('setup.session.title')} error={errorOf('title')}>{(id, described) => <input id={id} {...described} maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />}</Field>
      <Field label={t('setup.session.trainer')} error={errorOf('trainer')}>{(id, described) => <input id={id} {...described} required maxLength={200} value={trainer} onInput={(e) => setTrainer(e.currentTarget.value)} />}</Field>
      <label class="checkbox"><input type="checkbox" checked={online} onChange={(e) => setOnline(e.currentTarget.checked)} /> {t('setup.session.online')}</label>
      <Field label={t('setup.session.place')} error={errorOf('place')}>
        {(id, described) => <input id={id} {...described} maxLength={200} required={!online} value={place} onInput={(e) => setPlace(e.currentTarget.value)} />}
      </Field>
      <button type="submit" class={session ? undefined : 'primary'} disabled={busy}>{session ? t('setup.save') : t('setup.session.plan')}</button>
      {feedback}
    </form>
  );
}
