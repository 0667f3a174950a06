import { describe, expect, it } from '@jest/globals';
import { Histogram, Registry } from 'prom-client';
import { HistogramCells } from './histogram-cells.js';

function histogramOn(registry: Registry): Histogram<'method' | 'route' | 'status'> {
  return new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
}

const OBSERVED: [string, string, string, number][] = [
  ['GET', '/api/v1/:orgnr/x', '200', 0.003],
  ['GET', '/api/v1/:orgnr/x', '200', 0.07],
  ['POST', '/api/v1/:orgnr/y', '503', 12],
  ['GET', '/api/v1/:orgnr/x', '404', 0.01],
  ['GET', '/api/v1/:orgnr/x', '200', 0],
];

describe('HistogramCells', () => {
  it('prints on /metrics exactly what observe(labels, value) prints', async () => {
    const plain = new Registry();
    const celled = new Registry();
    const reference = histogramOn(plain);
    const cells = new HistogramCells(histogramOn(celled), ['method', 'route', 'status']);
    for (const [method, route, status, value] of OBSERVED) {
      reference.observe({ method, route, status }, value);
      cells.cell(method, route, status).observe(value);
    }
    expect(await celled.metrics()).toBe(await plain.metrics());
  });

  it('adds to a series observed the ordinary way, and binds again after a reset', async () => {
    const registry = new Registry();
    const histogram = histogramOn(registry);
    const cells = new HistogramCells(histogram, ['method', 'route', 'status']);
    histogram.observe({ method: 'GET', route: '/r', status: '200' }, 0.2);
    cells.cell('GET', '/r', '200').observe(0.2);
    const series = async () => (await histogram.get()).values.find((value) => value.metricName?.endsWith('_count'));
    expect((await series())?.value).toBe(2);

    histogram.reset();
    cells.cell('GET', '/r', '200').observe(0.2);
    expect((await series())?.value).toBe(1);
  });

  it('refuses a value that is not a number, like prom-client', () => {
    const cells = new HistogramCells(histogramOn(new Registry()), ['method', 'route', 'status']);
    expect(() => cells.cell('GET', '/r', '200').observe(Number.NaN)).toThrow(TypeError);
  });
});
