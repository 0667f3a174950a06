import { DomainError } from '#core';
import { ACTION_FIELDS, type ActionField, type IncidentActionDto } from './incident-action.dto.js';

/** An action body whose fields suit its type. */
export type CheckedAction = IncidentActionDto & Record<ActionField, unknown>;

/** Each action type's fields must all be present, and no other field may be (400 invalid-request naming them). */
export function checkActionFields(dto: IncidentActionDto): CheckedAction {
  const { required, optional } = ACTION_FIELDS[dto.type];
  const given = (Object.keys(dto) as Array<keyof IncidentActionDto>).filter(
    (field) => field !== 'type' && dto[field] !== undefined,
  ) as ActionField[];
  const missing = required.filter((field) => dto[field] === undefined);
  const unexpected = given.filter((field) => !required.includes(field) && !optional.includes(field));
  if (missing.length > 0 || unexpected.length > 0) {
    const problems = [
      ...missing.map((field) => `${field} is required for ${dto.type}`),
      ...unexpected.map((field) => `${field} is not allowed for ${dto.type}`),
    ];
    throw new DomainError('invalid-request', problems.join('; '), {
      extensions: { errors: problems, missing, unexpected },
    });
  }
  return dto as CheckedAction;
}
