import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '#core';
import { IntakeStore } from './intake-store.js';

/**
 * Stand-in for Skatteetaten's intake of connection declarations (tilslutningserklæring) forwarded
 * by the operator: accepts a declaration and answers with a receipt reference.
 */
@ApiExcludeController()
@Controller('skatteetaten/tilslutning')
export class IntakeController {
  constructor(private readonly store: IntakeStore) {}

  @Post()
  @HttpCode(202)
  receive(
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): { reference: string; receivedAt: string } | { kode: string; melding: string } {
    const failure = this.store.takeFailure();
    if (failure !== undefined) {
      reply.status(failure);
      return { kode: 'DAS-003', melding: 'Midlertidig feil' };
    }
    const declaration = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const id = typeof declaration.declarationId === 'string' ? declaration.declarationId : key;
    if (!id || typeof declaration.orgnr !== 'string')
      throw new DomainError('invalid-request', 'declarationId and orgnr are required');
    const received = this.store.receive(id, declaration);
    return { reference: received.reference, receivedAt: received.receivedAt };
  }
}
