import { randomUUID } from 'node:crypto';
import type { TenantContact } from '#database';
import type { ContactDto } from './tenant.dto.js';

/**
 * The contacts to store from an operator's list: a contact that names the id of an existing one
 * keeps it (so the municipality's own edits survive a replaced list); any other gets a new id.
 */
export function toStoredContacts(
  given: readonly ContactDto[],
  existing: readonly TenantContact[] = [],
): TenantContact[] {
  const known = new Set(existing.map((contact) => contact.id));
  const used = new Set<string>();
  return given.map(({ id, name, email, phone, roles, webhookUrl }) => {
    const keep = id !== undefined && known.has(id) && !used.has(id);
    const contactId = keep ? id : randomUUID();
    used.add(contactId);
    return {
      id: contactId,
      name,
      ...(email !== undefined ? { email } : {}),
      ...(phone !== undefined ? { phone } : {}),
      roles: [...(roles ?? [])],
      ...(webhookUrl !== undefined ? { webhookUrl } : {}),
    };
  });
}
