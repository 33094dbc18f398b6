// Training paths (hours and participants per topic and per member), the offer pipeline (by stage,
// values, win rate) and the indicators (actual against target), each with the coordinator's forms.
import { allPages } from '../../api/client';
import { TableWrap } from '../../components/table-wrap';
import type { ProjectOverview, TrainingPath } from '../../api/types';
import { Bar, Loading, Section } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { memberName, useApp } from '../../context';
import { ActualForm, IndicatorForm } from './indicator-forms';
import { NewOffer, OfferCard } from './offer-forms';
import { TrainingPaths } from './training-paths';

export function TrainingTab({ overview, reload }: { overview: ProjectOverview; reload(): void }) {
  const app = useApp();
  const { api, consortiumId, t, f, words } = app;
  const ids = { consortiumId, projectId: overview.project.id };
  const data = useLoad(
    () => Promise.all([
      allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/training', ids, { limit: 100, cursor })),
      api.get('/api/v1/consortia/{consortiumId}/training-members', { consortiumId }),
    ]),
    [overview],
  );
  const byTopic = (paths: TrainingPath[]) => {
    const topics = new Map<TrainingPath['topic'], { hours: number; participants: number; personHours: number }>();
    for (const path of paths) {
      const sum = topics.get(path.topic) ?? { hours: 0, participants: 0, personHours: 0 };
      sum.hours += path.totals.hoursDelivered;
      sum.participants += path.totals.participants;
      sum.personHours += path.totals.personHours;
      topics.set(path.topic, sum);
    }
    return [...topics];
  };
  return (
    <Loading state={data}>
      {([paths, members]) => (
        <>
          <Section title={t('training.byTopic')}>
            <p>{t('training.project', { hours: f.number(overview.training.hoursDelivered), count: overview.training.participants })}</p>
            <TableWrap label={t('training.byTopic')}><table>
              <thead><tr><th scope="col">{t('training.topic')}</th><th scope="col">{t('training.hours')}</th><th scope="col">{t('training.participants')}</th><th scope="col">{t('training.personHours')}</th></tr></thead>
              <tbody>
                {byTopic(paths).map(([topic, sum]) => (
                  <tr key={topic}><th scope="row">{words.topic[topic]}</th><td>{f.number(sum.hours)}</td><td>{sum.participants}</td><td>{f.number(sum.personHours)}</td></tr>
                ))}
              </tbody>
            </table></TableWrap>
          </Section>
          <Section title={t('training.byMember')}>
            <TableWrap label={t('training.byMember')}><table>
              <thead><tr><th scope="col">{t('member')}</th><th scope="col">{t('training.sessions')}</th><th scope="col">{t('training.participants')}</th><th scope="col">{t('training.hours')}</th><th scope="col">{t('training.personHours')}</th></tr></thead>
              <tbody>
                {members.members.map((m) => (
                  <tr key={m.memberId}><th scope="row">{memberName(app, m.memberId)}</th><td>{m.sessionsAttended}</td><td>{m.participants}</td><td>{f.number(m.hoursAttended)}</td><td>{f.number(m.personHours)}</td></tr>
                ))}
              </tbody>
            </table></TableWrap>
            {members.membersNotYetTakingPart.length > 0 ? (
              <p>{t('training.notYet')}: {members.membersNotYetTakingPart.map((id) => memberName(app, id)).join(', ')}</p>
            ) : null}
          </Section>
          <TrainingPaths overview={overview} changed={reload} />
        </>
      )}
    </Loading>
  );
}

const STAGES = ['draft', 'proposed', 'negotiating', 'won', 'lost'] as const;

export function OffersTab({ overview, reload }: { overview: ProjectOverview; reload(): void }) {
  const { api, consortiumId, t, f, words } = useApp();
  const offers = useLoad(() => allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/offers', { consortiumId, projectId: overview.project.id }, { limit: 100, cursor })), [overview]);
  const summary = overview.offers;
  return (
    <>
      <Section title={t('offers.pipeline')}>
        <p>{t('offers.winRate')}: {summary.winRatePercent === null ? t('offers.noDecision') : f.percent(summary.winRatePercent)} · {t('offers.won')}: {f.euro(summary.wonCents)}</p>
        <ol class="pipeline">
          {STAGES.map((stage) => (
            <li key={stage} class={`stage stage-${stage}`}>
              <strong>{words.stage[stage]}</strong>
              <span>{t('offers.count', { count: summary.byStage[stage]?.count ?? 0 })}</span>
              <span>{f.euro(summary.byStage[stage]?.valueCents ?? 0)}</span>
            </li>
          ))}
        </ol>
      </Section>
      <Section title={t('setup.offer.new')}>
        <NewOffer projectId={overview.project.id} done={reload} />
      </Section>
      <Section title={t('offers.list')}>
        <Loading state={offers}>
          {(items) => (
            <TableWrap label={t('offers.list')}>
              <table>
                <thead><tr><th scope="col">{t('offers.title')}</th><th scope="col">{t('offers.client')}</th><th scope="col">{t('offers.stage')}</th><th scope="col">{t('amount')}</th></tr></thead>
                <tbody>
                  {items.map((offer) => (
                    <tr key={offer.id}><th scope="row">{offer.title}</th><td>{offer.clientName} ({words.clientType[offer.clientType]})</td><td>{words.stage[offer.stage]}</td><td>{f.euro(offer.valueCents)}</td></tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </Loading>
      </Section>
      <Section title={t('setup.offer.stages')}>
        <Loading state={offers}>
          {(items) => <ul class="cards">{items.map((offer) => <OfferCard key={offer.id} offer={offer} done={reload} />)}</ul>}
        </Loading>
      </Section>
    </>
  );
}

type Indicator = ProjectOverview['indicators']['items'][number];

export function IndicatorsTab({ overview, reload }: { overview: ProjectOverview; reload(): void }) {
  const { t, f } = useApp();
  const { items, achieved, late } = overview.indicators;
  // Money indicators count euro cents: written as euros, without their unit.
  const value = (i: Indicator, amount: number) => (i.progress.inEuroCents ? f.euro(amount) : `${f.number(amount)} ${i.unit}`);
  return (
    <Section title={t('tab.indicators')}>
      <p>{t('indicators.summary', { achieved, late, total: items.length })}</p>
      {/* Each indicator against its own target: the bar is its share of the way from baseline to target. */}
      <figure class="indicator-bars">
        <figcaption>{t('indicators.chart')}</figcaption>
        <ul>
          {items.map((i) => (
            <li key={i.id}>
              <span class="bar-label">{i.name}</span>
              <Bar percent={i.progress.percent} label={i.name} />
              <span class="bar-figures">
                {t('indicators.actual')} {i.progress.current === null ? '—' : value(i, i.progress.current)} · {t('indicators.target')} {value(i, i.target)}
              </span>
            </li>
          ))}
        </ul>
      </figure>
      <TableWrap label={t('tab.indicators')}><table>
        <thead><tr><th scope="col">{t('indicators.name')}</th><th scope="col">{t('indicators.baseline')}</th><th scope="col">{t('indicators.actual')}</th><th scope="col">{t('indicators.target')}</th><th scope="col">{t('progress')}</th><th scope="col">{t('status')}</th></tr></thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <th scope="row">{i.name}</th>
              <td>{value(i, i.baseline)}</td>
              <td>{i.progress.current === null ? '—' : value(i, i.progress.current)}</td>
              <td>{value(i, i.target)} · {f.date(i.targetDate)}</td>
              <td><Bar percent={i.progress.percent} label={i.name} /></td>
              <td>{i.progress.achieved ? `✓ ${t('indicators.achieved')}` : i.progress.late ? `! ${t('indicators.late')}` : t('indicators.onTrack')}</td>
            </tr>
          ))}
        </tbody>
      </table></TableWrap>
      <h3>{t('setup.indicator.new')}</h3>
      <IndicatorForm projectId={overview.project.id} done={reload} />
      <h3>{t('setup.indicator.change')}</h3>
      <ul class="cards">
        {items.map((i) => (
          <li key={i.id} class="card" data-indicator={i.id}>
            <h4>{i.name}</h4>
            {i.metric ? <p class="muted">{t('setup.indicator.computed')}</p> : <ActualForm indicator={i} done={reload} />}
            <details>
              <summary>{t('setup.indicator.edit')}</summary>
              <IndicatorForm projectId={overview.project.id} indicator={i} done={reload} />
            </details>
          </li>
        ))}
      </ul>
    </Section>
  );
}
