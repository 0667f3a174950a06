/** The grant ids already used per client (MP-012), forgotten once the grant has expired anyway. */
export class JtiStore {
  private readonly seen = new Map<string, number>();

  /** False when this client already used the jti; records it otherwise. */
  claim(clientId: string, jti: string, expiresAtSeconds: number, nowSeconds: number): boolean {
    this.prune(nowSeconds);
    const key = `${clientId}\u0000${jti}`;
    if (this.seen.has(key)) return false;
    // Kept a little beyond exp so a grant replayed within the clock skew is still caught.
    this.seen.set(key, expiresAtSeconds + 60);
    return true;
  }

  private prune(nowSeconds: number): void {
    for (const [key, until] of this.seen) if (until < nowSeconds) this.seen.delete(key);
  }
}
