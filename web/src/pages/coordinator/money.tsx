// Money: budget against approved spend per partner and per category, co-financing, instalments.
import type { ProjectOverview } from '../../api/types';
import { TableWrap } from '../../components/table-wrap';
import { BarPairs } from '../../components/bars';
import { Loading, Section, Status } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { memberName, useApp } from '../../context';
import type { MessageKey } from '../../i18n/messages';
import { MoneyFigures } from '../common/money-summary';

export function MoneyTab({ overview }: { overview: ProjectOverview }) {
  const app = useApp();
  const { api, consortiumId, t, f, words } = app;
  const ids = { consortiumId, projectId: overview.project.id };
  const data = useLoad(() =>
    Promise.all([
      api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/money', ids),
      api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/budget', ids),
      api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/instalments', ids),
    ]),
  );
  return (
    <Loading state={data}>
      {([money, budget, instalments]) => (
        <>
          <Section title={t('tab.money')}>
            <MoneyFigures money={money} />
            {!money.budget.difference.balanced ? <p class="warning"><span aria-hidden="true">⚠ </span>{money.budget.difference.message}</p> : null}
          </Section>
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
          <Section title={t('money.instalments')}>
            <TableWrap label={t('money.instalments')}><table>
              <thead><tr><th scope="col">#</th><th scope="col">{t('date')}</th><th scope="col">{t('amount')}</th><th scope="col">{t('money.requested')}</th><th scope="col">{t('money.received')}</th><th scope="col">{t('status')}</th></tr></thead>
              <tbody>
                {instalments.items.map((i) => (
                  <tr key={i.id}><th scope="row">{i.order}</th><td>{f.date(i.plannedDate)}</td><td>{f.euro(i.amountCents)}</td><td>{f.euro(i.requestedCents)}</td><td>{f.euro(i.receivedCents)}</td><td><Status of="instalmentStatus" value={i.status} /></td></tr>
                ))}
              </tbody>
            </table></TableWrap>
          </Section>
        </>
      )}
    </Loading>
  );
}
