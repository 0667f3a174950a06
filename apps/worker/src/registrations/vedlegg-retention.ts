import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { VedleggRegistry } from '#registrations';

/** Hourly is plenty: the gateway's check ignores expired uploads itself, so this only keeps the table small. */
const INTERVAL_MS = 3_600_000;

/** Deletes the records of uploaded decision documents older than VEDLEGG_RETENTION_DAYS. */
@Injectable()
export class VedleggRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('VedleggRetention');
  private timer?: NodeJS.Timeout;

  constructor(private readonly registry: VedleggRegistry) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async run(): Promise<number> {
    try {
      const deleted = await this.registry.prune();
      if (deleted > 0) this.logger.log({ deleted }, 'vedlegg retention deleted expired uploads');
      return deleted;
    } catch (error) {
      this.logger.warn({ reason: (error as Error).message }, 'vedlegg retention failed');
      return 0;
    }
  }
}
