// Paired horizontal bars (a budget and what was spent of it, a target and the actual), drawn in SVG
// with the figures written beside each pair, so that nothing depends on reading colours.
import { useApp } from '../context';

export interface BarPair {
  label: string;
  planned: number;
  actual: number;
  /** How the figures are written (euros, hours…). */
  format: (value: number) => string;
}

export function BarPairs({ title, pairs, plannedName, actualName }: { title: string; pairs: BarPair[]; plannedName: string; actualName: string }) {
  const { f } = useApp();
  const max = Math.max(1, ...pairs.flatMap((pair) => [pair.planned, pair.actual]));
  const row = 40;
  return (
    <figure class="bar-pairs">
      <figcaption>{title} <span class="legend"><span class="legend-swatch legend-planned" aria-hidden="true" /> {plannedName} <span class="legend-swatch legend-done" aria-hidden="true" /> {actualName}</span></figcaption>
      <ul>
        {pairs.map((pair) => {
          const share = pair.planned > 0 ? (pair.actual / pair.planned) * 100 : 0;
          return (
            <li key={pair.label}>
              <span class="bar-label">{pair.label}</span>
              <svg viewBox={`0 0 400 ${row - 10}`} aria-hidden="true" preserveAspectRatio="none">
                <rect class="bar-planned" x="0" y="2" width={(400 * Math.max(0, pair.planned)) / max} height="12" />
                <rect class="bar-actual" x="0" y="16" width={(400 * Math.max(0, pair.actual)) / max} height="12" />
              </svg>
              <span class="bar-figures">
                {plannedName} {pair.format(pair.planned)} · {actualName} {pair.format(pair.actual)}
                {pair.planned > 0 ? ` (${f.percent(share)})` : ''}
                {pair.actual > pair.planned && pair.planned > 0 ? <strong> ⚠ </strong> : null}
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
