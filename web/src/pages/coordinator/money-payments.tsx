// The funder's payments, for coordinators: instalments planned (added, changed while the server calls
// them planned) and payment requests made from approved costs.
import { useState } from 'preact/hooks';
import type { components } from '../../api/schema';
import type { Cost, Instalment, ProjectOverview } from '../../api/types';
import { TableWrap } from '../../components/table-wrap';
import { Field, Section, Status, useAction } from '../../components/ui';
import { memberName, useApp } from '../../context';
import { centsOf, euroText, todayIn } from '../../i18n/format';
import { EuroInput } from './money-budget';

export type PaymentRequest = components['schemas']['PaymentRequest'];

export function Instalments({ overview, instalments, reload }: { overview: ProjectOverview; instalments: Instalment[]; reload(): void }) {
  const { t, f } = useApp();
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const instalment = instalments.find((i) => i.id === editing);
  return (
    <>
      <Section title={t('money.instalments')}>
        {instalments.length === 0 ? <p>{t('money.noInstalments')}</p> : (
          <TableWrap label={t('money.instalments')}><table>
            <thead><tr><th scope="col">#</th><th scope="col">{t('date')}</th><th scope="col">{t('amount')}</th><th scope="col">{t('money.condition')}</th><th scope="col">{t('money.requested')}</th><th scope="col">{t('money.received')}</th><th scope="col">{t('status')}</th><th scope="col">{t('money.actions')}</th></tr></thead>
            <tbody>
              {instalments.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{i.order}</th><td>{f.date(i.plannedDate)}</td><td>{f.euro(i.amountCents)}</td><td>{i.condition}</td><td>{f.euro(i.requestedCents)}</td><td>{f.euro(i.receivedCents)}</td><td><Status of="instalmentStatus" value={i.status} /></td>
                  <td>{i.status === 'planned' ? <button type="button" aria-label={t('money.instalment.edit', { order: i.order })} onClick={() => setEditing(i.id)}>{t('money.edit')}</button> : null}</td>
                </tr>
              ))}
            </tbody>
          </table></TableWrap>
        )}
      </Section>
      <Section title={instalment ? t('money.instalment.edit', { order: instalment.order }) : t('money.instalment.add')}>
        <InstalmentForm key={instalment?.id ?? 'new'} projectId={overview.project.id} instalment={instalment} next={instalments.length + 1} done={() => { setEditing(undefined); reload(); }} cancel={() => setEditing(undefined)} />
      </Section>
    </>
  );
}

function InstalmentForm({ projectId, instalment, next, done, cancel }: { projectId: string; instalment?: Instalment; next: number; done(): void; cancel(): void }) {
  const { api, consortiumId, t, language } = useApp();
  const [order, setOrder] = useState(String(instalment?.order ?? next));
  const [plannedDate, setPlannedDate] = useState(instalment?.plannedDate ?? '');
  const [amount, setAmount] = useState(instalment ? euroText(instalment.amountCents, language) : '');
  const [condition, setCondition] = useState(instalment?.condition ?? '');
  const { busy, run, feedback, errorOf } = useAction();
  const ids = { consortiumId, projectId };
  return (
    <form
      class="form-grid"
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          const fields = { order: Number(order), plannedDate, amountCents: centsOf(amount), condition };
          if (instalment) await api.patch('/api/v1/consortia/{consortiumId}/projects/{projectId}/instalments/{instalmentId}', { ...ids, instalmentId: instalment.id }, { ...fields, version: instalment.version });
          else {
            await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/instalments', ids, fields);
            setPlannedDate(''); setAmount(''); setCondition(''); setOrder(String(next + 1));
          }
          done();
        }, t('money.instalment.saved'));
      }}
    >
      <Field label={t('money.order')} error={errorOf('order')}>{(id, described) => <input id={id} {...described} type="number" required min={1} max={24} value={order} onInput={(e) => setOrder(e.currentTarget.value)} />}</Field>
      <Field label={t('money.plannedDate')} error={errorOf('plannedDate')}>{(id, described) => <input id={id} {...described} type="date" required value={plannedDate} onInput={(e) => setPlannedDate(e.currentTarget.value)} />}</Field>
      <Field label={t('money.amountEuro')} error={errorOf('amountCents')}>{(id, described) => <EuroInput id={id} described={described} required value={amount} onValue={setAmount} />}</Field>
      <Field label={t('money.condition')} error={errorOf('condition')}>{(id, described) => <input id={id} {...described} maxLength={500} value={condition} onInput={(e) => setCondition(e.currentTarget.value)} />}</Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>{t('money.instalment.save')}</button>
        {instalment ? <button type="button" onClick={cancel}>{t('money.cancel')}</button> : null}
      </div>
      {feedback}
    </form>
  );
}

export const instalmentLabel = (t: ReturnType<typeof useApp>['t'], instalments: Instalment[], id: string) =>
  t('money.instalmentN', { order: instalments.find((i) => i.id === id)?.order ?? '?' });

export function PaymentRequests({ projectId, instalments, requests, costs, reload }: { projectId: string; instalments: Instalment[]; requests: PaymentRequest[]; costs: Cost[]; reload(): void }) {
  const { t, f } = useApp();
  return (
    <>
      <Section title={t('money.requests')}>
        {requests.length === 0 ? <p>{t('money.noRequests')}</p> : (
          <TableWrap label={t('money.requests')}><table>
            <thead><tr><th scope="col">{t('date')}</th><th scope="col">{t('money.request.instalment')}</th><th scope="col">{t('amount')}</th><th scope="col">{t('money.costsClaimed')}</th><th scope="col">{t('money.note')}</th></tr></thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}><th scope="row">{f.date(r.date)}</th><td>{instalmentLabel(t, instalments, r.instalmentId)}</td><td>{f.euro(r.amountCents)}</td><td>{r.costIds.length} · {f.euro(r.costsCents)}</td><td>{r.note}</td></tr>
              ))}
            </tbody>
          </table></TableWrap>
        )}
      </Section>
      <Section title={t('money.request.add')}>
        <RequestForm projectId={projectId} instalments={instalments} costs={costs} done={reload} />
      </Section>
    </>
  );
}

function RequestForm({ projectId, instalments, costs, done }: { projectId: string; instalments: Instalment[]; costs: Cost[]; done(): void }) {
  const app = useApp();
  const { api, consortiumId, t, f, membership } = app;
  const open = instalments.filter((i) => i.status !== 'received');
  // The first open instalment until one is chosen (the list may grow after the form is shown).
  const [chosen, setInstalmentId] = useState('');
  const instalmentId = chosen || (open[0]?.id ?? '');
  const [date, setDate] = useState(todayIn(membership.consortium.timeZone));
  const [amount, setAmount] = useState('');
  const [costIds, setCostIds] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const { busy, run, feedback, errorOf } = useAction();
  const costsError = costIds.map((_, index) => errorOf(`costIds.${index}`)).concat(errorOf('costIds')).filter(Boolean).join('; ');
  if (open.length === 0) return <p>{t('money.request.noInstalment')}</p>;
  const selected = costs.filter((c) => costIds.includes(c.id)).reduce((sum, c) => sum + (c.kind === 'reversal' ? -1 : 1) * (c.amountCents + c.vatCents), 0);
  return (
    <form
      class="form-grid"
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/payment-requests', { consortiumId, projectId }, { instalmentId, date, amountCents: centsOf(amount), costIds, note });
          setAmount(''); setCostIds([]); setNote('');
          done();
        }, t('money.request.saved'));
      }}
    >
      <Field label={t('money.request.instalment')} error={errorOf('instalmentId')}>
        {(id, described) => (
          <select id={id} {...described} required value={instalmentId} onChange={(e) => setInstalmentId(e.currentTarget.value)}>
            {open.map((i) => <option key={i.id} value={i.id}>{t('money.instalmentN', { order: i.order })} · {f.euro(i.amountCents)}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('date')} error={errorOf('date')}>{(id, described) => <input id={id} {...described} type="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} />}</Field>
      <Field label={t('money.amountEuro')} error={errorOf('amountCents')}>{(id, described) => <EuroInput id={id} described={described} required value={amount} onValue={setAmount} />}</Field>
      <Field label={t('money.note')} error={errorOf('note')}>{(id, described) => <input id={id} {...described} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}</Field>
      <fieldset class="field wide" aria-describedby={costsError ? 'request-costs-error' : undefined}>
        <legend>{t('money.request.costs')}</legend>
        {costs.length === 0 ? <p>{t('money.request.noCosts')}</p> : costs.map((c) => (
          <label key={c.id} class="checkbox">
            <input type="checkbox" checked={costIds.includes(c.id)} onChange={(e) => setCostIds(e.currentTarget.checked ? [...costIds, c.id] : costIds.filter((id) => id !== c.id))} />
            {memberName(app, c.memberId)} · {f.date(c.date)} · {c.description} · {f.euro(c.amountCents + c.vatCents)}
          </label>
        ))}
        <p>{t('money.request.selected', { total: f.euro(selected) })}</p>
        {costsError ? <small id="request-costs-error" class="field-error">{costsError}</small> : null}
      </fieldset>
      <button type="submit" class="primary" disabled={busy}>{t('money.request.save')}</button>
      {feedback}
    </form>
  );
}
