// Co-financing provided, for coordinators: the contributions recorded (and their reversals), a form
// that records one, and the reversal of a wrong one with its reason, after confirming.
import { useState } from 'preact/hooks';
import type { components } from '../../api/schema';
import type { BudgetReport, ProjectOverview } from '../../api/types';
import { TableWrap } from '../../components/table-wrap';
import { Field, Link, Section, useAction } from '../../components/ui';
import { memberName, useApp } from '../../context';
import { centsOf, todayIn } from '../../i18n/format';
import { EuroInput, PartnerField } from './money-budget';

export type Contribution = components['schemas']['Contribution'];
type Kind = Contribution['kind'];

export function Contributions({ overview, budget, contributions, reload }: { overview: ProjectOverview; budget: BudgetReport; contributions: Contribution[]; reload(): void }) {
  const app = useApp();
  const { t, f } = app;
  // A reversal names what it takes back (its own description is the server's, in English, with an id).
  const reversed = (c: Contribution) => contributions.find((o) => o.id === c.reversesContributionId)?.description ?? c.description;
  return (
    <>
      <Section title={t('money.contributions')}>
        <p>{t('money.commitmentsHint')} <Link href={`/projects/${overview.project.id}`}>{t('money.projectAmounts')}</Link></p>
        {contributions.length === 0 ? <p>{t('money.noContributions')}</p> : (
          <TableWrap label={t('money.contributions')}><table>
            <thead><tr><th scope="col">{t('date')}</th><th scope="col">{t('member')}</th><th scope="col">{t('money.kind')}</th><th scope="col">{t('money.providedBy')}</th><th scope="col">{t('money.description')}</th><th scope="col">{t('money.value')}</th><th scope="col">{t('money.actions')}</th></tr></thead>
            <tbody>
              {contributions.map((c) => (
                <tr key={c.id}>
                  <td>{f.date(c.date)}</td><th scope="row">{memberName(app, c.memberId)}</th><td>{t(`money.kind.${c.kind}`)}</td><td>{c.providedBy}</td>
                  <td>{c.entry === 'reversal' ? <strong>{t('money.reversal')}: </strong> : null}{c.entry === 'reversal' ? reversed(c) : c.description}{c.reversalReason ? <><br /><small>{t('money.reason')}: {c.reversalReason}</small></> : null}</td>
                  <td>{f.euro(c.entry === 'reversal' ? -c.valueCents : c.valueCents)}</td>
                  <td>{c.entry === 'contribution' && !c.reversedBy ? <ReverseContribution contribution={c} reload={reload} /> : c.reversedBy ? t('money.reversedMark') : null}</td>
                </tr>
              ))}
            </tbody>
          </table></TableWrap>
        )}
      </Section>
      <Section title={t('money.contribution.add')}>
        {overview.project.partners.length === 0 ? <p>{t('money.noPartners')}</p> : <ContributionForm overview={overview} budget={budget} done={reload} />}
      </Section>
    </>
  );
}

/** A reason, then a confirmation: a reversal cannot be undone. */
function ReverseContribution({ contribution, reload }: { contribution: Contribution; reload(): void }) {
  const { api, consortiumId, t, f } = useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, run, feedback, errorOf } = useAction();
  if (!open) return <button type="button" aria-label={t('money.reverseOf', { what: contribution.description })} onClick={() => setOpen(true)}>{t('money.reverse')}</button>;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!confirm(t('money.reverseConfirm', { value: f.euro(contribution.valueCents) }))) return;
        void run(async () => {
          await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/cofinancing/{contributionId}/reverse',
            { consortiumId, projectId: contribution.projectId, contributionId: contribution.id }, { reason, version: contribution.version });
          reload();
        }, t('money.reversedDone'));
      }}
    >
      <Field label={t('money.reverseReason')} error={errorOf('reason')}>
        {(id, described) => <input id={id} {...described} required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
      </Field>
      <div class="actions">
        <button type="submit" class="danger" disabled={busy}>{t('money.reverseSubmit')}</button>
        <button type="button" onClick={() => setOpen(false)}>{t('money.cancel')}</button>
      </div>
      {feedback}
    </form>
  );
}

function ContributionForm({ overview, budget, done }: { overview: ProjectOverview; budget: BudgetReport; done(): void }) {
  const { api, consortiumId, t, words, membership } = useApp();
  const today = todayIn(membership.consortium.timeZone);
  const partners = overview.project.partners;
  const [memberId, setMemberId] = useState(partners[0]?.memberId ?? '');
  const [kind, setKind] = useState<Kind>('money');
  const [providedBy, setProvidedBy] = useState('');
  const [description, setDescription] = useState('');
  const [date, setDate] = useState(today);
  const [value, setValue] = useState('');
  const [budgetLineId, setBudgetLineId] = useState('');
  const { busy, run, feedback, errorOf } = useAction();
  const lines = budget.lines.filter((l) => l.memberId === memberId);
  return (
    <form
      class="form-grid"
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/cofinancing', { consortiumId, projectId: overview.project.id }, {
            memberId, kind, providedBy, description, date, valueCents: centsOf(value), ...(budgetLineId ? { budgetLineId } : {}),
          });
          setProvidedBy(''); setDescription(''); setValue(''); setBudgetLineId('');
          done();
        }, t('money.contribution.saved'));
      }}
    >
      <PartnerField partners={partners} value={memberId} onValue={(id) => { setMemberId(id); setBudgetLineId(''); }} error={errorOf('memberId')} />
      <Field label={t('money.kind')} error={errorOf('kind')}>
        {(id, described) => (
          <select id={id} {...described} value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
            <option value="money">{t('money.kind.money')}</option><option value="in_kind">{t('money.kind.in_kind')}</option>
          </select>
        )}
      </Field>
      <Field label={t('money.providedBy')} error={errorOf('providedBy')}>
        {(id, described) => <input id={id} {...described} required maxLength={200} value={providedBy} onInput={(e) => setProvidedBy(e.currentTarget.value)} />}
      </Field>
      <Field label={t('money.description')} error={errorOf('description')}>
        {(id, described) => <input id={id} {...described} required maxLength={1000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />}
      </Field>
      <Field label={t('date')} error={errorOf('date')}>
        {(id, described) => <input id={id} {...described} type="date" required max={today} value={date} onInput={(e) => setDate(e.currentTarget.value)} />}
      </Field>
      <Field label={t('money.valueEuro')} error={errorOf('valueCents')}>
        {(id, described) => <EuroInput id={id} described={described} required value={value} onValue={setValue} />}
      </Field>
      <Field label={t('money.lineOptional')} error={errorOf('budgetLineId')}>
        {(id, described) => (
          <select id={id} {...described} value={budgetLineId} onChange={(e) => setBudgetLineId(e.currentTarget.value)}>
            <option value="">{t('money.noLine')}</option>
            {lines.map((l) => <option key={l.id} value={l.id}>{words.category[l.category]}{l.description ? ` — ${l.description}` : ''}</option>)}
          </select>
        )}
      </Field>
      <button type="submit" class="primary" disabled={busy}>{t('money.contribution.save')}</button>
      {feedback}
    </form>
  );
}
