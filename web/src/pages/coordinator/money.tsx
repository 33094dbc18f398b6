// Money: budget against approved spend per partner and per category, and the forms a coordinator
// keeps it with: budget lines, co-financing contributions, instalments, payment requests, receipts.
import type { ProjectOverview } from '../../api/types';
import { allPages } from '../../api/client';
import { TableWrap } from '../../components/table-wrap';
import { BarPairs } from '../../components/bars';
import { Loading, Section } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { memberName, useApp } from '../../context';
import { MoneyFigures } from '../common/money-summary';
import { BudgetLines } from './money-budget';
import { Contributions } from './money-cofinancing';
import { Instalments, PaymentRequests } from './money-payments';
import { Receipts } from './money-receipts';

export function MoneyTab({ overview }: { overview: ProjectOverview }) {
  const app = useApp();
  const { api, consortiumId, t, f, words } = app;
  const ids = { consortiumId, projectId: overview.project.id };
  const base = '/api/v1/consortia/{consortiumId}/projects/{projectId}' as const;
  const data = useLoad(() =>
    Promise.all([
      api.get(`${base}/money`, ids),
      api.get(`${base}/budget`, ids),
      api.get(`${base}/instalments`, ids),
      allPages((cursor) => api.get(`${base}/cofinancing`, ids, { limit: 100, cursor })),
      allPages((cursor) => api.get(`${base}/payment-requests`, ids, { limit: 100, cursor })),
      allPages((cursor) => api.get(`${base}/receipts`, ids, { limit: 100, cursor })),
      // Approved costs not yet claimed in a payment request: what a new request can account for.
      allPages((cursor) => api.get(`${base}/costs`, ids, { status: 'approved', limit: 100, cursor })).then((costs) => costs.filter((c) => !c.paymentRequestId)),
    ]),
  );
  return (
    <Loading state={data}>
      {([money, budget, instalments, contributions, requests, receipts, costs]) => (
        <>
          <Section title={t('tab.money')}>
            <MoneyFigures money={money} />
          </Section>
          <BudgetLines overview={overview} budget={budget} reload={data.reload} />
          <Section title={t('money.byPartner')}>
            <BarPairs
              title={t('money.byPartner')}
              plannedName={t('money.budget')}
              actualName={t('money.approved')}
              pairs={money.partners.map((p) => ({ label: memberName(app, p.memberId), planned: p.budgetGrantCents + p.budgetCofinancingCents, actual: p.approvedCents, format: f.euro }))}
            />
          </Section>
          <Section title={t('money.byCategory')}>
            <BarPairs
              title={t('money.byCategory')}
              plannedName={t('money.budget')}
              actualName={t('money.approved')}
              pairs={budget.byCategory.map((c) => ({ label: words.category[c.category], planned: c.budgetCents, actual: c.approvedCents, format: f.euro }))}
            />
          </Section>
          <Section title={t('money.cofinancing')}>
            <TableWrap label={t('money.cofinancing')}><table>
              <thead><tr><th scope="col">{t('member')}</th><th scope="col">{t('money.promised')}</th><th scope="col">{t('money.provided')}</th><th scope="col">{t('money.remaining')}</th></tr></thead>
              <tbody>
                {money.partners.map((p) => (
                  <tr key={p.memberId}><th scope="row">{memberName(app, p.memberId)}</th><td>{f.euro(p.budgetCofinancingCents)}</td><td>{f.euro(p.cofinancingProvidedCents)}</td><td>{f.euro(p.cofinancingRemainingCents)}</td></tr>
                ))}
              </tbody>
            </table></TableWrap>
          </Section>
          <Contributions overview={overview} budget={budget} contributions={contributions} reload={data.reload} />
          <Instalments overview={overview} instalments={instalments.items} reload={data.reload} />
          <PaymentRequests projectId={overview.project.id} instalments={instalments.items} requests={requests} costs={costs} reload={data.reload} />
          <Receipts projectId={overview.project.id} instalments={instalments.items} requests={requests} receipts={receipts} reload={data.reload} />
        </>
      )}
    </Loading>
  );
}
