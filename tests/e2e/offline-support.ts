// The service worker's own fetches reach context.route only with this flag (Playwright issue #2311); it is read
// when the browser is launched, so it is set when this module loads, before any test launches one.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';
import { baseURL, PHONE } from '../support/browser';
import { launchProfile } from '../support/chromium';

/** The offline browser tests' shared parts: a phone with a profile on disk, the signal, the outbox and the form. */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Runs `done` after the test, last registered first (a browser launched in the test, closed with it). */
export const afterThisTest = (done: () => Promise<void>) => void cleanups.push(done);

/** A phone with a profile on disk, as an installed Rapport has: the worker, its caches and IndexedDB persist. */
export async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rapport-offline-'));
  const context = await launchProfile(dir, { baseURL: baseURL(), viewport: PHONE, locale: 'en-GB', timezoneId: 'Europe/London' });
  afterThisTest(async () => {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

/** No signal at all: every request of the page and of its service worker fails, and the page is told it is offline. */
export async function loseSignal(context: BrowserContext) {
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  await context.setOffline(true);
}
export async function regainSignal(context: BrowserContext) {
  await context.unrouteAll({ behavior: 'wait' });
  await context.setOffline(false);
}

/**
 * After one online visit the worker controls the page and holds the capture form (and each of `alsoKept`) for this
 * user, and only this user's copies are on the device.
 */
export async function waitUntilReadyOffline(page: Page, alsoKept: string[] = []) {
  await expect
    .poll(
      () =>
        page.evaluate(async (also) => {
          if (!navigator.serviceWorker.controller) return false;
          const user = await (await (await caches.open('rapport-meta-v1')).match('/__rapport/user'))?.text();
          const names = await caches.keys();
          if (!user || names.some((n) => n.startsWith('rapport-pages-') && n !== `rapport-pages-${user}`)) return false;
          const pages = await caches.open(`rapport-pages-${user}`);
          for (const p of ['/events/new', ...also]) if (!(await pages.match(p))) return false;
          return true;
        }, alsoKept),
      { timeout: 30_000 },
    )
    .toBe(true);
}

export async function titlesOnServer(page: Page): Promise<string[]> {
  const res = await page.request.get('/api/v1/events?limit=50');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: { title: string }[] }).items.map((e) => e.title).sort();
}

/** With no signal, the capture form opens from the phone (hydrated once the offline banner shows). */
export async function openFormOffline(page: Page) {
  await page.goto('/events/new');
  await expect.poll(() => page.getByRole('heading', { name: 'Log an event' }).isVisible()).toBe(true);
  await expect.poll(() => page.getByText('Offline copy').isVisible()).toBe(true);
}

/** The badge beside "Log an event" in the phone's top bar (the sidebar's twin is hidden at this width). */
export const badge = (page: Page, label: string | RegExp) => page.getByLabel(label).filter({ visible: true });

/** Logs an evening with no signal: its people by name (and organisation), saved on the phone, the form cleared. */
export async function logOffline(page: Page, title: string, people: (string | { name: string; organisation: string })[]) {
  await page.getByLabel('Title').fill(title);
  for (const [i, person] of people.entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Add a person' }).click();
    const row = page.getByRole('group', { name: `Person ${i + 1}`, exact: true });
    await row.getByLabel('Name (if you know it)').fill(typeof person === 'string' ? person : person.name);
    if (typeof person !== 'string') await row.getByLabel('Organisation').fill(person.organisation);
  }
  await page.getByRole('button', { name: 'Save event' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Saved on this phone — it will be sent when you are back online.' });
  await expect.poll(() => notice.filter({ hasText: `“${title}”` }).isVisible()).toBe(true);
  // The form is clear for the next evening, with a new key of its own.
  expect(await page.getByLabel('Title').inputValue()).toBe('');
}
