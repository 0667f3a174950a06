import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { DomainError, InvalidIdentifierError, Orgnr, Personidentifikator } from '#core';
import { BODY_CONTRACTS, type BodyContract, type SubjectLocation } from './body-contracts.js';

/** One reason a body does not match its model: where (JSON pointer), which JSON Schema rule, and what it says. */
export interface BodyError {
  pointer: string;
  rule: string;
  detail: string;
}

export type SubjectKind = 'personidentifikator' | 'orgnr';

export interface BodySubject {
  /** The identifier's digits: personal data, never logged (the audit stores it hashed and encrypted). */
  value: string;
  kind: SubjectKind;
}

const MAX_ERRORS = 20;
const MAX_KEY_LENGTH = 64;

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, verbose: true });
formats.default(ajv, ['date', 'date-time', 'email']);
ajv.addKeyword({ keyword: 'x-detail', schemaType: 'string' });
const compiled = new WeakMap<BodyContract, ValidateFunction>();

function validatorOf(contract: BodyContract): ValidateFunction {
  let validate = compiled.get(contract);
  if (!validate) {
    validate = ajv.compile(contract.schema);
    compiled.set(contract, validate);
  }
  return validate;
}

function escapePointer(key: string): string {
  return key.slice(0, MAX_KEY_LENGTH).replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The value at a JSON pointer, through own properties of plain objects only. */
function valueAt(body: unknown, pointer: string): unknown {
  let node = body;
  for (const token of pointer.split('/').slice(1).map(unescapePointer)) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, token))
      return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** An ajv error in our words; a missing or unknown field is named in the pointer itself. */
function bodyErrorOf(error: ErrorObject): BodyError {
  const { keyword, instancePath, params } = error;
  if (keyword === 'required')
    return {
      pointer: `${instancePath}/${escapePointer(String(params.missingProperty))}`,
      rule: keyword,
      detail: 'is required',
    };
  if (keyword === 'additionalProperties') {
    return {
      pointer: `${instancePath}/${escapePointer(String(params.additionalProperty))}`,
      rule: keyword,
      detail: 'is not a field of this model',
    };
  }
  const stated = (error.parentSchema as Record<string, unknown> | undefined)?.['x-detail'];
  if (typeof stated === 'string') return { pointer: instancePath, rule: keyword, detail: stated };
  if (keyword === 'enum')
    return {
      pointer: instancePath,
      rule: keyword,
      detail: `must be one of ${(params.allowedValues as unknown[]).join(', ')}`,
    };
  return { pointer: instancePath, rule: keyword, detail: error.message ?? 'is invalid' };
}

/** Why a body does not match its model (empty when it does). A oneOf's branches are summed up by the oneOf itself. */
export function bodyErrors(contract: BodyContract, body: unknown): BodyError[] {
  const validate = validatorOf(contract);
  if (validate(body)) return [];
  return (validate.errors ?? []).filter((error) => !/\/oneOf\/\d+\//.test(error.schemaPath)).map(bodyErrorOf);
}

/** Refuses a body that does not match its model: 400 `invalid-body` naming each pointer and rule. */
export function assertBodyMatches(contract: BodyContract, body: unknown): void {
  const errors = bodyErrors(contract, body);
  if (errors.length === 0) return;
  const shown = errors.slice(0, MAX_ERRORS);
  const summary = shown
    .slice(0, 3)
    .map((error) => `${error.pointer || 'the body'} ${error.detail}`)
    .join('; ');
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  throw new DomainError('invalid-body', `The body does not match ${contract.model}: ${summary}${more}`, {
    extensions: { model: contract.model, errors: shown },
  });
}

function invalidSubject(contract: BodyContract, reason: string): DomainError {
  const { pointer, organisationAllowed } = contract.subject;
  const expected = organisationAllowed
    ? 'a fødselsnummer, d-nummer or organisation number'
    : 'a fødselsnummer or d-nummer';
  return new DomainError('subject-invalid', `The data subject at ${pointer} must be ${expected} (${reason})`, {
    extensions: { model: contract.model, pointer, reason },
  });
}

/**
 * The data subject a body names, where its model puts it, validated like a path
 * personidentifikator (mod 11; synthetic identities only when allowed) or, where the model allows a
 * company, as an orgnr (mod 11). 400 `subject-missing` or `subject-invalid` otherwise; neither
 * problem repeats the value.
 */
export function checkBodySubject(
  contract: BodyContract,
  body: unknown,
  options: { allowSynthetic: boolean },
): BodySubject {
  const { pointer, organisationAllowed }: SubjectLocation = contract.subject;
  const value = valueAt(body, pointer);
  if (value === undefined || value === null || value === '') {
    throw new DomainError(
      'subject-missing',
      `${contract.model} names its data subject at ${pointer}, and this body has none there`,
      { extensions: { model: contract.model, pointer } },
    );
  }
  if (typeof value !== 'string') throw invalidSubject(contract, 'not-a-string');
  if (organisationAllowed && /^[0-9]{9}$/.test(value)) {
    try {
      return { value: Orgnr.parse(value).value, kind: 'orgnr' };
    } catch (error) {
      throw error instanceof InvalidIdentifierError ? invalidSubject(contract, error.reason) : error;
    }
  }
  const person = Personidentifikator.validate(value, options);
  if (person.valid) return { value, kind: 'personidentifikator' };
  throw invalidSubject(
    contract,
    person.reason === 'not-eleven-digits' && organisationAllowed ? 'not-nine-or-eleven-digits' : person.reason,
  );
}

/**
 * The data subject of a stored body that passed the gateway's check (e.g. a registration the
 * worker sends), read where one of its operation's models puts it: a body of one model has none of
 * another's fields, so at most one location holds it. Not validated again.
 */
export function storedBodySubject(operationId: string, body: unknown): string | undefined {
  const contracts = Object.hasOwn(BODY_CONTRACTS, operationId) ? BODY_CONTRACTS[operationId] : [];
  for (const contract of contracts) {
    const value = valueAt(body, contract.subject.pointer);
    if (typeof value === 'string' && value.length > 0) return value.slice(0, 64);
  }
  return undefined;
}
