import { describe, expect, it } from '@jest/globals';

import { PROBLEM_CATALOGUE } from '#core';
import {
  POLICY_CODES,
  POLICY_RULES,
  type PolicyRuleName,
  callerRefusal,
  evaluate,
  rulesNamed,
  samordnetTrekkTransition,
  subjectKey,
} from './evaluator.js';
import { ALLOWED_FIXTURES, COMBINATION_FIXTURES, RULE_FIXTURES } from './fixtures/rules.fixtures.js';
import {
  BASE_INPUT,
  FNR,
  SUPPLIER_ORGNR,
  TRANSITION_UNTIL,
  UTLEGG_BESLUTNING,
  UTLEGG_OPPSLAG,
  buildInput,
  type Fixture,
} from './fixtures/base.js';
import { CLAIM_LEGAL_BASES, DATA_RETRIEVAL_BASIS, ATTACHMENT_DATABASE_BASIS, POLICY_VERSION } from './legal-bases.js';

const ALL: Fixture[] = [...ALLOWED_FIXTURES, ...RULE_FIXTURES, ...COMBINATION_FIXTURES];

describe('policy evaluator golden fixtures', () => {
  describe.each([
    ['allowed', ALLOWED_FIXTURES],
    ['one rule each', RULE_FIXTURES],
    ['first failing rule wins', COMBINATION_FIXTURES],
  ])('%s', (_group, fixtures) => {
    it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
      const decision = evaluate(buildInput(fixture.patch));
      expect({ allow: decision.allow, code: decision.code, status: decision.status }).toEqual(fixture.expected);
      expect(decision.policyVersion).toBe(POLICY_VERSION);
      expect(decision.reasons.length).toBeGreaterThan(0);
    });
  });

  it('covers every code the evaluator can answer with', () => {
    const covered = new Set(ALL.map((fixture) => fixture.expected.code));
    expect(Object.keys(POLICY_CODES).filter((code) => !covered.has(code as keyof typeof POLICY_CODES))).toEqual([]);
  });

  it('has fixture names that are unique', () => {
    const names = ALL.map((fixture) => fixture.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });
});

describe('policy decisions', () => {
  it('every refusal code is in PROBLEM_CATALOGUE with the same status', () => {
    const mismatches = Object.entries(POLICY_CODES)
      .filter(([code]) => code !== 'allowed')
      .filter(([code, status]) => (PROBLEM_CATALOGUE as Record<string, { status: number }>)[code]?.status !== status);
    expect(mismatches).toEqual([]);
  });

  it('never puts the personidentifikator, case reference or end user in a decision', () => {
    for (const fixture of ALL) {
      const input = buildInput(fixture.patch);
      const text = JSON.stringify(evaluate(input));
      const { personidentifikator, bodySubject, caseReference, endUser } = input.request;
      for (const secret of [personidentifikator, bodySubject, caseReference, endUser]) {
        if (secret && secret.length >= 8)
          expect({ fixture: fixture.name, leaked: text.includes(secret.trim()) }).toEqual({
            fixture: fixture.name,
            leaked: false,
          });
      }
      expect(text).not.toMatch(/\d{11}/);
    }
  });

  it('records the claim statute and the operation basis per API', () => {
    const inntekt = evaluate(BASE_INPUT);
    expect(inntekt.legalBasis).toEqual({ code: 'eigedomsskattelova-27', title: 'Eigedomsskattelova § 27' });
    expect(inntekt.operationBasis).toEqual(DATA_RETRIEVAL_BASIS);
    const utlegg = evaluate(
      buildInput({
        operation: { api: 'utleggstrekk', operationId: 'utleggstrekk.oppslag-samordnet-trekk', fixedPathValues: [] },
        request: { period: undefined },
      }),
    );
    expect(utlegg).toMatchObject({ allow: true, operationBasis: ATTACHMENT_DATABASE_BASIS });
    expect(utlegg.operationBasis!.join(' ')).toContain('Tvangsfullbyrdelsesloven § 2-16');
    expect(utlegg.operationBasis!.join(' ')).toContain('Tinglysingsloven § 34 a');
  });

  it('lists exactly the five claim statutes with their titles', () => {
    expect(CLAIM_LEGAL_BASES.map((basis) => basis.code)).toEqual([
      'vegtrafikkloven-38',
      'eigedomsskattelova-27',
      'brann-og-eksplosjonsvernloven-28',
      'vass-og-avlopsanleggslova-6',
      'forurensningsloven-34',
    ]);
    expect(CLAIM_LEGAL_BASES.every((basis) => basis.title.includes('§'))).toBe(true);
  });

  it('explains a refusal in plain words', () => {
    const decision = evaluate(buildInput({ declaration: { legalBases: ['vegtrafikkloven-38'] } }));
    expect(decision.reasons).toEqual(["The tenant's declaration does not list the legal basis eigedomsskattelova-27."]);
  });

  it('does not change its input and answers the same twice', () => {
    const input = buildInput({});
    const before = JSON.stringify(input);
    expect(evaluate(input)).toEqual(evaluate(input));
    expect(JSON.stringify(input)).toBe(before);
  });

  it('evaluates a subset of the rules for an explain query without request inputs', () => {
    const requestInputs: PolicyRuleName[] = [
      'case-reference',
      'end-user',
      'personidentifikator',
      'period',
      'income-year',
      'subject',
    ];
    const policyOnly = POLICY_RULES.filter((rule) => !requestInputs.includes(rule.name));
    const input = buildInput({ request: { legalBasis: 'vegtrafikkloven-38', purpose: 'innkreving-kommunale-krav' } });
    const bare = { ...input, request: { legalBasis: 'vegtrafikkloven-38', purpose: 'innkreving-kommunale-krav' } };
    expect(evaluate(bare).code).toBe('case-reference-missing');
    expect(evaluate(bare, policyOnly)).toMatchObject({ allow: true, code: 'allowed' });
    expect(evaluate({ ...bare, tenant: { ...bare.tenant, status: 'suspended' } }, policyOnly).code).toBe(
      'tenant-suspended',
    );
  });

  it('chooses a subset of the rules by their typed names, in policy order', () => {
    expect(rulesNamed('terms', 'orgnr').map((rule) => rule.name)).toEqual(['orgnr', 'terms']);
    // @ts-expect-error a name that is not a rule does not compile
    expect(rulesNamed('no-such-rule')).toEqual([]);
    expect(new Set(POLICY_RULES.map((rule) => rule.name)).size).toBe(POLICY_RULES.length);
  });

  it('holds blocked subjects as keyed hashes', () => {
    const hash = subjectKey(FNR, 'k');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toBe(subjectKey(FNR, 'other'));
    expect(evaluate(buildInput({ blockedSubjects: { key: 'k', hashes: new Set([hash]) } })).code).toBe(
      'subject-blocked',
    );
  });

  it('caller checks (every tenant route): refuse an unknown, terminated or succeeded tenant and an unregistered supplier, not a suspension', () => {
    const caller = (patch: Parameters<typeof buildInput>[0]) => callerRefusal(buildInput(patch))?.code;
    expect(caller({})).toBeUndefined();
    expect(caller({ tenant: { status: 'suspended' } })).toBeUndefined();
    expect(caller({ tenant: { exists: false } })).toBe('tenant-unknown');
    expect(caller({ tenant: { status: 'terminated' } })).toBe('tenant-terminated');
    expect(caller({ tenant: { status: 'succeeded' } })).toBe('tenant-succeeded');
    expect(caller({ supplier: { orgnr: SUPPLIER_ORGNR, registered: false } })).toBe('supplier-not-registered');
  });

  it('names the 2026 transition for an utleggstrekk registration only, and only while it lasts', () => {
    expect(samordnetTrekkTransition(buildInput(UTLEGG_BESLUTNING))).toMatchObject({
      until: TRANSITION_UNTIL,
      rule: 'samordnet-trekk-not-confirmed',
      maxAgeDays: 30,
    });
    expect(samordnetTrekkTransition(buildInput(UTLEGG_OPPSLAG))).toBeUndefined();
    expect(samordnetTrekkTransition(BASE_INPUT)).toBeUndefined();
    expect(samordnetTrekkTransition(buildInput({ ...UTLEGG_BESLUTNING, now: TRANSITION_UNTIL }))).toBeUndefined();
  });
});
