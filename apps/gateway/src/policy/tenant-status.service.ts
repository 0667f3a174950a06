import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { POLICY_VERSION, samordnetTrekkTransition } from '#policy';
import { APP_CONFIG, type AppConfig } from '#core';
import { API_NAMES, type ApiName, type Catalogue, InjectCatalogue } from '#upstream';
import type { EstablishedTenant } from '../tenancy/tenant-guard.js';
import { PolicyGate } from './policy-gate.js';

export class TransitionDto {
  @ApiProperty({ description: 'ISO instant the transition ends' }) until: string;
  @ApiProperty({
    description: 'The problem code of a registration it refuses',
    example: 'samordnet-trekk-not-confirmed',
  })
  rule: string;
  @ApiProperty({ description: 'How old the positive oppslag may be, in days' }) maxAgeDays: number;
  @ApiProperty() detail: string;
}

export class ApiStatusDto {
  @ApiProperty({ enum: API_NAMES }) api: string;
  @ApiProperty() usable: boolean;
  @ApiPropertyOptional({
    description: 'Why not, as the problem code a call would get (e.g. declaration-api-not-covered, delegation-missing)',
  })
  code?: string;
  @ApiPropertyOptional({ type: [String] }) reasons?: string[];
  @ApiPropertyOptional({
    description: 'Delegation of the API scope to the platform, as last verified: pending, verified, missing or error',
  })
  delegation?: string;
  @ApiPropertyOptional({
    type: TransitionDto,
    description:
      'utleggstrekk during the 2026 transition: registrations need a recent positive oppslag samordnet trekk first',
  })
  transition?: TransitionDto;
}

export class TenantStatusDto {
  @ApiProperty() orgnr: string;
  @ApiProperty() policyVersion: string;
  @ApiProperty({ type: [ApiStatusDto] }) apis: ApiStatusDto[];
}

/**
 * GET /api/v1/{orgnr}/status: which APIs the municipality can use now, and for each it cannot, why.
 * Past TenantGuard it always answers, a suspended tenant included (with the suspension as reason).
 */
@Injectable()
export class TenantStatusService {
  constructor(
    private readonly gate: PolicyGate,
    @InjectCatalogue() private readonly catalogue: Catalogue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  statusOf(established: EstablishedTenant): TenantStatusDto {
    const now = new Date().toISOString();
    const apis = API_NAMES.map((api): ApiStatusDto => {
      const status = this.usability(api, established);
      // While the 2026 transition lasts, utleggstrekk registrations need a positive oppslag first.
      const transition = this.catalogue[api].operations
        .map((operation) => samordnetTrekkTransition({ operation, limits: this.config.policy, now }))
        .find(Boolean);
      return transition ? { ...status, transition } : status;
    });
    return { orgnr: established.tenant.value, policyVersion: POLICY_VERSION, apis };
  }

  private usability(api: ApiName, { tenant, caller, state }: EstablishedTenant): ApiStatusDto {
    const operation = this.catalogue[api].operations[0];
    const decision = this.gate.standing(
      tenant.value,
      caller,
      { api: this.catalogue[api], operation, params: operation.fixedPathValues },
      state,
    );
    const delegation = state.delegations[api];
    if (!decision.allow)
      return { api, usable: false, code: decision.code, reasons: decision.reasons, delegation: delegation?.status };
    if (delegation?.status === 'missing') {
      return {
        api,
        usable: false,
        code: delegation.problemCode ?? 'delegation-missing',
        reasons: ['The scope is not delegated to the platform in Altinn (last verification).'],
        delegation: delegation.status,
      };
    }
    return { api, usable: true, delegation: delegation?.status };
  }
}
