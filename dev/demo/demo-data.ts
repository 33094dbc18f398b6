// The demo consortium (Pantacon, Mantua), built purely from `today` so that it always has work done, due soon and overdue.
import { addDays, addMonths, calendarDateIn, daysBetween } from '../../shared/domain/clock';
import type { Consortium } from '../../shared/domain/consortium';
import type { Deliverable, DeliverableStatus, LogEntry } from '../../shared/domain/deliverable';
import type { Funder } from '../../shared/domain/funder';
import type { Member } from '../../shared/domain/member';
import type { Phase } from '../../shared/domain/phase';
import type { Partner, Project } from '../../shared/domain/project';

export const DEMO_CONSORTIUM_ID = 'pantacon';
export const DEMO_TIME_ZONE = 'Europe/Rome';
export const COORDINATOR_PERSON_ID = 'person-coordinator';

export interface Demo {
  consortium: Consortium;
  members: Member[];
  funders: Funder[];
  projects: Project[];
  phases: Phase[];
  deliverables: Deliverable[];
  logEntries: LogEntry[];
}

/** The person who reports for a member cooperative in the demo. */
export const memberPersonId = (memberId: string) => `person-${memberId}`;

/**
 * An org-id.guide identifier with a well-formed Italian fiscal number: a 7-digit serial, the
 * Mantua office code 020 and the check digit of the partita IVA algorithm. Serials are invented.
 */
export function fictitiousOrgId(serial: number, office = '020'): string {
  const base = String(serial).padStart(7, '0') + office;
  let sum = 0;
  for (let i = 0; i < base.length; i++) {
    let digit = Number(base[i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `IT-CF-${base}${(10 - (sum % 10)) % 10}`;
}

/**
 * Instants in UTC with a fixed format, so that log sort keys (`LOG#<at>#<id>`) order as time does.
 * Every time used is at most 20:00Z, which is still the same calendar day in Rome: an instant on
 * `today − 1` is therefore always before `now`.
 */
const instant = (date: string, time: string) => `${date}T${time}:00.000Z`;

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const clampDate = (date: string, from: string, through: string) => maxDate(from, minDate(date, through));

type Kind = Deliverable['kind'];

/** A deliverable as the demo describes it; its log and reported percent are derived from it. */
interface Plan {
  id: string;
  phaseId: string;
  ownerMemberId: string;
  title: string;
  description: string;
  kind: Kind;
  weight?: number;
  dueDate: string;
  status: DeliverableStatus;
  /** Percents reported before the (last) submission, oldest first; the defaults depend on the status. */
  progress?: number[];
  /** Notes of those progress entries, when the default ones would say too little. */
  notes?: string[];
  /** The coordinator's comment when changes were requested. */
  reviewComment?: string;
  /** Percents logged after changes were requested: the work is open again (status in_progress). */
  resumed?: number[];
  /** Accepted, but handed in six days after the due date. */
  late?: boolean;
  /** Days before today of the last log entry, for open work. */
  lastActiveDaysAgo?: number;
}

interface ProjectContext {
  consortiumId: string;
  projectId: string;
  today: string;
  now: string;
  /** No log entry is dated before this day (the project's start). */
  floor: string;
  createdAt: string;
}

const DEFAULT_PROGRESS: Record<DeliverableStatus, number[]> = {
  planned: [],
  in_progress: [25, 50],
  submitted: [50, 100],
  changes_requested: [60, 100],
  accepted: [30, 70, 100],
};

function defaultNote(percent: number): string {
  if (percent === 100) return 'Lavoro completato: materiali pronti per la consegna al coordinamento.';
  if (percent >= 70) return 'Versione quasi definitiva; restano le ultime verifiche con i soci coinvolti.';
  if (percent >= 40) return 'Bozza intermedia condivisa con il coordinamento per un primo parere.';
  return 'Avviato il lavoro: raccolta dei materiali e primo incontro con i soci coinvolti.';
}

const EVIDENCE_TITLE: Record<Kind, string> = {
  report: 'Documento',
  event: 'Programma e registro presenze',
  product: 'Prodotto',
  service: 'Scheda del servizio',
  training: 'Calendario e materiali del corso',
  milestone: 'Atto',
  other: 'Materiali',
};

type Step =
  | { type: 'progress'; percent: number; note: string }
  | { type: 'submission' }
  | { type: 'review'; decision: 'accepted' | 'changes_requested' };

/** Days between consecutive log entries, by the pair of entry types. */
function gapBefore(step: Step, previous: Step, progressGap: number): number {
  if (step.type === 'submission') return 1;
  if (step.type === 'review') return 4;
  return previous.type === 'review' ? 3 : progressGap;
}

function stepsOf(plan: Plan): Step[] {
  const percents = plan.progress ?? DEFAULT_PROGRESS[plan.status];
  const progress = (list: number[], notes: string[] = []): Step[] =>
    list.map((percent, i) => ({ type: 'progress', percent, note: notes[i] ?? defaultNote(percent) }));
  const before = progress(percents, plan.notes);
  switch (plan.status) {
    case 'planned':
      return [];
    case 'in_progress':
      return plan.resumed
        ? [
            ...before,
            { type: 'submission' },
            { type: 'review', decision: 'changes_requested' },
            ...progress(plan.resumed, plan.resumed.map(() => 'Recepite le richieste del coordinamento; revisione in corso.')),
          ]
        : before;
    case 'submitted':
      return [...before, { type: 'submission' }];
    case 'changes_requested':
      return [...before, { type: 'submission' }, { type: 'review', decision: 'changes_requested' }];
    case 'accepted':
      return [...before, { type: 'submission' }, { type: 'review', decision: 'accepted' }];
  }
}

/** The day of the last log entry: work reviewed after its hand-in, or open work touched recently. */
function lastDayOf(plan: Plan, today: string): string {
  const yesterday = addDays(today, -1);
  const recently = addDays(today, -(plan.lastActiveDaysAgo ?? 2));
  switch (plan.status) {
    case 'accepted': {
      const handedIn = addDays(plan.dueDate, plan.late ? 6 : -1);
      return minDate(addDays(handedIn, 4), yesterday);
    }
    case 'submitted':
      return plan.lastActiveDaysAgo === undefined ? minDate(addDays(plan.dueDate, -1), yesterday) : recently;
    case 'changes_requested':
      return addDays(today, -(plan.lastActiveDaysAgo ?? 3));
    default:
      return minDate(recently, yesterday);
  }
}

/** Turns a plan into the deliverable and its coherent, dated log. */
function materialise(plan: Plan, context: ProjectContext): { deliverable: Deliverable; entries: LogEntry[] } {
  const steps = stepsOf(plan);
  const dates: string[] = new Array<string>(steps.length);
  if (steps.length > 0) {
    // Entries are dated backwards from the last one; progress entries come closer together
    // when the project's start leaves less room, but never share a day.
    const last = lastDayOf(plan, context.today);
    const progressGaps = steps.filter((step, i) => i > 0 && step.type === 'progress' && steps[i - 1]!.type === 'progress').length;
    const fixedDays = steps.reduce((sum, step, i) => (i === 0 ? sum : sum + gapBefore(step, steps[i - 1]!, 0)), 0);
    const room = daysBetween(context.floor, last) - fixedDays;
    const progressGap = progressGaps === 0 ? 12 : Math.max(1, Math.min(12, Math.floor(room / progressGaps)));
    dates[steps.length - 1] = last;
    for (let i = steps.length - 1; i > 0; i--) {
      dates[i - 1] = addDays(dates[i]!, -gapBefore(steps[i]!, steps[i - 1]!, progressGap));
    }
  }

  const link = (name: string) => `https://example.org/${context.consortiumId}/${context.projectId}/${plan.id}/${name}`;
  const author = memberPersonId(plan.ownerMemberId);
  const entries: LogEntry[] = steps.map((step, i): LogEntry => {
    const base = { id: `${plan.id}-e${i + 1}`, deliverableId: plan.id };
    const date = dates[i]!;
    switch (step.type) {
      case 'progress':
        return {
          ...base,
          at: instant(date, '09:30'),
          by: author,
          type: 'progress',
          note: step.note,
          percent: step.percent,
          evidence: [{ url: link(`avanzamento-${step.percent}`), title: `Materiali al ${step.percent}%` }],
        };
      case 'submission':
        return {
          ...base,
          at: instant(date, '15:00'),
          by: author,
          type: 'submission',
          note: 'Consegnato per la revisione del coordinamento.',
          evidence: [{ url: link('consegna'), title: EVIDENCE_TITLE[plan.kind] }],
        };
      case 'review':
        return {
          ...base,
          at: instant(date, '10:00'),
          by: COORDINATOR_PERSON_ID,
          type: 'review',
          note:
            step.decision === 'accepted'
              ? 'Approvato: conforme al piano di lavoro e alla documentazione richiesta dal bando.'
              : (plan.reviewComment ?? 'Da rivedere: completare la documentazione prima della nuova consegna.'),
          evidence: [],
          decision: step.decision,
        };
    }
  });

  const lastProgress = entries.filter((entry) => entry.type === 'progress').at(-1);
  const lastSubmission = entries.filter((entry) => entry.type === 'submission').at(-1);
  const acceptance = entries.find((entry) => entry.decision === 'accepted');
  const deliverable: Deliverable = {
    id: plan.id,
    consortiumId: context.consortiumId,
    projectId: context.projectId,
    phaseId: plan.phaseId,
    ownerMemberId: plan.ownerMemberId,
    title: plan.title,
    description: plan.description,
    kind: plan.kind,
    dueDate: plan.dueDate,
    weight: plan.weight ?? 1,
    status: plan.status,
    reportedPercent: plan.status === 'accepted' ? 100 : (lastProgress?.percent ?? 0),
    ...(lastSubmission ? { submittedAt: lastSubmission.at, submittedOn: calendarDateIn(new Date(lastSubmission.at), DEMO_TIME_ZONE) } : {}),
    ...(acceptance ? { acceptedAt: acceptance.at } : {}),
    version: 1,
    createdAt: context.createdAt,
    updatedAt: context.now,
  };
  return { deliverable, entries };
}

interface PhaseOutline {
  id: string;
  title: string;
  description: string;
  fromMonth: number;
  toMonth: number;
  status: Phase['status'];
}

function phasesOf(
  outlines: PhaseOutline[],
  project: Pick<Project, 'consortiumId' | 'id' | 'startDate' | 'createdAt'>,
  now: string,
): Phase[] {
  return outlines.map((outline, index) => {
    const plannedStart = addMonths(project.startDate, outline.fromMonth);
    const plannedEnd = addDays(addMonths(project.startDate, outline.toMonth + 1), -1);
    return {
      id: outline.id,
      consortiumId: project.consortiumId,
      projectId: project.id,
      order: index + 1,
      title: outline.title,
      description: outline.description,
      plannedStart,
      plannedEnd,
      status: outline.status,
      // A closed phase was closed by the coordinator shortly after its last reviews.
      ...(outline.status === 'closed' ? { closedAt: instant(addDays(plannedEnd, 12), '11:00') } : {}),
      version: 1,
      createdAt: project.createdAt,
      updatedAt: now,
    };
  });
}

const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;

/**
 * The whole demo for a given day. `now` is the current instant and `today` its calendar date in
 * Europe/Rome; every date in the demo is derived from them, so the same pair always gives the
 * same demo.
 */
export function buildDemo(today: string, now: string): Demo {
  const consortiumId = DEMO_CONSORTIUM_ID;

  // CultNetwork started 15 months ago and lasts three years: today is in its second phase.
  const start = addMonths(firstOfMonth(today), -15);
  const founded = addMonths(start, -6);
  const projectCreated = instant(addDays(start, -14), '08:00');

  const consortium: Consortium = {
    id: consortiumId,
    name: 'Pantacon – Consorzio di cooperative culturali di Mantova',
    orgId: fictitiousOrgId(2480517),
    city: 'Mantova',
    timeZone: DEMO_TIME_ZONE,
    language: 'it',
    version: 1,
    createdAt: instant(founded, '08:00'),
    updatedAt: now,
  };

  const member = (
    id: string,
    name: string,
    sector: string,
    city: string,
    serial: number,
    joinedOn: string | undefined,
  ): Member => ({
    id,
    consortiumId,
    name,
    sector,
    orgId: fictitiousOrgId(serial),
    city,
    email: `segreteria@${id}.example.org`,
    status: joinedOn ? 'active' : 'applicant',
    ...(joinedOn ? { joinedOn } : {}),
    version: 1,
    createdAt: instant(joinedOn ?? addDays(today, -20), '08:00'),
    updatedAt: now,
  });

  const joinedLater = addMonths(start, -3);
  const members: Member[] = [
    member('mincio-musei', 'Mincio Musei – Società cooperativa di servizi museali', 'servizi museali', 'Mantova', 2311408, founded),
    member('aula-aperta', 'Aula Aperta – Cooperativa sociale di educazione al patrimonio', 'didattica ed educazione', 'Curtatone', 2317725, founded),
    member('teatro-del-viale', 'Teatro del Viale – Società cooperativa', 'teatro e spettacolo dal vivo', 'Suzzara', 2329061, founded),
    member('biblioteche-in-rete', 'Biblioteche in Rete – Società cooperativa', 'servizi bibliotecari', 'Porto Mantovano', 2334590, founded),
    member('sentieri-gonzagheschi', 'Sentieri Gonzagheschi – Cooperativa di turismo culturale', 'turismo culturale', 'Sabbioneta', 2342216, founded),
    member('note-sul-po', 'Note sul Po – Cooperativa musicale', 'musica', 'Viadana', 2356873, joinedLater),
    member('inchiostro', 'Inchiostro – Cooperativa di editoria e comunicazione', 'editoria e comunicazione', 'Castiglione delle Stiviere', 2361149, joinedLater),
    // The network grows: a new cooperative has applied and awaits admission.
    member('filo-digitale', 'Filo Digitale – Cooperativa sociale di servizi digitali per la cultura', 'servizi digitali per la cultura', 'Ostiglia', 2402238, undefined),
  ];

  const funders: Funder[] = [
    {
      id: 'fondazione-mincio',
      consortiumId,
      name: 'Fondazione Cassa di Risparmio del Mincio',
      orgId: fictitiousOrgId(9300417),
      programme: 'Bando Buona gestione nella cultura',
      website: 'https://example.org/fondazione-mincio',
      version: 1,
      createdAt: instant(addDays(start, -30), '08:00'),
      updatedAt: now,
    },
    {
      id: 'fondo-regionale',
      consortiumId,
      name: "Fondo Regionale per l'Innovazione Sociale",
      orgId: fictitiousOrgId(9700862),
      programme: 'Avviso Cultura e comunità',
      website: 'https://example.org/fondo-regionale',
      version: 1,
      createdAt: instant(addDays(start, -30), '08:00'),
      updatedAt: now,
    },
  ];

  // Shares of grant plus co-financing (€ 480,000 in all), the lead partner's the largest.
  const cultPartners: Partner[] = [
    { memberId: 'mincio-musei', role: 'lead', budgetShareCents: 9_000_000 },
    { memberId: 'aula-aperta', role: 'partner', budgetShareCents: 7_200_000 },
    { memberId: 'teatro-del-viale', role: 'partner', budgetShareCents: 6_600_000 },
    { memberId: 'biblioteche-in-rete', role: 'partner', budgetShareCents: 6_000_000 },
    { memberId: 'sentieri-gonzagheschi', role: 'partner', budgetShareCents: 7_200_000 },
    { memberId: 'note-sul-po', role: 'partner', budgetShareCents: 5_400_000 },
    { memberId: 'inchiostro', role: 'partner', budgetShareCents: 6_600_000 },
  ];

  const cultnetwork: Project = {
    id: 'cultnetwork',
    consortiumId,
    title: 'CultNetwork – Rete di cooperative culturali mantovane',
    summary:
      'Tre anni per fare del consorzio una rete stabile: organizzazione comune e relazioni con il territorio, ' +
      "un'offerta congiunta di prodotti e servizi culturali in format, il consolidamento oltre Mantova e l'apertura a nuovi soci.",
    funderId: 'fondazione-mincio',
    call: 'Bando Buona gestione nella cultura – reti e consorzi di imprese culturali',
    grantCents: 36_000_000,
    cofinancingCents: 12_000_000,
    currency: 'EUR',
    startDate: start,
    endDate: addDays(addMonths(start, 36), -1),
    objectives: [
      'Rafforzare l’organizzazione del consorzio e le relazioni con enti locali, scuole e imprese del territorio',
      'Sviluppare un’offerta congiunta di prodotti e servizi culturali in format replicabili',
      'Consolidare il consorzio oltre il territorio mantovano e aprirlo a nuove cooperative',
    ],
    partners: cultPartners,
    version: 1,
    createdAt: projectCreated,
    updatedAt: now,
  };

  const cultPhases = phasesOf(
    [
      {
        id: 'organisation',
        title: 'Organizzazione e coordinamento del consorzio, relazioni con il territorio',
        description: 'Regole comuni, identità e comunicazione del consorzio; accordi con enti locali, scuole e associazioni.',
        fromMonth: 0,
        toMonth: 11,
        status: 'closed',
      },
      {
        id: 'offer',
        title: 'Sviluppo dell’offerta congiunta di prodotti e servizi in format',
        description: 'Progettazione, prova e promozione dei format che i soci vendono insieme a scuole, enti e visitatori.',
        fromMonth: 12,
        toMonth: 23,
        status: 'active',
      },
      {
        id: 'consolidation',
        title: 'Consolidamento oltre il territorio e apertura a nuovi soci',
        description: 'Accordi con reti di altre province, offerta sul mercato regionale, ammissione di nuove cooperative.',
        fromMonth: 24,
        toMonth: 35,
        status: 'planned',
      },
    ],
    cultnetwork,
    now,
  );
  const [organisation, offer, consolidation] = cultPhases as [Phase, Phase, Phase];

  const inOrganisation = (days: number) => addDays(organisation.plannedStart, days);
  // Phase-2 dates are relative to today, kept a week inside the phase whatever today is.
  const fromToday = (days: number) =>
    clampDate(addDays(today, days), addDays(offer.plannedStart, 7), addDays(offer.plannedEnd, -7));
  const inConsolidation = (days: number) => addDays(consolidation.plannedStart, days);

  const cultPlans: Plan[] = [
    // Phase 1: closed, everything accepted.
    {
      id: 'd01',
      phaseId: 'organisation',
      ownerMemberId: 'mincio-musei',
      title: 'Statuto e regolamento interno del consorzio',
      description: 'Testo dello statuto aggiornato e regolamento su quote, decisioni comuni e ripartizione delle commesse.',
      kind: 'milestone',
      weight: 2,
      dueDate: inOrganisation(45),
      status: 'accepted',
      progress: [40, 80, 100],
      notes: [
        'Prima bozza discussa in assemblea dei soci.',
        'Recepite le osservazioni del notaio e dei soci.',
        'Statuto approvato dall’assemblea straordinaria.',
      ],
    },
    {
      id: 'd02',
      phaseId: 'organisation',
      ownerMemberId: 'inchiostro',
      title: 'Piano di comunicazione del consorzio',
      description: 'Obiettivi, pubblici, messaggi, canali e calendario editoriale del primo anno.',
      kind: 'report',
      dueDate: inOrganisation(75),
      status: 'accepted',
    },
    {
      id: 'd03',
      phaseId: 'organisation',
      ownerMemberId: 'biblioteche-in-rete',
      title: 'Mappatura dei servizi e delle competenze dei soci',
      description: 'Schede dei servizi offerti da ciascuna cooperativa, personale, sedi e clienti abituali.',
      kind: 'report',
      dueDate: inOrganisation(100),
      status: 'accepted',
      progress: [20, 60, 100],
    },
    {
      id: 'd04',
      phaseId: 'organisation',
      ownerMemberId: 'inchiostro',
      title: 'Identità visiva e sito web del consorzio',
      description: 'Marchio, linee guida grafiche e sito pubblico con le schede dei soci.',
      kind: 'product',
      weight: 2,
      dueDate: inOrganisation(150),
      status: 'accepted',
      progress: [25, 50, 80, 100],
    },
    {
      id: 'd05',
      phaseId: 'organisation',
      ownerMemberId: 'mincio-musei',
      title: 'Protocolli d’intesa con Comune e Provincia di Mantova',
      description: 'Accordi di collaborazione per la promozione congiunta e l’uso di spazi pubblici.',
      kind: 'milestone',
      dueDate: inOrganisation(180),
      status: 'accepted',
      progress: [50, 100],
    },
    {
      id: 'd06',
      phaseId: 'organisation',
      ownerMemberId: 'aula-aperta',
      title: 'Incontri con scuole e associazioni del territorio',
      description: 'Ciclo di sei incontri per raccogliere i bisogni di scuole, biblioteche civiche e pro loco.',
      kind: 'event',
      dueDate: inOrganisation(210),
      status: 'accepted',
      late: true,
      progress: [35, 70, 100],
      notes: [
        'Calendario concordato con gli istituti comprensivi.',
        'Svolti quattro incontri su sei.',
        'Concluso il ciclo: verbali e presenze raccolti.',
      ],
    },
    {
      id: 'd07',
      phaseId: 'organisation',
      ownerMemberId: 'note-sul-po',
      title: 'Percorso formativo sul fund raising per i soci',
      description: 'Quattro sessioni su bandi, donazioni e sponsorizzazioni per gli operatori delle cooperative.',
      kind: 'training',
      dueDate: inOrganisation(250),
      status: 'accepted',
    },
    {
      id: 'd08',
      phaseId: 'organisation',
      ownerMemberId: 'teatro-del-viale',
      title: 'Rassegna estiva «Cortili in scena»',
      description: 'Otto serate di teatro nei cortili storici, prima produzione firmata dal consorzio.',
      kind: 'event',
      dueDate: inOrganisation(290),
      status: 'accepted',
      progress: [30, 60, 100],
    },
    {
      id: 'd09',
      phaseId: 'organisation',
      ownerMemberId: 'mincio-musei',
      title: 'Report di monitoraggio primo anno',
      description: 'Stato di avanzamento, indicatori e spese del primo anno per la fondazione.',
      kind: 'report',
      weight: 2,
      dueDate: inOrganisation(340),
      status: 'accepted',
    },

    // Phase 2: active; accepted work, work overdue, work due soon and work planned for later.
    {
      id: 'd10',
      phaseId: 'offer',
      ownerMemberId: 'aula-aperta',
      title: 'Catalogo unico dei percorsi didattici',
      description: 'Tutti i percorsi per le scuole dei soci in un catalogo con schede, età, durata e prezzi comuni.',
      kind: 'product',
      weight: 2,
      dueDate: fromToday(-62),
      status: 'accepted',
      progress: [30, 65, 100],
    },
    {
      id: 'd11',
      phaseId: 'offer',
      ownerMemberId: 'sentieri-gonzagheschi',
      title: 'Pacchetto visite guidate Mantova–Sabbioneta',
      description: 'Itinerario di una giornata tra le due città patrimonio UNESCO, con guida, ingressi e trasporto.',
      kind: 'service',
      dueDate: fromToday(-40),
      status: 'accepted',
    },
    {
      id: 'd12',
      phaseId: 'offer',
      ownerMemberId: 'inchiostro',
      title: 'Corso di marketing culturale per gli operatori',
      description: 'Tre giornate su posizionamento, prezzi e promozione dei servizi culturali.',
      kind: 'training',
      dueDate: fromToday(-25),
      status: 'accepted',
      progress: [50, 100],
    },
    {
      id: 'd13',
      phaseId: 'offer',
      ownerMemberId: 'mincio-musei',
      title: 'Listino e condizioni comuni dei servizi',
      description: 'Prezzi, sconti per enti pubblici e condizioni contrattuali uguali per tutti i soci.',
      kind: 'product',
      dueDate: fromToday(-18),
      status: 'in_progress',
      progress: [30, 60],
      lastActiveDaysAgo: 6,
      notes: ['Raccolti i listini attuali dei soci.', 'Proposta di listino comune in discussione: manca l’accordo sugli sconti.'],
    },
    {
      id: 'd14',
      phaseId: 'offer',
      ownerMemberId: 'note-sul-po',
      title: 'Format «Musica nei musei»',
      description: 'Concerti brevi nelle sale museali abbinati alla visita, in un format vendibile ai musei civici.',
      kind: 'service',
      dueDate: fromToday(-9),
      status: 'changes_requested',
      progress: [40, 100],
      reviewComment: 'Mancano il piano dei costi per data e le schede tecniche delle sale: integrarli prima della nuova consegna.',
      lastActiveDaysAgo: 4,
    },
    {
      id: 'd15',
      phaseId: 'offer',
      ownerMemberId: 'biblioteche-in-rete',
      title: 'Carta dei servizi bibliotecari condivisi',
      description: 'Servizi di catalogazione, prestito e animazione alla lettura che i soci offrono ai comuni.',
      kind: 'product',
      dueDate: fromToday(-5),
      status: 'submitted',
      progress: [35, 75, 100],
      lastActiveDaysAgo: 2,
    },
    {
      id: 'd16',
      phaseId: 'offer',
      ownerMemberId: 'sentieri-gonzagheschi',
      title: 'Convenzione con l’ufficio turistico provinciale',
      description: 'Accordo per vendere i pacchetti del consorzio negli infopoint della provincia.',
      kind: 'milestone',
      dueDate: fromToday(-3),
      status: 'planned',
    },
    {
      id: 'd17',
      phaseId: 'offer',
      ownerMemberId: 'teatro-del-viale',
      title: 'Pacchetto laboratori teatrali per le scuole',
      description: 'Cinque laboratori per primaria e secondaria, con schede per gli insegnanti e spettacolo finale.',
      kind: 'service',
      dueDate: fromToday(2),
      status: 'submitted',
      progress: [40, 80, 100],
      lastActiveDaysAgo: 1,
    },
    {
      id: 'd18',
      phaseId: 'offer',
      ownerMemberId: 'inchiostro',
      title: 'Piattaforma di prenotazione condivisa',
      description: 'Prenotazione online di visite, laboratori e spettacoli di tutti i soci, con un solo calendario.',
      kind: 'product',
      weight: 3,
      dueDate: fromToday(6),
      status: 'in_progress',
      progress: [20, 45, 80],
      notes: [
        'Scelto il fornitore e definiti i requisiti con i soci.',
        'Configurati i calendari di tre soci su sette.',
        'Tutti i soci in piattaforma; test di pagamento in corso.',
      ],
    },
    {
      id: 'd19',
      phaseId: 'offer',
      ownerMemberId: 'sentieri-gonzagheschi',
      title: 'Presentazione dell’offerta congiunta agli operatori turistici',
      description: 'Incontro con agenzie, albergatori e guide per presentare pacchetti e listino del consorzio.',
      kind: 'event',
      dueDate: fromToday(11),
      status: 'in_progress',
      progress: [30],
      notes: ['Sala prenotata e inviti spediti a quaranta operatori.'],
    },
    {
      id: 'd20',
      phaseId: 'offer',
      ownerMemberId: 'inchiostro',
      title: 'Kit di comunicazione dell’offerta congiunta',
      description: 'Brochure, schede prodotto e modelli per i social network, coordinati con l’identità del consorzio.',
      kind: 'product',
      dueDate: fromToday(14),
      status: 'in_progress',
      progress: [35, 80],
      reviewComment: 'Le schede prodotto non riportano i prezzi del listino comune: allinearle e aggiungere la versione inglese.',
      resumed: [90],
      lastActiveDaysAgo: 1,
    },
    {
      id: 'd21',
      phaseId: 'offer',
      ownerMemberId: 'teatro-del-viale',
      title: 'Stagione condivisa «Mantova in scena»',
      description: 'Cartellone unico delle produzioni dei soci nei teatri e negli spazi della provincia.',
      kind: 'event',
      dueDate: fromToday(45),
      status: 'in_progress',
      progress: [20],
      lastActiveDaysAgo: 9,
    },
    {
      id: 'd22',
      phaseId: 'offer',
      ownerMemberId: 'mincio-musei',
      title: 'Audioguide multilingue dei percorsi museali',
      description: 'Audioguide in italiano, inglese e tedesco per i musei gestiti dai soci.',
      kind: 'product',
      dueDate: fromToday(70),
      status: 'planned',
    },
    {
      id: 'd23',
      phaseId: 'offer',
      ownerMemberId: 'biblioteche-in-rete',
      title: 'Festival della lettura per ragazzi',
      description: 'Tre giornate di letture, incontri con autori e laboratori nelle biblioteche della provincia.',
      kind: 'event',
      dueDate: fromToday(95),
      status: 'planned',
    },
    {
      id: 'd24',
      phaseId: 'offer',
      ownerMemberId: 'mincio-musei',
      title: 'Rapporto sulla sperimentazione dei format',
      description: 'Vendite, clienti e margini dei format provati, con le decisioni su quali continuare.',
      kind: 'report',
      weight: 2,
      dueDate: fromToday(120),
      status: 'planned',
    },
    {
      id: 'd25',
      phaseId: 'offer',
      ownerMemberId: 'note-sul-po',
      title: 'Concerti nelle corti rurali',
      description: 'Rassegna estiva di musica nelle corti agricole del basso mantovano, con degustazioni.',
      kind: 'event',
      dueDate: fromToday(150),
      status: 'planned',
    },
    {
      id: 'd26',
      phaseId: 'offer',
      ownerMemberId: 'mincio-musei',
      title: 'Report di monitoraggio secondo anno',
      description: 'Stato di avanzamento, indicatori e spese del secondo anno per la fondazione.',
      kind: 'report',
      weight: 2,
      // Due just before the phase ends, whatever today is.
      dueDate: addDays(offer.plannedEnd, -10),
      status: 'planned',
    },

    // Phase 3: planned.
    {
      id: 'd27',
      phaseId: 'consolidation',
      ownerMemberId: 'inchiostro',
      title: 'Campagna di adesione per nuove cooperative',
      description: 'Incontri e materiali per presentare il consorzio alle cooperative culturali della regione.',
      kind: 'other',
      dueDate: inConsolidation(60),
      status: 'planned',
    },
    {
      id: 'd28',
      phaseId: 'consolidation',
      ownerMemberId: 'mincio-musei',
      title: 'Accordo di rete con consorzi di altre province',
      description: 'Contratto di rete con due consorzi culturali lombardi per offerte e gare comuni.',
      kind: 'milestone',
      dueDate: inConsolidation(90),
      status: 'planned',
    },
    {
      id: 'd29',
      phaseId: 'consolidation',
      ownerMemberId: 'sentieri-gonzagheschi',
      title: 'Offerta congiunta per il mercato regionale',
      description: 'Pacchetti di più giorni tra Mantova, Cremona e il lago di Garda per tour operator.',
      kind: 'service',
      dueDate: inConsolidation(180),
      status: 'planned',
    },
    {
      id: 'd30',
      phaseId: 'consolidation',
      ownerMemberId: 'aula-aperta',
      title: 'Formazione congiunta per i nuovi soci',
      description: 'Percorso di inserimento sulle regole, i servizi e gli strumenti comuni del consorzio.',
      kind: 'training',
      dueDate: inConsolidation(240),
      status: 'planned',
    },
    {
      id: 'd31',
      phaseId: 'consolidation',
      ownerMemberId: 'mincio-musei',
      title: 'Report finale e rendicontazione',
      description: 'Risultati, indicatori e rendiconto delle spese dei tre anni.',
      kind: 'report',
      weight: 3,
      dueDate: inConsolidation(350),
      status: 'planned',
    },
  ];

  // MuseiLab: a smaller project of another funder, six months into its first phase.
  const museiStart = addMonths(firstOfMonth(today), -6);
  const museilab: Project = {
    id: 'museilab',
    consortiumId,
    title: 'MuseiLab – Laboratori museali per le comunità',
    summary: 'Laboratori nei musei del territorio per famiglie, scuole e persone anziane, progettati con le comunità locali.',
    funderId: 'fondo-regionale',
    call: 'Avviso Cultura e comunità – innovazione sociale nei luoghi della cultura',
    grantCents: 12_000_000,
    cofinancingCents: 3_000_000,
    currency: 'EUR',
    startDate: museiStart,
    endDate: addDays(addMonths(museiStart, 18), -1),
    objectives: [
      'Portare nei musei pubblici che oggi non li frequentano',
      'Sperimentare laboratori progettati insieme alle comunità locali',
    ],
    partners: [
      { memberId: 'mincio-musei', role: 'lead', budgetShareCents: 6_000_000 },
      { memberId: 'aula-aperta', role: 'partner', budgetShareCents: 5_000_000 },
      { memberId: 'inchiostro', role: 'partner', budgetShareCents: 4_000_000 },
    ],
    version: 1,
    createdAt: instant(addDays(museiStart, -14), '08:00'),
    updatedAt: now,
  };
  const museiPhases = phasesOf(
    [
      {
        id: 'pilot',
        title: 'Progettazione e laboratori pilota',
        description: 'Co-progettazione con scuole e associazioni e prime edizioni dei laboratori.',
        fromMonth: 0,
        toMonth: 8,
        status: 'active',
      },
      {
        id: 'rollout',
        title: 'Diffusione nei musei del territorio',
        description: 'Laboratori in altri musei della provincia e valutazione dei risultati.',
        fromMonth: 9,
        toMonth: 17,
        status: 'planned',
      },
    ],
    museilab,
    now,
  );
  const [pilot, rollout] = museiPhases as [Phase, Phase];
  const inPilot = (days: number) => clampDate(addDays(today, days), addDays(pilot.plannedStart, 7), addDays(pilot.plannedEnd, -7));
  const museiPlans: Plan[] = [
    {
      id: 'm01',
      phaseId: 'pilot',
      ownerMemberId: 'aula-aperta',
      title: 'Progetto educativo dei laboratori museali',
      description: 'Obiettivi, pubblici, metodi e calendario dei laboratori, condivisi con i musei ospitanti.',
      kind: 'report',
      dueDate: addDays(pilot.plannedStart, 60),
      status: 'accepted',
    },
    {
      id: 'm02',
      phaseId: 'pilot',
      ownerMemberId: 'inchiostro',
      title: 'Guida ai laboratori per le famiglie',
      description: 'Opuscolo illustrato e pagina web con date, luoghi e modalità di iscrizione.',
      kind: 'product',
      dueDate: inPilot(-4),
      status: 'submitted',
      lastActiveDaysAgo: 3,
    },
    {
      id: 'm03',
      phaseId: 'pilot',
      ownerMemberId: 'mincio-musei',
      title: 'Laboratori pilota con le scuole primarie',
      description: 'Dieci laboratori in tre musei civici con le classi terze, quarte e quinte.',
      kind: 'event',
      dueDate: inPilot(20),
      status: 'in_progress',
      progress: [30, 60],
    },
    {
      id: 'm04',
      phaseId: 'rollout',
      ownerMemberId: 'mincio-musei',
      title: 'Valutazione d’impatto dei laboratori',
      description: 'Questionari a partecipanti e musei, analisi dei risultati e raccomandazioni.',
      kind: 'report',
      weight: 2,
      dueDate: addDays(rollout.plannedStart, 120),
      status: 'planned',
    },
  ];

  const build = (project: Project, plans: Plan[]) =>
    plans.map((plan) =>
      materialise(plan, {
        consortiumId,
        projectId: project.id,
        today,
        now,
        floor: project.startDate,
        createdAt: project.createdAt,
      }),
    );
  const built = [...build(cultnetwork, cultPlans), ...build(museilab, museiPlans)];

  return {
    consortium,
    members,
    funders,
    projects: [cultnetwork, museilab],
    phases: [...cultPhases, ...museiPhases],
    deliverables: built.map((b) => b.deliverable),
    logEntries: built.flatMap((b) => b.entries),
  };
}
