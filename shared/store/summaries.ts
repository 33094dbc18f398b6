// A project's training, offer, indicator and money summaries, from its summary collection (read
// already) and the consortium's members: the overview shows them, exports carry them.
import { indicatorSummary } from '../domain/indicator';
import type { Member } from '../domain/member';
import { moneySummary } from '../domain/money';
import { offerSummary } from '../domain/offer';
import type { Project } from '../domain/project';
import type { Item } from './db';
import { indicatorsIn, sourcesFrom } from './indicators';
import { moneyCountersIn } from './money';
import { offersIn } from './offers';
import type { Counted } from './projects';
import { trainingSummaryFrom } from './training';

export function projectSummaries(collection: { project: Counted<Project>; others: Item[] }, members: Member[], today: string) {
  const { project, others } = collection;
  return {
    training: trainingSummaryFrom(others, project.entity.partners.map((partner) => partner.memberId)),
    offers: offerSummary(offersIn(others)),
    indicators: indicatorSummary(indicatorsIn(others), sourcesFrom(others, members, project, today), today),
    money: moneySummary(project.entity, moneyCountersIn(others)),
  };
}
