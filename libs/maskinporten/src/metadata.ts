import { DomainError } from '#core';

/** The parts of RFC 8414 metadata the platform uses. */
export interface AuthorizationServerMetadata {
  issuer: string;
  token_endpoint: string;
  jwks_uri: string;
  token_endpoint_auth_signing_alg_values_supported?: string[];
}

export function metadataUrl(issuer: string): string {
  return `${issuer.endsWith('/') ? issuer : `${issuer}/`}.well-known/oauth-authorization-server`;
}

/** Fetches and checks the metadata once per issuer; a failed fetch is not cached. */
export class MetadataCache {
  private readonly entries = new Map<string, Promise<AuthorizationServerMetadata>>();

  constructor(private readonly timeoutMs: number) {}

  get(issuer: string): Promise<AuthorizationServerMetadata> {
    let entry = this.entries.get(issuer);
    if (!entry) {
      entry = this.fetch(issuer);
      this.entries.set(issuer, entry);
      entry.catch(() => this.entries.delete(issuer));
    }
    return entry;
  }

  private async fetch(issuer: string): Promise<AuthorizationServerMetadata> {
    let response: Response;
    try {
      response = await fetch(metadataUrl(issuer), {
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { accept: 'application/json' },
      });
    } catch (error) {
      throw new DomainError('maskinporten-unavailable', 'The Maskinporten metadata could not be fetched', {
        cause: error,
      });
    }
    if (response.status >= 500)
      throw new DomainError('maskinporten-unavailable', `The Maskinporten metadata answered ${response.status}`);
    if (!response.ok)
      throw new DomainError('maskinporten-misconfigured', `The Maskinporten metadata answered ${response.status}`);
    const body = (await response.json()) as Partial<AuthorizationServerMetadata>;
    if (body.issuer !== issuer || typeof body.token_endpoint !== 'string' || typeof body.jwks_uri !== 'string') {
      throw new DomainError(
        'maskinporten-misconfigured',
        'The Maskinporten metadata does not match the configured issuer',
      );
    }
    return body as AuthorizationServerMetadata;
  }
}
