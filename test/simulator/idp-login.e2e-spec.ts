import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import request from 'supertest';
import { type SimulatorHandle, startSimulator } from '../support/simulator.js';

const CLIENT_ID = 'delingsmegler-console';
const REDIRECT_URI = 'http://127.0.0.1:3001/console/callback.html';

/** The operator IdP's browser login (authorization code + PKCE), over HTTP as the console uses it. */
describe('simulator IdP: authorization code with PKCE', () => {
  let sim: SimulatorHandle;
  const verifier = randomBytes(48).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorizeForm = {
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    state: 'st-1',
    code_challenge: challenge,
    scope: 'openid',
    name: 'Kari Revisor',
    roles: ['auditor', 'not-a-role'],
    expires_in: '120',
  };

  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(async () => {
    await sim?.close();
  });

  async function codeFromLogin(): Promise<string> {
    const response = await request(sim.url).post('/idp/authorize').type('form').send(authorizeForm).expect(302);
    const location = new URL(response.headers.location as string);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('st-1');
    return location.searchParams.get('code')!;
  }

  const exchange = (code: string, overrides: Record<string, string> = {}) =>
    request(sim.url)
      .post('/idp/token')
      .type('form')
      .send({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        client_id: CLIENT_ID,
        code_verifier: verifier,
        ...overrides,
      });

  it('publishes the endpoints a browser login needs, readable cross-origin', async () => {
    const metadata = await request(sim.url).get('/idp/.well-known/openid-configuration').expect(200);
    expect(metadata.headers['access-control-allow-origin']).toBe('*');
    expect(metadata.body).toMatchObject({
      authorization_endpoint: `${sim.url}/idp/authorize`,
      token_endpoint: `${sim.url}/idp/token`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('shows the development login form for a valid request and refuses a malformed one without redirecting', async () => {
    const query = { response_type: 'code', code_challenge_method: 'S256', ...authorizeForm };
    const form = await request(sim.url).get('/idp/authorize').query(query).expect(200);
    expect(form.text).toContain('<form method="post" action="authorize">');
    expect(form.text).toContain(`value="${challenge}"`);
    for (const broken of [
      { response_type: 'token' },
      { code_challenge_method: 'plain' },
      { code_challenge: 'short' },
      { redirect_uri: 'javascript:alert(1)' },
      { client_id: '' },
    ]) {
      const refused = await request(sim.url)
        .get('/idp/authorize')
        .query({ ...query, ...broken })
        .expect(400);
      expect(refused.headers.location).toBeUndefined();
    }
  });

  it('exchanges the code once for an operator token with the chosen name and known roles', async () => {
    const code = await codeFromLogin();
    const answer = await exchange(code).expect(200);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 120 });
    const jwks = createRemoteJWKSet(new URL(`${sim.url}/idp/jwks`));
    const { payload } = await jwtVerify(answer.body.access_token as string, jwks, {
      issuer: `${sim.url}/idp`,
      audience: 'delingsmegler-admin',
    });
    expect(payload).toMatchObject({ name: 'Kari Revisor', roles: ['auditor'] });
    expect((await exchange(code).expect(400)).body).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a wrong verifier, client or redirect URI, and other grant types', async () => {
    expect((await exchange(await codeFromLogin(), { code_verifier: 'x'.repeat(43) }).expect(400)).body.error).toBe(
      'invalid_grant',
    );
    expect((await exchange(await codeFromLogin(), { client_id: 'other' }).expect(400)).body.error).toBe(
      'invalid_grant',
    );
    expect(
      (await exchange(await codeFromLogin(), { redirect_uri: 'http://evil.example/cb' }).expect(400)).body.error,
    ).toBe('invalid_grant');
    expect((await exchange('anything', { grant_type: 'password' }).expect(400)).body.error).toBe(
      'unsupported_grant_type',
    );
  });
});
