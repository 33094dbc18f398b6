// The API's types, from the server's zod schemas: the dashboard shares types, never code.
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
import type { PhaseWithProgress } from '../../../shared/domain/phase';
import type { ProjectOverview as Overview } from '../../../shared/api/routes/projects';
import type { z } from 'zod';

export type Phase = z.infer<typeof PhaseWithProgress>;
export type ProjectOverview = z.infer<typeof Overview>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export type { ShareLink } from '../../../shared/domain/share-link';
import type { InstalmentWithStatus } from '../../../shared/domain/payment';
export type Instalment = z.infer<typeof InstalmentWithStatus>;
import type { ProjectWithProgress } from '../../../shared/domain/project';
export type Project = z.infer<typeof ProjectWithProgress>;
