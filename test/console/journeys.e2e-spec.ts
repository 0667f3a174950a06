import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, Page } from 'playwright-core';
import { createGatewayApp } from '#gateway';
import { connectPlatform, PATHS, PLATFORM_SCOPE } from '../gateway/support.js';
import { type OnboardingRig, startRig } from '../onboarding/support.js';
import { CONTEXT_HEADERS, seedActiveTenant } from '../support/tenants.js';
import { eventually } from '../support/eventually.js';
import { listen } from '../support/test-context.js';
import { launchBrowser, logIn, screenshot, seriousAccessibilityViolations } from './browser.js';

const KOMMUNE = '974760673';
/** Onboarded through the console in the first journey. */
const NEW_KOMMUNE = '964965226'; // Stavanger: on the list of municipalities (tenant creation checks it)
const PERSON = '01029413157';

/** Journeys that cross from the console to what a municipality meets at the gateway. */
describe('operator console journeys against a running gateway', () => {
  let rig: OnboardingRig;
  let gateway: NestFastifyApplication;
  let gatewayUrl: string;
  let cleanup: (() => Promise<void>) | undefined;
  let token: string;
  let browser: Browser;

  const call = async (orgnr = KOMMUNE, bearer = token): Promise<{ status: number; code: string }> => {
    const response = await fetch(`${gatewayUrl}${PATHS.inntekt(orgnr)}`, {
      headers: { authorization: `Bearer ${bearer}`, ...CONTEXT_HEADERS },
    });
    const body = (await response.json()) as { code?: string };
    return { status: response.status, code: response.status === 200 ? 'allowed' : (body.code ?? '') };
  };

  beforeAll(async () => {
    rig = await startRig({
      prepare: async (sim) => {
        const platform = await connectPlatform(sim, 'console-journeys', [KOMMUNE, NEW_KOMMUNE]);
        cleanup = platform.cleanup;
        return platform.env;
      },
    });
    await seedActiveTenant(rig.context.config.database.url, KOMMUNE);
    gateway = await createGatewayApp(rig.context.config);
    gatewayUrl = await listen(gateway);
    token = await rig.sim.control.mintToken({ consumerOrg: KOMMUNE, scope: PLATFORM_SCOPE });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await rig?.close();
    await cleanup?.();
  });

  async function consoleAs(roles: string[]): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'nb-NO' })).newPage();
    await page.goto(`${rig.adminUrl}/console/`);
    await logIn(page, roles);
    await page.getByRole('heading', { level: 1, name: 'Oversikt' }).waitFor();
    return page;
  }

  it('takes a municipality from nothing to its first successful gateway call through the console', async () => {
    const newToken = await rig.sim.control.mintToken({ consumerOrg: NEW_KOMMUNE, scope: PLATFORM_SCOPE });
    expect((await call(NEW_KOMMUNE, newToken)).status).toBe(403);
    const page = await consoleAs(['operator']);
    await page.goto(`${rig.adminUrl}/console/#/kommuner`);
    const create = page.getByRole('region', { name: 'Ny kommune' });
    await create.getByRole('textbox', { name: 'Organisasjonsnummer' }).fill(NEW_KOMMUNE);
    await create.getByRole('textbox', { name: 'Navn' }).fill('Nykommune');
    await create.getByRole('button', { name: 'Opprett kommunen' }).click();
    await page.getByRole('heading', { level: 1, name: /Nykommune/ }).waitFor();

    await page.getByRole('textbox', { name: 'Signert av' }).fill('Ordfører Nykommune');
    await page.getByRole('textbox', { name: 'SHA-256 av det signerte dokumentet' }).fill('b'.repeat(64));
    await page.getByRole('combobox', { name: 'Miljø' }).selectOption('test');
    await page.getByRole('checkbox', { name: 'inntekt', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Vegtrafikkloven § 38 annet ledd' }).check();
    await page.getByRole('checkbox', { name: /egen avtale/ }).check();
    await page.getByRole('button', { name: 'Registrer signert tilslutningserklæring' }).click();
    await page.getByRole('cell', { name: 'Aktiv' }).waitFor();

    await page.getByRole('combobox', { name: 'API', exact: true }).selectOption('inntekt');
    await page.getByRole('button', { name: 'Registrer delegering' }).click();
    await page.getByRole('cell', { name: 'skatteetaten:inntekt' }).waitFor();
    // The policy's view of each API: inntekt usable, the APIs not declared refused with their code.
    const status = page.getByRole('region', { name: /Status per API/ });
    await status.getByRole('row', { name: /inntekt.*Kan brukes/ }).waitFor();
    await status.getByRole('row', { name: /summertskattegrunnlag.*Kan ikke brukes/ }).waitFor();
    await screenshot(page, 'kommune-aktiv');

    // Its first gateway call goes through within five seconds.
    await eventually(async () => (await call(NEW_KOMMUNE, newToken)).status === 200, { timeout: 5000 });
  });

  it("gives an auditor the subject-access report of a person's lookups, and forgets the number", async () => {
    expect(await call()).toEqual({ status: 200, code: 'allowed' });
    const page = await consoleAs(['auditor']);
    await page.goto(`${rig.adminUrl}/console/#/revisjon`);
    const report = page.getByRole('region', { name: /Innsynsrapport/ });
    const field = report.getByRole('textbox', { name: 'Fødselsnummer eller d-nummer' });
    await field.fill(PERSON);
    await report.getByRole('button', { name: 'Hent' }).click();
    await report.getByRole('cell', { name: KOMMUNE }).first().waitFor();
    expect(await report.getByRole('cell', { name: 'SAK-2026-0042' }).count()).toBeGreaterThan(0);
    expect(await field.inputValue()).toBe('');
    expect(await page.content()).not.toContain(PERSON);
    await screenshot(page, 'revisjon-innsyn');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('suspends a municipality from an incident page, and the gateway refuses within a second', async () => {
    expect(await call()).toEqual({ status: 200, code: 'allowed' });
    const page = await consoleAs(['incident-manager']);
    await page.goto(`${rig.adminUrl}/console/#/hendelser`);
    await page.getByLabel('Sammendrag').fill('Nøkkel på avveie hos kommunen');
    await page.getByRole('button', { name: 'Opprett hendelse' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nøkkel på avveie hos kommunen' }).waitFor();
    await page.getByLabel('Kommune (organisasjonsnummer)').fill(KOMMUNE);
    await page.getByLabel('Begrunnelse').fill('Stanset til nøkkelen er byttet');
    await page.getByRole('button', { name: 'Utfør tiltaket' }).click();
    await page.getByText(`(${KOMMUNE})`).first().waitFor();
    // In force on the gateway within a second.
    await eventually(async () => (await call()).code === 'tenant-suspended', { timeout: 1000, interval: 20 });
    expect(await call()).toEqual({ status: 403, code: 'tenant-suspended' });
  });

  it("charts the gateway's calls and refusals on the overview once they are sealed", async () => {
    await (await rig.as('auditor')).post('/admin/v1/audit/seal').expect(200);
    const page = await consoleAs(['viewer']);
    const chart = page.getByRole('img', { name: /kall, hvorav/ }).first();
    await chart.waitFor();
    const [, total, refused] =
      /(\d+) kall, hvorav (\d+) avvist/.exec((await chart.getAttribute('aria-label')) ?? '') ?? [];
    expect(Number(total)).toBeGreaterThanOrEqual(4);
    expect(Number(refused)).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'oversikt-med-trafikk');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
