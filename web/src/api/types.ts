// Names for the API's shapes, all from its OpenAPI document (schema.d.ts, generated): the dashboard
// restates none of them.
import type { components } from './schema';

type Schemas = components['schemas'];

export type Me = Schemas['Me'];
export type Member = Schemas['Member'];
export type Funder = Schemas['Funder'];
export type Person = Schemas['Person'];
export type Role = Person['role'];
export type Project = Schemas['ProjectWithProgress'];
export type ProjectOverview = Schemas['ProjectOverview'];
/** A phase as answered to the caller: with its progress and the `actions` it may take. */
export type Phase = Schemas['PhaseView'];
/** A deliverable as answered to the caller: with its `deadline` and the `actions` it may take. */
export type Deliverable = Schemas['DeliverableView'];
export type DeliverableDetail = Schemas['DeliverableDetail'];
export type LogEntry = Schemas['LogEntry'];
export type Evidence = Schemas['Evidence'];
/** A cost as answered to the caller: with the `actions` it may take. */
export type Cost = Schemas['CostView'];
export type BudgetReport = Schemas['BudgetReport'];
export type MoneyReport = Schemas['MoneyReport'];
export type MoneySummary = Schemas['MoneySummary'];
export type Instalment = Schemas['InstalmentWithStatus'];
export type Export = Schemas['Export'];
export type Notification = Schemas['Notification'];
export type Offer = Schemas['Offer'];
export type TrainingPath = Schemas['TrainingPathWithTotals'];
export type TrainingSession = Schemas['TrainingSessionWithTotals'];
export type ShareLink = Schemas['ShareLink'];
export type PrivacyRequest = Schemas['PrivacyRequest'];
export type PrivacyRequestCreate = Schemas['PrivacyRequestCreate'];
export type Erasure = Schemas['Erasure'];
