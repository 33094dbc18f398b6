// A project's money at a glance: budget, approved and submitted spend, co-financing and the
// funder's payments. Funders read approved money only: they are not shown what awaits review.
import type { MoneySummary } from '../../api/types';
import { Bar } from '../../components/ui';
import { useApp } from '../../context';

export function MoneyFigures({ money, approvedOnly = false }: { money: MoneySummary; approvedOnly?: boolean }) {
  const { t, f } = useApp();
  return (
    <>
      <dl class="figures">
        <div><dt>{t('money.budget')}</dt><dd>{f.euro(money.budget.totalCents)}</dd></div>
        <div><dt>{t('money.approved')}</dt><dd>{f.euro(money.spending.approvedCents)}</dd></div>
        {!approvedOnly && <div><dt>{t('money.submitted')}</dt><dd>{f.euro(money.spending.submittedCents)}</dd></div>}
        <div><dt>{t('money.remaining')}</dt><dd>{f.euro(money.spending.remainingCents)}</dd></div>
        <div><dt>{t('money.cofinancingProvided')}</dt><dd>{f.euro(money.cofinancing.providedCents)} / {f.euro(money.cofinancing.promisedCents)}</dd></div>
        <div><dt>{t('money.received')}</dt><dd>{f.euro(money.payments.receivedCents)} / {f.euro(money.payments.grantedCents)}</dd></div>
      </dl>
      <p>{t('money.spent')}: <Bar percent={money.spending.approvedPercent} label={t('money.spent')} /></p>
    </>
  );
}
