// CultNetwork's training paths, commercial offers and indicators, built purely from the base demo
// (whose dates follow today), with stable ids; and the items, with totals counted from them.
import { addDays, addMonths, calendarDateIn } from '../../shared/domain/clock';
import type { Indicator } from '../../shared/domain/indicator';
import type { Offer, OfferStage } from '../../shared/domain/offer';
import {
  MEMBER_COUNTERS,
  attendanceContribution,
  addCounts,
  countsIn,
  recountTraining,
  type Attendance,
  type Counts,
  type MemberTrainingTotals,
  type Session,
  type TrainingPath,
} from '../../shared/domain/training';
import type { Item } from '../../shared/store/db';
import { indicatorItem } from '../../shared/store/indicators';
import { collectionCountKey, pathTallyKey, projectTraineeKey, traineeKey } from '../../shared/store/keys';
import { offerItem } from '../../shared/store/offers';
import { attendanceItem, projectTrainingItem, sessionItem, tallyItem, trainingPathItem } from '../../shared/store/training';
import { COORDINATOR_PERSON_ID, memberPersonId, type Demo } from './demo-data';

export interface DemoExtras {
  paths: TrainingPath[];
  sessions: Session[];
  attendance: Attendance[];
  offers: Offer[];
  indicators: Indicator[];
}

const instant = (date: string, time: string) => `${date}T${time}:00.000Z`;

interface SessionPlan {
  month: number;
  day: number;
  hours: number;
  title: string;
  trainer: string;
  place?: string;
  cancelled?: boolean;
}

const SEDE = 'Mantova, sede del consorzio, via Accademia 12';

const FUNDRAISING: SessionPlan[] = [
  { month: 2, day: 9, hours: 4, title: 'Le fonti di finanziamento per la cultura', trainer: 'Giovanna Ferrari', place: SEDE },
  { month: 4, day: 13, hours: 4, title: 'Leggere un bando e costruire il budget', trainer: 'Giovanna Ferrari', place: SEDE },
  { month: 6, day: 8, hours: 3, title: 'Art bonus e mecenatismo d’impresa', trainer: 'Roberto Sala' },
  { month: 9, day: 14, hours: 6, title: 'Laboratorio: una candidatura comune', trainer: 'Giovanna Ferrari', place: 'Sabbioneta, Palazzo Giardino' },
  { month: 12, day: 11, hours: 3, title: 'Crowdfunding per progetti culturali', trainer: 'Marta Longhi' },
  { month: 14, day: 10, hours: 4, title: 'Rendicontare ai finanziatori', trainer: 'Roberto Sala', place: SEDE },
  { month: 17, day: 12, hours: 4, title: 'Fondi europei per le reti culturali', trainer: 'Giovanna Ferrari', place: SEDE },
  { month: 21, day: 9, hours: 3, title: 'Relazioni con le fondazioni di origine bancaria', trainer: 'Roberto Sala' },
  { month: 27, day: 15, hours: 4, title: 'Sostenibilità oltre il progetto', trainer: 'Marta Longhi', place: SEDE },
];

const MARKETING: SessionPlan[] = [
  { month: 7, day: 10, hours: 4, title: 'Il posizionamento dell’offerta congiunta', trainer: 'Davide Rinaldi', place: SEDE },
  { month: 10, day: 12, hours: 3.5, title: 'Piano editoriale e social media', trainer: 'Laura Pini' },
  { month: 11, day: 16, hours: 3, title: 'Fotografia per la comunicazione', trainer: 'Laura Pini', place: SEDE, cancelled: true },
  { month: 13, day: 9, hours: 6, title: 'Vendere ai tour operator e alle imprese', trainer: 'Davide Rinaldi', place: 'Mantova, Camera di commercio' },
  { month: 14, day: 15, hours: 4, title: 'Ufficio stampa e relazioni con i media', trainer: 'Laura Pini', place: SEDE },
  { month: 16, day: 11, hours: 4, title: 'Gare pubbliche e offerte agli enti', trainer: 'Davide Rinaldi', place: SEDE },
  { month: 19, day: 13, hours: 3, title: 'Misurare i risultati della comunicazione', trainer: 'Laura Pini' },
  { month: 23, day: 10, hours: 4, title: 'Il marchio del consorzio fuori provincia', trainer: 'Davide Rinaldi', place: SEDE },
  { month: 30, day: 14, hours: 3, title: 'Comunicare l’apertura a nuovi soci', trainer: 'Laura Pini' },
];

/** The demo's training, offers and indicators for the day the base demo was built. */
export function buildDemoExtras(demo: Demo): DemoExtras {
  const now = demo.consortium.updatedAt;
  const today = calendarDateIn(new Date(now), demo.consortium.timeZone);
  const project = demo.projects.find((p) => p.id === 'cultnetwork')!;
  const consortiumId = project.consortiumId;
  const start = project.startDate;
  const stamp = (date: string) => ({ version: 1, createdAt: instant(date, '08:00'), updatedAt: now });
  const activeMembers = demo.members.filter((m) => m.status === 'active').map((m) => m.id);

  const paths: TrainingPath[] = [
    {
      id: 'raccolta-fondi', consortiumId, topic: 'fundraising', projectId: project.id,
      title: 'Raccolta fondi per le cooperative culturali',
      description: 'Bandi, fondazioni, mecenatismo e crowdfunding: come finanziare i progetti dei soci e del consorzio.',
      ...stamp(addDays(start, 14)),
    },
    {
      id: 'marketing-comunicazione', consortiumId, topic: 'marketing', projectId: project.id, phaseId: 'offer',
      title: 'Marketing e comunicazione dell’offerta congiunta',
      description: 'Posizionamento, canali, relazioni con i media e vendita dei format comuni a imprese ed enti.',
      ...stamp(addDays(start, 150)),
    },
  ];

  const sessions: Session[] = [];
  const attendance: Attendance[] = [];
  const plan = (path: TrainingPath, plans: SessionPlan[], skip: string[]) =>
    plans.forEach((p, i) => {
      const date = addDays(addMonths(start, p.month), p.day - 1);
      const status = p.cancelled ? 'cancelled' : date < today ? 'held' : 'planned';
      const session: Session = {
        id: `${path.id}-${i + 1}`, consortiumId, trainingId: path.id, date, hours: p.hours, title: p.title, trainer: p.trainer,
        ...(p.place ? { place: p.place, online: false } : { online: true }), status, ...stamp(addDays(path.createdAt.slice(0, 10), 1)),
      };
      sessions.push(session);
      if (status !== 'held') return;
      // Most members attend; who skips a session varies, and some never came to this path.
      activeMembers.forEach((memberId, j) => {
        if (skip.includes(memberId) || (i * 3 + j) % 5 === 4) return;
        attendance.push({
          consortiumId, trainingId: path.id, sessionId: session.id, memberId,
          people: 1 + ((i + j) % 3), hours: (i + j) % 4 === 0 ? p.hours - 1 : p.hours,
          recordedBy: memberPersonId(memberId), version: 1, createdAt: instant(addDays(date, 1), '09:00'), updatedAt: instant(addDays(date, 1), '09:00'),
        });
      });
    });
  plan(paths[0]!, FUNDRAISING, ['teatro-del-viale']);
  plan(paths[1]!, MARKETING, []);

  const offers = demoOffers(project, today, now);
  const indicators = demoIndicators(project, now);
  return { paths, sessions, attendance, offers, indicators };
}

function demoOffers(project: Demo['projects'][number], today: string, now: string): Offer[] {
  const start = project.startDate;
  const month = (m: number, day = 1) => addDays(addMonths(start, m), day - 1);
  const recent = (days: number) => addDays(today, -days);
  const offer = (
    id: string, title: string, format: string, clientType: Offer['clientType'], clientName: string, valueCents: number,
    participants: [string, number][], stages: [OfferStage, string][], description: string,
  ): Offer => ({
    id, consortiumId: project.consortiumId, projectId: project.id, title, format, description,
    participants: participants.map(([memberId, shareBasisPoints]) => ({ memberId, shareBasisPoints })),
    clientType, clientName, valueCents,
    stage: stages.at(-1)![0],
    stageHistory: stages.map(([stage, on]) => ({ stage, on, at: instant(on, '11:00'), by: COORDINATOR_PERSON_ID })),
    version: stages.length, createdAt: instant(stages[0]![1], '11:00'), updatedAt: now,
  });
  return [
    offer('o01', 'Mantova dei Gonzaga: visite guidate e spettacolo', 'pacchetto di visite guidate', 'private', 'Viaggi del Mincio srl', 4_800_000,
      [['sentieri-gonzagheschi', 5000], ['mincio-musei', 3000], ['teatro-del-viale', 2000]],
      [['draft', month(12, 3)], ['proposed', month(12, 20)], ['negotiating', month(13, 5)], ['won', month(13, 28)]],
      'Pacchetto di due giorni per gruppi: Palazzo Ducale, Palazzo Te e una visita teatralizzata serale.'),
    offer('o02', 'Il patrimonio a scuola', 'ciclo di laboratori per le scuole', 'public', 'Comune di Mantova – Settore Istruzione', 3_600_000,
      [['aula-aperta', 6000], ['biblioteche-in-rete', 2000], ['mincio-musei', 2000]],
      [['draft', month(12, 10)], ['proposed', month(13, 1)], ['won', month(14, 2)]],
      'Trenta laboratori per le scuole primarie e secondarie di primo grado nei musei e nelle biblioteche civiche.'),
    offer('o03', 'Eventi culturali per le imprese', 'servizio per eventi', 'private', 'Gruppo Alimentare Padano spa', 2_500_000,
      [['teatro-del-viale', 4000], ['note-sul-po', 4000], ['inchiostro', 2000]],
      [['draft', month(13, 8)], ['proposed', month(14, 1)], ['negotiating', recent(12)]],
      'Concerti, letture e spettacoli per le convention e le feste aziendali, con la comunicazione dell’evento.'),
    offer('o04', 'Biblioteche aperte d’estate', 'programma di promozione della lettura', 'public', 'Provincia di Mantova', 1_800_000,
      [['biblioteche-in-rete', 7000], ['aula-aperta', 3000]],
      [['draft', month(14, 5)], ['proposed', recent(6)]],
      'Aperture serali e letture nei giardini delle biblioteche della provincia da giugno a settembre.'),
    offer('o05', 'Concerti nei luoghi storici del lago', 'rassegna di concerti', 'private', 'Consorzio Turistico Lago di Garda', 1_200_000,
      [['note-sul-po', 6000], ['sentieri-gonzagheschi', 4000]],
      [['draft', month(12, 15)], ['proposed', month(13, 2)], ['negotiating', month(13, 20)], ['lost', month(14, 9)]],
      'Dieci concerti in ville e castelli del Garda mantovano, con visita guidata prima di ogni concerto.'),
    offer('o06', 'Comunicazione integrata per i musei civici', 'servizio di comunicazione', 'public', 'Comune di Sabbioneta', 900_000,
      [['inchiostro', 7500], ['mincio-musei', 2500]],
      [['draft', recent(4)]],
      'Identità visiva, sito e social dei musei civici, con un calendario editoriale annuale.'),
    offer('o07', 'Visite teatralizzate nei palazzi', 'pacchetto di visite guidate', 'public', 'Comune di Suzzara', 1_500_000,
      [['teatro-del-viale', 5000], ['sentieri-gonzagheschi', 5000]],
      [['draft', month(12, 20)], ['proposed', month(13, 10)], ['negotiating', month(13, 25)], ['won', month(14, 12)]],
      'Dodici visite teatralizzate con attori in costume nei palazzi storici della città.'),
  ];
}

function demoIndicators(project: Demo['projects'][number], now: string): Indicator[] {
  const start = project.startDate;
  const month = (m: number) => addDays(addMonths(start, m), -1);
  const base = { consortiumId: project.consortiumId, projectId: project.id, targetDate: project.endDate, version: 1, createdAt: instant(start, '08:00'), updatedAt: now };
  const computed = (id: string, name: string, unit: string, metric: Indicator['metric'], target: number): Indicator => ({
    ...base, id, name, unit, metric, baseline: 0, target, actuals: [],
  });
  const typed = (id: string, name: string, unit: string, baseline: number, target: number, actuals: [number, number][]): Indicator => ({
    ...base, id, name, unit, baseline, target,
    actuals: actuals.map(([m, value]) => ({ on: month(m), value, at: instant(month(m), '17:00'), by: COORDINATOR_PERSON_ID })),
  });
  return [
    computed('ore-formazione', 'Ore di formazione erogate ai soci', 'ore', 'training_hours', 80),
    computed('soci-formati', 'Cooperative socie formate', 'cooperative', 'members_trained', 7),
    computed('offerte-vinte', 'Offerte congiunte vinte', 'offerte', 'offers_won', 8),
    computed('valore-offerte', 'Valore delle offerte congiunte vinte', 'centesimi di euro', 'offers_won_value', 20_000_000),
    computed('consegne-nei-tempi', 'Consegne approvate nei tempi', 'consegne', 'deliverables_accepted_on_time', 25),
    computed('nuovi-soci', 'Nuove cooperative ammesse al consorzio', 'cooperative', 'members_admitted', 3),
    typed('partecipanti-format', 'Partecipanti ai format congiunti', 'persone', 0, 12_000, [[3, 400], [6, 1300], [9, 2600], [12, 4100], [15, 5300]]),
    typed('enti-clienti', 'Enti pubblici clienti del consorzio', 'enti', 2, 10, [[6, 3], [12, 5], [15, 6]]),
  ];
}

const tallyOf = (memberId: string, records: Attendance[]): MemberTrainingTotals => {
  let counts: Counts = {};
  for (const record of records) counts = addCounts(counts, attendanceContribution(record));
  return { memberId, ...countsIn(counts, MEMBER_COUNTERS.filter((name) => name !== 'paths')) };
};

const byMember = (records: Attendance[]) => {
  const groups = new Map<string, Attendance[]>();
  for (const record of records) groups.set(record.memberId, [...(groups.get(record.memberId) ?? []), record]);
  return groups;
};

/** Every item of the extras, with the totals the writes would have kept, counted from the entities. */
export function demoExtrasItems(extras: DemoExtras): Item[] {
  const items: Item[] = [];
  const { paths, sessions, attendance } = extras;
  for (const path of paths) {
    const own = attendance.filter((a) => a.trainingId === path.id);
    items.push(trainingPathItem(path, recountTraining(sessions.filter((s) => s.trainingId === path.id), own)));
    for (const [memberId, records] of byMember(own)) {
      items.push(tallyItem(pathTallyKey(path.consortiumId, path.id, memberId), 'TrainingTally', tallyOf(memberId, records)));
    }
  }
  for (const session of sessions) {
    const own = attendance.filter((a) => a.sessionId === session.id && a.trainingId === session.trainingId);
    const { attendances, participants, personHours } = recountTraining([], own);
    items.push(sessionItem(session, { attendances, participants, personHours }));
  }
  items.push(...attendance.map(attendanceItem));
  for (const [memberId, records] of byMember(attendance)) {
    const consortiumId = records[0]!.consortiumId;
    const pathCount = new Set(records.map((r) => r.trainingId)).size;
    items.push(tallyItem(traineeKey(consortiumId, memberId), 'TrainingTally', { ...tallyOf(memberId, records), paths: pathCount }));
  }
  const projects = new Map<string, TrainingPath[]>();
  for (const path of paths) if (path.projectId) projects.set(`${path.consortiumId}/${path.projectId}`, [...(projects.get(`${path.consortiumId}/${path.projectId}`) ?? []), path]);
  for (const linked of projects.values()) {
    const { consortiumId, projectId } = linked[0]! as TrainingPath & { projectId: string };
    const ids = new Set(linked.map((p) => p.id));
    const own = attendance.filter((a) => ids.has(a.trainingId));
    items.push(projectTrainingItem(consortiumId, projectId, { ...recountTraining(sessions.filter((s) => ids.has(s.trainingId)), own), paths: linked.length }));
    for (const [memberId, records] of byMember(own)) {
      items.push(tallyItem(projectTraineeKey(consortiumId, projectId, memberId), 'TrainingTally', tallyOf(memberId, records)));
    }
  }
  items.push(...extras.offers.map(offerItem), ...extras.indicators.map(indicatorItem));
  const counted = (kind: 'offers' | 'indicators', list: { consortiumId: string; projectId: string }[]) => {
    const counts = new Map<string, number>();
    for (const { consortiumId, projectId } of list) counts.set(`${consortiumId}/${projectId}`, (counts.get(`${consortiumId}/${projectId}`) ?? 0) + 1);
    for (const [ids, count] of counts) {
      const [consortiumId, projectId] = ids.split('/') as [string, string];
      items.push({ ...collectionCountKey(consortiumId, projectId, kind), itemType: 'CollectionCount', count });
    }
  };
  counted('offers', extras.offers);
  counted('indicators', extras.indicators);
  return items;
}
