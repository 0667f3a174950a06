/**
 * Every bull queue, its job names and payload types, in one place. Payloads carry ids, never
 * personal data: the worker loads what it needs from the database.
 */
export const QUEUES = {
  notifications: 'notifications',
  declarations: 'declarations',
  delegations: 'delegations',
  registrations: 'registrations',
  audit: 'audit',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  notifications: {
    'deliver-webhook': { tenantOrgnr: string; deliveryId: string };
  };
  declarations: {
    'forward-declaration': { tenantOrgnr: string; declarationId: string };
    /** Repeatable (AUDIT_RETENTION_INTERVAL_MS, with the audit's retention): deletes signed documents past DOCUMENT_RETENTION_DAYS. */
    'document-retention': Record<string, never>;
  };
  delegations: {
    'verify-delegation': { tenantOrgnr: string; delegationId: string };
    /** Repeatable: every recorded delegation of every tenant with access is checked again. */
    'recheck-delegations': Record<string, never>;
  };
  registrations: {
    'send-registration': { tenantOrgnr: string; registrationId: string };
  };
  audit: {
    /** Repeatable (AUDIT_SEAL_INTERVAL_MS), and on demand: chains and checkpoints pending events. */
    seal: Record<string, never>;
    /** Repeatable (AUDIT_RETENTION_INTERVAL_MS): deletes sealed events past AUDIT_RETENTION_DAYS. */
    retention: Record<string, never>;
    'build-export': { exportId: string };
  };
}

export type JobName<Q extends QueueName> = keyof JobPayloads[Q] & string;
export type JobPayload<Q extends QueueName, J extends JobName<Q>> = JobPayloads[Q][J];
