/**
 * The legal facts the policy rests on, as data (tjenestebeskrivelse for kommunal særnamsmyndighet,
 * sections 3 and 5; DESIGN §5). Changing anything here changes decisions: bump POLICY_VERSION.
 */

/** Bump whenever a rule or a table in libs/policy changes; recorded with every decision. */
export const POLICY_VERSION = '2026-12-07.1';

export const API_NAMES = ['inntekt', 'summertskattegrunnlag', 'utleggstrekk'] as const;
export type ApiName = (typeof API_NAMES)[number];

export function isApiName(value: unknown): value is ApiName {
  return typeof value === 'string' && (API_NAMES as readonly string[]).includes(value);
}

export interface LegalBasis {
  code: string;
  title: string;
}

/** The statutes under which a municipality as særnamsmyndighet collects claims (section 3, "Kommunenes hjemmelsgrunnlag"). */
export const CLAIM_LEGAL_BASES = [
  { code: 'vegtrafikkloven-38', title: 'Vegtrafikkloven § 38 annet ledd' },
  { code: 'eigedomsskattelova-27', title: 'Eigedomsskattelova § 27' },
  { code: 'brann-og-eksplosjonsvernloven-28', title: 'Brann- og eksplosjonsvernloven § 28 fjerde ledd' },
  { code: 'vass-og-avlopsanleggslova-6', title: 'Vass- og avløpsanleggslova § 6' },
  { code: 'forurensningsloven-34', title: 'Forurensningsloven § 34 femte ledd' },
] as const satisfies readonly LegalBasis[];

export type LegalBasisCode = (typeof CLAIM_LEGAL_BASES)[number]['code'];
export const LEGAL_BASIS_CODES: readonly LegalBasisCode[] = CLAIM_LEGAL_BASES.map((basis) => basis.code);

export function findLegalBasis(code: string): LegalBasis | undefined {
  return CLAIM_LEGAL_BASES.find((basis) => basis.code === code);
}

/** The only purpose the data may be used for (section 5); anything else is viderebruk and refused. */
export const ALLOWED_PURPOSE = 'innkreving-kommunale-krav';

/** Section 3, "Hjemmel for å innhente opplysninger" and Skatteetaten's own disclosure basis. */
export const DATA_RETRIEVAL_BASIS: readonly string[] = [
  'Tvangsfullbyrdelsesloven § 5-7',
  'Skatteforvaltningsloven § 3-3 jf. skatteforvaltningsforskriften § 3-3-1 annet ledd bokstav a og i',
];

/** Section 3, look-ups in and registrations to the attachment database (utleggsdatabasen). */
export const ATTACHMENT_DATABASE_BASIS: readonly string[] = [
  'Tvangsfullbyrdelsesloven § 2-16',
  'Tinglysingsloven § 34 a andre og fjerde ledd, jf. utleggsregistreringsforskriften §§ 1 og 2 flg.',
];

/** What each API's request must carry, beyond the context headers. */
export type RequiredInput = 'personidentifikator' | 'period' | 'inntektsaar';

export interface ApiRule {
  /** The operation's own legal basis, recorded with every decision about it. */
  operationBasis: readonly string[];
  required: readonly RequiredInput[];
}

export const API_RULES: Readonly<Record<ApiName, ApiRule>> = {
  inntekt: { operationBasis: DATA_RETRIEVAL_BASIS, required: ['personidentifikator', 'period'] },
  summertskattegrunnlag: { operationBasis: DATA_RETRIEVAL_BASIS, required: ['personidentifikator', 'inntektsaar'] },
  // The subject of an utleggstrekk call is in the body: the gateway checks it against the operation's model and passes it as `bodySubject`.
  utleggstrekk: { operationBasis: ATTACHMENT_DATABASE_BASIS, required: [] },
};
