// The PDF export: a progress report a funder can file, streamed page by page from the snapshot,
// in the export's language, with DejaVu Sans embedded for accented letters and the euro sign.
import PDFDocument from 'pdfkit';
import { DeliverableStatus } from '../domain/deliverable';
import { isOverdue } from '../domain/schedule';
import { OfferStage } from '../domain/offer';
import {
  breathe,
  fill,
  formatDate,
  formatInstant,
  formatMoney,
  formatNumber,
  formatPercent,
  indicatorFacts,
  moneyFacts,
  offerFacts,
  partnerAccounts,
  reviewDays,
  tally,
  trainingFacts,
  type Tally,
} from './format';
import { reportLabels, type ReportLabels } from './i18n';
import {
  ACCEPTED,
  GREY,
  INK,
  LATE,
  MARGIN,
  contentWidth,
  ensureSpace,
  factList,
  facts,
  footer,
  newSection,
  pdfFonts,
  progressBar,
  subheading,
  table,
  tableHeading,
  tableRow,
  write,
  type Doc,
  type TableColumn,
} from './pdf-layout';
import { header, recordsOf, type SnapshotHeader, type SnapshotPhase, type SnapshotSource } from './snapshot';

export { pdfFonts } from './pdf-layout';

export interface PdfOptions {
  /** The snapshot's hash, printed on the cover so that the report can be matched to its snapshot. */
  snapshotSha256?: string;
}

interface Context {
  doc: Doc;
  source: SnapshotSource;
  head: SnapshotHeader;
  tally: Tally;
  text: ReportLabels;
  options: PdfOptions;
}

/** One part of the report. Adding a kind of record to the export is adding a section. */
type Section = (context: Context) => Promise<void>;

/** Writes the report to `out` and ends it. */
export async function buildPdf(source: SnapshotSource, out: NodeJS.WritableStream, options: PdfOptions = {}): Promise<void> {
  const head = await header(source);
  const text = reportLabels[head.language];
  const generatedAt = new Date(head.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    font: pdfFonts().regular,
    autoFirstPage: false,
    // Pages are flushed as soon as the next one starts, so a long report does not stay in memory;
    // the footer therefore says "page n", not "n of m".
    bufferPages: false,
    lang: head.language,
    displayTitle: true,
    info: {
      Title: `${head.project.title} – ${text.pdf.reportTitle}`,
      Author: head.consortium.name,
      Subject: head.project.call,
      Creator: 'Rete',
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
  const written = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  // Awaited once the document ends; a failure before then must not go unhandled meanwhile.
  written.catch(() => undefined);
  doc.pipe(out);
  let page = 0;
  doc.on('pageAdded', () => footer(doc, `${head.project.title} · ${fill(text.pdf.page, { page: ++page })}`));

  const context: Context = { doc, source, head, tally: await tally(source, head.asOf), text, options };
  for (const section of SECTIONS) await section(context);
  doc.end();
  await written;
}

async function cover({ doc, head, text, options }: Context): Promise<void> {
  const { project, funder, consortium, language } = head;
  const period = head.period ?? { from: project.startDate, to: head.asOf };
  doc.addPage();
  doc.y = 150;
  write(doc, consortium.name, { size: 11, color: GREY });
  doc.moveDown(0.8);
  write(doc, project.title, { size: 24, bold: true });
  doc.moveDown(0.3);
  write(doc, text.pdf.reportTitle, { size: 15, color: GREY });
  doc.moveDown(2);
  facts(doc, [
    [text.field.funder, `${funder.name}\n${funder.programme}`],
    [text.field.call, project.call],
    [text.field.period, dates(text, period.from, period.to, language)],
    [text.field.projectStart, formatDate(project.startDate, language, 'long')],
    [text.field.projectEnd, formatDate(project.endDate, language, 'long')],
    [text.field.asOf, formatDate(head.asOf, language, 'long')],
    [text.field.generatedAt, formatInstant(head.generatedAt, language, consortium.timeZone)],
    [text.field.exportId, head.exportId],
    ...(options.snapshotSha256 ? [[text.field.sha256, options.snapshotSha256] as [string, string]] : []),
  ]);
}

async function summary({ doc, head, tally, text }: Context): Promise<void> {
  const { project, language } = head;
  newSection(doc, text.section.summary);
  if (project.summary) {
    write(doc, project.summary, { size: 10 });
    doc.moveDown();
  }
  if (project.objectives.length > 0) {
    subheading(doc, text.section.objectives);
    doc.font(pdfFonts().regular).fontSize(10).fillColor(INK);
    doc.list(project.objectives, MARGIN.left, doc.y, { width: contentWidth(doc), bulletRadius: 2, textIndent: 12, paragraphGap: 3 });
    doc.moveDown();
  }
  progressBar(doc, project.progress.acceptedPercent, project.progress.reportedPercent);
  write(doc, progressLine(text, project.progress, language), { size: 9, color: GREY });
  doc.moveDown();
  facts(doc, [
    [text.field.deliverables, String(project.progress.deliverables)],
    ...DeliverableStatus.options.map((status): [string, string] => [text.status[status], String(project.progress.counts[status] ?? 0)]),
    [text.field.overdue, String(tally.overdue)],
    [text.field.grant, formatMoney(project.grantCents, language)],
    [text.field.cofinancing, formatMoney(project.cofinancingCents, language)],
    [text.field.projectTotal, formatMoney(project.grantCents + project.cofinancingCents, language)],
  ]);
  doc.moveDown();
  subheading(doc, text.section.partners);
  const columns = [
    { label: text.field.partner, width: 263 },
    { label: text.field.role, width: 100 },
    { label: text.field.budgetShare, width: 120, align: 'right' as const },
  ];
  tableHeading(doc, columns);
  for (const partner of head.partners) {
    tableRow(doc, columns, [[{ text: partner.name }], [{ text: text.role[partner.role] }], [{ text: formatMoney(partner.budgetShareCents, language) }]]);
  }
}

async function phaseProgress({ doc, head, tally, text }: Context): Promise<void> {
  newSection(doc, text.section.phases);
  for (const phase of byOrder(tally.phases)) {
    ensureSpace(doc, 90);
    phaseHeading(doc, phase, head, text);
    progressBar(doc, phase.progress.acceptedPercent, phase.progress.reportedPercent);
    write(doc, progressLine(text, phase.progress, head.language), { size: 9, color: GREY });
    const counts = DeliverableStatus.options
      .filter((status) => (phase.progress.counts[status] ?? 0) > 0)
      .map((status) => `${phase.progress.counts[status]} ${text.status[status].toLowerCase()}`);
    write(doc, fill(text.pdf.counts, { deliverables: phase.progress.deliverables, counts: counts.join(', ') || '–' }), { size: 9, color: GREY });
    doc.moveDown(1.2);
  }
}

/** One pass over the snapshot per phase (a project has a few), so that rows stream in phase order. */
async function deliverablesByPhase({ doc, source, head, tally, text }: Context): Promise<void> {
  newSection(doc, text.section.deliverables);
  const owners = new Map(head.partners.map((partner) => [partner.id, partner.name]));
  const columns = [
    { label: text.field.title, width: 203 },
    { label: text.field.dueDate, width: 62 },
    { label: text.field.status, width: 90 },
    { label: text.field.submitted, width: 64 },
    { label: text.field.accepted, width: 64 },
  ];
  const known = new Set(tally.phases.map((phase) => phase.id));
  const groups: { phase?: SnapshotPhase['phase']; belongs: (phaseId: string) => boolean }[] = byOrder(tally.phases).map((phase) => ({
    phase,
    belongs: (phaseId) => phaseId === phase.id,
  }));
  if (tally.unplaced > 0) groups.push({ belongs: (phaseId) => !known.has(phaseId) });

  for (const { phase, belongs } of groups) {
    ensureSpace(doc, 100);
    if (phase) phaseHeading(doc, phase, head, text);
    else subheading(doc, text.section.unplaced);
    doc.moveDown(0.3);
    tableHeading(doc, columns);
    let rows = 0;
    for await (const { deliverable: d } of recordsOf(source, 'deliverable')) {
      if (!belongs(d.phaseId)) continue;
      const days = reviewDays(d, head.consortium.timeZone);
      const day = (date: string | undefined) => (date ? formatDate(date, head.language) : '');
      const owner = fill(text.pdf.owner, { owner: owners.get(d.ownerMemberId) ?? d.ownerMemberId, kind: text.kind[d.kind], weight: d.weight });
      const late = isOverdue(d, head.asOf);
      tableRow(doc, columns, [
        [{ text: d.title }, { text: owner, size: 7.5, color: GREY }],
        [{ text: formatDate(d.dueDate, head.language) }],
        [{ text: text.status[d.status], color: d.status === 'accepted' ? ACCEPTED : INK }, ...(late ? [{ text: text.pdf.overdue, size: 7.5, color: LATE }] : [])],
        [{ text: day(days.submitted) }],
        [{ text: day(days.accepted) }],
      ], () => tableHeading(doc, columns));
      if (++rows % 100 === 0) await breathe();
    }
    if (rows === 0) write(doc, text.pdf.noDeliverables, { size: 9, color: GREY });
    doc.moveDown(1.2);
  }
}

/** Hours delivered and people trained, then each path's sessions. */
async function training({ doc, source, head, tally, text }: Context): Promise<void> {
  if (!tally.summary) return; // a snapshot from before training was exported
  const { language } = head;
  const number = (value: number) => ({ text: formatNumber(value, language) });
  newSection(doc, text.section.training);
  factList(doc, trainingFacts(tally.summary.training, text, partnerNamer(head)), language);
  doc.moveDown();
  subheading(doc, text.section.trainingPaths);
  const columns: TableColumn[] = [
    { label: text.field.trainingPath, width: 183 },
    { label: text.field.sessions, width: 120 },
    { label: text.field.hoursDelivered, width: 60, align: 'right' },
    { label: text.field.participants, width: 60, align: 'right' },
    { label: text.field.personHours, width: 60, align: 'right' },
  ];
  await table(doc, columns, recordsOf(source, 'training'), ({ path: { title, topic, totals } }) => [
    [{ text: title }, small(text.topic[topic])],
    [number(totals.sessions), small(fill(text.pdf.sessionCounts, { held: totals.sessionsHeld, planned: totals.sessionsPlanned, cancelled: totals.sessionsCancelled }))],
    [number(totals.hoursDelivered)],
    [number(totals.participants)],
    [number(totals.personHours)],
  ], text.pdf.noTraining);
}

/** The pipeline by stage, what was won, and every offer (a project has at most a few hundred). */
async function offers({ doc, source, head, tally, text }: Context): Promise<void> {
  if (!tally.summary) return;
  const { language } = head;
  const summary = tally.summary.offers;
  newSection(doc, text.section.offers);
  factList(doc, offerFacts(summary, text), language, text.pdf.undecided);
  doc.moveDown();
  subheading(doc, text.section.offerStages);
  const stages: TableColumn[] = [
    { label: text.field.stage, width: 200 },
    { label: text.field.offers, width: 80, align: 'right' },
    { label: text.field.value, width: 120, align: 'right' },
  ];
  await table(doc, stages, OfferStage.options, (stage) => {
    const { count, valueCents } = summary.byStage[stage] ?? { count: 0, valueCents: 0 };
    return [[{ text: text.stage[stage] }], [{ text: formatNumber(count, language) }], [{ text: formatMoney(valueCents, language) }]];
  }, text.pdf.noOffers);
  doc.moveDown();
  subheading(doc, text.section.offerList);
  const columns: TableColumn[] = [
    { label: text.field.title, width: 223 },
    { label: text.field.clientType, width: 70 },
    { label: text.field.stage, width: 80 },
    { label: text.field.value, width: 110, align: 'right' },
  ];
  await table(doc, columns, recordsOf(source, 'offer'), ({ offer }) => [
    [{ text: offer.title }, small(`${offer.clientName} · ${offer.format}`)],
    [{ text: text.clientType[offer.clientType] }],
    [{ text: text.stage[offer.stage], color: offer.stage === 'won' ? ACCEPTED : INK }],
    [{ text: formatMoney(offer.valueCents, language) }],
  ], text.pdf.noOffers);
}

/** Each indicator's baseline, target and latest value, and how far along the way it is. */
async function indicators({ doc, source, head, tally, text }: Context): Promise<void> {
  if (!tally.summary) return;
  const { language } = head;
  const number = (value: number) => ({ text: formatNumber(value, language) });
  const day = (date: string) => formatDate(date, language);
  newSection(doc, text.section.indicators);
  factList(doc, indicatorFacts(tally.summary.indicators, text), language);
  doc.moveDown();
  const columns: TableColumn[] = [
    { label: text.field.indicator, width: 183 },
    { label: text.field.baseline, width: 60, align: 'right' },
    { label: text.field.target, width: 80, align: 'right' },
    { label: text.field.current, width: 80, align: 'right' },
    { label: text.field.towardsTarget, width: 80, align: 'right' },
  ];
  await table(doc, columns, recordsOf(source, 'indicator'), ({ indicator }) => {
    const { current, currentOn, percent, achieved, late } = indicator.progress;
    const status = achieved ? [small(text.pdf.achieved, ACCEPTED)] : late ? [small(text.pdf.late, LATE)] : [];
    return [
      [{ text: indicator.name }, small(indicator.unit)],
      [number(indicator.baseline)],
      [number(indicator.target), small(fill(text.pdf.byDate, { date: day(indicator.targetDate) }))],
      current === null ? [small(text.pdf.notYet)] : [number(current), ...(currentOn ? [small(fill(text.pdf.onDate, { date: day(currentOn) }))] : [])],
      [{ text: formatPercent(percent, language) }, ...status],
    ];
  }, text.pdf.noIndicators);
}

/** Budget and approved spend, co-financing provided against promised, and the funder's payments. */
async function accounts({ doc, source, head, tally, text }: Context): Promise<void> {
  if (!tally.summary) return;
  const { language } = head;
  const money = moneyFacts(tally.summary.money, text);
  const euro = (cents: number, color = INK) => ({ text: formatMoney(cents, language), color });
  newSection(doc, text.section.accounts);
  subheading(doc, text.section.budget);
  progressBar(doc, Math.min(100, tally.summary.money.spending.approvedPercent));
  factList(doc, money.budget, language);
  doc.moveDown();

  subheading(doc, text.section.budgetByPartner);
  const byPartner: TableColumn[] = [
    { label: text.field.partner, width: 128 },
    { label: text.field.budget, width: 65, align: 'right' },
    { label: text.field.approvedSpend, width: 65, align: 'right' },
    { label: text.field.remaining, width: 65, align: 'right' },
    { label: text.field.cofinancingPromised, width: 80, align: 'right' },
    { label: text.field.cofinancingProvided, width: 80, align: 'right' },
  ];
  const partners = await partnerAccounts(source);
  const names = partnerNamer(head);
  // The project's partners in its order, then anyone else with budget lines or contributions.
  const order = [...new Set([...head.partners.map((partner) => partner.id), ...partners.keys()])].filter((id) => partners.has(id));
  await table(doc, byPartner, order, (memberId) => {
    const { grantCents, cofinancingCents, approvedCents, providedCents } = partners.get(memberId)!;
    const budget = grantCents + cofinancingCents;
    return [[{ text: names(memberId) }], [euro(budget)], [euro(approvedCents)], [euro(budget - approvedCents, budget < approvedCents ? LATE : INK)], [euro(cofinancingCents)], [euro(providedCents)]];
  }, text.pdf.noBudget);
  doc.moveDown();

  subheading(doc, text.section.cofinancing);
  factList(doc, money.cofinancing, language);
  doc.moveDown();
  subheading(doc, text.section.payments);
  factList(doc, money.payments, language);
  doc.moveDown();
  subheading(doc, text.section.instalments);
  const instalments: TableColumn[] = [
    { label: text.field.order, width: 30 },
    { label: text.field.plannedDate, width: 173 },
    { label: text.field.instalmentAmount, width: 90, align: 'right' },
    { label: text.field.received, width: 95, align: 'right' },
    { label: text.field.due, width: 95, align: 'right' },
  ];
  await table(doc, instalments, recordsOf(source, 'instalment'), ({ instalment: i }) => [
    [{ text: String(i.order) }],
    [{ text: formatDate(i.plannedDate, language) }, ...(i.condition ? [small(i.condition)] : [])],
    [euro(i.amountCents)],
    [euro(i.receivedCents)],
    [euro(i.amountCents - i.receivedCents)],
  ], text.pdf.noInstalments);
}

const SECTIONS: Section[] = [cover, summary, phaseProgress, deliverablesByPhase, training, offers, indicators, accounts];

/** A second line in a table cell: smaller, grey unless told. */
const small = (text: string, color = GREY) => ({ text, size: 7.5, color });

function partnerNamer(head: SnapshotHeader): (memberId: string) => string {
  const names = new Map(head.partners.map((partner) => [partner.id, partner.name]));
  return (memberId) => names.get(memberId) ?? memberId;
}

function phaseHeading(doc: Doc, phase: SnapshotPhase['phase'], head: SnapshotHeader, text: ReportLabels): void {
  write(doc, `${phase.order}. ${phase.title}`, { size: 11.5, bold: true });
  const when = dates(text, phase.plannedStart, phase.plannedEnd, head.language);
  write(doc, `${when} · ${text.phaseStatus[phase.status]}`, { size: 9, color: GREY });
  doc.moveDown(0.3);
}

function dates(text: ReportLabels, from: string, to: string, language: SnapshotHeader['language']): string {
  return fill(text.pdf.dates, { from: formatDate(from, language, 'long'), to: formatDate(to, language, 'long') });
}

function progressLine(text: ReportLabels, progress: SnapshotHeader['project']['progress'], language: SnapshotHeader['language']): string {
  return fill(text.pdf.progressLine, { accepted: formatPercent(progress.acceptedPercent, language), reported: formatPercent(progress.reportedPercent, language) });
}

const byOrder = (phases: SnapshotPhase['phase'][]) => [...phases].sort((a, b) => a.order - b.order);
