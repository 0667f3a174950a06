import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainError, Orgnr } from '../../../../libs/core/src/index.js';
import type { Caller } from '../../../../libs/maskinporten/src/index.js';

/** Resolves the catalogue operation for a tenant request and forwards it upstream. */
@Injectable()
export class ProxyService {
  async handle(orgnr: string, request: FastifyRequest, caller: Caller): Promise<unknown> {
    this.resolveTenant(orgnr, caller);
    throw new DomainError('operation-not-in-catalogue', `${request.method} of this path is not an operation in the API catalogue`);
  }

  /** The tenant is the path's orgnr, and only a token issued for that municipality may act for it. */
  private resolveTenant(orgnr: string, caller: Caller): Orgnr {
    const tenant = Orgnr.parse(orgnr);
    if (caller.consumerOrgnr !== tenant.value) {
      throw new DomainError('tenant-mismatch', 'The token was issued for another organisation than the one in the path');
    }
    return tenant;
  }
}
