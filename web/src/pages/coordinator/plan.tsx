// A project's plan for coordinators: phases (add, change dates, reorder) and deliverables (add,
// change, move between phases, change owner and due date, remove while planned).
import { allPages } from '../../api/client';
import type { Deliverable, Phase, ProjectOverview } from '../../api/types';
import { optional, useFormValues } from '../../components/form-values';
import { Field, Link, Loading, Section, Status, useAction } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { memberName, useApp } from '../../context';

const KINDS = ['report', 'event', 'product', 'service', 'training', 'milestone', 'other'] as const;
type Kind = (typeof KINDS)[number];

export function PlanTab({ overview, reload }: { overview: ProjectOverview; reload(): void }) {
  const { api, consortiumId, t } = useApp();
  const { project, phases } = overview;
  const ids = { consortiumId, projectId: project.id };
  const deliverables = useLoad(() => allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/deliverables', ids, { limit: 100, cursor }), 100), [project.id]);
  const changed = () => { reload(); deliverables.reload(); };
  return (
    <>
      <Section title={t('plan.phases')}>
        {phases.length === 0 ? <p>{t('plan.noPhases')}</p> : (
          <ol class="plan-list">
            {phases.map((phase, index) => <PhaseItem key={`${phase.id}-${phase.version}`} phase={phase} phases={phases} index={index} done={changed} />)}
          </ol>
        )}
        <h3>{t('plan.addPhase')}</h3>
        <PhaseForm projectId={project.id} order={Math.max(0, ...phases.map((p) => p.order)) + 1} done={changed} />
      </Section>
      <Section title={t('plan.deliverables')}>
        {project.partners.length === 0 ? <p>{t('plan.noPartners')} <Link href={`/projects/${project.id}/edit`}>{t('plan.editProject')}</Link></p> : null}
        <Loading state={deliverables}>
          {(items) => (
            <>
              {phases.map((phase) => {
                const inPhase = items.filter((d) => d.phaseId === phase.id).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
                return (
                  <div key={phase.id}>
                    <h3>{phase.order}. {phase.title}</h3>
                    {inPhase.length === 0 ? <p class="muted">{t('plan.noDeliverables')}</p> : (
                      <ul class="plan-list">
                        {inPhase.map((d) => <DeliverableItem key={`${d.id}-${d.version}`} deliverable={d} overview={overview} done={changed} />)}
                      </ul>
                    )}
                  </div>
                );
              })}
            </>
          )}
        </Loading>
        {phases.length > 0 && project.partners.length > 0 ? (
          <>
            <h3>{t('plan.addDeliverable')}</h3>
            <DeliverableForm overview={overview} done={changed} />
          </>
        ) : null}
      </Section>
    </>
  );
}

function PhaseItem({ phase, phases, index, done }: { phase: Phase; phases: Phase[]; index: number; done(): void }) {
  const { api, consortiumId, t, f } = useApp();
  const { busy, run, feedback } = useAction();
  // The whole new order in one write: the API numbers the phases 1, 2, 3 … as listed.
  const move = (delta: -1 | 1) => run(async () => {
    const order = [...phases];
    [order[index], order[index + delta]] = [order[index + delta]!, order[index]!];
    await api.put('/api/v1/consortia/{consortiumId}/projects/{projectId}/phase-order', { consortiumId, projectId: phase.projectId }, { phases: order.map((p) => ({ id: p.id, version: p.version })) });
    done();
  });
  return (
    <li>
      <strong>{phase.order}. {phase.title}</strong> <Status of="phaseStatus" value={phase.status} /> · {f.date(phase.plannedStart)} – {f.date(phase.plannedEnd)}
      <div class="actions">
        <button type="button" disabled={busy || index === 0} onClick={() => void move(-1)} aria-label={t('plan.moveUp', { title: phase.title })}>↑ {t('plan.up')}</button>
        <button type="button" disabled={busy || index === phases.length - 1} onClick={() => void move(1)} aria-label={t('plan.moveDown', { title: phase.title })}>↓ {t('plan.down')}</button>
      </div>
      {feedback}
      <details>
        <summary>{t('plan.editPhase', { title: phase.title })}</summary>
        <PhaseForm projectId={phase.projectId} phase={phase} done={done} />
      </details>
    </li>
  );
}

/** Adds a phase (no `phase`, at `order`) or changes one's title, dates and description. */
function PhaseForm({ projectId, phase, order, done }: { projectId: string; phase?: Phase; order?: number; done(): void }) {
  const { api, consortiumId, t } = useApp();
  const { values, bind, reset } = useFormValues({
    title: phase?.title ?? '', plannedStart: phase?.plannedStart ?? '', plannedEnd: phase?.plannedEnd ?? '', description: phase?.description ?? '',
  });
  const { busy, run, feedback, errorOf } = useAction();
  const fields = { title: values.title, plannedStart: values.plannedStart, plannedEnd: values.plannedEnd, description: optional(values.description) };
  const save = () => run(async () => {
    if (phase) {
      await api.patch('/api/v1/consortia/{consortiumId}/projects/{projectId}/phases/{phaseId}', { consortiumId, projectId, phaseId: phase.id }, { ...fields, version: phase.version });
    } else {
      await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/phases', { consortiumId, projectId }, { ...fields, order: order ?? 1 });
      reset();
    }
    done();
  }, phase ? t('saved') : t('plan.phaseAdded'));
  return (
    <form class="form-grid" aria-label={phase ? t('plan.editPhase', { title: phase.title }) : t('plan.addPhase')} onSubmit={(event) => { event.preventDefault(); void save(); }}>
      <Field label={t('plan.phaseTitle')} error={errorOf('title')}>{(id, described) => <input id={id} {...described} required maxLength={200} {...bind('title')} />}</Field>
      <Field label={t('plan.start')} error={errorOf('plannedStart')}>{(id, described) => <input id={id} {...described} type="date" required {...bind('plannedStart')} />}</Field>
      <Field label={t('plan.end')} error={errorOf('plannedEnd')}>{(id, described) => <input id={id} {...described} type="date" required min={values.plannedStart || undefined} {...bind('plannedEnd')} />}</Field>
      <Field label={t('plan.description')} wide error={errorOf('description')}>{(id, described) => <textarea id={id} {...described} rows={2} maxLength={5000} {...bind('description')} />}</Field>
      <button type="submit" class="primary" disabled={busy}>{phase ? t('setup.save') : t('plan.addPhase')}</button>
      {feedback}
    </form>
  );
}

function DeliverableItem({ deliverable, overview, done }: { deliverable: Deliverable; overview: ProjectOverview; done(): void }) {
  const app = useApp();
  const { api, consortiumId, t, f, words } = app;
  const { busy, run, feedback } = useAction();
  const remove = () => {
    if (!confirm(t('plan.confirmRemove', { title: deliverable.title }))) return;
    void run(async () => {
      await api.del('/api/v1/consortia/{consortiumId}/projects/{projectId}/deliverables/{deliverableId}', { consortiumId, projectId: deliverable.projectId, deliverableId: deliverable.id }, { version: deliverable.version });
      done();
    });
  };
  return (
    <li>
      <Link href={`/projects/${deliverable.projectId}/deliverables/${deliverable.id}`}>{deliverable.title}</Link>{' '}
      <Status of="status" value={deliverable.status} /> · {words.kind[deliverable.kind]} · {memberName(app, deliverable.ownerMemberId)} · {t('dueDate')} {f.date(deliverable.dueDate)}
      {deliverable.status === 'planned' ? (
        <div class="actions">
          <button type="button" class="danger" disabled={busy} onClick={remove} aria-label={t('plan.removeNamed', { title: deliverable.title })}>{t('plan.remove')}</button>
        </div>
      ) : null}
      {feedback}
      <details>
        <summary>{t('plan.editDeliverable', { title: deliverable.title })}</summary>
        <DeliverableForm overview={overview} deliverable={deliverable} done={done} />
      </details>
    </li>
  );
}

/** Adds a deliverable (no `deliverable`) or changes one: title, kind, phase, owner, due date, weight. */
function DeliverableForm({ overview, deliverable, done }: { overview: ProjectOverview; deliverable?: Deliverable; done(): void }) {
  const app = useApp();
  const { api, consortiumId, t, words } = app;
  const { project, phases } = overview;
  const open = phases.filter((phase) => phase.status !== 'closed' || phase.id === deliverable?.phaseId);
  const { values, bind, reset } = useFormValues({
    title: deliverable?.title ?? '', kind: deliverable?.kind ?? 'report', phaseId: deliverable?.phaseId ?? open[0]?.id ?? '',
    ownerMemberId: deliverable?.ownerMemberId ?? '', dueDate: deliverable?.dueDate ?? '', weight: String(deliverable?.weight ?? 1),
  });
  const { busy, run, feedback, errorOf } = useAction();
  const phase = phases.find((p) => p.id === values.phaseId);
  const fields = {
    title: values.title, kind: values.kind as Kind, phaseId: values.phaseId, ownerMemberId: values.ownerMemberId, dueDate: values.dueDate, weight: Number(values.weight),
  };
  const ids = { consortiumId, projectId: project.id };
  const save = () => run(async () => {
    if (deliverable) {
      await api.patch('/api/v1/consortia/{consortiumId}/projects/{projectId}/deliverables/{deliverableId}', { ...ids, deliverableId: deliverable.id }, { ...fields, version: deliverable.version });
    } else {
      await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/deliverables', ids, fields);
      reset();
    }
    done();
  }, deliverable ? t('saved') : t('plan.deliverableAdded'));
  return (
    <form class="form-grid" aria-label={deliverable ? t('plan.editDeliverable', { title: deliverable.title }) : t('plan.addDeliverable')} onSubmit={(event) => { event.preventDefault(); void save(); }}>
      <Field label={t('plan.deliverableTitle')} error={errorOf('title')}>{(id, described) => <input id={id} {...described} required maxLength={200} {...bind('title')} />}</Field>
      <Field label={t('plan.kind')} error={errorOf('kind')}>
        {(id, described) => <select id={id} {...described} {...bind('kind')}>{KINDS.map((kind) => <option key={kind} value={kind}>{words.kind[kind]}</option>)}</select>}
      </Field>
      <Field label={t('phase')} error={errorOf('phaseId')}>
        {(id, described) => <select id={id} {...described} required {...bind('phaseId')}>{open.map((p) => <option key={p.id} value={p.id}>{p.order}. {p.title}</option>)}</select>}
      </Field>
      <Field label={t('plan.owner')} error={errorOf('ownerMemberId')}>
        {(id, described) => (
          <select id={id} {...described} required {...bind('ownerMemberId')}>
            <option value="">—</option>
            {project.partners.map((partner) => <option key={partner.memberId} value={partner.memberId}>{memberName(app, partner.memberId)}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('dueDate')} hint={phase ? t('plan.phaseDates', { start: app.f.date(phase.plannedStart), end: app.f.date(phase.plannedEnd) }) : undefined} error={errorOf('dueDate')}>
        {(id, described) => <input id={id} {...described} type="date" required {...bind('dueDate')} />}
      </Field>
      <Field label={t('plan.weight')} error={errorOf('weight')}>{(id, described) => <input id={id} {...described} type="number" min={1} max={100} required {...bind('weight')} />}</Field>
      <button type="submit" class="primary" disabled={busy}>{deliverable ? t('setup.save') : t('plan.addDeliverable')}</button>
      {feedback}
    </form>
  );
}
