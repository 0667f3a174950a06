import type { IncidentStatus } from '#database';

export const INCIDENT_STATUSES = [
  'open',
  'mitigating',
  'resolved',
  'closed',
] as const satisfies readonly IncidentStatus[];
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** open → mitigating → resolved → closed; a closed incident is final. */
const NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  open: ['mitigating'],
  mitigating: ['resolved'],
  resolved: ['closed'],
  closed: [],
};

export function allowedTransitions(status: IncidentStatus): IncidentStatus[] {
  return [...NEXT[status]];
}

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return NEXT[from].includes(to);
}
