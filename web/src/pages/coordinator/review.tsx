// The review queue: deliverables and costs that wait for a coordinator's decision. Deliverables
// are read only from the phases whose counters say something waits, and only until all are found.
import type { Api } from '../../api/client';
import type { Cost, Deliverable, ProjectOverview } from '../../api/types';
import { CostDocuments } from '../../components/cost-documents';
import { Decision } from '../../components/decision';
import { Link, Loading, Section } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { memberName, useApp } from '../../context';

async function submittedDeliverables(api: Api, consortiumId: string, overview: ProjectOverview): Promise<Deliverable[]> {
  const found: Deliverable[] = [];
  for (const phase of overview.phases) {
    const waiting = phase.progress.counts.submitted ?? 0;
    let cursor: string | undefined;
    let seen = 0;
    while (seen < waiting) {
      const ids = { consortiumId, projectId: overview.project.id };
      const page = await api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/deliverables', ids, { phaseId: phase.id, limit: 100, cursor });
      const submitted = page.items.filter((d) => d.status === 'submitted');
      found.push(...submitted);
      seen += submitted.length;
      cursor = page.nextCursor ?? undefined;
      if (!cursor) break;
    }
  }
  return found;
}

export function ReviewTab({ overview, reload }: { overview: ProjectOverview; reload(): void }) {
  const { api, consortiumId, t } = useApp();
  const deliverables = useLoad(() => submittedDeliverables(api, consortiumId, overview), [overview]);
  const costs = useLoad(
    () => api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/costs', { consortiumId, projectId: overview.project.id }, { status: 'submitted', limit: 100 }),
    [overview.project.id],
  );
  return (
    <>
      <Section title={t('review.deliverables')}>
        <Loading state={deliverables}>
          {(items) => items.length === 0 ? <p>{t('review.nothing')}</p> : (
            <ul class="cards">{items.map((d) => <DeliverableReview key={d.id} deliverable={d} done={reload} />)}</ul>
          )}
        </Loading>
      </Section>
      <Section title={t('review.costs')}>
        <Loading state={costs}>
          {(page) => page.items.length === 0 ? <p>{t('review.nothing')}</p> : (
            <ul class="cards">{page.items.map((cost) => <CostReview key={cost.id} cost={cost} done={costs.reload} />)}</ul>
          )}
        </Loading>
      </Section>
    </>
  );
}

function DeliverableReview({ deliverable, done }: { deliverable: Deliverable; done(): void }) {
  const app = useApp();
  const { api, consortiumId, t, f } = app;
  return (
    <li class="card" data-deliverable={deliverable.id}>
      <h3><Link href={`/projects/${deliverable.projectId}/deliverables/${deliverable.id}`}>{deliverable.title}</Link></h3>
      <p>{memberName(app, deliverable.ownerMemberId)} · {t('dueDate')} {f.date(deliverable.dueDate)} · {t('progress.reported')} {f.percent(deliverable.reportedPercent)}</p>
      <Decision
        textLabel={t('review.comment')}
        acceptLabel={t('review.accept')}
        sendBackLabel={t('review.requestChanges')}
        decide={async (accept, comment) => {
          await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/deliverables/{deliverableId}/review', { consortiumId, projectId: deliverable.projectId, deliverableId: deliverable.id }, { decision: accept ? 'accepted' : 'changes_requested', comment, version: deliverable.version });
          done();
        }}
      />
    </li>
  );
}

function CostReview({ cost, done }: { cost: Cost; done(): void }) {
  const app = useApp();
  const { api, consortiumId, t, f } = app;
  return (
    <li class="card" data-cost={cost.id}>
      <h3>{cost.description}</h3>
      <p>{memberName(app, cost.memberId)} · {cost.supplier} · {f.date(cost.date)}</p>
      <p>{t('cost.amount')}: {f.euro(cost.amountCents)} + {t('cost.vat')} {f.euro(cost.vatCents)}</p>
      {cost.documents.length > 0 ? <CostDocuments cost={cost} /> : null}
      {cost.actions.includes('review') ? (
        <Decision
          textLabel={t('review.reason')}
          acceptLabel={t('review.approve')}
          sendBackLabel={t('review.reject')}
          decide={async (approve, reason) => {
            await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/costs/{costId}/review', { consortiumId, projectId: cost.projectId, costId: cost.id }, { decision: approve ? 'approved' : 'rejected', reason, version: cost.version });
            done();
          }}
        />
      ) : <p class="muted">{t('review.notYours')}</p>}
    </li>
  );
}
