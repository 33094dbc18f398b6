// Payments received from the funder, for coordinators: the receipts, and a form that records one
// after confirming (a receipt is not changed afterwards).
import { useState } from 'preact/hooks';
import type { components } from '../../api/schema';
import type { Instalment } from '../../api/types';
import { TableWrap } from '../../components/table-wrap';
import { Field, Section, useAction } from '../../components/ui';
import { useApp } from '../../context';
import { centsOf, todayIn } from '../../i18n/format';
import { EuroInput } from './money-budget';
import { instalmentLabel, type PaymentRequest } from './money-payments';

export type Receipt = components['schemas']['Receipt'];

export function Receipts({ projectId, instalments, requests, receipts, reload }: { projectId: string; instalments: Instalment[]; requests: PaymentRequest[]; receipts: Receipt[]; reload(): void }) {
  const { t, f } = useApp();
  return (
    <>
      <Section title={t('money.receipts')}>
        {receipts.length === 0 ? <p>{t('money.noReceipts')}</p> : (
          <TableWrap label={t('money.receipts')}><table>
            <thead><tr><th scope="col">{t('date')}</th><th scope="col">{t('money.request.instalment')}</th><th scope="col">{t('amount')}</th><th scope="col">{t('money.note')}</th></tr></thead>
            <tbody>
              {receipts.map((r) => <tr key={r.id}><th scope="row">{f.date(r.date)}</th><td>{instalmentLabel(t, instalments, r.instalmentId)}</td><td>{f.euro(r.amountCents)}</td><td>{r.note}</td></tr>)}
            </tbody>
          </table></TableWrap>
        )}
      </Section>
      <Section title={t('money.receipt.add')}>
        <ReceiptForm projectId={projectId} instalments={instalments} requests={requests} done={reload} />
      </Section>
    </>
  );
}

function ReceiptForm({ projectId, instalments, requests, done }: { projectId: string; instalments: Instalment[]; requests: PaymentRequest[]; done(): void }) {
  const { api, consortiumId, t, f, membership } = useApp();
  const today = todayIn(membership.consortium.timeZone);
  const [chosen, setInstalmentId] = useState('');
  const instalmentId = chosen || (instalments.find((i) => i.status === 'requested')?.id ?? instalments[0]?.id ?? '');
  const [paymentRequestId, setPaymentRequestId] = useState('');
  const [date, setDate] = useState(today);
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const { busy, run, feedback, errorOf } = useAction();
  if (instalments.length === 0) return <p>{t('money.noInstalments')}</p>;
  const answered = requests.filter((r) => r.instalmentId === instalmentId);
  return (
    <form
      class="form-grid"
      onSubmit={(event) => {
        event.preventDefault();
        const amountCents = centsOf(amount);
        if (!confirm(t('money.receipt.confirm', { amount: Number.isNaN(amountCents) ? amount : f.euro(amountCents), instalment: instalmentLabel(t, instalments, instalmentId) }))) return;
        void run(async () => {
          await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/receipts', { consortiumId, projectId }, { instalmentId, ...(paymentRequestId ? { paymentRequestId } : {}), date, amountCents, note });
          setAmount(''); setNote(''); setPaymentRequestId('');
          done();
        }, t('money.receipt.saved'));
      }}
    >
      <Field label={t('money.request.instalment')} error={errorOf('instalmentId')}>
        {(id, described) => (
          <select id={id} {...described} required value={instalmentId} onChange={(e) => { setInstalmentId(e.currentTarget.value); setPaymentRequestId(''); }}>
            {instalments.map((i) => <option key={i.id} value={i.id}>{t('money.instalmentN', { order: i.order })} · {f.euro(i.amountCents)}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('money.receipt.request')} error={errorOf('paymentRequestId')}>
        {(id, described) => (
          <select id={id} {...described} value={paymentRequestId} onChange={(e) => setPaymentRequestId(e.currentTarget.value)}>
            <option value="">{t('money.noLine')}</option>
            {answered.map((r) => <option key={r.id} value={r.id}>{f.date(r.date)} · {f.euro(r.amountCents)}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('date')} error={errorOf('date')}>{(id, described) => <input id={id} {...described} type="date" required max={today} value={date} onInput={(e) => setDate(e.currentTarget.value)} />}</Field>
      <Field label={t('money.amountEuro')} error={errorOf('amountCents')}>{(id, described) => <EuroInput id={id} described={described} required value={amount} onValue={setAmount} />}</Field>
      <Field label={t('money.note')} error={errorOf('note')}>{(id, described) => <input id={id} {...described} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}</Field>
      <button type="submit" class="primary" disabled={busy}>{t('money.receipt.save')}</button>
      {feedback}
    </form>
  );
}
