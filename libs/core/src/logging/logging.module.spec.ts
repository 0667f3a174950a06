import { describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { loggerOptions, requestChildLogger } from './logging.module.js';

const config = { logLevel: 'info' } as AppConfig;

function capture(): { lines: Record<string, unknown>[]; logger: pino.Logger } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(loggerOptions(config, 'gateway'), {
    write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { lines, logger };
}

const strip = ({ time: _time, ...line }: Record<string, unknown>) => line;

describe('request loggers', () => {
  it('write what a child bound to the correlation id writes, masked and redacted alike', () => {
    const mixed = capture();
    const bound = capture();
    const viaFactory = requestChildLogger(mixed.logger, { correlationId: 'corr-1' }, {});
    const viaBinding = bound.logger.child({ correlationId: 'corr-1' });
    for (const logger of [viaFactory, viaBinding]) {
      logger.info(
        { headers: { authorization: 'Bearer secret' }, call: { token: 't', api: 'inntekt' } },
        'sent 01029413157',
      );
      logger.child({ context: 'AuditWriter' }).warn({ reason: 'slow' }, 'audit write slow');
      logger.error(new Error('failed for 01029413157'));
      logger.error({ err: new Error('lookup of 01029413157 failed') });
    }
    expect(mixed.lines.map(strip)).toEqual(bound.lines.map(strip));
    const text = JSON.stringify(mixed.lines);
    expect(text).not.toContain('01029413157');
    expect(text).not.toContain('secret');
    expect(mixed.lines.every((line) => line.correlationId === 'corr-1')).toBe(true);
  });

  it('leave lines outside a request without a correlation id, and other bindings bound', () => {
    const { lines, logger } = capture();
    logger.info('started');
    requestChildLogger(logger, { reqId: 'r-1' }, {}).info('other label');
    expect(lines[0]).not.toHaveProperty('correlationId');
    expect(lines[1]).toMatchObject({ reqId: 'r-1' });
  });
});
