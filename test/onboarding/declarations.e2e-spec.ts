import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DECLARATION_ACTIONS, type DeclarationAction, type DeclarationStatus, allowedActions } from '#tenancy';
import {
  type AdminClient,
  declarationBody,
  termsBody,
  eventually,
  type OnboardingRig,
  signedPdf,
  startRig,
  TENANT,
} from './support.js';

/** Every declaration of this suite is signed with this document, stored as it is recorded. */
const PDF = signedPdf('declarations suite');

interface Declaration {
  id: string;
  status: DeclarationStatus;
  forward: { status: string | null; attempts: number; intakeReference: string | null; lastError: string | null };
  [key: string]: unknown;
}

const BODY: Record<DeclarationAction, object> = {
  forward: {},
  approve: { reference: 'SKE-1' },
  reject: { reason: 'Mangler signatur' },
  activate: { effectiveFrom: '2026-12-01' },
  suspend: { reason: 'incident' },
  resume: { reason: 'resolved' },
  terminate: { reason: 'ended' },
};

describe('connection declarations: terms, lifecycle, forwarding to the intake', () => {
  let rig: OnboardingRig;
  let admin: AdminClient;

  beforeAll(async () => {
    rig = await startRig({
      worker: true,
      intake: true,
      env: {
        DECLARATION_FORWARD_ATTEMPTS: '3',
        DECLARATION_FORWARD_BACKOFF_MS: '20',
        DECLARATION_INTAKE_TIMEOUT_MS: '2000',
      },
    });
    admin = await rig.as('operator', 'incident-manager');
    await admin.post('/admin/v1/tenants', { orgnr: TENANT, name: 'Kommune A', contacts: [] }).expect(201);
  });

  afterAll(() => rig.close());

  const create = async (overrides: Record<string, unknown> = {}): Promise<Declaration> => {
    const body = declarationBody({ documentSha256: PDF.sha256, ...overrides });
    const created = (await admin.post(`/admin/v1/tenants/${TENANT}/declarations`, body).expect(201)).body;
    await admin.upload(`/admin/v1/declarations/${created.id}/document`, PDF.bytes).expect(201);
    return created;
  };
  const act = (id: string, action: DeclarationAction) =>
    admin.post(`/admin/v1/declarations/${id}/${action}`, BODY[action]);
  const current = async (id: string): Promise<Declaration> =>
    (await admin.get(`/admin/v1/declarations/${id}`).expect(200)).body;
  const forwarded = async (id: string): Promise<Declaration> => {
    await act(id, 'forward').expect(202);
    return eventually(async () => {
      const declaration = await current(id);
      return declaration.status === 'forwarded' ? declaration : undefined;
    });
  };

  it('publishes terms versions with their changelog (409 for a version twice)', async () => {
    const published = await admin.post('/admin/v1/terms', termsBody()).expect(201);
    expect(published.body).toEqual({
      version: '2026-11',
      publishedAt: '2026-11-01T00:00:00.000Z',
      effectiveFrom: '2026-11-01T00:00:00.000Z',
      changelog: 'Første versjon',
      changelogEntries: [{ date: '2026-11-01', section: 'Ikke angitt', text: 'Første versjon' }],
      documents: [],
      requiresResign: false,
      resignBy: null,
    });
    await admin
      .post('/admin/v1/terms', {
        version: '2027-01',
        effectiveFrom: '2027-01-01T00:00:00Z',
        changelog: 'Punkt 4 endret',
        requiresResign: true,
      })
      .expect(201);
    expect(
      (await admin.post('/admin/v1/terms', { version: '2026-11', changelog: 'x', requiresResign: false }).expect(409))
        .body.code,
    ).toBe('terms-version-exists');
    const list = await (await rig.as('viewer')).get('/admin/v1/terms').expect(200);
    expect(list.body.map((terms: { version: string }) => terms.version)).toEqual(['2026-11', '2027-01']);
  });

  it('records a declaration as received, with what was signed', async () => {
    const declaration = await create();
    expect(declaration).toMatchObject({
      tenantOrgnr: TENANT,
      termsVersion: '2026-11',
      signedBy: 'Kari Nordmann',
      signedAt: '2026-11-20T10:00:00.000Z',
      environment: 'test',
      apis: ['inntekt', 'summertskattegrunnlag'],
      legalBases: ['eigedomsskattelova-27'],
      existingAgreement: false,
      status: 'received',
      allowedActions: ['forward', 'terminate'],
      forward: { status: null },
    });
    const list = await admin.get(`/admin/v1/tenants/${TENANT}/declarations`).expect(200);
    expect(list.body.map((item: Declaration) => item.id)).toContain(declaration.id);
  });

  it.each([
    ['an unpublished terms version', { termsVersion: '1999-01' }, 422, 'terms-version-unknown'],
    ['an unknown legal basis', { legalBases: ['straffeloven-1'] }, 400, 'invalid-request'],
    ['an unknown API', { apis: ['folkeregister'] }, 400, 'invalid-request'],
    ['a bad document hash', { documentSha256: 'abc' }, 400, 'invalid-request'],
    ['another environment', { environment: 'staging' }, 400, 'invalid-request'],
  ])('refuses %s', async (_what, overrides, status, code) => {
    expect(
      (await admin.post(`/admin/v1/tenants/${TENANT}/declarations`, declarationBody(overrides)).expect(status)).body
        .code,
    ).toBe(code);
  });

  it('onboards a municipality with its own consumer agreement straight to active', async () => {
    const declaration = await create({ existingAgreement: true, effectiveFrom: '2026-12-05' });
    expect(declaration).toMatchObject({
      status: 'active',
      existingAgreement: true,
      effectiveFrom: '2026-12-05',
      statusReason: 'existing consumer agreement',
    });
  });

  it('becomes forwarded only once the intake answered, after retries', async () => {
    await rig.sim.control.call('DELETE', '/_sim/intake');
    await rig.sim.control.call('POST', '/_sim/intake/failures', { status: 503, count: 2 });
    const declaration = await create();
    const asked = await act(declaration.id, 'forward').expect(202);
    expect(asked.body).toMatchObject({ status: 'received', forward: { status: 'pending' } });
    const delivered = await eventually(async () => {
      const now = await current(declaration.id);
      if (now.status !== 'forwarded') {
        expect(now.status).toBe('received');
        return undefined;
      }
      return now;
    });
    const received = (await rig.sim.control.call('GET', '/_sim/intake')) as Array<{
      reference: string;
      body: Record<string, unknown>;
    }>;
    expect(received).toHaveLength(1);
    // The intake receives the declaration's package: what the operator would otherwise send by e-mail.
    expect(received[0].body).toMatchObject({
      declarationId: declaration.id,
      orgnr: TENANT,
      municipality: { orgnr: TENANT, name: 'Kommune A' },
      declaration: { termsVersion: '2026-11', documentSha256: PDF.sha256 },
      apis: [
        { api: 'inntekt', rettighetspakke: 'saernamsmann', scope: 'skatteetaten:inntekt' },
        { api: 'summertskattegrunnlag', rettighetspakke: 'saernamsmann' },
      ],
      document: { contentType: 'application/pdf', sha256: PDF.sha256, contentBase64: PDF.bytes.toString('base64') },
    });
    expect(delivered.forward).toMatchObject({
      status: 'delivered',
      channel: 'intake',
      attempts: 3,
      reference: received[0].reference,
      intakeReference: received[0].reference,
      lastError: null,
    });
  });

  it('marks the forward failed after the last attempt; the status stays received and it can be asked for again', async () => {
    await rig.sim.control.call('POST', '/_sim/intake/failures', { status: 500, count: 3 });
    const declaration = await create();
    await act(declaration.id, 'forward').expect(202);
    const failed = await eventually(async () => {
      const now = await current(declaration.id);
      return now.forward.status === 'failed' ? now : undefined;
    });
    expect(failed).toMatchObject({
      status: 'received',
      forward: { attempts: 3, lastError: 'the intake answered 500' },
    });
    expect((await forwarded(declaration.id)).forward.status).toBe('delivered');
  });

  it('records the answer, the effective date and the reasons along the way', async () => {
    const declaration = await forwarded((await create()).id);
    expect((await act(declaration.id, 'approve').expect(200)).body).toMatchObject({
      status: 'approved',
      decision: { reference: 'SKE-1', decidedAt: expect.any(String) },
    });
    expect((await act(declaration.id, 'activate').expect(200)).body).toMatchObject({
      status: 'active',
      effectiveFrom: '2026-12-01',
    });
    expect((await act(declaration.id, 'suspend').expect(200)).body).toMatchObject({
      status: 'suspended',
      statusReason: 'incident',
    });
    expect((await act(declaration.id, 'resume').expect(200)).body).toMatchObject({
      status: 'active',
      statusReason: 'resolved',
    });
    expect((await act(declaration.id, 'terminate').expect(200)).body).toMatchObject({
      status: 'terminated',
      terminatedAt: expect.any(String),
      allowedActions: [],
    });
  });

  it('lists the onboarding queue across municipalities by state, and refuses an unknown state', async () => {
    const received = await create();
    const queue = (await admin.get('/admin/v1/declarations?status=received,forwarded').expect(200))
      .body as Declaration[];
    expect(queue.map((declaration) => declaration.id)).toContain(received.id);
    expect(queue.every((declaration) => ['received', 'forwarded'].includes(declaration.status))).toBe(true);
    const active = (await admin.get('/admin/v1/declarations?status=active').expect(200)).body as Declaration[];
    expect(active.map((declaration) => declaration.id)).not.toContain(received.id);
    const refused = await admin.get('/admin/v1/declarations?status=received,pending').expect(400);
    expect(refused.body.code).toBe('invalid-request');
    await admin.get('/admin/v1/declarations?limit=0').expect(400);
  });

  it('forwards nothing without the signed document (409 document-missing), through the intake or by hand', async () => {
    const body = declarationBody({ documentSha256: PDF.sha256 });
    const bare = (await admin.post(`/admin/v1/tenants/${TENANT}/declarations`, body).expect(201)).body as Declaration;
    expect((await act(bare.id, 'forward').expect(409)).body.code).toBe('document-missing');
    const record = { channel: 'email', reference: 'msg-1', forwardedAt: '2026-12-01T09:00:00Z' };
    expect(
      (await admin.post(`/admin/v1/declarations/${bare.id}/record-forwarding`, record).expect(409)).body.code,
    ).toBe('document-missing');
    expect(await current(bare.id)).toMatchObject({ status: 'received', forward: { status: null } });
  });

  it('answers an unknown declaration with 404', async () => {
    expect((await admin.get('/admin/v1/declarations/00000000-0000-4000-8000-000000000000').expect(404)).body.code).toBe(
      'declaration-not-found',
    );
    expect((await act('not-a-uuid', 'approve').expect(404)).body.code).toBe('declaration-not-found');
  });

  describe('every illegal transition is 409 invalid-transition naming the allowed actions', () => {
    const byStatus = new Map<DeclarationStatus, string>();

    beforeAll(async () => {
      byStatus.set('received', (await create()).id);
      byStatus.set('forwarded', (await forwarded((await create()).id)).id);
      const approved = (await forwarded((await create()).id)).id;
      await act(approved, 'approve').expect(200);
      byStatus.set('approved', approved);
      const rejected = (await forwarded((await create()).id)).id;
      await act(rejected, 'reject').expect(200);
      byStatus.set('rejected', rejected);
      byStatus.set('active', (await create({ existingAgreement: true })).id);
      const suspended = (await create({ existingAgreement: true })).id;
      await act(suspended, 'suspend').expect(200);
      byStatus.set('suspended', suspended);
      const terminated = (await create()).id;
      await act(terminated, 'terminate').expect(200);
      byStatus.set('terminated', terminated);
    });

    const cases = (
      ['received', 'forwarded', 'approved', 'rejected', 'active', 'suspended', 'terminated'] as const
    ).flatMap((status) =>
      DECLARATION_ACTIONS.filter((action) => !allowedActions(status).includes(action)).map(
        (action) => [status, action] as const,
      ),
    );

    it.each(['forwarded', 'approved', 'rejected', 'active', 'suspended', 'terminated'] as const)(
      '%s: record-forwarding is refused like forward',
      async (status) => {
        const id = byStatus.get(status) as string;
        const record = { channel: 'form', reference: 'Skjema 1', forwardedAt: '2026-12-01T09:00:00Z' };
        const response = await admin.post(`/admin/v1/declarations/${id}/record-forwarding`, record).expect(409);
        expect(response.body).toMatchObject({ code: 'invalid-transition', currentStatus: status, action: 'forward' });
        expect((await current(id)).status).toBe(status);
      },
    );

    it.each(cases)('%s: %s is refused', async (status, action) => {
      const id = byStatus.get(status) as string;
      const response = await act(id, action).expect(409);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        code: 'invalid-transition',
        status: 409,
        currentStatus: status,
        action,
        allowed: allowedActions(status),
      });
      expect((await current(id)).status).toBe(status);
    });
  });
});
