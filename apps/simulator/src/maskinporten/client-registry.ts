import { Injectable } from '@nestjs/common';
import type { JWK } from 'jose';

/** A Maskinporten client (the platform's own): its owner, registered keys and scopes. */
export interface RegisteredClient {
  clientId: string;
  orgnr: string;
  /** Public JWKs; each may carry `exp` (epoch seconds) after which it counts as expired (MP-121). */
  keys: JWK[];
  scopes: string[];
  /** `expires_in` of the tokens it gets, in seconds. */
  tokenLifetime: number;
}

export const DEFAULT_TOKEN_LIFETIME = 120;

/** Clients, scope access (else MP-250) and Altinn delegations (else MP-251), in memory. */
@Injectable()
export class ClientRegistry {
  private readonly clients = new Map<string, RegisteredClient>();
  private readonly scopeAccess = new Set<string>();
  private readonly delegations = new Set<string>();

  /** Registers or replaces a client. */
  register(client: RegisteredClient): void {
    this.clients.set(client.clientId, {
      ...client,
      keys: client.keys.map((key) => ({ ...key })),
      scopes: [...client.scopes],
    });
  }

  get(clientId: string): RegisteredClient | undefined {
    return this.clients.get(clientId);
  }

  list(): Array<Pick<RegisteredClient, 'clientId' | 'orgnr' | 'scopes'>> {
    return [...this.clients.values()].map(({ clientId, orgnr, scopes }) => ({ clientId, orgnr, scopes: [...scopes] }));
  }

  grantScope(orgnr: string, scope: string): void {
    this.scopeAccess.add(`${orgnr} ${scope}`);
  }

  hasScopeAccess(orgnr: string, scope: string): boolean {
    return this.scopeAccess.has(`${orgnr} ${scope}`);
  }

  delegate(consumerOrg: string, supplierOrg: string, scope: string): void {
    this.delegations.add(delegationKey(consumerOrg, supplierOrg, scope));
  }

  revokeDelegation(consumerOrg: string, supplierOrg: string, scope: string): boolean {
    return this.delegations.delete(delegationKey(consumerOrg, supplierOrg, scope));
  }

  hasDelegation(consumerOrg: string, supplierOrg: string, scope: string): boolean {
    return this.delegations.has(delegationKey(consumerOrg, supplierOrg, scope));
  }
}

function delegationKey(consumerOrg: string, supplierOrg: string, scope: string): string {
  return `${consumerOrg} ${supplierOrg} ${scope}`;
}
