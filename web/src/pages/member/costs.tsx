// A member's costs: report one against its own budget line of a project (with a document link or
// file), submit drafts for review, follow what was approved or rejected (and why), open documents.
import { useState } from 'preact/hooks';
import { TableWrap } from '../../components/table-wrap';
import { allPages } from '../../api/client';
import { evidenceOf } from '../../api/upload';
import type { BudgetReport, Cost } from '../../api/types';
import { CostDocuments } from '../../components/cost-documents';
import { Field, Loading, Section, Status, useAction } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { useApp } from '../../context';
import { centsOf, todayIn } from '../../i18n/format';
import type { MessageKey } from '../../i18n/messages';

type Line = BudgetReport['lines'][number];

export function CostsPage() {
  const { api, consortiumId, membership, t } = useApp();
  const memberId = membership.memberId!;
  const projects = useLoad(async () =>
    (await allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/projects', { consortiumId }, { limit: 100, cursor }))).filter((p) =>
      p.partners.some((x) => x.memberId === memberId),
    ),
  );
  const [chosen, setChosen] = useState('');
  return (
    <>
      <h1>{t('nav.costs')}</h1>
      <Loading state={projects}>
        {(items) => {
          const projectId = chosen || items[0]?.id;
          if (!projectId) return <p>{t('projects.none')}</p>;
          return (
            <>
              <Field label={t('project')}>
                {(id) => (
                  <select id={id} value={projectId} onChange={(e) => setChosen(e.currentTarget.value)}>
                    {items.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
                  </select>
                )}
              </Field>
              <ProjectCosts key={projectId} projectId={projectId} memberId={memberId} />
            </>
          );
        }}
      </Loading>
    </>
  );
}

function ProjectCosts({ projectId, memberId }: { projectId: string; memberId: string }) {
  const { api, consortiumId, t, f, words } = useApp();
  const ids = { consortiumId, projectId };
  const data = useLoad(async () => {
    const budget = await api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/budget', ids);
    const lines = budget.lines.filter((line) => line.memberId === memberId);
    const costs = (
      await Promise.all(
        lines.map((line) => allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/costs', ids, { budgetLineId: line.id, limit: 100, cursor }))),
      )
    ).flat();
    costs.sort((a, b) => (a.date < b.date ? 1 : -1));
    return { lines, costs };
  });
  return (
    <Loading state={data}>
      {({ lines, costs }) => (
        <>
          <ReportCost lines={lines} projectId={projectId} done={data.reload} />
          <Section title={t('cost.list')}>
            {costs.length === 0 ? <p>{t('cost.none')}</p> : (
              <ul class="cards">
                {costs.map((cost) => <CostItem key={cost.id} cost={cost} done={data.reload} line={lines.find((l) => l.id === cost.budgetLineId)} />)}
              </ul>
            )}
          </Section>
          <Section title={t('cost.lines')}>
            <TableWrap label={t('cost.lines')}><table>
              <thead><tr><th scope="col">{t('cost.category')}</th><th scope="col">{t('money.budget')}</th><th scope="col">{t('money.approved')}</th><th scope="col">{t('money.submitted')}</th><th scope="col">{t('money.remaining')}</th></tr></thead>
              <tbody>
                {lines.map((line) => (
                  <tr key={line.id}>
                    <th scope="row">{words.category[line.category]}</th>
                    <td>{f.euro(line.spending.budgetCents)}</td><td>{f.euro(line.spending.approvedCents)}</td><td>{f.euro(line.spending.submittedCents)}</td>
                    <td>{f.euro(line.spending.remainingCents)} {line.spending.overBudget ? <strong>⚠ {t('cost.overBudget')}</strong> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table></TableWrap>
          </Section>
        </>
      )}
    </Loading>
  );
}

function ReportCost({ lines, projectId, done }: { lines: Line[]; projectId: string; done(): void }) {
  const { api, consortiumId, t, membership, words } = useApp();
  const today = todayIn(membership.consortium.timeZone);
  const [lineId, setLineId] = useState(lines[0]?.id ?? '');
  const [date, setDate] = useState(today);
  const [description, setDescription] = useState('');
  const [supplier, setSupplier] = useState('');
  const [amount, setAmount] = useState('');
  const [vat, setVat] = useState('0');
  const [link, setLink] = useState('');
  const [file, setFile] = useState<File | undefined>(undefined);
  const { busy, run, feedback } = useAction();
  if (lines.length === 0) return <p>{t('cost.noLines')}</p>;
  return (
    <Section title={t('cost.report')}>
      <form
        class="form-grid"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          void run(async () => {
            const ids = { consortiumId, projectId, budgetLineId: lineId };
            const documents = await evidenceOf(link, file, (request) =>
              api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/budget/lines/{budgetLineId}/document-uploads', ids, request),
            );
            await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/budget/lines/{budgetLineId}/costs', ids, {
              date, description, supplier, amountCents: centsOf(amount), vatCents: centsOf(vat || '0'), documents,
            });
            setDescription(''); setSupplier(''); setAmount(''); setVat('0'); setLink(''); setFile(undefined);
            form.reset();
            done();
          }, t('cost.saved'));
        }}
      >
        <Field label={t('cost.line')}>
          {(id) => (
            <select id={id} value={lineId} onChange={(e) => setLineId(e.currentTarget.value)}>
              {lines.map((line) => <option key={line.id} value={line.id}>{words.category[line.category]}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('date')}>{(id) => <input id={id} type="date" required max={today} value={date} onInput={(e) => setDate(e.currentTarget.value)} />}</Field>
        <Field label={t('cost.description')}>{(id) => <input id={id} required value={description} onInput={(e) => setDescription(e.currentTarget.value)} />}</Field>
        <Field label={t('cost.supplier')}>{(id) => <input id={id} required value={supplier} onInput={(e) => setSupplier(e.currentTarget.value)} />}</Field>
        <Field label={t('cost.amountEuro')}>{(id) => <input id={id} required inputMode="decimal" pattern="[0-9]+([.,][0-9]{1,2})?" value={amount} onInput={(e) => setAmount(e.currentTarget.value)} />}</Field>
        <Field label={t('cost.vatEuro')}>{(id) => <input id={id} inputMode="decimal" pattern="[0-9]+([.,][0-9]{1,2})?" value={vat} onInput={(e) => setVat(e.currentTarget.value)} />}</Field>
        <Field label={t('cost.documentLink')}>{(id) => <input id={id} type="url" value={link} onInput={(e) => setLink(e.currentTarget.value)} />}</Field>
        <Field label={t('cost.documentFile')}>{(id) => <input id={id} type="file" onChange={(e) => setFile(e.currentTarget.files?.[0])} />}</Field>
        <button type="submit" class="primary" disabled={busy}>{t('cost.save')}</button>
        {feedback}
      </form>
    </Section>
  );
}

function CostItem({ cost, done, line }: { cost: Cost; done(): void; line?: Line }) {
  const { api, consortiumId, t, f, words } = useApp();
  const { busy, run, feedback } = useAction();
  return (
    <li class="card" data-cost={cost.id}>
      <h3>{cost.description}</h3>
      <p>{cost.supplier} · {f.date(cost.date)} · {f.euro(cost.amountCents + cost.vatCents)}{line ? ` · ${words.category[line.category]}` : ''}</p>
      <p><Status of="costStatus" value={cost.status} /></p>
      {cost.documents.length > 0 ? <CostDocuments cost={cost} /> : null}
      {cost.rejectionReason && cost.status === 'rejected' ? <p>{t('cost.rejectedBecause')}: {cost.rejectionReason}</p> : null}
      {cost.actions.includes('submit') ? (
        <button type="button" class="primary" disabled={busy} onClick={() => run(async () => { await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/costs/{costId}/submit', { consortiumId, projectId: cost.projectId, costId: cost.id }, { version: cost.version }); done(); })}>
          {t('cost.submit')}
        </button>
      ) : null}
      {feedback}
    </li>
  );
}
