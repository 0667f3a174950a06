import { Details } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import type { StatisticsRow } from './api/types';
import { DataTable } from './components';
import { t } from './messages';

interface Bar {
  period: string;
  allowed: number;
  denied: number;
}

/** Allowed and refused calls per period, from statistics rows grouped by decision. */
export function barsOf(rows: StatisticsRow[], periods: string[]): Bar[] {
  const bars = new Map(periods.map((period) => [period, { period, allowed: 0, denied: 0 }]));
  for (const row of rows) {
    const bar = bars.get(row.period);
    if (!bar) continue;
    if (row.decision === 'deny') bar.denied += row.calls;
    else bar.allowed += row.calls;
  }
  return [...bars.values()];
}

/** The last `count` hours (ISO, UTC, whole hours) or days (YYYY-MM-DD), oldest first, ending with the current one. */
export function lastPeriods(granularity: 'hour' | 'day', count: number, now = new Date()): string[] {
  const step = granularity === 'hour' ? 3_600_000 : 86_400_000;
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(now.getTime() - (count - 1 - i) * step).toISOString();
    return granularity === 'hour' ? `${at.slice(0, 13)}:00:00Z` : at.slice(0, 10);
  });
}

const WIDTH = 640;
const HEIGHT = 160;

/**
 * Stacked bars (allowed below, refused on top). The picture is described by its label; the same
 * numbers are in a table under it for screen readers and for reading exact values.
 */
export function UsageChart({
  title,
  bars,
  label,
}: {
  title: string;
  bars: Bar[];
  label: (period: string) => string;
}): ReactNode {
  const max = Math.max(1, ...bars.map((bar) => bar.allowed + bar.denied));
  const width = WIDTH / Math.max(1, bars.length);
  const total = bars.reduce((sum, bar) => sum + bar.allowed + bar.denied, 0);
  const refused = bars.reduce((sum, bar) => sum + bar.denied, 0);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t.statistics.summary(total, refused)}>
        {bars.map((bar, i) => {
          const allowed = (bar.allowed / max) * HEIGHT;
          const denied = (bar.denied / max) * HEIGHT;
          return (
            <g key={bar.period}>
              <rect className="bar-allowed" x={i * width + 1} y={HEIGHT - allowed} width={width - 2} height={allowed} />
              <rect
                className="bar-denied"
                x={i * width + 1}
                y={HEIGHT - allowed - denied}
                width={width - 2}
                height={denied}
              />
            </g>
          );
        })}
      </svg>
      <p className="legend">
        <span className="key key-allowed" /> {t.statistics.allowed} <span className="key key-denied" />{' '}
        {t.statistics.denied}
      </p>
      <Details>
        <Details.Summary>{t.statistics.asTable}</Details.Summary>
        <Details.Content>
          <DataTable
            size="sm"
            headers={[t.statistics.period, t.statistics.allowed, t.statistics.denied]}
            rows={bars.map((bar) => ({ key: bar.period, cells: [label(bar.period), bar.allowed, bar.denied] }))}
          />
        </Details.Content>
      </Details>
    </figure>
  );
}
