// "Copy as a new project": the plan of this project in a new one at new dates (the API shifts them
// all and copies no history); the form names the API's field errors beside its fields.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Project } from '../../api/types';
import { Field, Section, useAction } from '../../components/ui';
import { useApp } from '../../context';
import { navigate } from '../../router';

export function CopyProject({ project }: { project: Project }) {
  const { api, consortiumId, t, f } = useApp();
  const [open, setOpen] = useState(false);
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [startDate, setStartDate] = useState('');
  const { busy, run, feedback, errorOf } = useAction();
  // The form opens with the focus on its first field, for the keyboard to go on from there.
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  return (
    <Section title={t('copy.heading')}>
      <p class="muted">{t('copy.intro')}</p>
      <button type="button" aria-expanded={open} aria-controls="copy-project-form" onClick={() => setOpen(!open)}>{t('copy.open')}</button>
      {open ? (
        <form
          id="copy-project-form"
          class="form-grid"
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              const created = await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/copy', { consortiumId, projectId: project.id }, { id, title, startDate });
              // The page stays mounted for the new project: the form closes and forgets what was typed.
              setOpen(false); setId(''); setTitle(''); setStartDate('');
              navigate(`/projects/${created.id}`);
            });
          }}
        >
          <Field label={t('copy.id')} hint={t('copy.idHint')} error={errorOf('id')}>
            {(fieldId, described) => <input ref={first} id={fieldId} {...described} required maxLength={63} value={id} onInput={(e) => setId(e.currentTarget.value)} />}
          </Field>
          <Field label={t('copy.title')} error={errorOf('title')}>
            {(fieldId, described) => <input id={fieldId} {...described} required maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />}
          </Field>
          <Field label={t('copy.startDate')} hint={t('copy.startHint', { date: f.date(project.startDate) })} error={errorOf('startDate')}>
            {(fieldId, described) => <input id={fieldId} {...described} type="date" required value={startDate} onInput={(e) => setStartDate(e.currentTarget.value)} />}
          </Field>
          <button type="submit" class="primary" disabled={busy}>{busy ? t('copy.busy') : t('copy.submit')}</button>
          {feedback}
        </form>
      ) : null}
    </Section>
  );
}
