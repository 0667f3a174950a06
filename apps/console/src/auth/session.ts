import { challengeFor, randomToken } from './pkce';

/** Operator roles as the admin API knows them (DESIGN §7). */
export type OperatorRole = 'viewer' | 'operator' | 'incident-manager' | 'auditor';

export interface ConsoleSettings {
  issuer: string;
  clientId: string;
  scope: string;
  adminApi: string;
}

export interface Operator {
  name: string;
  roles: OperatorRole[];
  expiresAt: number;
}

interface IdpMetadata {
  authorization_endpoint: string;
  token_endpoint: string;
}

/** The message the login window's callback page posts back (same origin only). */
export interface LoginCallback {
  type: 'delingsmegler-login';
  code: string | null;
  state: string | null;
  error: string | null;
}

/**
 * The operator's session: authorization code + PKCE in a login window, the access token kept in
 * memory only (never storage), so closing the tab ends it. Logging in again happens in a window of
 * its own, so the page underneath keeps what the operator typed.
 */
export class Session {
  private token: string | null = null;
  private operator: Operator | null = null;
  private metadata: Promise<IdpMetadata> | null = null;
  private expiryTimer: number | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(readonly settings: ConsoleSettings) {}

  static async load(): Promise<Session> {
    const response = await fetch('settings.json', { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`settings.json: ${response.status}`);
    return new Session((await response.json()) as ConsoleSettings);
  }

  get current(): Operator | null {
    return this.operator && this.operator.expiresAt > Date.now() ? this.operator : null;
  }

  has(...roles: OperatorRole[]): boolean {
    return roles.some((role) => this.current?.roles.includes(role));
  }

  bearer(): string | null {
    return this.current ? this.token : null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ends the session in this tab (the IdP's own session is the IdP's). */
  logout(): void {
    this.token = null;
    this.operator = null;
    this.emit();
  }

  /** Marks the token as no longer accepted (the API answered 401). */
  expire(): void {
    if (this.operator) this.operator = { ...this.operator, expiresAt: 0 };
    this.emit();
  }

  async login(): Promise<void> {
    const metadata = await this.idpMetadata();
    const verifier = randomToken(48);
    const state = randomToken(16);
    const redirectUri = new URL('callback.html', window.location.href).href;
    const authorize = new URL(metadata.authorization_endpoint);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.settings.clientId,
      redirect_uri: redirectUri,
      scope: this.settings.scope,
      state,
      code_challenge: await challengeFor(verifier),
      code_challenge_method: 'S256',
    }).toString();
    const callback = await this.openLoginWindow(authorize.href);
    if (callback.error) throw new Error(callback.error);
    if (callback.state !== state || !callback.code) throw new Error('state');
    const response = await fetch(metadata.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: callback.code,
        redirect_uri: redirectUri,
        client_id: this.settings.clientId,
        code_verifier: verifier,
      }),
    });
    if (!response.ok) throw new Error(`token ${response.status}`);
    const answer = (await response.json()) as { access_token: string; expires_in: number };
    this.token = answer.access_token;
    this.operator = operatorOf(answer.access_token, answer.expires_in);
    // Tell the page when the token runs out, so it can ask for a new login before a call fails.
    window.clearTimeout(this.expiryTimer);
    this.expiryTimer = window.setTimeout(() => this.emit(), Math.max(this.operator.expiresAt - Date.now(), 0) + 50);
    this.emit();
  }

  private idpMetadata(): Promise<IdpMetadata> {
    this.metadata ??= fetch(`${this.settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`).then(
      async (response) => {
        if (!response.ok) throw new Error(`metadata ${response.status}`);
        return (await response.json()) as IdpMetadata;
      },
    );
    this.metadata.catch(() => (this.metadata = null));
    return this.metadata;
  }

  private openLoginWindow(url: string): Promise<LoginCallback> {
    const login = window.open(url, 'delingsmegler-login', 'popup,width=520,height=680');
    if (!login) return Promise.reject(new Error('popup-blocked'));
    return new Promise((resolve, reject) => {
      const closed = window.setInterval(() => {
        if (!login.closed) return;
        finish();
        reject(new Error('closed'));
      }, 500);
      const onMessage = (event: MessageEvent<LoginCallback>) => {
        if (event.origin !== window.location.origin || event.data?.type !== 'delingsmegler-login') return;
        finish();
        // The console closes the window, not the callback page: a window that closed itself could be
        // seen as closed by the operator before its message is delivered, and the login fail.
        login.close();
        resolve(event.data);
      };
      const finish = () => {
        window.clearInterval(closed);
        window.removeEventListener('message', onMessage);
      };
      window.addEventListener('message', onMessage);
    });
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Name and roles from the token, to shape the UI only: the admin API verifies and decides. */
function operatorOf(token: string, expiresIn: number): Operator {
  const payload = JSON.parse(
    new TextDecoder().decode(
      Uint8Array.from(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
    ),
  ) as { name?: string; sub?: string; roles?: string[]; exp?: number };
  const known: OperatorRole[] = ['viewer', 'operator', 'incident-manager', 'auditor'];
  return {
    name: payload.name ?? payload.sub ?? '',
    roles: (payload.roles ?? []).filter((role): role is OperatorRole => known.includes(role as OperatorRole)),
    expiresAt: (payload.exp ?? Math.floor(Date.now() / 1000) + expiresIn) * 1000,
  };
}
