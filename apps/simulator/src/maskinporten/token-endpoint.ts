import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FaultRegistry } from '../common/faults.js';
import { RequestLog } from '../common/request-log.js';
import { GrantValidator } from './grant-validator.js';
import { MaskinportenService, type TokenAnswer } from './maskinporten.service.js';

/** POST /maskinporten/token over HTTP: injected faults first, then the grant, logged either way. */
@Injectable()
export class TokenEndpoint {
  constructor(
    private readonly maskinporten: MaskinportenService,
    private readonly faults: FaultRegistry,
    private readonly log: RequestLog,
  ) {}

  async handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const form = request.body as Record<string, unknown> | undefined;
    const fault = this.faults.take('maskinporten');
    let answer: TokenAnswer | undefined;
    if (fault?.mode === 'latency') await sleep(fault.ms ?? 0);
    if (fault?.mode === 'status') answer = this.maskinporten.faultAnswer(fault.status ?? 503, fault.kode);
    if (fault?.mode === 'reset') {
      this.record(request, form, undefined);
      request.raw.socket.destroy();
      return;
    }
    answer ??= await this.maskinporten.token(form);
    this.record(request, form, answer.status);
    await reply.status(answer.status).header('cache-control', 'no-store').send(answer.body);
  }

  private record(request: FastifyRequest, form: Record<string, unknown> | undefined, status: number | undefined): void {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    this.log.record({
      target: 'maskinporten',
      method: request.method,
      path: request.url,
      headers,
      tokenClaims: GrantValidator.peekClaims(form && typeof form === 'object' ? form.assertion : undefined),
      status,
    });
  }
}
