import { type ApiName, DomainError } from '#core';

export const INCIDENT_ACTION_TYPES = [
  'suspend-tenant',
  'resume-tenant',
  'revoke-supplier',
  'block-subject',
  'unblock-subject',
  'reverify-delegations',
  'flush-tokens',
  'pause-api',
  'resume-api',
] as const;
export type IncidentActionType = (typeof INCIDENT_ACTION_TYPES)[number];

/** What each action type carries besides its `type`: its required and optional fields. */
interface IncidentActionBodies {
  'suspend-tenant': { tenant: string; reason: string; apis?: ApiName[] };
  'resume-tenant': { tenant: string; reason: string; apis?: ApiName[] };
  'revoke-supplier': { tenant: string; supplier: string; reason: string };
  'block-subject': { personidentifikator: string; reason: string };
  'unblock-subject': { blockId: string; reason?: string };
  'reverify-delegations': { tenant: string; reason?: string };
  'flush-tokens': { tenant: string; reason?: string };
  'pause-api': { api: ApiName; reason: string };
  'resume-api': { api: ApiName; reason?: string };
}

/** An action body whose fields suit its type (the union of all types, or the action of type `T`). */
export type IncidentAction<T extends IncidentActionType = IncidentActionType> = {
  [K in T]: { type: K } & IncidentActionBodies[K];
}[T];

export type ActionField = 'tenant' | 'apis' | 'reason' | 'supplier' | 'personidentifikator' | 'blockId' | 'api';

type FieldsOf<T extends IncidentActionType> = keyof IncidentActionBodies[T];
type RequiredFieldsOf<T extends IncidentActionType> = {
  [F in FieldsOf<T>]-?: object extends Pick<IncidentActionBodies[T], F> ? never : F;
}[FieldsOf<T>];

/** The fields each action type needs (checked against IncidentActionBodies); the rest of the body must be absent or is refused. */
export const ACTION_FIELDS: {
  [T in IncidentActionType]: {
    required: readonly RequiredFieldsOf<T>[];
    optional: readonly Exclude<FieldsOf<T>, RequiredFieldsOf<T>>[];
  };
} = {
  'suspend-tenant': { required: ['tenant', 'reason'], optional: ['apis'] },
  'resume-tenant': { required: ['tenant', 'reason'], optional: ['apis'] },
  'revoke-supplier': { required: ['tenant', 'supplier', 'reason'], optional: [] },
  'block-subject': { required: ['personidentifikator', 'reason'], optional: [] },
  'unblock-subject': { required: ['blockId'], optional: ['reason'] },
  'reverify-delegations': { required: ['tenant'], optional: ['reason'] },
  'flush-tokens': { required: ['tenant'], optional: ['reason'] },
  'pause-api': { required: ['api', 'reason'], optional: [] },
  'resume-api': { required: ['api'], optional: ['reason'] },
};

/** A validated request body: a known type and fields of the right shape, not yet checked against that type. */
export type ActionBody = { type: IncidentActionType } & { [F in ActionField]?: unknown };

/** Each action type's fields must all be present, and no other field may be (400 invalid-request naming them). */
export function checkActionFields(body: ActionBody): IncidentAction {
  const fields = ACTION_FIELDS[body.type];
  const required: readonly ActionField[] = fields.required;
  const optional: readonly ActionField[] = fields.optional;
  const given = (Object.keys(body) as Array<keyof ActionBody>).filter(
    (field) => field !== 'type' && body[field] !== undefined,
  ) as ActionField[];
  const missing = required.filter((field) => body[field] === undefined);
  const unexpected = given.filter((field) => !required.includes(field) && !optional.includes(field));
  if (missing.length > 0 || unexpected.length > 0) {
    const problems = [
      ...missing.map((field) => `${field} is required for ${body.type}`),
      ...unexpected.map((field) => `${field} is not allowed for ${body.type}`),
    ];
    throw new DomainError('invalid-request', problems.join('; '), {
      extensions: { errors: problems, missing, unexpected },
    });
  }
  // The DTO validated each field's shape; its type's fields are now all present and no other is.
  return body as IncidentAction;
}
