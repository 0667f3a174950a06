import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createSimulatorApp, type ReceivedMail } from '#simulator';
import { type Environment, loadConfig } from '#core';
import { eventually } from './eventually.js';
import { freePort } from './processes.js';

/** A simulator in this test process, on its own port, driven over HTTP like the real services. */
export interface SimulatorHandle {
  url: string;
  /** Maskinporten's issuer: `${url}/maskinporten/` (trailing slash, as the real one). */
  maskinportenIssuer: string;
  control: SimulatorControl;
  /** `smtp://127.0.0.1:<port>` of the simulator's SMTP sink (on a free port per simulator). */
  smtpUrl: string;
  close(): Promise<void>;
}

export async function startSimulator(overrides: Environment = {}): Promise<SimulatorHandle> {
  const port = await freePort();
  const config = loadConfig(
    { APP_ENV: 'test', LOG_LEVEL: 'silent', SIMULATOR_PORT: String(port), SIMULATOR_SMTP_PORT: '0', ...overrides },
    { needsDatabase: false },
  );
  const app: NestFastifyApplication = await createSimulatorApp(config);
  await app.listen({ port, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${port}`;
  const control = new SimulatorControl(url);
  const { port: smtpPort } = await control.mailServer();
  return {
    url,
    maskinportenIssuer: `${url}/maskinporten/`,
    control,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    close: () => app.close(),
  };
}

/** The control API under /_sim (DESIGN §10). Each call fails the test on a non-2xx answer. */
export class SimulatorControl {
  constructor(readonly url: string) {}

  registerClient(client: {
    clientId: string;
    orgnr: string;
    jwks: { keys: object[] };
    scopes: string[];
    tokenLifetime?: number;
  }): Promise<unknown> {
    return this.call('POST', '/_sim/clients', client);
  }

  grantScope(orgnr: string, scope: string): Promise<unknown> {
    return this.call('POST', '/_sim/scope-access', { orgnr, scope });
  }

  delegate(delegation: { consumerOrg: string; supplierOrg: string; scope: string }): Promise<unknown> {
    return this.call('POST', '/_sim/delegations', delegation);
  }

  revokeDelegation(delegation: { consumerOrg: string; supplierOrg: string; scope: string }): Promise<unknown> {
    return this.call('DELETE', '/_sim/delegations', delegation);
  }

  /** A municipality's (or its supplier's) Maskinporten token for calling the gateway. */
  async mintToken(request: {
    consumerOrg: string;
    supplierOrg?: string;
    scope: string;
    expiresIn?: number;
    /** Claims to add or replace, for tests of inbound validation (e.g. iss, nbf, authorization_details). */
    claims?: Record<string, unknown>;
  }): Promise<string> {
    const body = (await this.call('POST', '/_sim/tokens', request)) as { access_token: string };
    return body.access_token;
  }

  /** Whom Skatteetaten's five concurrent calls of an API count for: each municipality, or the platform's client. */
  setConcurrencyScope(
    api: 'inntekt' | 'summertskattegrunnlag' | 'utleggstrekk',
    scope: 'consumer' | 'client',
  ): Promise<unknown> {
    return this.call('PUT', '/_sim/concurrency', { api, scope });
  }

  /** What the oppslag samordnet trekk answers for a party from now on. */
  setSamordnetTrekk(party: string, harSamordnetTrekk: boolean): Promise<unknown> {
    return this.call('PUT', '/_sim/samordnet-trekk', { party, harSamordnetTrekk });
  }

  async mintOperatorToken(request: { sub: string; roles: string[]; expiresIn?: number }): Promise<string> {
    const body = (await this.call('POST', '/_sim/operator-tokens', request)) as { access_token: string };
    return body.access_token;
  }

  /** A new Maskinporten signing key; the previous one stays in the JWKS. */
  rotateMaskinportenKeys(): Promise<unknown> {
    return this.call('POST', '/_sim/maskinporten/rotate-keys');
  }

  requests(target?: string): Promise<Array<Record<string, unknown>>> {
    return this.call('GET', `/_sim/requests${target ? `?target=${target}` : ''}`) as Promise<
      Array<Record<string, unknown>>
    >;
  }

  clearRequests(): Promise<unknown> {
    return this.call('DELETE', '/_sim/requests');
  }

  addFault(fault: {
    target: string;
    mode: 'latency' | 'status' | 'reset' | 'delay-answer';
    ms?: number;
    status?: number;
    kode?: string;
    count?: number;
  }): Promise<unknown> {
    return this.call('POST', '/_sim/faults', fault);
  }

  clearFaults(): Promise<unknown> {
    return this.call('DELETE', '/_sim/faults');
  }

  /** The e-mails the SMTP sink received, oldest first. */
  mail(): Promise<SimulatedMail[]> {
    return this.call('GET', '/_sim/mail') as Promise<SimulatedMail[]>;
  }

  /** The first e-mail whose subject contains `subject` (sent to `to`, when given), waited for up to 10 s. */
  mailAbout(subject: string, to?: string): Promise<SimulatedMail> {
    return eventually(
      async () =>
        (await this.mail()).find(
          (mail) => mail.subject.includes(subject) && (to === undefined || mail.to.includes(to)),
        ),
      { timeout: 10_000 },
    );
  }

  clearMail(): Promise<unknown> {
    return this.call('DELETE', '/_sim/mail');
  }

  mailServer(): Promise<{ up: boolean; port: number }> {
    return this.call('GET', '/_sim/mail/server') as Promise<{ up: boolean; port: number }>;
  }

  /** Takes the SMTP sink down (connection refused) or brings it back on the same port. */
  setMailServer(up: boolean): Promise<{ up: boolean; port: number }> {
    return this.call('PUT', '/_sim/mail/server', { up }) as Promise<{ up: boolean; port: number }>;
  }

  async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`simulator ${method} ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
}

/** One e-mail the simulator's SMTP sink received, as GET /_sim/mail shows it. */
export type SimulatedMail = ReceivedMail;
