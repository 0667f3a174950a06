import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../../../libs/core/src/index.js';
import type { Caller } from '../../../../libs/maskinporten/src/index.js';
import { tenantOfCaller } from '../tenancy/tenant-of-caller.js';

/** Resolves the catalogue operation for a tenant request and forwards it upstream. */
@Injectable()
export class ProxyService {
  async handle(orgnr: string, request: FastifyRequest, caller: Caller): Promise<unknown> {
    tenantOfCaller(orgnr, caller);
    throw new DomainError('operation-not-in-catalogue', `${request.method} of this path is not an operation in the API catalogue`);
  }
}
