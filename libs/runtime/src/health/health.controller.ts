import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '#core';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check.js';

type CheckResult = { status: 'up' } | { status: 'down'; error: string };

@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ok'; checks: Record<string, CheckResult> }> {
    const results = await Promise.all(
      this.checks.map(async (check): Promise<[string, CheckResult]> => {
        try {
          await check.check();
          return [check.name, { status: 'up' }];
        } catch (error) {
          return [check.name, { status: 'down', error: error instanceof Error ? error.message : String(error) }];
        }
      }),
    );
    const checks = Object.fromEntries(results);
    const down = results.filter(([, result]) => result.status === 'down').map(([name]) => name);
    if (down.length > 0) {
      throw new DomainError('not-ready', `Not ready: ${down.join(', ')} unavailable`, { extensions: { checks } });
    }
    return { status: 'ok', checks };
  }
}
