import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DocumentRetention } from '#tenancy';
import {
  type AdminClient,
  declarationBody,
  type OnboardingRig,
  signedPdf,
  startRig,
  TENANT,
  termsBody,
} from './support.js';

const PDF = signedPdf('documents suite');
const MAX_BYTES = 4096;

/**
 * Issue 15, items 1 and 2: signed documents (PDF only, size-capped, the SHA-256 that was signed)
 * stored in their own table and kept DOCUMENT_RETENTION_DAYS after the declaration ended; forwards
 * recorded by hand, with their channel, and audited.
 */
describe('signed documents and recorded forwards', () => {
  let rig: OnboardingRig;
  let admin: AdminClient;
  let owner: pg.Client;

  beforeAll(async () => {
    rig = await startRig({
      worker: true,
      env: { DECLARATION_DOCUMENT_MAX_BYTES: String(MAX_BYTES), DOCUMENT_RETENTION_DAYS: '30' },
    });
    admin = await rig.as('operator');
    owner = new pg.Client({ connectionString: rig.context.ownerUrl });
    await owner.connect();
    await admin.post('/admin/v1/terms', termsBody({ changelog: 'Første' })).expect(201);
    await admin.post('/admin/v1/tenants', { orgnr: TENANT, name: 'Kommune A', contacts: [] }).expect(201);
  });

  afterAll(async () => {
    await owner?.end();
    await rig?.close();
  });

  const create = async (sha256 = PDF.sha256): Promise<string> =>
    (
      await admin
        .post(`/admin/v1/tenants/${TENANT}/declarations`, declarationBody({ documentSha256: sha256 }))
        .expect(201)
    ).body.id;
  const documentPath = (id: string) => `/admin/v1/declarations/${id}/document`;

  it('stores the signed PDF and serves it back as it was, with its digest', async () => {
    const id = await create();
    expect((await admin.get(documentPath(id)).expect(404)).body.code).toBe('document-not-found');
    const stored = await admin.upload(documentPath(id), PDF.bytes).expect(201);
    expect(stored.body).toEqual({
      declarationId: id,
      contentType: 'application/pdf',
      sha256: PDF.sha256,
      sizeBytes: PDF.bytes.length,
      uploadedAt: expect.any(String),
    });
    // The same bytes again: nothing else could match the signed hash, so it is simply stored again.
    await admin.upload(documentPath(id), PDF.bytes).expect(201);
    const viewer = await rig.as('viewer');
    const download = await viewer.get(documentPath(id)).buffer(true).expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="tilslutningserklaering-${TENANT}-${id}.pdf"`,
    );
    expect(download.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(PDF.sha256, 'hex').toString('base64')}:`);
    expect(Buffer.compare(download.body as Buffer, PDF.bytes)).toBe(0);
    // Kept out of the audit tables: the upload is an audited action, its bytes are not in it.
    const events = await owner.query(
      `SELECT details FROM audit_events WHERE operation = 'declaration.document-upload'`,
    );
    expect(events.rows[0].details).toMatchObject({ after: { declarationId: id, sha256: PDF.sha256 } });
    expect(JSON.stringify(events.rows)).not.toContain(PDF.bytes.toString('base64'));
  });

  it.each([
    ['bytes that are not a PDF', () => Buffer.from('GIF89a not a pdf'), 'application/pdf', 422, 'document-not-pdf'],
    [
      'another PDF than the one signed',
      () => signedPdf('another').bytes,
      'application/pdf',
      422,
      'document-hash-mismatch',
    ],
    [
      'a document over DECLARATION_DOCUMENT_MAX_BYTES',
      () => Buffer.concat([PDF.bytes, Buffer.alloc(MAX_BYTES)]),
      'application/pdf',
      413,
      'payload-too-large',
    ],
    ['a PDF sent as another media type', () => PDF.bytes, 'application/octet-stream', 415, 'unsupported-media-type'],
  ])('refuses %s', async (_what, bytes, contentType, status, code) => {
    const id = await create();
    const response = await admin.upload(documentPath(id), bytes(), contentType).expect(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe(code);
    expect((await admin.get(documentPath(id)).expect(404)).body.code).toBe('document-not-found');
  });

  it('names both hashes on a mismatch, and answers 404 for an unknown declaration', async () => {
    const other = signedPdf('another');
    const id = await create();
    const response = await admin.upload(documentPath(id), other.bytes).expect(422);
    expect(response.body).toMatchObject({ expectedSha256: PDF.sha256, actualSha256: other.sha256 });
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await admin.upload(documentPath(unknown), PDF.bytes).expect(404)).body.code).toBe('declaration-not-found');
    expect((await admin.get(`/admin/v1/declarations/${unknown}/package`).expect(404)).body.code).toBe(
      'declaration-not-found',
    );
  });

  it('has no package without the document (409 document-missing)', async () => {
    const id = await create();
    expect((await admin.get(`/admin/v1/declarations/${id}/package`).expect(409)).body.code).toBe('document-missing');
  });

  it('refuses forward while the intake is off (409 declaration-intake-off), and records a forward by form instead', async () => {
    const id = await create();
    await admin.upload(documentPath(id), PDF.bytes).expect(201);
    expect((await admin.post(`/admin/v1/declarations/${id}/forward`).expect(409)).body.code).toBe(
      'declaration-intake-off',
    );
    const record = { channel: 'form', reference: 'Skjema 2026-118734', forwardedAt: '2026-12-02T08:00:00Z' };
    const forwarded = await admin.post(`/admin/v1/declarations/${id}/record-forwarding`, record).expect(200);
    expect(forwarded.body).toMatchObject({
      status: 'forwarded',
      allowedActions: ['approve', 'reject', 'terminate'],
      forward: {
        status: 'delivered',
        channel: 'form',
        reference: 'Skjema 2026-118734',
        forwardedAt: '2026-12-02T08:00:00.000Z',
        intakeReference: null,
      },
    });
    const audited = await owner.query(
      `SELECT actor_type, details FROM audit_events WHERE operation = 'declaration.record-forwarding' AND tenant_orgnr = $1`,
      [TENANT],
    );
    expect(audited.rows).toHaveLength(1);
    expect(audited.rows[0].details).toMatchObject({
      before: { status: 'received' },
      after: { status: 'forwarded', forward: { channel: 'form' } },
    });
    // Once is enough: forwarded is not received.
    expect((await admin.post(`/admin/v1/declarations/${id}/record-forwarding`, record).expect(409)).body).toMatchObject(
      {
        code: 'invalid-transition',
        currentStatus: 'forwarded',
      },
    );
  });

  it.each([
    ['an unknown channel', { channel: 'fax', reference: 'x', forwardedAt: '2026-12-02T08:00:00Z' }],
    ['no reference', { channel: 'email', reference: '', forwardedAt: '2026-12-02T08:00:00Z' }],
    ['a forward in the future', { channel: 'email', reference: 'x', forwardedAt: '2099-01-01T00:00:00Z' }],
    ['no time', { channel: 'email', reference: 'x' }],
  ])('refuses a recorded forward with %s (400 invalid-request)', async (_what, body) => {
    const id = await create();
    await admin.upload(documentPath(id), PDF.bytes).expect(201);
    expect((await admin.post(`/admin/v1/declarations/${id}/record-forwarding`, body).expect(400)).body.code).toBe(
      'invalid-request',
    );
    expect((await admin.get(`/admin/v1/declarations/${id}`).expect(200)).body.status).toBe('received');
  });

  it('keeps a document while its declaration is in force and DOCUMENT_RETENTION_DAYS after it ended, then deletes it', async () => {
    const live = await create();
    const ended = await create();
    const endedLongAgo = await create();
    for (const id of [live, ended, endedLongAgo]) await admin.upload(documentPath(id), PDF.bytes).expect(201);
    for (const id of [ended, endedLongAgo])
      await admin.post(`/admin/v1/declarations/${id}/terminate`, { reason: 'ended' }).expect(200);
    await owner.query(`UPDATE declarations SET terminated_at = now() - interval '31 days' WHERE id = $1`, [
      endedLongAgo,
    ]);

    expect(await rig.worker!.get(DocumentRetention).run()).toBe(1);
    expect((await admin.get(documentPath(endedLongAgo)).expect(404)).body.code).toBe('document-not-found');
    await admin.get(documentPath(ended)).expect(200);
    await admin.get(documentPath(live)).expect(200);
    expect(await rig.worker!.get(DocumentRetention).run()).toBe(0);
  });
});
