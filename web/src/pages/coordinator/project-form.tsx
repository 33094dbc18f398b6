// A project's setting up for coordinators: create one, or change it (funder, call, grant and
// co-financing in euros, dates, objectives, partners with role and budget share, reporting schedule).
import { useState } from 'preact/hooks';
import type { Project } from '../../api/types';
import { centsOf, eurosOf, optional, useFormValues } from '../../components/form-values';
import { Field, Link, Loading, useAction } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { useApp } from '../../context';
import { navigate } from '../../router';

type Format = NonNullable<Project['reportingSchedule']>['formats'][number];
const FORMATS: Format[] = ['pdf', 'xlsx', 'csv', 'json', 'iati', '360giving'];
interface PartnerRow { memberId: string; role: 'lead' | 'partner'; share: string }

export function NewProjectPage() {
  const { t } = useApp();
  return (
    <>
      <h1>{t('projectForm.new')}</h1>
      <ProjectForm />
    </>
  );
}

export function EditProjectPage({ projectId }: { projectId: string }) {
  const { api, consortiumId, t } = useApp();
  const project = useLoad(() => api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}', { consortiumId, projectId }), [projectId]);
  return (
    <Loading state={project}>
      {(current) => (
        <>
          <h1>{t('projectForm.edit', { title: current.title })}</h1>
          <p><Link href={`/projects/${projectId}`}>{t('back')}</Link></p>
          <ProjectForm project={current} />
        </>
      )}
    </Loading>
  );
}

function ProjectForm({ project }: { project?: Project }) {
  const app = useApp();
  const { api, consortiumId, t, words } = app;
  const { values, bind } = useFormValues({
    title: project?.title ?? '', summary: project?.summary ?? '', funderId: project?.funderId ?? '', call: project?.call ?? '',
    grant: project ? eurosOf(project.grantCents) : '', cofinancing: project ? eurosOf(project.cofinancingCents) : '',
    startDate: project?.startDate ?? '', endDate: project?.endDate ?? '', objectives: project?.objectives.join('\n') ?? '',
    frequency: project?.reportingSchedule?.frequency ?? '', reportLanguage: project?.reportingSchedule?.language ?? 'it',
  });
  const [formats, setFormats] = useState<Format[]>(project?.reportingSchedule?.formats ?? ['pdf']);
  const [partners, setPartners] = useState<PartnerRow[]>(
    project?.partners.map((p) => ({ memberId: p.memberId, role: p.role, share: eurosOf(p.budgetShareCents) })) ?? [],
  );
  const { busy, run, feedback, errorOf } = useAction();
  const members = [...app.members.values()].filter((m) => m.status !== 'left');
  const setPartner = (index: number, change: Partial<PartnerRow>) => setPartners(partners.map((row, i) => (i === index ? { ...row, ...change } : row)));

  const body = () => ({
    title: values.title, summary: optional(values.summary), funderId: values.funderId, call: values.call,
    grantCents: centsOf(values.grant), cofinancingCents: centsOf(values.cofinancing),
    startDate: values.startDate, endDate: values.endDate,
    objectives: values.objectives.split('\n').map((line) => line.trim()).filter(Boolean),
    partners: partners.map((row) => ({ memberId: row.memberId, role: row.role, budgetShareCents: centsOf(row.share) })),
    reportingSchedule: values.frequency ? { frequency: values.frequency as 'monthly' | 'quarterly', formats, language: values.reportLanguage as 'it' | 'en' } : null,
  });
  const save = () => run(async () => {
    if (project) {
      await api.patch('/api/v1/consortia/{consortiumId}/projects/{projectId}', { consortiumId, projectId: project.id }, { ...body(), version: project.version });
      navigate(`/projects/${project.id}`);
    } else {
      const created = await api.post('/api/v1/consortia/{consortiumId}/projects', { consortiumId }, body());
      navigate(`/projects/${created.id}/plan`);
    }
  });

  return (
    <form class="form-grid" aria-label={project ? t('projectForm.edit', { title: project.title }) : t('projectForm.new')} onSubmit={(event) => { event.preventDefault(); void save(); }}>
      <Field label={t('projectForm.title')} wide error={errorOf('title')}>{(id, described) => <input id={id} {...described} required maxLength={200} {...bind('title')} />}</Field>
      <Field label={t('projectForm.summary')} wide error={errorOf('summary')}>{(id, described) => <textarea id={id} {...described} rows={3} maxLength={5000} {...bind('summary')} />}</Field>
      <Field label={t('funder')} error={errorOf('funderId')}>
        {(id, described) => (
          <select id={id} {...described} required {...bind('funderId')}>
            <option value="">—</option>
            {[...app.funders.values()].map((funder) => <option key={funder.id} value={funder.id}>{funder.name}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('project.call')} error={errorOf('call')}>{(id, described) => <input id={id} {...described} required maxLength={300} {...bind('call')} />}</Field>
      <Field label={t('projectForm.grantEuro')} error={errorOf('grantCents')}>{(id, described) => <input id={id} {...described} required inputMode="decimal" {...bind('grant')} />}</Field>
      <Field label={t('projectForm.cofinancingEuro')} error={errorOf('cofinancingCents')}>{(id, described) => <input id={id} {...described} required inputMode="decimal" {...bind('cofinancing')} />}</Field>
      <Field label={t('projectForm.start')} error={errorOf('startDate')}>{(id, described) => <input id={id} {...described} type="date" required {...bind('startDate')} />}</Field>
      <Field label={t('projectForm.end')} error={errorOf('endDate')}>{(id, described) => <input id={id} {...described} type="date" required min={values.startDate || undefined} {...bind('endDate')} />}</Field>
      <Field label={t('projectForm.objectives')} hint={t('projectForm.objectivesHint')} wide error={errorOf('objectives')}>
        {(id, described) => <textarea id={id} {...described} rows={4} {...bind('objectives')} />}
      </Field>
      <fieldset class="wide">
        <legend>{t('project.partners')}</legend>
        {errorOf('partners') ? <p class="field-error" role="alert">{errorOf('partners')}</p> : null}
        {partners.map((row, index) => (
          <div class="form-grid" key={index}>
            <Field label={t('projectForm.partnerN', { n: index + 1 })} error={errorOf(`partners.${index}.memberId`)}>
              {(id, described) => (
                <select id={id} {...described} required value={row.memberId} onInput={(e) => setPartner(index, { memberId: e.currentTarget.value })}>
                  <option value="">—</option>
                  {members.map((member) => <option key={member.id} value={member.id}>{member.name}</option>)}
                </select>
              )}
            </Field>
            <Field label={t('project.role')} error={errorOf(`partners.${index}.role`)}>
              {(id, described) => (
                <select id={id} {...described} value={row.role} onInput={(e) => setPartner(index, { role: e.currentTarget.value as PartnerRow['role'] })}>
                  {(['lead', 'partner'] as const).map((role) => <option key={role} value={role}>{words.role[role]}</option>)}
                </select>
              )}
            </Field>
            <Field label={t('projectForm.shareEuro')} error={errorOf(`partners.${index}.budgetShareCents`)}>
              {(id, described) => <input id={id} {...described} required inputMode="decimal" value={row.share} onInput={(e) => setPartner(index, { share: e.currentTarget.value })} />}
            </Field>
            <button type="button" class="danger" onClick={() => setPartners(partners.filter((_, i) => i !== index))}>{t('projectForm.removePartner', { n: index + 1 })}</button>
          </div>
        ))}
        <button type="button" onClick={() => setPartners([...partners, { memberId: '', role: partners.length === 0 ? 'lead' : 'partner', share: '' }])}>{t('projectForm.addPartner')}</button>
      </fieldset>
      <fieldset class="wide">
        <legend>{t('projectForm.reporting')}</legend>
        <div class="form-grid">
          <Field label={t('projectForm.frequency')} error={errorOf('reportingSchedule.frequency')}>
            {(id, described) => (
              <select id={id} {...described} {...bind('frequency')}>
                <option value="">{t('projectForm.noReports')}</option>
                <option value="monthly">{t('projectForm.monthly')}</option>
                <option value="quarterly">{t('projectForm.quarterly')}</option>
              </select>
            )}
          </Field>
          {values.frequency ? (
            <>
              <Field label={t('language')}>
                {(id) => <select id={id} {...bind('reportLanguage')}><option value="it">Italiano</option><option value="en">English</option></select>}
              </Field>
              <fieldset>
                <legend>{t('export.formats')}</legend>
                {FORMATS.map((format) => (
                  <span class="checkbox" key={format}>
                    <input type="checkbox" id={`schedule-${format}`} checked={formats.includes(format)}
                      onChange={(e) => setFormats(e.currentTarget.checked ? [...formats, format] : formats.filter((x) => x !== format))} />
                    <label for={`schedule-${format}`}>{format.toUpperCase()}</label>
                  </span>
                ))}
                {errorOf('reportingSchedule.formats') ? <p class="field-error">{errorOf('reportingSchedule.formats')}</p> : null}
              </fieldset>
            </>
          ) : null}
        </div>
      </fieldset>
      <button type="submit" class="primary" disabled={busy}>{project ? t('setup.save') : t('projectForm.create')}</button>
      {feedback}
    </form>
  );
}
