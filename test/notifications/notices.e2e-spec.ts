import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Receiver, startReceiver } from '../incidents/support.js';
import { registerPlatformClient } from '../maskinporten/support.js';
import {
  type AdminClient,
  declarationBody,
  termsBody,
  eventually,
  type OnboardingRig,
  signedPdf,
  startRig,
} from '../onboarding/support.js';

const KOMMUNE = '964338531'; // Bergen
const DAY_MS = 86_400_000;
const inDays = (days: number, plusMs = 0): string => new Date(Date.now() + days * DAY_MS + plusMs).toISOString();
const norwegianDate = (iso: string): string =>
  new Intl.DateTimeFormat('nb-NO', { dateStyle: 'long', timeZone: 'Europe/Oslo' }).format(new Date(iso));
const EMAIL = 'innfordring@bergen.kommune.example';
const PDF = signedPdf('notices suite');

interface NoticeRow {
  id: string;
  event: string;
  channel: string;
  recipient: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

/**
 * Issue 15, item 7 over HTTP: each lifecycle step enqueues a notice in the outbox with its change;
 * the worker's sweeper sends it by e-mail (here to the simulator's SMTP sink) and by signed webhook.
 * With the mail server away the outbox keeps the notice and retries it; it is delivered when the
 * server is back, or becomes a dead letter after NOTICE_ATTEMPTS.
 */
describe('notices that reach people: e-mail and webhooks from the outbox', () => {
  let rig: OnboardingRig;
  let admin: AdminClient;
  let incidents: AdminClient;
  let viewer: AdminClient;
  let receiver: Receiver;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    receiver = await startReceiver();
    rig = await startRig({
      worker: true,
      intake: true,
      env: { DECLARATION_FORWARD_BACKOFF_MS: '20' },
      prepare: async (sim) => {
        // The platform's own Maskinporten client, so a delegation check can find a delegation missing.
        const client = await registerPlatformClient(sim.control, {
          clientId: 'notices',
          scopes: ['skatteetaten:summertskattegrunnlag'],
        });
        cleanup = client.cleanup;
        return {
          ...client.env,
          SMTP_URL: sim.smtpUrl,
          NOTICE_SWEEP_INTERVAL_MS: '100',
          NOTICE_BACKOFF_MS: '400',
          NOTICE_ATTEMPTS: '4',
          NOTICE_SMTP_TIMEOUT_MS: '2000',
        };
      },
    });
    [admin, incidents, viewer] = await Promise.all([rig.as('operator'), rig.as('incident-manager'), rig.as('viewer')]);
    await admin.post('/admin/v1/terms', termsBody()).expect(201);
    await admin
      .post('/admin/v1/tenants', {
        orgnr: KOMMUNE,
        name: 'Bergen kommune',
        contacts: [
          { name: 'Innfordring', email: EMAIL },
          { name: 'Fagsystem', webhookUrl: receiver.url('/hooks') },
        ],
      })
      .expect(201);
  });

  afterAll(async () => {
    await rig?.close();
    await receiver?.close();
    await cleanup?.();
  });

  /** A declaration with its signed document stored, ready to be forwarded. */
  const signedDeclaration = async (overrides: Record<string, unknown> = {}): Promise<{ id: string }> => {
    const body = declarationBody({ documentSha256: PDF.sha256, ...overrides });
    const created = (await admin.post(`/admin/v1/tenants/${KOMMUNE}/declarations`, body).expect(201)).body;
    await admin.upload(`/admin/v1/declarations/${created.id}/document`, PDF.bytes).expect(201);
    return created;
  };

  const notices = async (query = ''): Promise<NoticeRow[]> =>
    (await viewer.get(`/admin/v1/notices?tenant=${KOMMUNE}${query}`).expect(200)).body;

  it('tells the contacts at each step of the declaration: forwarded, approved, activated', async () => {
    const declaration = await signedDeclaration();
    await admin.post(`/admin/v1/declarations/${declaration.id}/forward`).expect(202);

    const forwarded = await rig.sim.control.mailAbout('videresendt til Skatteetaten');
    expect(forwarded).toMatchObject({ to: [EMAIL], from: 'ikke-svar@delingsmegler.invalid' });
    expect(forwarded.subject).toBe('[Delingsmegler] Tilslutningserklæringen er videresendt til Skatteetaten');
    expect(forwarded.text).toContain('Kommune: Bergen kommune (964338531)');
    expect(forwarded.text).toMatch(/Referanse: TILS-/);
    // The signer is never named in a notice.
    expect(forwarded.text).not.toContain('Kari Nordmann');

    await admin.post(`/admin/v1/declarations/${declaration.id}/approve`, { reference: 'SKE-42' }).expect(200);
    expect((await rig.sim.control.mailAbout('har godkjent')).text).toContain('Skatteetatens referanse: SKE-42');

    await admin.post(`/admin/v1/declarations/${declaration.id}/activate`, { effectiveFrom: '2026-12-01' }).expect(200);
    expect((await rig.sim.control.mailAbout('er aktivert')).text).toContain('Tilgangen gjelder fra 1. desember 2026.');

    // The same events went to the contact's webhook, signed like every webhook.
    const hook = await eventually(async () =>
      receiver.received.find((received) => received.body.event === 'declaration.activated'),
    );
    expect(hook.body).toMatchObject({
      tenant: KOMMUNE,
      data: { declarationId: declaration.id, effectiveFrom: '2026-12-01' },
    });
    expect(hook.headers['webhook-signature']).toMatch(/^v1,/);
    expect(hook.headers['webhook-id']).toBe(hook.body.deliveryId);

    const sent = await notices('&status=sent');
    expect(new Set(sent.map((row) => `${row.event}/${row.channel}`))).toEqual(
      new Set(
        ['declaration.forwarded', 'declaration.approved', 'declaration.activated'].flatMap((event) => [
          `${event}/email`,
          `${event}/webhook`,
        ]),
      ),
    );
    // A webhook target is shown without its query string (which may hold a secret).
    expect(sent.find((row) => row.channel === 'webhook')?.recipient).toBe(receiver.url('/hooks'));
  });

  it('tells them of a rejection with its reason', async () => {
    const declaration = await signedDeclaration({ environment: 'prod' });
    await admin.post(`/admin/v1/declarations/${declaration.id}/forward`).expect(202);
    await eventually(async () =>
      (await viewer.get(`/admin/v1/declarations/${declaration.id}`).expect(200)).body.status === 'forwarded'
        ? true
        : undefined,
    );
    await admin
      .post(`/admin/v1/declarations/${declaration.id}/reject`, { reason: 'Mangler signatur fra kommunedirektør' })
      .expect(200);
    expect((await rig.sim.control.mailAbout('har avslått')).text).toContain(
      'Begrunnelse: Mangler signatur fra kommunedirektør',
    );
  });

  it('tells them of a suspension and its end, and of a delegation that is missing in Altinn', async () => {
    await incidents
      .post(`/admin/v1/tenants/${KOMMUNE}/suspend`, { reason: 'Mistanke om misbruk', apis: ['inntekt'] })
      .expect(200);
    expect((await rig.sim.control.mailAbout('tilgang er suspendert')).text).toContain(
      'Tilgangen til Inntekt er suspendert inntil videre.',
    );
    await incidents.post(`/admin/v1/tenants/${KOMMUNE}/resume`, { reason: 'Avklart' }).expect(200);
    expect((await rig.sim.control.mailAbout('tilgang er gjenopprettet')).text).toContain('Begrunnelse: Avklart');

    await admin.post(`/admin/v1/tenants/${KOMMUNE}/delegations`, { api: 'summertskattegrunnlag' }).expect(202);
    expect((await rig.sim.control.mailAbout('Delegeringen i Altinn for Summert skattegrunnlag')).text).toContain(
      'Kontroller delegeringen',
    );
  });

  it('tells those who must sign new terms at publication, and reminds them before resignBy', async () => {
    const resignBy = inDays(60);
    await admin
      .post('/admin/v1/terms', {
        version: '2027-01',
        effectiveFrom: inDays(0, -2000),
        resignBy,
        changelog: 'Punkt 2 endret',
        requiresResign: true,
      })
      .expect(201);
    const mail = await rig.sim.control.mailAbout(`Nye vilkår må signeres innen ${norwegianDate(resignBy)}`);
    expect(mail.text).toContain('Versjon 2027-01');
    expect(mail.text).toContain('signaturen under versjon 2026-11');

    // Ten days left: the 14-day reminder is due at once (the 3-day one later).
    const soon = inDays(10);
    await admin
      .post('/admin/v1/terms', {
        version: '2027-02',
        effectiveFrom: inDays(0, -1000),
        resignBy: soon,
        changelog: 'Punkt 4 endret',
        requiresResign: true,
      })
      .expect(201);
    const reminder = await rig.sim.control.mailAbout(`Påminnelse: nye vilkår må signeres innen ${norwegianDate(soon)}`);
    expect(reminder.text).toContain('Kommunen har ennå ikke signert versjon 2027-02');
    expect(reminder.text).toContain('(om 10 dager)');
  });

  it('keeps a notice while the mail server is away and delivers it when it is back', async () => {
    await rig.sim.control.setMailServer(false);
    await rig.sim.control.clearMail();
    await incidents.post(`/admin/v1/tenants/${KOMMUNE}/suspend`, { reason: 'Nedetid hos e-posttjenesten' }).expect(200);

    const waiting = await eventually(async () =>
      (await notices('&status=pending&event=tenant.suspended')).find(
        (row) => row.channel === 'email' && row.attempts >= 1,
      ),
    );
    expect(waiting).toMatchObject({ recipient: EMAIL, lastError: 'smtp-connection-failed' });
    expect(await rig.sim.control.mail()).toEqual([]);

    await rig.sim.control.setMailServer(true);
    const mail = await rig.sim.control.mailAbout('tilgang er suspendert');
    expect(mail.text).toContain('Begrunnelse: Nedetid hos e-posttjenesten');
    const settled = (await notices('&event=tenant.suspended')).find((row) => row.id === waiting.id);
    expect(settled).toMatchObject({ status: 'sent', lastError: null });
    expect(settled?.attempts).toBeGreaterThanOrEqual(2);
  });

  it('makes a dead letter of a notice after NOTICE_ATTEMPTS failed attempts', async () => {
    await rig.sim.control.setMailServer(false);
    await incidents.post(`/admin/v1/tenants/${KOMMUNE}/resume`, { reason: 'Ferdig' }).expect(200);
    const dead = await eventually(
      async () => (await notices('&status=failed&event=tenant.resumed')).find((row) => row.channel === 'email'),
      20_000,
    );
    expect(dead).toMatchObject({ attempts: 4, lastError: 'smtp-connection-failed', recipient: EMAIL });
    // The webhook of the same notice was delivered: channels settle on their own.
    expect((await notices('&status=sent&event=tenant.resumed')).map((row) => row.channel)).toContain('webhook');
    await rig.sim.control.setMailServer(true);
  });

  it('sent each re-signing reminder once, however many sweeps ran since', async () => {
    const reminders = (await notices('&event=terms.resign-reminder')).filter((row) => row.channel === 'email');
    expect(reminders).toHaveLength(1);
  });

  it('refuses a malformed filter with 400 and lets only operator roles read the outbox', async () => {
    expect((await viewer.get('/admin/v1/notices?status=lost').expect(400)).body.code).toBe('invalid-request');
    expect((await viewer.get('/admin/v1/notices?tenant=12').expect(400)).body.code).toBe('invalid-request');
    const anonymous = await fetch(`${rig.adminUrl}/admin/v1/notices`);
    expect(anonymous.status).toBe(401);
  });
});
