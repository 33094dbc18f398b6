// The demo's accounts for cultnetwork: a budget that matches its grant and co-financing exactly,
// costs in every status (some lines over budget, one cost reversed), co-financing in money and in
// kind, and the funder's instalments, some requested and received. Pure: built from the base demo.
import type { BudgetLine, CostCategory } from '../../shared/domain/budget';
import { addDays, addMonths, calendarDateIn } from '../../shared/domain/clock';
import type { Contribution } from '../../shared/domain/cofinancing';
import { costContribution, countedCents, type Cost } from '../../shared/domain/cost';
import { addMoney, zeroMoney, type MoneyCounters } from '../../shared/domain/money';
import type { Instalment, PaymentRequest, Receipt } from '../../shared/domain/payment';
import type { Project } from '../../shared/domain/project';
import { budgetLineItem } from '../../shared/store/budget';
import { contributionItem } from '../../shared/store/cofinancing';
import { costItem } from '../../shared/store/costs';
import type { Item } from '../../shared/store/db';
import { moneySummaryItem, partnerMoneyItem } from '../../shared/store/money';
import { instalmentItem, paymentRequestItem, receiptItem } from '../../shared/store/payments';
import { COORDINATOR_PERSON_ID, DEMO_TIME_ZONE, memberPersonId, type Demo } from './demo-data';

export const DEMO_MONEY_PROJECT_ID = 'cultnetwork';

/** Stable ids, so that tests can name the demo's money. */
export const demoLineId = (memberId: string, category: CostCategory) => `bl-${memberId}-${category.replace('_', '-')}`;
export const demoCostId = (memberId: string, n: number) => `c-${memberId}-${n}`;

export interface DemoMoney {
  lines: BudgetLine[];
  costs: Cost[];
  contributions: Contribution[];
  instalments: Instalment[];
  requests: PaymentRequest[];
  receipts: Receipt[];
}

/** Percent of a partner's share per category; the staff line takes the rounding remainder. */
const DEFAULT_MIX: Partial<Record<CostCategory, number>> = {
  staff: 50, external_services: 15, equipment: 5, travel: 5, training: 5, communication: 10, overheads: 10,
};
const MIX: Record<string, Partial<Record<CostCategory, number>>> = {
  'mincio-musei': { staff: 55, external_services: 10, travel: 5, training: 5, communication: 5, overheads: 15, other: 5 },
  'teatro-del-viale': { staff: 45, external_services: 25, equipment: 10, travel: 5, communication: 5, overheads: 10 },
  inchiostro: { staff: 45, external_services: 10, equipment: 5, communication: 30, overheads: 10 },
};

/** Lines of these categories belong to the phase their work falls in; the others to none. */
const PHASE_OF: Partial<Record<CostCategory, string>> = {
  communication: 'organisation',
  external_services: 'offer',
  training: 'offer',
  travel: 'consolidation',
};

/** Splits `total` by percent weights; the first key takes what rounding leaves. */
function split(total: number, mix: Partial<Record<CostCategory, number>>): Map<CostCategory, number> {
  const entries = Object.entries(mix) as [CostCategory, number][];
  const parts = new Map(entries.map(([category, weight]) => [category, Math.round((total * weight) / 100)]));
  const [first] = entries[0]!;
  parts.set(first, total - [...parts].filter(([c]) => c !== first).reduce((sum, [, v]) => sum + v, 0));
  return parts;
}

const instant = (date: string, time = '09:00') => `${date}T${time}:00.000Z`;
const hundreds = (cents: number) => Math.round(cents / 100) * 100;

export function buildDemoMoney(demo: Demo): DemoMoney {
  const project = demo.projects.find((p) => p.id === DEMO_MONEY_PROJECT_ID) as Project;
  const { consortiumId } = project;
  const projectId = project.id;
  const today = calendarDateIn(new Date(demo.consortium.updatedAt), DEMO_TIME_ZONE);
  const start = project.startDate;
  const stamp = (date: string) => ({ version: 1, createdAt: instant(date), updatedAt: instant(date) });
  const ids = { consortiumId, projectId };
  const totalShare = project.partners.reduce((sum, p) => sum + p.budgetShareCents, 0);

  // Budget: each partner's share, split between grant and co-financing as the project's are, then by category.
  const lines: BudgetLine[] = [];
  let grantLeft = project.grantCents;
  project.partners.forEach((partner, index) => {
    const last = index === project.partners.length - 1;
    const grant = last ? grantLeft : Math.round((partner.budgetShareCents * project.grantCents) / totalShare);
    grantLeft -= grant;
    const cofinancing = partner.budgetShareCents - grant;
    const mix = MIX[partner.memberId] ?? DEFAULT_MIX;
    const grants = split(grant, mix);
    const cofinancings = split(cofinancing, mix);
    for (const category of Object.keys(mix) as CostCategory[]) {
      const phaseId = PHASE_OF[category];
      lines.push({
        id: demoLineId(partner.memberId, category),
        ...ids,
        memberId: partner.memberId,
        category,
        ...(phaseId ? { phaseId } : {}),
        description: `${category.replace('_', ' ')} – ${partner.memberId}`,
        grantCents: grants.get(category)!,
        cofinancingCents: cofinancings.get(category)!,
        submittedCents: 0,
        approvedCents: 0,
        ...stamp(addDays(start, -10)),
      });
    }
  });
  const lineOf = (memberId: string, category: CostCategory) => lines.find((l) => l.id === demoLineId(memberId, category));
  const budgetOf = (line: BudgetLine) => line.grantCents + line.cofinancingCents;

  // Costs: per partner, staff and services approved in the first year, overheads approved, one
  // submitted, one draft; a few rejected; travel of one partner over its line.
  const costs: Cost[] = [];
  const cost = (
    memberId: string,
    n: number,
    category: CostCategory,
    fields: { date: string; description: string; supplier: string; net: number; vat?: boolean; status: Cost['status']; rejectionReason?: string },
  ) => {
    const line = lineOf(memberId, category) ?? lineOf(memberId, 'staff')!;
    const amountCents = hundreds(fields.net);
    const vatCents = fields.vat ? hundreds(amountCents * 0.22) : 0;
    const reporter = memberPersonId(memberId);
    const submitted = fields.status !== 'draft';
    const reviewed = fields.status === 'approved' || fields.status === 'rejected';
    costs.push({
      id: demoCostId(memberId, n),
      ...ids,
      budgetLineId: line.id,
      memberId,
      kind: 'cost',
      date: fields.date,
      description: fields.description,
      supplier: fields.supplier,
      amountCents,
      vatCents,
      documents: [{ url: `https://example.org/${consortiumId}/${projectId}/costs/${demoCostId(memberId, n)}.pdf`, title: 'Fattura' }],
      status: fields.status,
      reportedBy: reporter,
      ...(submitted ? { submittedBy: reporter, submittedAt: instant(addDays(fields.date, 5), '15:00') } : {}),
      ...(reviewed ? { reviewedBy: COORDINATOR_PERSON_ID, reviewedAt: instant(addDays(fields.date, 12), '10:00') } : {}),
      ...(fields.rejectionReason ? { rejectionReason: fields.rejectionReason } : {}),
      version: 1,
      createdAt: instant(fields.date),
      updatedAt: instant(reviewed ? addDays(fields.date, 12) : fields.date, '10:00'),
    });
  };

  for (const partner of project.partners) {
    const m = partner.memberId;
    const staff = budgetOf(lineOf(m, 'staff')!);
    const services = lineOf(m, 'external_services') ?? lineOf(m, 'communication')!;
    const overheads = budgetOf(lineOf(m, 'overheads')!);
    cost(m, 1, 'staff', {
      date: addMonths(start, 11), description: 'Personale impegnato nel progetto, primo anno (buste paga e timesheet)',
      supplier: 'Personale interno', net: staff * 0.3, status: 'approved',
    });
    cost(m, 2, services.category, {
      date: addMonths(start, 7), description: services.category === 'communication' ? 'Grafica e stampa dei materiali del consorzio' : 'Servizi di progettazione dei format',
      supplier: services.category === 'communication' ? 'Tipografia Virgiliana srl' : 'Studio Gonzaga Progetti', net: budgetOf(services) * 0.5, vat: true, status: 'approved',
    });
    cost(m, 3, 'overheads', {
      date: addMonths(start, 12), description: 'Spese generali del primo anno (quota forfettaria)', supplier: 'Spese generali', net: overheads * 0.35, status: 'approved',
    });
    cost(m, 4, 'staff', {
      date: addDays(today, -20), description: 'Personale impegnato nel progetto, secondo anno (primo semestre)',
      supplier: 'Personale interno', net: staff * 0.2, status: 'submitted',
    });
    cost(m, 5, 'staff', {
      date: addDays(today, -4), description: 'Personale: coordinamento delle attività del mese in corso', supplier: 'Personale interno', net: staff * 0.04, status: 'draft',
    });
  }
  // Travel over budget: tour operator fairs cost more than planned.
  const travel = budgetOf(lineOf('sentieri-gonzagheschi', 'travel')!);
  cost('sentieri-gonzagheschi', 6, 'travel', {
    date: addMonths(start, 9), description: 'Trasferte alle fiere del turismo di Milano e Rimini', supplier: 'Agenzia Viaggi Mincio', net: travel * 0.7, vat: true, status: 'approved',
  });
  cost('sentieri-gonzagheschi', 7, 'travel', {
    date: addMonths(start, 13), description: 'Trasferte per gli incontri con i tour operator', supplier: 'Trenord e autonoleggio', net: travel * 0.5, status: 'approved',
  });
  cost('teatro-del-viale', 6, 'equipment', {
    date: addMonths(start, 6), description: 'Impianto luci per la rassegna «Cortili in scena»', supplier: 'Scenotecnica Padana snc',
    net: budgetOf(lineOf('teatro-del-viale', 'equipment')!) * 0.95, vat: true, status: 'approved',
  });
  cost('aula-aperta', 6, 'travel', {
    date: addDays(today, -35), description: 'Rimborsi chilometrici per gli incontri nelle scuole', supplier: 'Soci volontari', net: 42_000, status: 'rejected',
    rejectionReason: 'Mancano i prospetti dei chilometri percorsi firmati: allegarli e inviare di nuovo.',
  });
  cost('inchiostro', 6, 'equipment', {
    date: addDays(today, -50), description: 'Notebook per l’impaginazione', supplier: 'Informatica Mantovana srl', net: 140_000, vat: true, status: 'rejected',
    rejectionReason: 'Bene durevole: va imputato per la sola quota di ammortamento del periodo.',
  });
  // A cost approved by mistake (the same invoice twice), then reversed.
  cost('mincio-musei', 6, 'other', {
    date: addMonths(start, 10), description: 'Assicurazione eventi (fattura già rendicontata)', supplier: 'Assicurazioni Virgilio', net: 120_000, status: 'approved',
  });
  const reversed = costs.find((c) => c.id === demoCostId('mincio-musei', 6))!;
  const reversalDate = addMonths(start, 11);
  reversed.reversedBy = 'c-mincio-musei-6-r';
  reversed.reversalReason = 'Fattura già compresa nel costo c-mincio-musei-2.';
  costs.push({
    ...reversed,
    id: 'c-mincio-musei-6-r',
    kind: 'reversal',
    date: reversalDate,
    description: `Reversal of cost ${reversed.id}: ${reversed.description}`,
    documents: [],
    reportedBy: COORDINATOR_PERSON_ID,
    submittedBy: undefined,
    submittedAt: undefined,
    reviewedBy: COORDINATOR_PERSON_ID,
    reviewedAt: instant(reversalDate),
    reversedBy: undefined,
    reversesCostId: reversed.id,
    ...stamp(reversalDate),
  });
  for (const c of costs) for (const key of Object.keys(c) as (keyof Cost)[]) if (c[key] === undefined) delete c[key];

  // Co-financing provided: each partner's money share paid in, and contributions in kind.
  const contributions: Contribution[] = [];
  const contribution = (id: string, memberId: string, fields: Pick<Contribution, 'kind' | 'providedBy' | 'description' | 'date' | 'valueCents'> & { budgetLineId?: string }) =>
    contributions.push({ id, ...ids, memberId, ...fields, entry: 'contribution', recordedBy: COORDINATOR_PERSON_ID, ...stamp(fields.date) });
  for (const partner of project.partners) {
    const promised = lines.filter((l) => l.memberId === partner.memberId).reduce((sum, l) => sum + l.cofinancingCents, 0);
    contribution(`cf-${partner.memberId}-1`, partner.memberId, {
      kind: 'money', providedBy: partner.memberId, description: 'Quota di cofinanziamento del primo anno versata sul conto di progetto',
      date: addMonths(start, 3), valueCents: hundreds(promised * 0.3),
    });
  }
  contribution('cf-teatro-del-viale-2', 'teatro-del-viale', {
    kind: 'in_kind', providedBy: 'Comune di Suzzara', description: 'Uso gratuito della sala civica per le prove e due serate della rassegna',
    date: addMonths(start, 6), valueCents: 360_000, budgetLineId: demoLineId('teatro-del-viale', 'external_services'),
  });
  contribution('cf-aula-aperta-2', 'aula-aperta', {
    kind: 'in_kind', providedBy: 'Aula Aperta (soci volontari)', description: '120 ore di volontariato per gli incontri nelle scuole, valorizzate a € 20 l’ora',
    date: addMonths(start, 8), valueCents: 240_000,
  });
  contribution('cf-mincio-musei-2', 'mincio-musei', {
    kind: 'in_kind', providedBy: 'Mincio Musei', description: 'Sale espositive e depositi messi a disposizione per i laboratori',
    date: addMonths(start, 13), valueCents: 450_000,
  });

  // Instalments: an advance, two on reported costs, a balance. The advance and the second are paid.
  const shares = [30, 30, 30, 10];
  const plans = [
    { plannedDate: addDays(start, 30), condition: 'Anticipo alla firma della convenzione' },
    { plannedDate: addMonths(start, 13), condition: 'Costi rendicontati pari ad almeno il 25 % del budget' },
    { plannedDate: addMonths(start, 25), condition: 'Costi rendicontati pari ad almeno il 60 % del budget' },
    { plannedDate: addMonths(start, 37), condition: 'Saldo a rendiconto finale approvato' },
  ];
  const instalments: Instalment[] = plans.map((plan, i) => ({
    id: `inst-${i + 1}`,
    ...ids,
    order: i + 1,
    plannedDate: plan.plannedDate,
    amountCents: i === shares.length - 1 ? project.grantCents - shares.slice(0, -1).reduce((s, p) => s + (project.grantCents * p) / 100, 0) : (project.grantCents * shares[i]!) / 100,
    condition: plan.condition,
    requestedCents: 0,
    receivedCents: 0,
    ...stamp(addDays(start, -10)),
  }));

  const claimDate = addMonths(start, 13);
  const claimed = costs.filter((c) => c.kind === 'cost' && c.status === 'approved' && !c.reversedBy && c.date < claimDate);
  const claimedCents = claimed.reduce((sum, c) => sum + countedCents(c), 0);
  const requests: PaymentRequest[] = [
    {
      id: 'pr-1', ...ids, instalmentId: 'inst-1', date: addDays(start, 20), amountCents: instalments[0]!.amountCents, costIds: [], costsCents: 0,
      note: 'Richiesta di anticipo', requestedBy: COORDINATOR_PERSON_ID, ...stamp(addDays(start, 20)),
    },
    {
      id: 'pr-2', ...ids, instalmentId: 'inst-2', date: addDays(claimDate, 10),
      amountCents: Math.min(instalments[1]!.amountCents, hundreds((claimedCents * project.grantCents) / (project.grantCents + project.cofinancingCents))),
      costIds: claimed.map((c) => c.id), costsCents: claimedCents,
      note: 'Rendicontazione del primo anno', requestedBy: COORDINATOR_PERSON_ID, ...stamp(addDays(claimDate, 10)),
    },
  ];
  for (const c of claimed) c.paymentRequestId = 'pr-2';
  const receipts: Receipt[] = [
    {
      id: 'rc-1', ...ids, instalmentId: 'inst-1', paymentRequestId: 'pr-1', date: addDays(start, 45), amountCents: requests[0]!.amountCents,
      note: 'Bonifico della fondazione', recordedBy: COORDINATOR_PERSON_ID, ...stamp(addDays(start, 45)),
    },
    {
      id: 'rc-2', ...ids, instalmentId: 'inst-2', paymentRequestId: 'pr-2', date: addDays(claimDate, 50) < today ? addDays(claimDate, 50) : addDays(today, -1),
      amountCents: requests[1]!.amountCents, note: 'Bonifico della fondazione', recordedBy: COORDINATOR_PERSON_ID, ...stamp(addDays(claimDate, 50) < today ? addDays(claimDate, 50) : addDays(today, -1)),
    },
  ];

  // Counters kept on the items, recounted from what they count.
  for (const line of lines) {
    const ofLine = costs.filter((c) => c.budgetLineId === line.id).map(costContribution);
    line.submittedCents = ofLine.reduce((sum, c) => sum + c.submittedCents, 0);
    line.approvedCents = ofLine.reduce((sum, c) => sum + c.approvedCents, 0);
  }
  for (const instalment of instalments) {
    instalment.requestedCents = requests.filter((r) => r.instalmentId === instalment.id).reduce((sum, r) => sum + r.amountCents, 0);
    instalment.receivedCents = receipts.filter((r) => r.instalmentId === instalment.id).reduce((sum, r) => sum + r.amountCents, 0);
  }
  return { lines, costs, contributions, instalments, requests, receipts };
}

/** The money totals of a project, and of each partner, counted from scratch from its items. */
export function recountMoney(money: DemoMoney): { project: MoneyCounters; partners: Map<string, MoneyCounters> } {
  let project = zeroMoney();
  const partners = new Map<string, MoneyCounters>();
  const add = (delta: Partial<MoneyCounters>, memberId?: string) => {
    project = addMoney(project, delta);
    if (memberId) partners.set(memberId, addMoney(partners.get(memberId) ?? zeroMoney(), delta));
  };
  for (const line of money.lines) add({ budgetGrantCents: line.grantCents, budgetCofinancingCents: line.cofinancingCents, budgetLines: 1 }, line.memberId);
  for (const cost of money.costs) add(costContribution(cost), cost.memberId);
  for (const c of money.contributions) {
    const value = (c.entry === 'reversal' ? -1 : 1) * c.valueCents;
    add(c.kind === 'money' ? { cofinancingMoneyCents: value } : { cofinancingInKindCents: value }, c.memberId);
  }
  for (const i of money.instalments) add({ instalmentsCents: i.amountCents, instalments: 1 });
  for (const r of money.requests) add({ requestedCents: r.amountCents });
  for (const r of money.receipts) add({ receivedCents: r.amountCents });
  return { project, partners };
}

/** The demo's money as table items, with every counter recounted. */
export function demoMoneyItems(demo: Demo): Item[] {
  const money = buildDemoMoney(demo);
  const ref = { consortiumId: demo.consortium.id, projectId: DEMO_MONEY_PROJECT_ID };
  const totals = recountMoney(money);
  return [
    ...money.lines.map(budgetLineItem),
    ...money.costs.map(costItem),
    ...money.contributions.map(contributionItem),
    ...money.instalments.map(instalmentItem),
    ...money.requests.map(paymentRequestItem),
    ...money.receipts.map(receiptItem),
    moneySummaryItem(ref, totals.project),
    ...[...totals.partners].map(([memberId, counters]) => partnerMoneyItem(ref, memberId, counters)),
  ];
}
