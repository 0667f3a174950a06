import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type pg from 'pg';
import { type Environment, loadConfig } from '#core';
import { createGatewayApp } from '#gateway';
import { createWorkerApp } from '#worker';
import { connect } from './db.js';
import { type DeclarationSpec, givenDeclaration, givenTenant, givenTermsVersion, type TenantSpec } from './given.js';
import { connectPlatform, CONTEXT_HEADERS, PLATFORM_SCOPE } from './platform.js';
import { type SimulatorHandle, startSimulator } from './simulator.js';
import { createTestContext, listen, type TestContext } from './test-context.js';

export interface GatewayRigOptions {
  /** The platform's Maskinporten client id at the simulator; one per suite keeps their requests apart. */
  client?: string;
  /** Tenants written before the gateway starts: a list of active ones, or each with its state (givenTenant). */
  tenants?: readonly string[] | Record<string, TenantSpec>;
  /** Municipalities granted the Skatteetaten scopes and delegating them to the platform; every tenant by default. */
  connect?: readonly string[];
  /** More configuration for the gateway (and worker). */
  env?: Environment;
  /** A worker in this process as well (it sends registrations and forwards declarations). */
  worker?: boolean | Environment;
  /** Called with the gateway before it listens (when Nest registers its routes), e.g. to add a Fastify hook. */
  beforeListen?: (gateway: NestFastifyApplication) => void;
}

/** A problem+json body, or any other JSON answer. */
export type Answer = Record<string, unknown> & { code?: string; detail?: string; reasons?: string[] };

export interface GatewayAnswer<B = Answer> {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text of any other body. */
  body: B;
  /** The request's correlation id as the gateway answered it (audit_events.correlation_id). */
  correlationId: string;
}

export interface CallOptions {
  method?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Added to the four context headers; a header given as undefined is left out. */
  headers?: Record<string, string | undefined>;
  /** Whose token: the organisation in the path by default; null sends none. */
  as?: string | null;
  /** A supplier calling on behalf of the municipality. */
  supplier?: string;
  /** This bearer token instead of a minted one. */
  bearer?: string;
}

/** Simulator, test database and Redis prefix, tenants, a gateway (and optionally a worker) in this process. */
export interface GatewayRig {
  sim: SimulatorHandle;
  context: TestContext;
  gateway: NestFastifyApplication;
  /** The gateway's base URL. */
  url: string;
  worker?: NestFastifyApplication;
  /** The test database as the runtime role, the processes' view (DDL needs context.ownerUrl). */
  db: pg.Client;
  /** A municipality's (or its supplier's) Maskinporten token for the gateway, minted once and cached. */
  token(orgnr: string, supplier?: string): Promise<string>;
  /** A request to the gateway with a token and the context headers. */
  call<B = object>(path: string, options?: CallOptions): Promise<GatewayAnswer<Answer & B>>;
  /** The builders of test/support/given.ts on this rig's database. */
  given: {
    tenant(orgnr: string, spec?: TenantSpec): Promise<void>;
    declaration(orgnr: string, spec?: DeclarationSpec): Promise<string>;
    termsVersion(version: string, spec?: { requiresResign?: boolean }): Promise<{ remove(): Promise<void> }>;
  };
  close(): Promise<void>;
}

export async function startGatewayRig(options: GatewayRigOptions = {}): Promise<GatewayRig> {
  const tenants: Record<string, TenantSpec> = Array.isArray(options.tenants)
    ? Object.fromEntries((options.tenants as readonly string[]).map((orgnr) => [orgnr, {}]))
    : { ...(options.tenants as Record<string, TenantSpec> | undefined) };
  const sim = await startSimulator();
  const closing: Array<() => Promise<unknown>> = [() => sim.close()];
  // Last started, first stopped; each step once, also when start-up failed half-way.
  const close = async () => {
    for (const step of closing.splice(0).reverse()) await step();
  };
  try {
    const platform = await connectPlatform(
      sim,
      options.client ?? 'gateway-rig',
      options.connect ?? Object.keys(tenants),
    );
    closing.push(platform.cleanup);
    const context = await createTestContext({ ...platform.env, ...options.env });
    closing.push(() => context.close());
    const db = await connect(context.config.database.url);
    closing.push(() => db.end());
    for (const [orgnr, spec] of Object.entries(tenants)) await givenTenant(db, orgnr, spec);

    let worker: NestFastifyApplication | undefined;
    if (options.worker) {
      const started = await createWorkerApp(
        loadConfig({ ...context.env, ...(options.worker === true ? {} : options.worker) }),
      );
      closing.push(() => started.close());
      await started.init();
      worker = started;
    }
    const gateway = await createGatewayApp(context.config);
    closing.push(() => gateway.close());
    options.beforeListen?.(gateway);
    const url = await listen(gateway);

    const tokens = new Map<string, Promise<string>>();
    const token = (orgnr: string, supplier?: string) => {
      const key = `${orgnr}/${supplier ?? ''}`;
      if (!tokens.has(key))
        tokens.set(
          key,
          sim.control.mintToken({
            consumerOrg: orgnr,
            scope: PLATFORM_SCOPE,
            ...(supplier ? { supplierOrg: supplier } : {}),
          }),
        );
      return tokens.get(key) as Promise<string>;
    };

    return {
      sim,
      context,
      gateway,
      url,
      worker,
      db,
      token,
      async call<B>(path: string, call: CallOptions = {}): Promise<GatewayAnswer<Answer & B>> {
        const as = call.as === undefined ? path.split('/')[3] : call.as;
        const bearer = call.bearer ?? (as === null ? undefined : await token(as, call.supplier));
        const headers: Record<string, string> = bearer ? { authorization: `Bearer ${bearer}` } : {};
        if (call.body !== undefined) headers['content-type'] = 'application/json';
        for (const [name, value] of Object.entries({ ...CONTEXT_HEADERS, ...call.headers }))
          if (value !== undefined) headers[name] = value;
        const response = await fetch(`${url}${path}`, {
          method: call.method ?? 'GET',
          headers,
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
        });
        const text = await response.text();
        const json = /json/.test(response.headers.get('content-type') ?? '') && text !== '';
        return {
          status: response.status,
          headers: response.headers,
          body: (json ? JSON.parse(text) : text) as Answer & B,
          correlationId: response.headers.get('x-correlation-id') ?? '',
        };
      },
      given: {
        tenant: (orgnr, spec) => givenTenant(db, orgnr, spec),
        declaration: (orgnr, spec) => givenDeclaration(db, orgnr, spec),
        termsVersion: (version, spec) => givenTermsVersion(db, version, spec),
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
