// A held session's attendance for the coordinator, who records it for any member: how many of its
// people attended, for how many hours, and their names; a member's record is changed with its version.
import { useState } from 'preact/hooks';
import { allPages } from '../../api/client';
import type { TrainingSession } from '../../api/types';
import { Field, Loading, useAction } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { memberName, useApp } from '../../context';

export function SessionAttendance({ session, changed }: { session: TrainingSession; changed(): void }) {
  const app = useApp();
  const { api, consortiumId, t, f } = app;
  const ids = { consortiumId, trainingId: session.trainingId, sessionId: session.id };
  const records = useLoad(() => allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/training/{trainingId}/sessions/{sessionId}/attendance', ids, { limit: 100, cursor })), [session.version]);
  const [memberId, setMemberId] = useState('');
  const [people, setPeople] = useState('');
  const [hours, setHours] = useState(String(session.hours));
  const [names, setNames] = useState('');
  const { busy, run, feedback, errorOf } = useAction();
  return (
    <Loading state={records}>
      {(items) => {
        const found = items.find((record) => record.memberId === memberId);
        /** Choosing a member shows what it has recorded, to change it. */
        const choose = (id: string) => {
          const record = items.find((r) => r.memberId === id);
          setMemberId(id);
          setPeople(record ? String(record.people) : '');
          setHours(String(record?.hours ?? session.hours));
          setNames(record?.attendees?.join('\n') ?? '');
        };
        return (
          <>
            {items.length > 0 ? (
              <ul class="attendance">
                {items.map((record) => (
                  <li key={record.memberId}>
                    {memberName(app, record.memberId)}: {t('training.recorded', { count: record.people, hours: f.number(record.hours) })}
                    {record.attendees?.length ? ` ${t('training.attendeesRecorded', { names: record.attendees.join(', ') })}` : ''}
                  </li>
                ))}
              </ul>
            ) : null}
            <details>
            <summary>{t('setup.attendance.form')}</summary>
            <form
              class="form-grid"
              aria-label={t('setup.attendance.form')}
              onSubmit={(event) => {
                event.preventDefault();
                void run(async () => {
                  await api.put('/api/v1/consortia/{consortiumId}/training/{trainingId}/sessions/{sessionId}/attendance/{memberId}', { ...ids, memberId }, {
                    people: Number(people), hours: Number(hours), attendees: namesOf(names), ...(found ? { version: found.version } : {}),
                  });
                  records.reload();
                  changed();
                }, t('saved'));
              }}
            >
              <Field label={t('member')} error={errorOf('memberId')}>
                {(id, described) => (
                  <select id={id} {...described} required value={memberId} onChange={(e) => choose(e.currentTarget.value)}>
                    <option value="">—</option>
                    {[...app.members.values()].map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
                  </select>
                )}
              </Field>
              <Field label={t('training.people')} error={errorOf('people')}>
                {(id, described) => <input id={id} {...described} type="number" min={1} step={1} required value={people} onInput={(e) => setPeople(e.currentTarget.value)} />}
              </Field>
              <Field label={t('training.hoursEach')} error={errorOf('hours')}>
                {(id, described) => <input id={id} {...described} type="number" min={0.25} step={0.25} required value={hours} onInput={(e) => setHours(e.currentTarget.value)} />}
              </Field>
              <Field label={t('setup.attendance.names')} hint={t('training.attendeesHint')} error={errorOf('attendees') ?? namesOf(names).map((_, index) => errorOf(`attendees.${index}`)).find(Boolean)} wide>
                {(id, described) => <textarea id={id} {...described} rows={3} autocomplete="off" value={names} onInput={(e) => setNames(e.currentTarget.value)} />}
              </Field>
              <button type="submit" disabled={busy}>{found ? t('training.change') : t('training.record')}</button>
              {feedback}
            </form>
            </details>
          </>
        );
      }}
    </Loading>
  );
}

/** One name a line, blank lines left out: the server trims and checks them. */
const namesOf = (text: string) => text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);

