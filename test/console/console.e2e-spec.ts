import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { declarationBody, type OnboardingRig, startRig, TENANT } from '../onboarding/support.js';
import { launchBrowser, logIn, screenshot, seriousAccessibilityViolations } from './browser.js';

/**
 * The operator console in a real browser (Debian's Chromium via playwright-core) against the admin
 * process and the simulator's IdP: login by authorization code + PKCE, the pages, role-shaped
 * actions, an expired session that keeps the page's input, and axe-core on every page.
 */
describe('operator console', () => {
  let rig: OnboardingRig;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    rig = await startRig();
    browser = await launchBrowser();
    const operator = await rig.as('operator');
    await operator
      .post('/admin/v1/tenants', {
        orgnr: TENANT,
        name: 'Testkommune',
        municipalityNumber: '0301',
        contacts: [{ name: 'Kari Kontakt', email: 'kari@testkommune.no' }],
      })
      .expect(201);
    await operator
      .post('/admin/v1/terms', { version: '2026-11', changelog: 'Første versjon', requiresResign: false })
      .expect(201);
    await operator.post(`/admin/v1/tenants/${TENANT}/declarations`, declarationBody()).expect(201);
  });

  afterAll(async () => {
    await browser?.close();
    await rig?.close();
  });

  async function openConsole(roles: string[], options: { expiresIn?: number } = {}): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ locale: 'nb-NO' });
    page = await context.newPage();
    await page.goto(`${rig.adminUrl}/console/`);
    await logIn(page, roles, options);
    await page.getByRole('heading', { level: 1, name: 'Oversikt' }).waitFor();
    return page;
  }

  it('is served with a strict Content-Security-Policy and no inline script', async () => {
    const response = await request(rig.adminUrl).get('/console/').expect(200);
    const csp = response.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const settings = await request(rig.adminUrl).get('/console/settings.json').expect(200);
    expect(settings.body).toMatchObject({ issuer: `${rig.sim.url}/idp`, adminApi: '/admin/v1' });
  });

  it('logs in through the IdP and shows every page without a serious accessibility violation', async () => {
    await openConsole(['operator', 'incident-manager', 'auditor']);
    await page.getByText('Innlogget som Ola Operatør').waitFor();
    const pages: Array<[string, string, string]> = [
      ['oversikt', '#/', 'Oversikt'],
      ['kommuner', '#/kommuner', 'Kommuner'],
      ['kommune', `#/kommuner/${TENANT}`, 'Testkommune'],
      ['tilslutninger', '#/tilslutninger', 'Tilslutninger'],
      ['hendelser', '#/hendelser', 'Hendelser'],
      ['revisjon', '#/revisjon', 'Revisjon'],
      ['vilkar', '#/vilkar', 'Vilkår'],
    ];
    for (const [name, hash, heading] of pages) {
      await page.goto(`${rig.adminUrl}/console/${hash}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(heading) }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, name);
      expect({ page: name, violations: await seriousAccessibilityViolations(page) }).toEqual({
        page: name,
        violations: [],
      });
    }
  });

  it('takes a declaration through its lifecycle from the onboarding queue, offering only what is allowed', async () => {
    await openConsole(['operator']);
    await page.goto(`${rig.adminUrl}/console/#/tilslutninger`);
    const received = page.getByRole('region', { name: /Mottatt/ });
    await received.getByRole('button', { name: 'Videresend til Skatteetaten' }).waitFor();
    // From `received` only forward and terminate are possible; approve is not offered.
    const offered = await received.getByRole('combobox').locator('option').allTextContents();
    expect(offered).toEqual(['Videresend til Skatteetaten', 'Avslutt']);
  });

  it('lets an incident manager open an incident and suspend a municipality with the form made for it', async () => {
    await openConsole(['incident-manager']);
    await page.goto(`${rig.adminUrl}/console/#/hendelser`);
    await page.getByLabel('Sammendrag').fill('Mistanke om misbruk');
    await page.getByRole('button', { name: 'Opprett hendelse' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mistanke om misbruk' }).waitFor();
    await page.getByLabel('Kommune (organisasjonsnummer)').fill(TENANT);
    await page.getByLabel('Begrunnelse').fill('Stanset under undersøkelse');
    await page.getByRole('button', { name: 'Utfør tiltaket' }).click();
    await page.getByText(new RegExp(`Suspender kommune.*\\(${TENANT}\\)`)).waitFor();
    await screenshot(page, 'hendelse');
    const tenant = await (await rig.as('viewer')).get(`/admin/v1/tenants/${TENANT}`).expect(200);
    expect(tenant.body.status).toBe('suspended');
  });

  it('shows a viewer no action buttons', async () => {
    await openConsole(['viewer']);
    await page.goto(`${rig.adminUrl}/console/#/kommuner/${TENANT}`);
    await page.getByRole('heading', { level: 1, name: /Testkommune/ }).waitFor();
    await page.waitForLoadState('networkidle');
    const buttons = await page.locator('main').getByRole('button').allTextContents();
    expect(buttons).toEqual([]);
    await page.goto(`${rig.adminUrl}/console/#/hendelser`);
    await page.getByRole('heading', { level: 1, name: 'Hendelser' }).waitFor();
    expect(await page.getByRole('button', { name: 'Opprett hendelse' }).count()).toBe(0);
  });

  it('asks for a new login when the session expires, without losing what was typed', async () => {
    await openConsole(['operator'], { expiresIn: 5 });
    await page.goto(`${rig.adminUrl}/console/#/vilkar`);
    await page.getByRole('textbox', { name: 'Versjon', exact: true }).fill('2027-01');
    await page.getByRole('textbox', { name: 'Endringer' }).fill('Ny versjon av bruksvilkårene');
    await page.getByRole('dialog', { name: 'Økten er utløpt' }).waitFor({ timeout: 15_000 });
    await logIn(page, ['operator']);
    await page.getByRole('button', { name: 'Publiser ny versjon' }).click();
    await page.getByRole('cell', { name: '2027-01' }).waitFor();
    const terms = await (await rig.as('viewer')).get('/admin/v1/terms').expect(200);
    expect(terms.body.map((version: { version: string }) => version.version)).toContain('2027-01');
  });

  it('works from the keyboard alone: skip link, navigation and a form', async () => {
    await openConsole(['operator']);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hopp til hovedinnhold');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // Back from the main content: the header's log-out button, then the navigation's last link.
    let reached = '';
    for (let i = 0; i < 10 && reached !== 'Vilkår'; i++) {
      await page.keyboard.press('Shift+Tab');
      reached = (await page.evaluate(() => document.activeElement?.textContent)) ?? '';
    }
    expect(reached).toBe('Vilkår');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Vilkår' }).waitFor();
    const tabTo = async (what: string) => {
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((w) => document.activeElement?.matches(w) ?? false, what)) return;
      }
      throw new Error(`Tab never reached ${what}`);
    };
    await page.getByRole('textbox', { name: 'Versjon', exact: true }).focus();
    await page.keyboard.type('2027-02');
    await tabTo('textarea');
    await page.keyboard.type('Endret ved tastatur');
    await tabTo('input[type=checkbox]');
    await page.keyboard.press('Space');
    await tabTo('button[type=submit]');
    await page.keyboard.press('Enter');
    await page.getByRole('cell', { name: '2027-02' }).waitFor();
  });
});
