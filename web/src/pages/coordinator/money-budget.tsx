// Budget lines of a project, for coordinators: the lines with their spending, and a form that adds a
// line or changes one (its partner is fixed once created). Euros are typed, cents are sent.
import { useState } from 'preact/hooks';
import type { BudgetReport, ProjectOverview } from '../../api/types';
import { TableWrap } from '../../components/table-wrap';
import { Field, Section, useAction } from '../../components/ui';
import { memberName, useApp } from '../../context';
import { centsOf, euroText } from '../../i18n/format';
import type { CostCategory } from '../../../../shared/domain/budget';

type Line = BudgetReport['lines'][number];

export function BudgetLines({ overview, budget, reload }: { overview: ProjectOverview; budget: BudgetReport; reload(): void }) {
  const app = useApp();
  const { t, f, words } = app;
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const line = budget.lines.find((l) => l.id === editing);
  const phaseTitle = (id?: string) => overview.phases.find((p) => p.id === id)?.title ?? '—';
  return (
    <>
      <Section title={t('money.lines')}>
        <BudgetBalance difference={budget.difference} />
        {budget.lines.length === 0 ? <p>{t('money.noLines')}</p> : (
          <TableWrap label={t('money.lines')}><table>
            <thead><tr><th scope="col">{t('money.partner')}</th><th scope="col">{t('money.category')}</th><th scope="col">{t('phase')}</th><th scope="col">{t('money.description')}</th><th scope="col">{t('money.grant')}</th><th scope="col">{t('money.cofinanced')}</th><th scope="col">{t('money.approved')}</th><th scope="col">{t('money.actions')}</th></tr></thead>
            <tbody>
              {budget.lines.map((l) => (
                <tr key={l.id}>
                  <th scope="row">{memberName(app, l.memberId)}</th><td>{words.category[l.category]}</td><td>{phaseTitle(l.phaseId)}</td><td>{l.description ?? ''}</td>
                  <td>{f.euro(l.grantCents)}</td><td>{f.euro(l.cofinancingCents)}</td><td>{f.euro(l.spending.approvedCents)}</td>
                  <td><button type="button" aria-label={t('money.editLine', { partner: memberName(app, l.memberId), category: words.category[l.category] })} onClick={() => setEditing(l.id)}>{t('money.edit')}</button></td>
                </tr>
              ))}
            </tbody>
          </table></TableWrap>
        )}
      </Section>
      <Section title={line ? t('money.line.edit') : t('money.line.add')}>
        {overview.project.partners.length === 0 ? <p>{t('money.noPartners')}</p> : (
          <LineForm key={line?.id ?? 'new'} overview={overview} line={line} done={() => { setEditing(undefined); reload(); }} cancel={() => setEditing(undefined)} />
        )}
      </Section>
    </>
  );
}

/** The server's word on whether the lines add up, with its differences in euros in the chosen language. */
export function BudgetBalance({ difference }: { difference: BudgetReport['difference'] }) {
  const { t, f } = useApp();
  if (difference.balanced) return <p class="ok">{t('money.balanced')}</p>;
  const signed = (cents: number) => (cents > 0 ? '+' : '') + f.euro(cents);
  return <p class="warning"><span aria-hidden="true">⚠ </span>{t('money.gap', { grant: signed(difference.grantCents), cofinancing: signed(difference.cofinancingCents) })}</p>;
}

function LineForm({ overview, line, done, cancel }: { overview: ProjectOverview; line?: Line; done(): void; cancel(): void }) {
  const { api, consortiumId, t, words, language } = useApp();
  const partners = overview.project.partners;
  const [memberId, setMemberId] = useState(line?.memberId ?? partners[0]?.memberId ?? '');
  const [category, setCategory] = useState<CostCategory>(line?.category ?? 'staff');
  const [phaseId, setPhaseId] = useState(line?.phaseId ?? '');
  const [description, setDescription] = useState(line?.description ?? '');
  const [grant, setGrant] = useState(line ? euroText(line.grantCents, language) : '');
  const [cofinancing, setCofinancing] = useState(line ? euroText(line.cofinancingCents, language) : '0');
  const { busy, run, feedback, errorOf } = useAction();
  const ids = { consortiumId, projectId: overview.project.id };
  const amounts = { grantCents: centsOf(grant), cofinancingCents: centsOf(cofinancing || '0') };
  return (
    <form
      class="form-grid"
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          if (line) {
            await api.patch('/api/v1/consortia/{consortiumId}/projects/{projectId}/budget/lines/{budgetLineId}', { ...ids, budgetLineId: line.id }, {
              category, phaseId: phaseId || null, description, ...amounts, version: line.version,
            });
          } else {
            await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/budget/lines', ids, {
              memberId, category, ...(phaseId ? { phaseId } : {}), ...(description ? { description } : {}), ...amounts,
            });
            setDescription(''); setGrant(''); setCofinancing('0');
          }
          done();
        }, t('money.line.saved'));
      }}
    >
      <PartnerField partners={partners} value={memberId} onValue={setMemberId} error={errorOf('memberId')} fixed={!!line} />
      <Field label={t('money.category')} error={errorOf('category')}>
        {(id, described) => (
          <select id={id} {...described} value={category} onChange={(e) => setCategory(e.currentTarget.value as CostCategory)}>
            {(Object.keys(words.category) as CostCategory[]).map((c) => <option key={c} value={c}>{words.category[c]}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('money.phaseOptional')} error={errorOf('phaseId')}>
        {(id, described) => (
          <select id={id} {...described} value={phaseId} onChange={(e) => setPhaseId(e.currentTarget.value)}>
            <option value="">{t('money.noPhase')}</option>
            {overview.phases.map((p) => <option key={p.id} value={p.id}>{p.order}. {p.title}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('money.description')} error={errorOf('description')}>
        {(id, described) => <input id={id} {...described} maxLength={500} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />}
      </Field>
      <Field label={t('money.grantEuro')} error={errorOf('grantCents')}>
        {(id, described) => <EuroInput id={id} described={described} required value={grant} onValue={setGrant} />}
      </Field>
      <Field label={t('money.cofinancingEuro')} error={errorOf('cofinancingCents')}>
        {(id, described) => <EuroInput id={id} described={described} value={cofinancing} onValue={setCofinancing} />}
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>{line ? t('money.line.save') : t('money.line.create')}</button>
        {line ? <button type="button" onClick={cancel}>{t('money.cancel')}</button> : null}
      </div>
      {feedback}
    </form>
  );
}

/** Euros as typed ("1234,50" or "1234.50"); the form sends `centsOf` of it, and the API names the field if it is no amount. */
/** The project's partner a money record belongs to (fixed once the record exists). */
export function PartnerField({ partners, value, onValue, error, fixed }: { partners: { memberId: string }[]; value: string; onValue(memberId: string): void; error?: string; fixed?: boolean }) {
  const app = useApp();
  return (
    <Field label={app.t('money.partner')} error={error} hint={fixed ? app.t('money.partnerFixed') : undefined}>
      {(id, described) => (
        <select id={id} {...described} required disabled={fixed} value={value} onChange={(e) => onValue(e.currentTarget.value)}>
          {partners.map((p) => <option key={p.memberId} value={p.memberId}>{memberName(app, p.memberId)}</option>)}
        </select>
      )}
    </Field>
  );
}

export function EuroInput({ id, described, value, onValue, required }: { id: string; described: object; value: string; onValue(value: string): void; required?: boolean }) {
  return <input id={id} {...described} required={required} inputMode="decimal" autoComplete="off" pattern="[0-9]+([.,][0-9]{1,2})?" value={value} onInput={(e) => onValue(e.currentTarget.value)} />;
}
