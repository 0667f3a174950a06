/** The admin API's answers as the console reads them (a subset of each response's fields). */

export interface Tenant {
  orgnr: string;
  name: string;
  municipalityNumber: string | null;
  contacts: Array<{ name: string; email?: string; phone?: string; roles?: string[] }>;
  status: string;
  suspendedApis: string[];
  suspensions: Array<{ id: string; api: string | null; reason: string; suspendedBy: string; suspendedAt: string }>;
  ratePerMinute: number | null;
  createdAt: string;
}

export interface Declaration {
  id: string;
  tenantOrgnr: string;
  termsVersion: string;
  signedBy: string;
  signedAt: string;
  apis: string[];
  legalBases: string[];
  status: string;
  allowedActions: string[];
  effectiveFrom: string | null;
  createdAt: string;
}

export interface Delegation {
  id: string;
  api: string;
  scope: string;
  status: string;
  problemCode: string | null;
  checkedAt: string | null;
}

export interface Supplier {
  orgnr: string;
  name: string;
  createdAt: string;
}

export interface Incident {
  id: string;
  severity: string;
  summary: string;
  status: string;
  allowedTransitions: string[];
  affectedTenants: string[];
  affectedApis: string[];
  openedBy: string;
  openedAt: string;
}

export interface TimelineEntry {
  id: string;
  kind: string;
  text: string;
  author: string;
  at: string;
}

export interface IncidentAction {
  id: string;
  type: string;
  tenant: string | null;
  performedBy: string;
  performedAt: string;
  notifications: string[];
}

export interface IncidentDetail extends Incident {
  timeline: TimelineEntry[];
  actions: IncidentAction[];
}

export interface IncidentReport {
  incident: Incident;
  timeline: TimelineEntry[];
  actions: IncidentAction[];
  generatedAt: string;
}

export interface AuditEvent {
  id: string;
  occurredAt: string;
  kind: string;
  operation: string;
  decision: string;
  reasonCode: string | null;
  tenantOrgnr: string | null;
  caseReference: string | null;
  actor: { type: string; id: string };
}

export interface TermsVersion {
  version: string;
  publishedAt: string;
  effectiveFrom: string;
  changelog: string;
  requiresResign: boolean;
  resignBy?: string | null;
}

export interface ResignOwed {
  orgnr: string;
  name: string;
  declarationId: string;
  signedVersion: string;
  resignBy: string;
  overdue: boolean;
}

export interface DeadLetter {
  id: string;
  tenantOrgnr: string;
  event: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  incidentId: string | null;
}

export const API_NAMES = ['inntekt', 'summertskattegrunnlag', 'utleggstrekk'] as const;
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export interface StatisticsRow {
  period: string;
  calls: number;
  tenant?: string;
  api?: string;
  legalBasis?: string;
  decision?: string;
  reasonCode?: string;
}

export interface Statistics {
  granularity: 'hour' | 'day' | 'month';
  from: string;
  to: string;
  rows: StatisticsRow[];
}

/** The legal bases a declaration can name (libs/policy's catalogue; the API refuses any other). */
export const LEGAL_BASES: ReadonlyArray<{ code: string; title: string }> = [
  { code: 'vegtrafikkloven-38', title: 'Vegtrafikkloven § 38 annet ledd' },
  { code: 'eigedomsskattelova-27', title: 'Eigedomsskattelova § 27' },
  { code: 'brann-og-eksplosjonsvernloven-28', title: 'Brann- og eksplosjonsvernloven § 28 fjerde ledd' },
  { code: 'vass-og-avlopsanleggslova-6', title: 'Vass- og avløpsanleggslova § 6' },
  { code: 'forurensningsloven-34', title: 'Forurensningsloven § 34 femte ledd' },
];

/** One operation of each API, asked about to show whether the municipality can use the API now. */
export const STATUS_OPERATIONS: Readonly<Record<(typeof API_NAMES)[number], string>> = {
  inntekt: 'inntekt.hent-inntekter',
  summertskattegrunnlag: 'summertskattegrunnlag.hent-skattegrunnlag',
  utleggstrekk: 'utleggstrekk.send-beslutning',
};

export interface Explanation {
  operation: string;
  allow: boolean;
  code: string;
  reasons: string[];
}
