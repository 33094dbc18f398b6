// The review queue: deliverables and costs that wait for a coordinator's decision. Deliverables
// are read only from the phases whose counters say something waits, and only until all are found.
import { useState } from 'preact/hooks';
import type { Api } from '../../api/client';
import type { Cost, Deliverable, Page, ProjectOverview } from '../../api/types';
import { Field, Link, Loading, Section, useAction } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { memberName, useApp } from '../../context';

async function submittedDeliverables(api: Api, base: string, overview: ProjectOverview): Promise<Deliverable[]> {
  const found: Deliverable[] = [];
  for (const phase of overview.phases) {
    const waiting = phase.progress.counts.submitted ?? 0;
    let cursor: string | null = null;
    let seen = 0;
    while (seen < waiting) {
      const page: Page<Deliverable> = await api.get(`${base}/deliverables?phaseId=${phase.id}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      const submitted = page.items.filter((d) => d.status === 'submitted');
      found.push(...submitted);
      seen += submitted.length;
      cursor = page.nextCursor;
      if (!cursor) break;
    }
  }
  return found;
}

export function ReviewTab({ overview, base, reload }: { overview: ProjectOverview; base: string; reload(): void }) {
  const { api, t } = useApp();
  const deliverables = useLoad(() => submittedDeliverables(api, base, overview), [base, overview]);
  const costs = useLoad(() => api.get<Page<Cost>>(`${base}/costs?status=submitted&limit=100`), [base]);
  return (
    <>
      <Section title={t('review.deliverables')}>
        <Loading state={deliverables}>
          {(items) => items.length === 0 ? <p>{t('review.nothing')}</p> : (
            <ul class="cards">{items.map((d) => <DeliverableReview key={d.id} deliverable={d} base={base} done={reload} />)}</ul>
          )}
        </Loading>
      </Section>
      <Section title={t('review.costs')}>
        <Loading state={costs}>
          {(page) => page.items.length === 0 ? <p>{t('review.nothing')}</p> : (
            <ul class="cards">{page.items.map((cost) => <CostReview key={cost.id} cost={cost} base={base} done={costs.reload} />)}</ul>
          )}
        </Loading>
      </Section>
    </>
  );
}

function DeliverableReview({ deliverable, base, done }: { deliverable: Deliverable; base: string; done(): void }) {
  const app = useApp();
  const { api, t, f } = app;
  const [comment, setComment] = useState('');
  const { busy, run, feedback } = useAction();
  const decide = (decision: 'accepted' | 'changes_requested') =>
    run(async () => {
      await api.post(`${base}/deliverables/${deliverable.id}/review`, { decision, comment, version: deliverable.version });
      done();
    });
  return (
    <li class="card" data-deliverable={deliverable.id}>
      <h3><Link href={`/projects/${deliverable.projectId}/deliverables/${deliverable.id}`}>{deliverable.title}</Link></h3>
      <p>{memberName(app, deliverable.ownerMemberId)} · {t('dueDate')} {f.date(deliverable.dueDate)} · {t('progress.reported')} {f.percent(deliverable.reportedPercent)}</p>
      <Field label={t('review.comment')}>
        {(id) => <textarea id={id} rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />}
      </Field>
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={() => decide('accepted')}>{t('review.accept')}</button>
        <button type="button" disabled={busy} onClick={() => decide('changes_requested')}>{t('review.requestChanges')}</button>
      </div>
      {feedback}
    </li>
  );
}

function CostReview({ cost, base, done }: { cost: Cost; base: string; done(): void }) {
  const app = useApp();
  const { api, t, f } = app;
  const [reason, setReason] = useState('');
  const { busy, run, feedback } = useAction();
  const decide = (decision: 'approved' | 'rejected') =>
    run(async () => {
      await api.post(`${base}/costs/${cost.id}/review`, { decision, reason, version: cost.version });
      done();
    });
  return (
    <li class="card" data-cost={cost.id}>
      <h3>{cost.description}</h3>
      <p>{memberName(app, cost.memberId)} · {cost.supplier} · {f.date(cost.date)}</p>
      <p>{t('cost.amount')}: {f.euro(cost.amountCents)} + {t('cost.vat')} {f.euro(cost.vatCents)}</p>
      {cost.documents.length > 0 ? (
        <ul>{cost.documents.map((doc, i) => <li key={i}>{'url' in doc ? <a href={doc.url} rel="noreferrer">{doc.title ?? doc.url}</a> : doc.name}</li>)}</ul>
      ) : null}
      <Field label={t('review.reason')}>
        {(id) => <textarea id={id} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
      </Field>
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={() => decide('approved')}>{t('review.approve')}</button>
        <button type="button" disabled={busy} onClick={() => decide('rejected')}>{t('review.reject')}</button>
      </div>
      {feedback}
    </li>
  );
}
