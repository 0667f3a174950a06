import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditWriter } from '#audit';

/** The operator behind an admin request, as the admin API's guard verified it. */
export interface ActingOperator {
  subject: string;
  name?: string;
  roles: readonly string[];
  /** The role that allowed this action. */
  actingRole?: string;
}

export interface OperatorAction {
  actor: ActingOperator;
  /** e.g. `tenant.create`, `declaration.approve`. */
  operation: string;
  /** null for platform-wide actions (terms). */
  tenantOrgnr: string | null;
  before: unknown;
  after: unknown;
  /** The incident this action was taken under (incident actions, issue 8). */
  incidentId?: string;
}

/** Options of actions an incident can take through the tenancy services. */
export interface IncidentLink {
  incidentId?: string;
  /** The incident's transaction: the action, its audit event and the incident's records commit together. */
  manager?: EntityManager;
}

/** Fields naming people (signers, contacts' addresses and phones) stay out of audit details. */
const PERSONAL_FIELDS = new Set(['signedBy', 'email', 'phone']);

export function withoutPersonalFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPersonalFields);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      PERSONAL_FIELDS.has(key) && item != null ? '[redacted]' : withoutPersonalFields(item),
    ]),
  );
}

/**
 * Records every operator action (who, role, what, before and after) as an audit event inside the
 * transaction of its change: the two commit together or not at all. A failed audit insert is 503
 * audit-unavailable and rolls the change back, so no change is ever made unrecorded.
 */
@Injectable()
export class OperatorActionLog {
  private readonly logger = new Logger('OperatorAction');

  constructor(private readonly audit: AuditWriter) {}

  async record(manager: EntityManager, action: OperatorAction): Promise<void> {
    const summary = {
      operation: action.operation,
      tenantOrgnr: action.tenantOrgnr,
      operator: action.actor.subject,
      role: action.actor.actingRole,
    };
    try {
      await this.audit.recordWithin(manager, {
        kind: 'operator-action',
        tenantOrgnr: action.tenantOrgnr,
        actor: {
          type: 'operator',
          id: action.actor.subject,
          ...(action.actor.actingRole ? { role: action.actor.actingRole } : {}),
        },
        operation: action.operation,
        decision: 'allow',
        details: { before: withoutPersonalFields(action.before), after: withoutPersonalFields(action.after) },
        ...(action.incidentId ? { incidentId: action.incidentId } : {}),
      });
    } catch (error) {
      this.logger.error(
        { ...summary, reason: error instanceof Error ? error.message : String(error) },
        'operator action not audited; it is rolled back',
      );
      throw error;
    }
    this.logger.log(summary, 'operator action');
  }
}
