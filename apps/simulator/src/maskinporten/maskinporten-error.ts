/** A refusal in Maskinporten's shape: `{error, error_description, error_uri}` with an MP code. */
export class MaskinportenError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly mpCode?: string,
  ) {
    super(description);
  }

  static invalidGrant(mpCode: string, description: string): MaskinportenError {
    return new MaskinportenError(400, 'invalid_grant', description, mpCode);
  }

  static invalidRequest(description: string, mpCode = 'MP-011'): MaskinportenError {
    return new MaskinportenError(400, 'invalid_request', description, mpCode);
  }

  /** The response body; `errorBase` is the issuer's origin, e.g. `http://127.0.0.1:3100`. */
  body(errorBase: string): { error: string; error_description: string; error_uri?: string } {
    return {
      error: this.error,
      error_description: this.description,
      ...(this.mpCode ? { error_uri: `${errorBase}/errors/${this.mpCode}` } : {}),
    };
  }
}
