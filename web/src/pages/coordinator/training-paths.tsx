// The coordinator's training paths on a project's Training tab: the project's paths and the
// consortium-wide ones, a form to add one (linked to the project or consortium-wide) and to edit it,
// and each path's sessions.
import { useState } from 'preact/hooks';
import { allPages } from '../../api/client';
import type { ProjectOverview, TrainingPath } from '../../api/types';
import { Field, Loading, Section, useAction } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { useApp } from '../../context';
import { TrainingSessions } from './training-sessions';

type Topic = TrainingPath['topic'];
const TOPICS: Topic[] = ['fundraising', 'marketing', 'communication', 'management', 'other'];

export function TrainingPaths({ overview, changed }: { overview: ProjectOverview; changed(): void }) {
  const { api, consortiumId, t } = useApp();
  const projectId = overview.project.id;
  const paths = useLoad(() => allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/training', { consortiumId }, { limit: 100, cursor })));
  const reload = () => { paths.reload(); changed(); };
  return (
    <>
      <Section title={t('setup.training.new')}>
        <PathForm overview={overview} done={reload} />
      </Section>
      <Section title={t('setup.training.paths')}>
        <Loading state={paths}>
          {(items) => {
            const shown = items.filter((path) => !path.projectId || path.projectId === projectId);
            return shown.length === 0 ? <p>{t('training.none')}</p> : (
              <ul class="cards wide-cards">{shown.map((path) => <PathCard key={path.id} path={path} overview={overview} reload={reload} />)}</ul>
            );
          }}
        </Loading>
      </Section>
    </>
  );
}

function PathCard({ path, overview, reload }: { path: TrainingPath; overview: ProjectOverview; reload(): void }) {
  const { t, f, words } = useApp();
  const phase = overview.phases.find((p) => p.id === path.phaseId);
  return (
    <li class="card" data-training={path.id}>
      <h3>{path.title}</h3>
      <p>
        {words.topic[path.topic]} · {path.projectId ? t('setup.training.ofProject') : t('setup.training.consortiumWide')}
        {phase ? ` · ${phase.order}. ${phase.title}` : ''} · {t('setup.training.totals', { count: path.totals.sessions, hours: f.number(path.totals.hoursDelivered) })}
      </p>
      {path.description ? <p>{path.description}</p> : null}
      <details>
        <summary>{t('setup.training.edit')}</summary>
        <PathForm overview={overview} path={path} done={reload} />
      </details>
      <TrainingSessions trainingId={path.id} changed={reload} />
    </li>
  );
}

/** Adds a path, or edits `path`: its project is fixed at creation, its phase may change. */
function PathForm({ overview, path, done }: { overview: ProjectOverview; path?: TrainingPath; done(): void }) {
  const { api, consortiumId, t, words } = useApp();
  const [topic, setTopic] = useState<Topic>(path?.topic ?? 'fundraising');
  const [title, setTitle] = useState(path?.title ?? '');
  const [description, setDescription] = useState(path?.description ?? '');
  const [linked, setLinked] = useState(path ? Boolean(path.projectId) : true);
  const [phaseId, setPhaseId] = useState(path?.phaseId ?? '');
  const { busy, run, feedback, errorOf } = useAction();
  const projectId = path ? path.projectId : linked ? overview.project.id : undefined;
  return (
    <form
      class="form-grid"
      onSubmit={(event) => {
        event.preventDefault();
        const fields = { topic, title, ...(description ? { description } : {}), ...(projectId && phaseId ? { phaseId } : {}) };
        void run(async () => {
          if (path) {
            await api.patch('/api/v1/consortia/{consortiumId}/training/{trainingId}', { consortiumId, trainingId: path.id }, { ...fields, version: path.version });
          } else {
            await api.post('/api/v1/consortia/{consortiumId}/training', { consortiumId }, { ...fields, ...(projectId ? { projectId } : {}) });
            setTitle(''); setDescription(''); setPhaseId('');
          }
          done();
        }, path ? t('saved') : t('setup.training.created'));
      }}
    >
      <Field label={t('training.topic')} error={errorOf('topic')}>
        {(id, described) => (
          <select id={id} {...described} value={topic} onChange={(e) => setTopic(e.currentTarget.value as Topic)}>
            {TOPICS.map((name) => <option key={name} value={name}>{words.topic[name]}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('setup.title')} error={errorOf('title')}>
        {(id, described) => <input id={id} {...described} required maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />}
      </Field>
      {path ? null : (
        <Field label={t('setup.training.link')} error={errorOf('projectId')}>
          {(id, described) => (
            <select id={id} {...described} value={linked ? 'project' : 'consortium'} onChange={(e) => setLinked(e.currentTarget.value === 'project')}>
              <option value="project">{t('setup.training.ofProject')}</option>
              <option value="consortium">{t('setup.training.consortiumWide')}</option>
            </select>
          )}
        </Field>
      )}
      {projectId ? (
        <Field label={t('phase')} error={errorOf('phaseId')}>
          {(id, described) => (
            <select id={id} {...described} value={phaseId} onChange={(e) => setPhaseId(e.currentTarget.value)}>
              <option value="">{t('setup.none')}</option>
              {overview.phases.map((p) => <option key={p.id} value={p.id}>{p.order}. {p.title}</option>)}
            </select>
          )}
        </Field>
      ) : null}
      <Field label={t('setup.description')} error={errorOf('description')} wide>
        {(id, described) => <textarea id={id} {...described} rows={2} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />}
      </Field>
      <button type="submit" class={path ? undefined : 'primary'} disabled={busy}>{path ? t('setup.save') : t('setup.training.create')}</button>
      {feedback}
    </form>
  );
}
