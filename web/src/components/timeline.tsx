// The phase timeline: a row per phase with its name and a bar from its start to its end, filled by
// its accepted share; a time axis of months or quarters; a line at today with its label; and a
// marker at each listed deliverable's due date (overdue ones drawn as a triangle with "!", not only
// in another colour). Drawn in HTML, so that its words keep their size on a narrow screen; a table
// beside it says the same in words.
import type { Deliverable, Phase } from '../api/types';
import { useApp } from '../context';
import { TableWrap } from './table-wrap';
import { along, axisTicks } from './timeline-axis';

/** Positions set through the DOM, not a style attribute: the content security policy allows it. */
const place = (left: number, width?: number) => (element: HTMLElement | null) => {
  if (!element) return;
  element.style.left = `${left * 100}%`;
  if (width !== undefined) element.style.width = `${width * 100}%`;
};

export function Timeline(props: { start: string; end: string; today: string; phases: Phase[]; due: Deliverable[] }) {
  const { t, f, words, language } = useApp();
  const { start, end, today, phases, due } = props;
  const at = (date: string) => along(start, end, date);
  const { ticks, step } = axisTicks(start, end);
  const monthName = new Intl.DateTimeFormat(language, { month: 'short', timeZone: 'UTC' });
  const tickLabel = (tick: (typeof ticks)[number]) =>
    step === 'quarter' ? t('timeline.quarter', { quarter: Math.ceil(tick.month / 3) }) : monthName.format(new Date(`${tick.date}T00:00:00Z`));
  const todayAt = at(today);
  return (
    <figure class="timeline">
      <div class="timeline-chart" role="img" aria-label={t('timeline.title', { today: f.date(today) })}>
        <div class="timeline-axis">
          {ticks.map((tick) => (
            <span key={tick.date} class={tick.yearStart ? 'tick tick-year' : 'tick'} ref={place(tick.at)}>
              <span class="tick-label">
                <span class="tick-part">{tickLabel(tick)}</span>
                {tick.yearStart ? <span class="tick-year-label"> {tick.year}</span> : null}
              </span>
            </span>
          ))}
        </div>
        {phases.map((phase) => {
          const from = at(phase.plannedStart);
          const to = at(phase.plannedEnd);
          return (
            <div key={phase.id} class={`timeline-row phase-${phase.status}`}>
              <span class="timeline-label">{phase.order}. {phase.title}</span>
              <div class="timeline-track">
                <span class="phase-bar" ref={place(from, Math.max(0.005, to - from))}>
                  <span class="phase-done" ref={place(0, phase.progress.acceptedPercent / 100)} />
                </span>
                {due.filter((d) => d.phaseId === phase.id).map((d) => (
                  <span key={d.id} class={d.deadline === 'overdue' ? 'marker marker-overdue' : 'marker'} title={d.title} ref={place(at(d.dueDate))}>
                    {d.deadline === 'overdue' ? '!' : ''}
                  </span>
                ))}
              </div>
            </div>
          );
        })}
        <div class="timeline-overlay">
          <div class="timeline-today" ref={place(todayAt)}>
            <span class={todayAt > 0.8 ? 'today-label today-label-left' : 'today-label'}>{t('today')}</span>
          </div>
        </div>
      </div>
      <figcaption class="legend">
        <span><span class="legend-swatch legend-done" aria-hidden="true" /> {t('legend.accepted')}</span>
        <span><span class="legend-swatch legend-planned" aria-hidden="true" /> {t('legend.phase')}</span>
        <span><span class="legend-marker" aria-hidden="true" /> {t('legend.due')}</span>
        <span><span class="legend-marker legend-marker-overdue" aria-hidden="true">!</span> {t('legend.overdue')}</span>
        <span><span class="legend-today" aria-hidden="true" /> {t('today')}</span>
      </figcaption>
      <TableWrap label={t('timeline.caption')}><table class="timeline-table">
        <caption>{t('timeline.caption')}</caption>
        <thead>
          <tr><th scope="col">{t('phase')}</th><th scope="col">{t('dates')}</th><th scope="col">{t('status')}</th><th scope="col">{t('progress.accepted')}</th><th scope="col">{t('progress.reported')}</th></tr>
        </thead>
        <tbody>
          {phases.map((phase) => (
            <tr key={phase.id} data-phase={phase.id}>
              <th scope="row">{phase.order}. {phase.title}</th>
              <td>{f.date(phase.plannedStart)} – {f.date(phase.plannedEnd)}</td>
              <td>{words.phaseStatus[phase.status]}</td>
              <td class="phase-progress">{f.percent(phase.progress.acceptedPercent)}</td>
              <td>{f.percent(phase.progress.reportedPercent)}</td>
            </tr>
          ))}
        </tbody>
      </table></TableWrap>
    </figure>
  );
}
