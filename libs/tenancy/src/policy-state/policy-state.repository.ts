import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ApiName, DeclarationStatus, Environment, TenantStatus } from '#policy';
import type { DelegationState, PolicyStateSnapshot, TenantPolicyState } from './policy-state.js';

interface TenantRow {
  orgnr: string;
  status: TenantStatus;
  rate_per_minute: number | null;
  successor_orgnr: string | null;
}
interface SuspensionRow {
  tenant_orgnr: string;
  api: ApiName | null;
}
interface SupplierRow {
  tenant_orgnr: string;
  supplier_orgnr: string;
}
interface DeclarationRow {
  tenant_orgnr: string;
  status: DeclarationStatus;
  apis: ApiName[];
  environment: Environment;
  legal_bases: string[];
  terms_version: string;
  effective_date: string | null;
  effective_from: Date | null;
}
interface DelegationRow {
  tenant_orgnr: string;
  api: ApiName;
  status: DelegationState['status'];
  problem_code: string | null;
}
interface TermsRow {
  version: string;
  effective_from: Date;
  requires_resign: boolean;
  resign_by: Date | null;
}

/**
 * Reads the policy state (tenants, suspensions, suppliers, declarations, delegations, terms) in one
 * consistent snapshot, for every tenant or for one.
 */
@Injectable()
export class PolicyStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  load(environment: Environment, orgnr?: string): Promise<PolicyStateSnapshot> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => this.read(manager, environment, orgnr));
  }

  private async read(manager: EntityManager, environment: Environment, orgnr?: string): Promise<PolicyStateSnapshot> {
    const one = orgnr === undefined ? '' : 'AND tenant_orgnr = $1';
    const params = orgnr === undefined ? [] : [orgnr];
    const [tenants, suspensions, suppliers, declarations, delegations, terms] = [
      (await manager.query(
        `SELECT orgnr, status, rate_per_minute, successor_orgnr FROM tenants WHERE true ${orgnr === undefined ? '' : 'AND orgnr = $1'}`,
        params,
      )) as TenantRow[],
      (await manager.query(
        `SELECT tenant_orgnr, api FROM tenant_suspensions WHERE lifted_at IS NULL ${one}`,
        params,
      )) as SuspensionRow[],
      (await manager.query(
        `SELECT tenant_orgnr, supplier_orgnr FROM tenant_suppliers WHERE true ${one}`,
        params,
      )) as SupplierRow[],
      (await manager.query(
        // effective_from is a date in Norway (seeds §6): the declaration is in force from its midnight there.
        `SELECT DISTINCT ON (tenant_orgnr) tenant_orgnr, status, apis, environment, legal_bases, terms_version,
           to_char(effective_from, 'YYYY-MM-DD') AS effective_date, (effective_from::timestamp AT TIME ZONE 'Europe/Oslo') AS effective_from FROM declarations
         WHERE true ${orgnr === undefined ? '' : 'AND tenant_orgnr = $2'}
         ORDER BY tenant_orgnr, (environment = $1) DESC, (status = 'active') DESC, (status = 'suspended') DESC, created_at DESC`,
        [environment, ...params],
      )) as DeclarationRow[],
      (await manager.query(
        `SELECT DISTINCT ON (tenant_orgnr, api) tenant_orgnr, api, status, problem_code FROM delegations WHERE true ${one} ORDER BY tenant_orgnr, api, created_at DESC`,
        params,
      )) as DelegationRow[],
      (await manager.query(
        'SELECT version, effective_from, requires_resign, resign_by FROM terms_versions',
      )) as TermsRow[],
    ];
    const paused = (await manager.query('SELECT DISTINCT api FROM api_pauses WHERE lifted_at IS NULL')) as Array<{
      api: ApiName;
    }>;
    const blocked = (await manager.query(
      'SELECT subject_hash FROM blocked_subjects WHERE lifted_at IS NULL',
    )) as Array<{ subject_hash: string }>;

    const states = new Map<string, TenantPolicyState>();
    for (const row of tenants) {
      const allSuspended = suspensions.some((s) => s.tenant_orgnr === row.orgnr && s.api === null);
      states.set(row.orgnr, {
        tenant: {
          exists: true,
          // An all-API suspension in force suspends the tenant even if its status row lags behind.
          status: row.status === 'active' && allSuspended ? 'suspended' : row.status,
          suspendedApis: suspensions
            .filter((s) => s.tenant_orgnr === row.orgnr && s.api !== null)
            .map((s) => s.api as ApiName),
          ...(row.successor_orgnr ? { successorOrgnr: row.successor_orgnr } : {}),
        },
        suppliers: new Set(suppliers.filter((s) => s.tenant_orgnr === row.orgnr).map((s) => s.supplier_orgnr)),
        ratePerMinute: row.rate_per_minute,
        delegations: Object.fromEntries(
          delegations
            .filter((d) => d.tenant_orgnr === row.orgnr)
            .map((d) => [d.api, { status: d.status, problemCode: d.problem_code }]),
        ),
      });
    }
    for (const row of declarations) {
      const state = states.get(row.tenant_orgnr);
      if (!state) continue;
      state.declaration = {
        status: row.status,
        apis: row.apis,
        environment: row.environment,
        legalBases: row.legal_bases,
        termsVersion: row.terms_version,
      };
      if (row.effective_from && row.effective_date) {
        state.declaration.effectiveFrom = new Date(row.effective_from).toISOString();
        state.declaration.effectiveDate = row.effective_date;
      }
    }
    return {
      tenants: states,
      terms: terms.map((t) => ({
        version: t.version,
        effectiveFrom: new Date(t.effective_from).toISOString(),
        requiresResign: t.requires_resign,
        ...(t.resign_by ? { resignBy: new Date(t.resign_by).toISOString() } : {}),
      })),
      pausedApis: paused.map((row) => row.api),
      blockedSubjectHashes: new Set(blocked.map((row) => row.subject_hash.trim())),
    };
  }
}
