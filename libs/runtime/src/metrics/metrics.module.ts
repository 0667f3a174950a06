import { type DynamicModule, Controller, Get, Global, Header, Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppConfig } from '#core';
import { MetricsServer } from './metrics-server.js';

/**
 * Each app owns its registry (never prom-client's global one), so several apps can live in one
 * test process without clashing metric names.
 */
export class MetricsRegistry extends Registry {
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor() {
    super();
    collectDefaultMetrics({ register: this });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this],
    });
  }

  /** The counter of that name on this registry, created on first use (several providers may share one). */
  counter<L extends string = never>(name: string, help: string, labelNames: L[] = []): Counter<L> {
    const existing = this.getSingleMetric(name);
    if (existing) return existing as Counter<L>;
    return new Counter({ name, help, labelNames, registers: [this] });
  }

  /** The histogram of that name on this registry, created on first use. */
  histogram<L extends string = never>(
    name: string,
    help: string,
    labelNames: L[] = [],
    buckets?: number[],
  ): Histogram<L> {
    const existing = this.getSingleMetric(name);
    if (existing) return existing as Histogram<L>;
    return new Histogram({ name, help, labelNames, registers: [this], ...(buckets ? { buckets } : {}) });
  }

  /** The gauge of that name on this registry, created on first use. */
  gauge<L extends string = never>(name: string, help: string, labelNames: L[] = []): Gauge<L> {
    const existing = this.getSingleMetric(name);
    if (existing) return existing as Gauge<L>;
    return new Gauge({ name, help, labelNames, registers: [this] });
  }
}

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

@Global()
@Module({
  providers: [{ provide: MetricsRegistry, useFactory: () => new MetricsRegistry() }],
  exports: [MetricsRegistry],
})
export class MetricsModule {
  /**
   * With METRICS_PORT (the default under APP_ENV=prod) /metrics is served only on its own
   * listener, which the chart exposes to Prometheus alone; otherwise on the API port.
   */
  static forRoot(config: AppConfig): DynamicModule {
    const port = config.metrics.port;
    if (port === undefined) return { module: MetricsModule, controllers: [MetricsController] };
    return {
      module: MetricsModule,
      providers: [
        {
          provide: MetricsServer,
          useFactory: (registry: MetricsRegistry) => new MetricsServer(registry, config.host, port),
          inject: [MetricsRegistry],
        },
      ],
    };
  }
}
