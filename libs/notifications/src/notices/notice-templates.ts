/**
 * The notices tenants' contacts get, and their Norwegian (bokmål) e-mail text. Rendered when the
 * notice is enqueued, from facts that never name a person (no signer, no data subject).
 */
export const NOTICE_EVENTS = [
  'declaration.forwarded',
  'declaration.approved',
  'declaration.rejected',
  'declaration.activated',
  'declaration.suspended',
  'declaration.resumed',
  'declaration.terminated',
  'terms.resign-required',
  'terms.resign-reminder',
  'delegation.failed',
  'tenant.suspended',
  'tenant.resumed',
  'tenant.terminated',
  'tenant.succeeded',
  'incident.action',
] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

export interface NoticeFacts {
  tenantName: string;
  tenantOrgnr: string;
  data: Record<string, unknown>;
}

export interface RenderedNotice {
  subject: string;
  body: string;
}

const DATE = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'long', timeZone: 'Europe/Oslo' });

/** An ISO date or instant as Norwegians write it ("1. mars 2027"); the value itself when it is not one. */
export function norwegianDate(value: unknown): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return String(value ?? '');
  return DATE.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value));
}

const API_NAMES_NO: Record<string, string> = {
  inntekt: 'Inntekt',
  summertskattegrunnlag: 'Summert skattegrunnlag',
  utleggstrekk: 'Utleggstrekk',
};

function apis(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) return 'alle API-ene';
  return value.map((api) => API_NAMES_NO[String(api)] ?? String(api)).join(', ');
}

const text = (value: unknown): string => (typeof value === 'string' && value.trim() !== '' ? value.trim() : '');
const line = (label: string, value: unknown): string => (text(value) ? `${label}: ${text(value)}\n` : '');

const TEMPLATES: Record<NoticeEvent, (data: Record<string, unknown>) => RenderedNotice> = {
  'declaration.forwarded': (d) => ({
    subject: 'Tilslutningserklæringen er videresendt til Skatteetaten',
    body: `KS Digitale fellestjenester har videresendt kommunens tilslutningserklæring og påkoblingsforespørsel til Skatteetaten.\n${line('Referanse', d.reference)}\nDere får ny melding når Skatteetaten har svart.`,
  }),
  'declaration.approved': (d) => ({
    subject: 'Skatteetaten har godkjent tilslutningserklæringen',
    body: `Skatteetaten har godkjent kommunens tilslutningserklæring.\n${line('Skatteetatens referanse', d.reference)}\nTilgangen blir aktivert fra datoen kommunen kobles til i produksjon; dere får egen melding om det.`,
  }),
  'declaration.rejected': (d) => ({
    subject: 'Skatteetaten har avslått tilslutningserklæringen',
    body: `Skatteetaten har avslått kommunens tilslutningserklæring.\n${line('Begrunnelse', d.reason)}${line('Skatteetatens referanse', d.reference)}\nTa kontakt med KS Digitale fellestjenester for å avklare veien videre.`,
  }),
  'declaration.activated': (d) => ({
    subject: 'Tilgangen til Skatteetatens delingstjenester er aktivert',
    body: `Kommunens tilgang er aktivert for: ${apis(d.apis)}.\n${d.effectiveFrom ? `Tilgangen gjelder fra ${norwegianDate(d.effectiveFrom)}.\n` : ''}`,
  }),
  'declaration.suspended': (d) => ({
    subject: 'Tilslutningserklæringen er suspendert',
    body: `Kommunens tilslutningserklæring er suspendert, og kall mot delingstjenestene avvises inntil videre.\n${line('Begrunnelse', d.reason)}`,
  }),
  'declaration.resumed': (d) => ({
    subject: 'Tilslutningserklæringen gjelder igjen',
    body: `Suspensjonen av kommunens tilslutningserklæring er opphevet.\n${line('Begrunnelse', d.reason)}`,
  }),
  'declaration.terminated': (d) => ({
    subject: 'Tilslutningserklæringen er avsluttet',
    body: `Kommunens tilslutningserklæring er avsluttet, og tilgangen den ga er stengt.\n${line('Begrunnelse', d.reason)}`,
  }),
  'terms.resign-required': (d) => ({
    subject: `Nye vilkår må signeres innen ${norwegianDate(d.resignBy)}`,
    body: `Versjon ${text(d.version)} av tjenestebeskrivelsen med vedlegg krever ny signatur av tilslutningserklæringen.\nFrist: ${norwegianDate(d.resignBy)}. Fram til fristen gjelder signaturen under versjon ${text(d.signedVersion)}; etter fristen avvises kallene til kommunen har signert.\n${line('Endringer', d.changelog)}`,
  }),
  'terms.resign-reminder': (d) => ({
    subject: `Påminnelse: nye vilkår må signeres innen ${norwegianDate(d.resignBy)}`,
    body: `Kommunen har ennå ikke signert versjon ${text(d.version)} av tjenestebeskrivelsen med vedlegg.\nFrist: ${norwegianDate(d.resignBy)} (om ${String(d.daysLeft)} dager). Etter fristen avvises kallene til kommunen har signert.`,
  }),
  'delegation.failed': (d) => ({
    subject: `Delegeringen i Altinn for ${apis([d.api])} mangler eller kunne ikke verifiseres`,
    body: `Plattformen fikk ikke bekreftet at kommunen har delegert tilgangen til ${apis([d.api])} i Altinn.\n${line('Feilkode', d.problemCode)}\nKontroller delegeringen "På vegne av" i Altinn. Kallene mot dette API-et vil feile til delegeringen er på plass.`,
  }),
  'tenant.suspended': (d) => ({
    subject: 'Kommunens tilgang er suspendert',
    body: `Tilgangen til ${apis(d.apis)} er suspendert inntil videre.\n${line('Begrunnelse', d.reason)}`,
  }),
  'tenant.resumed': (d) => ({
    subject: 'Kommunens tilgang er gjenopprettet',
    body: `Suspensjonen av ${apis(d.apis)} er opphevet.\n${line('Begrunnelse', d.reason)}`,
  }),
  'tenant.terminated': (d) => ({
    subject: 'Kommunens tilgang er avsluttet',
    body: `Kommunens tilgang til Skatteetatens delingstjenester gjennom plattformen er avsluttet.\n${line('Begrunnelse', d.reason)}`,
  }),
  'tenant.succeeded': (d) => ({
    subject: 'Kommunens avtale er overført til etterfølgeren',
    body: `Etter sammenslåingen er kommunens erklæringer, leverandører og kontaktpersoner overført til ${text(d.successorName) || 'etterfølgeren'} (${text(d.successorOrgnr)}). Delegeringene i Altinn må gis på nytt av etterfølgeren.`,
  }),
  'incident.action': (d) => ({
    subject: 'Hendelse som berører kommunen',
    body: `KS Digitale fellestjenester har iverksatt et tiltak i en hendelse som berører kommunen.\n${line('Tiltak', d.summary)}${line('Hendelse', d.incidentId)}`,
  }),
};

export function renderNotice(event: NoticeEvent, facts: NoticeFacts): RenderedNotice {
  const rendered = TEMPLATES[event](facts.data);
  const body = `Hei,\n\n${rendered.body.trim()}\n\nKommune: ${facts.tenantName} (${facts.tenantOrgnr})\n\nMed vennlig hilsen\nKS Digitale fellestjenester – Delingsmegler\n\nDenne e-posten er sendt automatisk og kan ikke besvares.\n`;
  return { subject: `[Delingsmegler] ${rendered.subject}`, body };
}
