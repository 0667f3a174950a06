import type { Session } from '../auth/session';

/** A problem+json answer from the admin API, with its code for the operator to see. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${status} ${code}: ${detail}`);
  }
}

/**
 * The console's only way to the platform: /admin/v1 with the operator's token. When the API says
 * the token is no longer good (401), the session asks for a new login and the call is made again,
 * so a form's input survives an expired session.
 */
export class AdminApi {
  constructor(
    private readonly session: Session,
    private readonly relogin: () => Promise<void>,
  ) {}

  get<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    const params = new URLSearchParams(
      Object.entries(query).filter((entry): entry is [string, string] => !!entry[1]),
    ).toString();
    return this.request<T>('GET', params ? `${path}?${params}` : path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body ?? {});
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** A download (signed export, report) as a blob, with the same authentication. */
  async blob(path: string): Promise<Blob> {
    const response = await this.send('GET', path);
    return response.blob();
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    if (response.status === 204) return undefined as T;
    const type = response.headers.get('content-type') ?? '';
    return (type.includes('json') ? await response.json() : await response.text()) as T;
  }

  private async send(method: string, path: string, body?: unknown, retried = false): Promise<Response> {
    const token = this.session.bearer();
    if (!token) {
      await this.relogin();
      return this.send(method, path, body, true);
    }
    const response = await fetch(`${this.session.settings.adminApi}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json, application/problem+json, */*',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401 && !retried) {
      this.session.expire();
      await this.relogin();
      return this.send(method, path, body, true);
    }
    if (!response.ok) {
      const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string; title?: string };
      throw new ApiError(
        response.status,
        problem.code ?? String(response.status),
        problem.detail ?? problem.title ?? '',
      );
    }
    return response;
  }
}
