// The words for the suite's statuses, kinds and categories in each language: one glossary, used by
// the exports and by the dashboard alike, so that a status reads the same on screen and on paper.
// Data only, with type imports: the dashboard bundles it without any of the server's code.
import type { CostCategory } from './budget';
import type { Cost, CostStatus } from './cost';
import type { Deliverable, DeliverableStatus } from './deliverable';
import type { ExportStatus } from './export';
import type { ClientType, OfferStage } from './offer';
import type { MemberStatus } from './member';
import type { InstalmentStatus } from './payment';
import type { PhaseStatus } from './phase';
import type { Partner } from './project';
import type { SessionStatus, TrainingTopic } from './training';

export type GlossaryLanguage = 'en' | 'it';

export interface Glossary {
  status: Record<DeliverableStatus, string>;
  phaseStatus: Record<PhaseStatus, string>;
  kind: Record<Deliverable['kind'], string>;
  role: Record<Partner['role'], string>;
  topic: Record<TrainingTopic, string>;
  sessionStatus: Record<SessionStatus, string>;
  stage: Record<OfferStage, string>;
  clientType: Record<ClientType, string>;
  category: Record<CostCategory, string>;
  costStatus: Record<CostStatus, string>;
  costKind: Record<Cost['kind'], string>;
  instalmentStatus: Record<InstalmentStatus, string>;
  exportStatus: Record<ExportStatus, string>;
  memberStatus: Record<MemberStatus, string>;
}

const en: Glossary = {
  status: { planned: 'Planned', in_progress: 'In progress', submitted: 'Submitted', changes_requested: 'Changes requested', accepted: 'Accepted' },
  phaseStatus: { planned: 'Planned', active: 'Active', closed: 'Closed' },
  kind: { report: 'Report', event: 'Event', product: 'Product', service: 'Service', training: 'Training', milestone: 'Milestone', other: 'Other' },
  role: { lead: 'Lead partner', partner: 'Partner' },
  topic: { fundraising: 'Fundraising', marketing: 'Marketing', communication: 'Communication', management: 'Management', other: 'Other' },
  sessionStatus: { planned: 'Planned', held: 'Held', cancelled: 'Cancelled' },
  stage: { draft: 'Draft', proposed: 'Proposed', negotiating: 'Negotiating', won: 'Won', lost: 'Lost' },
  clientType: { private: 'Private', public: 'Public' },
  category: {
    staff: 'Staff', external_services: 'External services', equipment: 'Equipment', travel: 'Travel',
    training: 'Training', communication: 'Communication', overheads: 'Overheads', other: 'Other',
  },
  costStatus: { draft: 'Draft', submitted: 'Submitted', approved: 'Approved', rejected: 'Rejected' },
  costKind: { cost: 'Cost', reversal: 'Reversal' },
  instalmentStatus: { planned: 'Planned', requested: 'Requested', received: 'Received' },
  exportStatus: { queued: 'Queued', running: 'Being prepared', done: 'Ready', failed: 'Failed' },
  memberStatus: { applicant: 'Applicant', active: 'Active member', left: 'Left' },
};

const it: Glossary = {
  status: { planned: 'Previsto', in_progress: 'In corso', submitted: 'Consegnato', changes_requested: 'Modifiche richieste', accepted: 'Approvato' },
  phaseStatus: { planned: 'Prevista', active: 'Attiva', closed: 'Chiusa' },
  kind: { report: 'Relazione', event: 'Evento', product: 'Prodotto', service: 'Servizio', training: 'Formazione', milestone: 'Traguardo', other: 'Altro' },
  role: { lead: 'Capofila', partner: 'Partner' },
  topic: { fundraising: 'Raccolta fondi', marketing: 'Marketing', communication: 'Comunicazione', management: 'Gestione', other: 'Altro' },
  sessionStatus: { planned: 'Programmato', held: 'Svolto', cancelled: 'Annullato' },
  stage: { draft: 'Bozza', proposed: 'Proposta', negotiating: 'In trattativa', won: 'Vinta', lost: 'Persa' },
  clientType: { private: 'Privato', public: 'Pubblico' },
  category: {
    staff: 'Personale', external_services: 'Servizi esterni', equipment: 'Attrezzature', travel: 'Viaggi e trasferte',
    training: 'Formazione', communication: 'Comunicazione', overheads: 'Spese generali', other: 'Altro',
  },
  costStatus: { draft: 'Bozza', submitted: 'Inviato', approved: 'Approvato', rejected: 'Respinto' },
  costKind: { cost: 'Costo', reversal: 'Storno' },
  instalmentStatus: { planned: 'Prevista', requested: 'Richiesta', received: 'Incassata' },
  exportStatus: { queued: 'In coda', running: 'In preparazione', done: 'Pronto', failed: 'Non riuscito' },
  memberStatus: { applicant: 'Candidata', active: 'Socia attiva', left: 'Uscita' },
};

export const glossary: Record<GlossaryLanguage, Glossary> = { en, it };
