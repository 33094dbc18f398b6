// The API's types, from the server's zod schemas: the dashboard shares types, never code.
import type { z } from 'zod';
import type { ProjectOverview as Overview } from '../../../shared/api/routes/projects';
import type { InstalmentWithStatus } from '../../../shared/domain/payment';
import type { PhaseWithProgress } from '../../../shared/domain/phase';
import type { ProjectWithProgress } from '../../../shared/domain/project';

export type { Me } from '../../../shared/api/routes/me';
export type { Deliverable, LogEntry, Evidence } from '../../../shared/domain/deliverable';
export type { Progress } from '../../../shared/domain/progress';
export type { Member } from '../../../shared/domain/member';
export type { Funder } from '../../../shared/domain/funder';
export type { Person, Role } from '../../../shared/domain/person';
export type { Cost } from '../../../shared/domain/cost';
export type { BudgetReport } from '../../../shared/domain/budget';
export type { MoneyReport, MoneySummary } from '../../../shared/domain/money';
export type { Export } from '../../../shared/domain/export';
export type { Notification } from '../../../shared/domain/notification';
export type { IndicatorWithProgress } from '../../../shared/domain/indicator';
export type { Offer, OfferSummary } from '../../../shared/domain/offer';
export type { TrainingPath, TrainingTotals, MemberTrainingTotals, Session, SessionTotals } from '../../../shared/domain/training';
export type { ShareLink } from '../../../shared/domain/share-link';

export type Phase = z.infer<typeof PhaseWithProgress>;
export type ProjectOverview = z.infer<typeof Overview>;
export type Instalment = z.infer<typeof InstalmentWithStatus>;
export type Project = z.infer<typeof ProjectWithProgress>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
