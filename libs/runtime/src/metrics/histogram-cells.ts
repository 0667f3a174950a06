import type { Histogram } from 'prom-client';

/** prom-client's record of one series (a histogram's `hashMap` values): what /metrics prints. */
interface SeriesValues {
  labels: Record<string, string>;
  bucketValues: Record<string, number>;
  sum: number;
  count: number;
}

interface HistogramInternals {
  hashMap: Record<string, SeriesValues>;
  upperBounds: number[];
}

/**
 * One series of a histogram, bound once. `observe` adds to prom-client's own record of the series
 * (so /metrics prints exactly what `histogram.observe(labels, v)` would have), without the labels
 * object, label validation and label hash prom-client builds on every call. A `reset()` of the
 * histogram is noticed and the cell binds again.
 */
export class HistogramCell {
  private series: SeriesValues | undefined;
  private boundTo: HistogramInternals['hashMap'] | undefined;
  private readonly internals: HistogramInternals;
  private readonly bucketKeys: string[];

  constructor(
    private readonly histogram: Histogram<string>,
    private readonly labels: Record<string, string>,
  ) {
    this.internals = histogram as unknown as HistogramInternals;
    this.bucketKeys = this.internals.upperBounds.map(String);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    const series = this.internals.hashMap === this.boundTo && this.series ? this.series : this.bind();
    series.sum += value;
    series.count += 1;
    const bounds = this.internals.upperBounds;
    for (let index = 0; index < bounds.length; index++) {
      if (value <= bounds[index]) {
        series.bucketValues[this.bucketKeys[index]] += 1;
        return;
      }
    }
  }

  /** The series' record, created the way prom-client creates it if this label set has none yet. */
  private bind(): SeriesValues {
    const find = () =>
      Object.values(this.internals.hashMap).find((series) =>
        Object.entries(this.labels).every(([name, value]) => series.labels[name] === value),
      );
    let series = find();
    if (!series) {
      this.histogram.zero(this.labels);
      series = find();
      if (!series) throw new Error(`histogram cell: no series for ${JSON.stringify(this.labels)}`);
    }
    this.series = series;
    this.boundTo = this.internals.hashMap;
    return series;
  }
}

/**
 * A histogram's cells by label values (in the order of its label names), each made on first use:
 * a hot path observes with no allocation per call. Label values must come from a bounded set
 * (route templates, status codes, API names), as for any Prometheus label.
 */
export class HistogramCells<L extends string> {
  private readonly cells = new Map<string, Map<string, Map<string, HistogramCell>>>();

  constructor(
    private readonly histogram: Histogram<L>,
    private readonly labelNames: readonly L[],
  ) {
    if (labelNames.length < 1 || labelNames.length > 3) throw new Error('histogram cells: one to three labels');
  }

  /** The cell of these label values; pass as many as the histogram has label names. */
  cell(first: string, second = '', third = ''): HistogramCell {
    let bySecond = this.cells.get(first);
    if (!bySecond) this.cells.set(first, (bySecond = new Map()));
    let byThird = bySecond.get(second);
    if (!byThird) bySecond.set(second, (byThird = new Map()));
    let cell = byThird.get(third);
    if (!cell) {
      const values = [first, second, third];
      const labels = Object.fromEntries(this.labelNames.map((name, index) => [name, values[index]]));
      cell = new HistogramCell(this.histogram as Histogram<string>, labels);
      byThird.set(third, cell);
    }
    return cell;
  }
}
