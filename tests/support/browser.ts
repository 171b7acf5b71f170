import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export { launchBrowser } from './chromium';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

export function baseURL(): string {
  return inject('baseURL');
}

/**
 * A new browser context (its own cookies and storage) at phone size unless told otherwise, without the service
 * worker: once signed in it fetches four pages and their assets to keep for offline use, work the server and
 * Chromium do for every test when only the offline tests need it (they use launchProfile, with it). On a 2-core
 * machine the browser files are short of CPU, not of time (docs/performance.md 5t).
 */
export async function newContext(browser: Browser, viewport = PHONE): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseURL(), viewport, locale: 'en-GB', timezoneId: 'Europe/London', serviceWorkers: 'block' });
}

/** Collects uncaught page errors and CSP violations, to assert none happened. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) errors.push(m.text());
  });
  return errors;
}

/** Page object for the sign-up and sign-in pages. */
export class AuthPages {
  constructor(readonly page: Page) {}

  async signUp(name = 'Test Person', email = `e2e-${randomUUID()}@example.test`, password = 'correct horse battery') {
    await this.page.goto('/sign-up');
    await this.page.getByLabel('Name').fill(name);
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign up' }).click();
    await this.page.waitForURL((url) => url.pathname === '/');
    return { name, email, password };
  }

  async signIn(email: string, password: string) {
    await this.page.goto('/sign-in');
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  async signOut() {
    const button = this.page.getByRole('button', { name: 'Sign out' }).first();
    if (!(await button.isVisible())) await this.page.goto('/settings');
    await this.page.getByRole('button', { name: 'Sign out' }).last().click();
    await this.page.waitForURL((url) => url.pathname === '/sign-in');
  }
}

/** True when nothing on the page is wider than the viewport (no sideways scrolling on a phone). */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Waits until React has hydrated the element (its event handlers are attached): a tap before that is lost. */
export async function hydrated(locator: Locator) {
  await expect.poll(() => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactProps')))).toBe(true);
}
