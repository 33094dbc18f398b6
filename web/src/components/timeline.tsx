// The phase timeline: a bar per phase from its start to its end, filled by its accepted share, a
// line at today, and a marker at each listed deliverable's due date (overdue ones drawn as a
// triangle with "!", not only in another colour). A table beside it says the same in words.
import type { Deliverable, Phase } from '../api/types';
import { useApp } from '../context';

const ROW = 34;
const WIDTH = 1000;

const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export function Timeline(props: { start: string; end: string; today: string; phases: Phase[]; due: Deliverable[] }) {
  const { t, f } = useApp();
  const { start, end, today, phases, due } = props;
  const span = Math.max(1, day(end) - day(start));
  const x = (date: string) => ((day(date) - day(start)) / span) * WIDTH;
  const height = phases.length * ROW + 40;
  const todayX = x(today);
  return (
    <figure class="timeline">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby="timeline-title" preserveAspectRatio="none">
        <title id="timeline-title">{t('timeline.title', { today: f.date(today) })}</title>
        {phases.map((phase, index) => {
          const from = x(phase.plannedStart);
          const to = x(phase.plannedEnd);
          const filled = ((to - from) * phase.progress.acceptedPercent) / 100;
          const y = index * ROW + 6;
          return (
            <g key={phase.id} class={`phase phase-${phase.status}`}>
              <rect class="phase-bar" x={from} y={y} width={Math.max(2, to - from)} height={ROW - 12} rx="4" />
              <rect class="phase-done" x={from} y={y} width={filled} height={ROW - 12} rx="4" />
            </g>
          );
        })}
        {due.map((deliverable) => {
          const cx = x(deliverable.dueDate);
          const late = deliverable.deadline === 'overdue';
          const row = Math.max(0, phases.findIndex((phase) => phase.id === deliverable.phaseId));
          const y = row * ROW + ROW - 4;
          return late ? (
            <path key={deliverable.id} class="marker marker-overdue" d={`M${cx} ${y - 9} l7 12 h-14 z`} />
          ) : (
            <circle key={deliverable.id} class="marker" cx={cx} cy={y - 3} r="4" />
          );
        })}
        <line class="today" x1={todayX} x2={todayX} y1="0" y2={height - 24} />
        <text class="today-label" x={Math.min(WIDTH - 90, todayX + 4)} y={height - 8}>{t('today')}</text>
      </svg>
      <div class="table-wrap" tabIndex={0}><table class="timeline-table">
        <caption>{t('timeline.caption')}</caption>
        <thead>
          <tr><th scope="col">{t('phase')}</th><th scope="col">{t('dates')}</th><th scope="col">{t('status')}</th><th scope="col">{t('progress.accepted')}</th><th scope="col">{t('progress.reported')}</th></tr>
        </thead>
        <tbody>
          {phases.map((phase) => (
            <tr key={phase.id} data-phase={phase.id}>
              <th scope="row">{phase.order}. {phase.title}</th>
              <td>{f.date(phase.plannedStart)} – {f.date(phase.plannedEnd)}</td>
              <td>{t(`status.${phase.status}` as 'status.active')}</td>
              <td class="phase-progress">{f.percent(phase.progress.acceptedPercent)}</td>
              <td>{f.percent(phase.progress.reportedPercent)}</td>
            </tr>
          ))}
        </tbody>
      </table></div>
      <figcaption class="legend">
        <span><span class="legend-swatch legend-done" aria-hidden="true" /> {t('legend.accepted')}</span>
        <span><span aria-hidden="true">●</span> {t('legend.due')}</span>
        <span><span aria-hidden="true">▲</span> {t('legend.overdue')}</span>
        <span><span aria-hidden="true">|</span> {t('today')}</span>
      </figcaption>
    </figure>
  );
}
