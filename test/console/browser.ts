import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (.ci/run installs it); the flags keep it off the network this machine does not have. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Screenshots of each page, for people to look at (test output, not compared). */
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'console');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** axe-core's WCAG 2.1 A/AA rules; what it reports as serious or critical. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`,
    );
}

/** Logs in through the simulator IdP's development form in the login window the console opens. */
export async function logIn(
  page: Page,
  roles: string[],
  options: { name?: string; expiresIn?: number } = {},
): Promise<void> {
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Logg inn' }).click(),
  ]);
  await popup.waitForLoadState();
  await popup.getByLabel('Navn').fill(options.name ?? 'Ola Operatør');
  for (const box of await popup.getByRole('checkbox').all()) {
    const value = await box.getAttribute('value');
    if (roles.includes(value ?? '')) await box.check();
    else await box.uncheck();
  }
  if (options.expiresIn) await popup.getByLabel('Økten varer (sekunder)').fill(String(options.expiresIn));
  await Promise.all([popup.waitForEvent('close'), popup.getByRole('button', { name: 'Logg inn' }).click()]);
}
