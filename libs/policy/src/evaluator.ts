import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

import { Orgnr, Personidentifikator } from '#core';
import {
  ALLOWED_PURPOSE,
  API_RULES,
  LEGAL_BASIS_CODES,
  POLICY_VERSION,
  findLegalBasis,
  type LegalBasis,
  type RequiredInput,
} from './legal-bases.js';
import type { OperationInput, PolicyInput, PolicyLimits } from './policy-input.js';

/** Every code the evaluator answers with and its HTTP status: malformed input 400, refusals 403, an operator-wide pause 503. */
export const POLICY_CODES = {
  allowed: 200,
  'invalid-orgnr': 400,
  'tenant-unknown': 403,
  'tenant-terminated': 403,
  'tenant-succeeded': 403,
  'tenant-suspended': 403,
  'api-suspended-for-tenant': 403,
  'api-paused': 503,
  'supplier-not-registered': 403,
  'declaration-missing': 403,
  'declaration-not-active': 403,
  'declaration-not-yet-effective': 403,
  'declaration-api-not-covered': 403,
  'declaration-environment-mismatch': 403,
  'terms-not-accepted': 403,
  'terms-not-signed': 403,
  'fixed-path-value-invalid': 400,
  'purpose-missing': 400,
  'purpose-not-allowed': 403,
  'legal-basis-missing': 400,
  'legal-basis-unknown': 400,
  'legal-basis-not-registered': 403,
  'case-reference-missing': 400,
  'case-reference-invalid': 400,
  'end-user-missing': 400,
  'end-user-invalid': 400,
  'invalid-personidentifikator': 400,
  'period-invalid': 400,
  'period-reversed': 400,
  'period-too-long': 400,
  'period-out-of-range': 400,
  'income-year-invalid': 400,
  'income-year-out-of-range': 400,
  'subject-blocked': 403,
  'samordnet-trekk-not-confirmed': 409,
} as const satisfies Record<string, number>;

export type PolicyCode = keyof typeof POLICY_CODES;

export interface Decision {
  allow: boolean;
  code: PolicyCode;
  status: number;
  /** Plain English, never personal data (no personidentifikator, case reference or end-user id). */
  reasons: string[];
  policyVersion: string;
  operationBasis?: string[];
  legalBasis?: LegalBasis;
}

export interface Refusal {
  code: Exclude<PolicyCode, 'allowed'>;
  reason: string;
}

/** One rule of the policy; `N` is its name (PolicyRuleName once the rules are listed). */
export interface PolicyRule<N extends string = PolicyRuleName> {
  name: N;
  check: (input: PolicyInput) => Refusal | undefined;
}

/** Case reference and end-user id bounds: printable, no 11-digit runs (they look like a personidentifikator). */
const CASE_REFERENCE = /^[\p{L}\p{N}][\p{L}\p{N} ._/:#-]{0,63}$/u;
const END_USER = /^[\p{L}\p{N}][\p{L}\p{N}._@:+-]{0,127}$/u;
const ELEVEN_DIGITS = /\d{11}/;
const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const refuse = (code: Refusal['code'], reason: string): Refusal => ({ code, reason });
const blank = (value: string | undefined): boolean => value === undefined || value.trim() === '';
const requires = (input: PolicyInput, what: RequiredInput): boolean =>
  API_RULES[input.operation.api].required.includes(what);

/** The keyed hash under which a blocked data subject is held (lowercase hex HMAC-SHA256). */
export function subjectKey(personidentifikator: string, key: string): string {
  return createHmac('sha256', keyObjectOf(key)).update(personidentifikator).digest('hex');
}

/** The last key's KeyObject: one block key serves every request, so it is made once, not per call. */
let lastKey: { text: string; object: KeyObject } | undefined;

function keyObjectOf(text: string): KeyObject {
  if (lastKey?.text !== text) lastKey = { text, object: createSecretKey(Buffer.from(text, 'utf8')) };
  return lastKey.object;
}

function monthIndex(value: string): number | undefined {
  const match = YEAR_MONTH.exec(value);
  return match ? Number(match[1]) * 12 + Number(match[2]) - 1 : undefined;
}

/** A newer version requiring re-signing than the one the declaration was signed under, with the deadline to sign it. */
export interface ResignDue {
  version: string;
  /** ISO instant: until then the older signature still grants access. */
  resignBy: string;
  /** The deadline has passed: access is refused (terms-not-signed). */
  overdue: boolean;
}

/** The re-signing the declaration owes, the earliest deadline first (none when it is signed under the newest such version). */
export function resignDue({
  declaration,
  terms,
  now,
}: Pick<PolicyInput, 'declaration' | 'terms' | 'now'>): ResignDue[] {
  if (!declaration) return [];
  const signed = terms.find((t) => t.version === declaration.termsVersion);
  if (!signed) return [];
  const at = Date.parse(now);
  const signedFrom = Date.parse(signed.effectiveFrom);
  return terms
    .filter((t) => t.requiresResign && Date.parse(t.effectiveFrom) > signedFrom)
    .map((t) => {
      const resignBy = t.resignBy ?? t.effectiveFrom;
      return { version: t.version, resignBy, overdue: Date.parse(resignBy) <= at };
    })
    .sort((a, b) => Date.parse(a.resignBy) - Date.parse(b.resignBy));
}

/**
 * The declaration's terms version is accepted unless it is unpublished (terms-not-accepted) or a
 * newer version requiring re-signing has passed its resignBy unsigned (terms-not-signed); before
 * that deadline the old signature still grants access and /status warns.
 */
function termsRefusal(input: PolicyInput): Refusal | undefined {
  const { declaration, terms } = input;
  if (!declaration) return undefined;
  const signed = terms.find((t) => t.version === declaration.termsVersion);
  if (!signed)
    return refuse(
      'terms-not-accepted',
      `The declaration was signed under terms version ${declaration.termsVersion}, which is not a published version.`,
    );
  const overdue = resignDue(input)
    .filter((due) => due.overdue)
    .pop();
  return overdue
    ? refuse(
        'terms-not-signed',
        `Terms version ${overdue.version} had to be signed by ${overdue.resignBy}; the declaration is signed under ${signed.version}.`,
      )
    : undefined;
}

/** a-ordningen (and so the Inntekt API) holds months from January 2015. */
export const FIRST_INNTEKT_MONTH = '2015-01';
const OSLO_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit' });

/** The current month in Norway at `now`, as a month index (year * 12 + month - 1). */
/**
 * Norway's offsets from UTC are whole hours, so the UTC hour decides the month in Oslo: the last
 * hour's answer is kept, since formatting a date is costly next to the rest of a decision.
 */
let lastMonth = { utcHour: Number.NaN, index: 0 };

function currentMonthIndex(now: string): number {
  const utcHour = Math.floor(Date.parse(now) / 3_600_000);
  if (utcHour !== lastMonth.utcHour) {
    const parts = OSLO_MONTH.formatToParts(new Date(now));
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    lastMonth = { utcHour, index: part('year') * 12 + part('month') - 1 };
  }
  return lastMonth.index;
}

/**
 * Without tilOgMed Skatteetaten may answer up to the current month (its default is unpublished),
 * so the span checked runs to the current month: leaving tilOgMed out cannot widen a look-up.
 */
function periodRefusal({ operation, request, limits, now }: PolicyInput, required: boolean): Refusal | undefined {
  const { fraOgMed, tilOgMed } = request.period ?? {};
  if (fraOgMed === undefined && tilOgMed === undefined && !required) return undefined;
  const from = fraOgMed === undefined ? undefined : monthIndex(fraOgMed);
  if (from === undefined) return refuse('period-invalid', `fraOgMed must be a month as YYYY-MM for ${operation.api}.`);
  const to = tilOgMed === undefined ? currentMonthIndex(now) : monthIndex(tilOgMed);
  if (to === undefined) return refuse('period-invalid', 'tilOgMed must be a month as YYYY-MM.');
  if (from < (monthIndex(FIRST_INNTEKT_MONTH) as number))
    return refuse('period-out-of-range', `fraOgMed is before ${FIRST_INNTEKT_MONTH}, when a-ordningen started.`);
  if (Math.max(from, to) > currentMonthIndex(now))
    return refuse('period-out-of-range', 'The period reaches past the current month.');
  if (to < from) return refuse('period-reversed', 'fraOgMed is after tilOgMed.');
  const span = to - from + 1;
  const until = tilOgMed === undefined ? ' (without tilOgMed, up to the current month)' : '';
  if (span > limits.maxPeriodMonths)
    return refuse(
      'period-too-long',
      `The period spans ${span} months${until}; at most ${limits.maxPeriodMonths} are allowed.`,
    );
  return undefined;
}

/** The tenant exists and its access has not ended (suspension is a separate, per-route rule). */
function tenantAccessRefusal({ orgnr, tenant }: Pick<PolicyInput, 'orgnr' | 'tenant'>): Refusal | undefined {
  if (!tenant.exists) return refuse('tenant-unknown', `Organisation ${orgnr} is not a tenant of the platform.`);
  if (tenant.status === 'terminated') return refuse('tenant-terminated', `Tenant ${orgnr} is terminated.`);
  if (tenant.status === 'succeeded') {
    const by = tenant.successorOrgnr ? ` by ${tenant.successorOrgnr}` : '';
    return refuse('tenant-succeeded', `Tenant ${orgnr} was succeeded${by}; its access has ended.`);
  }
  return undefined;
}

function supplierRefusal({ supplier }: Pick<PolicyInput, 'supplier'>): Refusal | undefined {
  return supplier && !supplier.registered
    ? refuse('supplier-not-registered', `Supplier ${supplier.orgnr} is not registered to act for this tenant.`)
    : undefined;
}

/**
 * The caller checks every tenant route passes, whatever else it requires (the gateway's
 * TenantGuard): the tenant exists, its access has not ended, and a supplier in the token is
 * registered. Suspension is not among them: /status and /audit still answer a suspended tenant.
 */
export function callerRefusal(input: Pick<PolicyInput, 'orgnr' | 'tenant' | 'supplier'>): Refusal | undefined {
  return tenantAccessRefusal(input) ?? supplierRefusal(input);
}

/** Whether an X-Case-Reference / X-End-User value is acceptable (also what the audit may store of it). */
export function isValidCaseReference(value: string): boolean {
  const trimmed = value.trim();
  return CASE_REFERENCE.test(trimmed) && !ELEVEN_DIGITS.test(trimmed);
}

export function isValidEndUser(value: string): boolean {
  const trimmed = value.trim();
  return END_USER.test(trimmed) && !ELEVEN_DIGITS.test(trimmed);
}

const DAY_MS = 86_400_000;
export const SAMORDNET_TREKK_RULE = 'samordnet-trekk-not-confirmed';

/** The 2026 transition as /status and explanations show it. */
export interface SamordnetTrekkTransition {
  /** ISO instant from which every decision goes through the API without the rule. */
  until: string;
  rule: typeof SAMORDNET_TREKK_RULE;
  /** An oppslag older than this no longer confirms. */
  maxAgeDays: number;
  detail: string;
}

/** While the 2026 transition lasts for this operation (an utleggstrekk registration): until when, and the rule that applies. */
export function samordnetTrekkTransition({
  operation,
  limits,
  now,
}: {
  operation: Pick<OperationInput, 'api' | 'registers'>;
  limits: Pick<PolicyLimits, 'samordnetTrekk'>;
  now: string;
}): SamordnetTrekkTransition | undefined {
  const { transitionUntil, maxAgeDays } = limits.samordnetTrekk;
  if (operation.api !== 'utleggstrekk' || !operation.registers || Date.parse(now) >= Date.parse(transitionUntil))
    return undefined;
  return {
    until: transitionUntil,
    rule: SAMORDNET_TREKK_RULE,
    maxAgeDays,
    detail: `Until ${transitionUntil} a registration (beslutning om utleggstrekk) is accepted only for a debtor whose latest oppslag samordnet trekk by this municipality, at most ${maxAgeDays} days old, answered yes.`,
  };
}

/**
 * The 2026 transition (forskrift 2025-06-10-968): a decision goes through this API only for a
 * debtor who has or has had trekk under the new regime, which the municipality's own oppslag,
 * recent enough, must have answered.
 */
function samordnetTrekkRefusal(input: PolicyInput): Refusal | undefined {
  const transition = samordnetTrekkTransition(input);
  if (!transition) return undefined;
  const until = `until ${transition.until}`;
  const latest = input.samordnetTrekk;
  if (!latest)
    return refuse(
      SAMORDNET_TREKK_RULE,
      `No oppslag samordnet trekk by this municipality for the debtor is on record; ${until} a decision is sent here only after an oppslag that answered yes.`,
    );
  const ageDays = (Date.parse(input.now) - Date.parse(latest.at)) / DAY_MS;
  if (!(ageDays <= transition.maxAgeDays))
    return refuse(
      SAMORDNET_TREKK_RULE,
      `The latest oppslag samordnet trekk for the debtor is older than ${transition.maxAgeDays} days; look it up again.`,
    );
  return latest.harSamordnetTrekk
    ? undefined
    : refuse(
        SAMORDNET_TREKK_RULE,
        `The latest oppslag samordnet trekk answered that the debtor has no trekk under the new regime; ${until} such a decision is not sent through this API.`,
      );
}

const RULES = [
  {
    name: 'orgnr',
    check: ({ orgnr }) =>
      Orgnr.isValid(orgnr)
        ? undefined
        : refuse('invalid-orgnr', 'The organisation number in the path is not a valid orgnr (mod 11).'),
  },
  {
    name: 'tenant',
    check: (input) =>
      tenantAccessRefusal(input) ??
      (input.tenant.status === 'suspended'
        ? refuse('tenant-suspended', `Tenant ${input.orgnr} is suspended.`)
        : undefined),
  },
  {
    name: 'api-suspension',
    check: ({ tenant, operation }) =>
      tenant.suspendedApis.includes(operation.api)
        ? refuse('api-suspended-for-tenant', `The ${operation.api} API is suspended for this tenant.`)
        : undefined,
  },
  {
    name: 'api-pause',
    check: ({ pausedApis, operation }) =>
      pausedApis.includes(operation.api)
        ? refuse('api-paused', `The operator has paused the ${operation.api} API for all tenants.`)
        : undefined,
  },
  { name: 'supplier', check: supplierRefusal },
  {
    name: 'declaration',
    check: ({ declaration, operation, environment, now }) => {
      if (!declaration) return refuse('declaration-missing', 'The tenant has no connection declaration.');
      if (declaration.status !== 'active')
        return refuse('declaration-not-active', `The connection declaration is ${declaration.status}, not active.`);
      if (declaration.effectiveFrom !== undefined && Date.parse(now) < Date.parse(declaration.effectiveFrom)) {
        return refuse(
          'declaration-not-yet-effective',
          `The connection declaration is in force from ${declaration.effectiveDate ?? declaration.effectiveFrom} (${declaration.effectiveFrom}).`,
        );
      }
      if (!declaration.apis.includes(operation.api))
        return refuse(
          'declaration-api-not-covered',
          `The connection declaration does not cover the ${operation.api} API.`,
        );
      if (declaration.environment !== environment)
        return refuse(
          'declaration-environment-mismatch',
          `The connection declaration is for ${declaration.environment}; this platform is ${environment}.`,
        );
      return undefined;
    },
  },
  { name: 'terms', check: termsRefusal },
  {
    name: 'fixed-path-values',
    check: ({ operation }) => {
      const wrong = operation.fixedPathValues.find((value) => value.given !== value.expected);
      return wrong
        ? refuse('fixed-path-value-invalid', `Path parameter ${wrong.name} must be ${wrong.expected}.`)
        : undefined;
    },
  },
  {
    name: 'purpose',
    check: ({ request }) => {
      if (blank(request.purpose)) return refuse('purpose-missing', 'The X-Purpose header is missing.');
      return request.purpose!.trim() === ALLOWED_PURPOSE
        ? undefined
        : refuse('purpose-not-allowed', `The only allowed purpose is ${ALLOWED_PURPOSE}.`);
    },
  },
  {
    name: 'legal-basis',
    check: ({ request, declaration }) => {
      if (blank(request.legalBasis)) return refuse('legal-basis-missing', 'The X-Legal-Basis header is missing.');
      const basis = findLegalBasis(request.legalBasis!.trim());
      if (!basis) return refuse('legal-basis-unknown', `X-Legal-Basis must be one of ${LEGAL_BASIS_CODES.join(', ')}.`);
      return declaration?.legalBases.includes(basis.code)
        ? undefined
        : refuse('legal-basis-not-registered', `The tenant's declaration does not list the legal basis ${basis.code}.`);
    },
  },
  {
    name: 'case-reference',
    check: ({ request: { caseReference } }) => {
      if (blank(caseReference)) return refuse('case-reference-missing', 'The X-Case-Reference header is missing.');
      return isValidCaseReference(caseReference!)
        ? undefined
        : refuse(
            'case-reference-invalid',
            'X-Case-Reference must be 1-64 letters, digits, spaces or . _ / : # -, and must not contain a personal identifier.',
          );
    },
  },
  {
    name: 'end-user',
    check: ({ request: { endUser } }) => {
      if (blank(endUser)) return refuse('end-user-missing', 'The X-End-User header is missing.');
      return isValidEndUser(endUser!)
        ? undefined
        : refuse(
            'end-user-invalid',
            'X-End-User must be 1-128 letters, digits or . _ @ : + -, and must not contain a personal identifier.',
          );
    },
  },
  {
    name: 'personidentifikator',
    check: (input) => {
      const { personidentifikator } = input.request;
      if (personidentifikator === undefined && !requires(input, 'personidentifikator')) return undefined;
      const result = Personidentifikator.validate(personidentifikator, {
        allowSynthetic: input.environment === 'test',
      });
      return result.valid
        ? undefined
        : refuse('invalid-personidentifikator', `The person identifier is invalid (${result.reason}).`);
    },
  },
  { name: 'period', check: (input) => periodRefusal(input, requires(input, 'period')) },
  {
    name: 'income-year',
    check: (input) => {
      const { inntektsaar } = input.request;
      if (inntektsaar === undefined && !requires(input, 'inntektsaar')) return undefined;
      if (inntektsaar === undefined || !/^\d{4}$/.test(inntektsaar))
        return refuse('income-year-invalid', 'The income year must be four digits (YYYY).');
      const { min, max } = input.limits.incomeYears;
      const year = Number(inntektsaar);
      return year >= min && year <= max
        ? undefined
        : refuse('income-year-out-of-range', `Income year ${year} is outside the supported range ${min}-${max}.`);
    },
  },
  {
    name: 'subject',
    // With no subject blocked there is nothing to hash against.
    check: ({ request, blockedSubjects }) =>
      blockedSubjects.hashes.size > 0 &&
      [request.personidentifikator, request.bodySubject].some(
        (subject) => subject !== undefined && blockedSubjects.hashes.has(subjectKey(subject, blockedSubjects.key)),
      )
        ? refuse('subject-blocked', 'The operator has blocked look-ups of this data subject.')
        : undefined,
  },
  { name: 'samordnet-trekk', check: samordnetTrekkRefusal },
] as const satisfies readonly PolicyRule<string>[];

/** The name of one policy rule: what a subset of the rules is chosen by. */
export type PolicyRuleName = (typeof RULES)[number]['name'];

/** The rules in DESIGN §5 order; the first refusal decides. */
export const POLICY_RULES: readonly PolicyRule[] = RULES;

/** The rules named, in POLICY_RULES order (a misspelt name does not compile). */
export function rulesNamed(...names: readonly PolicyRuleName[]): readonly PolicyRule[] {
  return POLICY_RULES.filter((rule) => names.includes(rule.name));
}

/** The rules that depend on the tenant's standing alone, not on one request's inputs (for /status and explanations). */
export const STANDING_RULES = rulesNamed(
  'orgnr',
  'tenant',
  'api-suspension',
  'api-pause',
  'supplier',
  'declaration',
  'terms',
);

/**
 * What the policy decides for one request: pure, deterministic, no I/O and no clock (the input
 * carries `now`). Pass a subset of POLICY_RULES to explain a decision without request inputs.
 */
export function evaluate(input: PolicyInput, rules: readonly PolicyRule[] = POLICY_RULES): Decision {
  const operationBasis = [...API_RULES[input.operation.api].operationBasis];
  const legalBasis =
    input.request.legalBasis === undefined ? undefined : findLegalBasis(input.request.legalBasis.trim());
  const common = { policyVersion: POLICY_VERSION, operationBasis, ...(legalBasis ? { legalBasis } : {}) };

  for (const rule of rules) {
    const refusal = rule.check(input);
    if (refusal)
      return {
        allow: false,
        code: refusal.code,
        status: POLICY_CODES[refusal.code],
        reasons: [refusal.reason],
        ...common,
      };
  }
  const { api, operationId } = input.operation;
  return {
    allow: true,
    code: 'allowed',
    status: POLICY_CODES.allowed,
    reasons: [
      `Tenant ${input.orgnr} may call ${api} ${operationId}: ${rules.map((rule) => rule.name).join(', ')} passed.`,
      ...(legalBasis ? [`Claim legal basis: ${legalBasis.title}; purpose ${ALLOWED_PURPOSE}.`] : []),
      `Operation basis: ${operationBasis.join('; ')}.`,
    ],
    ...common,
  };
}
