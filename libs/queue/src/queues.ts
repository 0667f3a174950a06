/**
 * Every bull queue, its job names and payload types, in one place. Payloads carry ids, never
 * personal data: the worker loads what it needs from the database.
 */
export const QUEUES = {
  notifications: 'notifications',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  notifications: {
    'deliver-webhook': { tenantOrgnr: string; deliveryId: string };
  };
}

export type JobName<Q extends QueueName> = keyof JobPayloads[Q] & string;
export type JobPayload<Q extends QueueName, J extends JobName<Q>> = JobPayloads[Q][J];
