// The service worker's own fetches reach context.route only with this flag (Playwright issue #2311); it is read
// when the browser is launched, so it is set before anything launches.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthPages, baseURL, expectNoHorizontalScroll, PHONE, watchErrors } from '../support/browser';
import { launchProfile } from '../support/chromium';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A phone with a profile on disk, as an installed Rapport has: the worker, its caches and IndexedDB persist. */
async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rapport-offline-'));
  const context = await launchProfile(dir, { baseURL: baseURL(), viewport: PHONE, locale: 'en-GB', timezoneId: 'Europe/London' });
  cleanups.push(async () => {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

/** No signal at all: every request of the page and of its service worker fails, and the page is told it is offline. */
async function loseSignal(context: BrowserContext) {
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  await context.setOffline(true);
}
async function regainSignal(context: BrowserContext) {
  await context.unrouteAll({ behavior: 'wait' });
  await context.setOffline(false);
}

/** After one online visit the worker controls the page and holds the capture form for this user. */
async function waitUntilReadyOffline(page: Page) {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          if (!navigator.serviceWorker.controller) return false;
          const names = await caches.keys();
          const mine = names.find((n) => n.startsWith('rapport-pages-'));
          return Boolean(mine && (await (await caches.open(mine)).match('/events/new')));
        }),
      { timeout: 30_000 },
    )
    .toBe(true);
}

async function titlesOnServer(page: Page): Promise<string[]> {
  const res = await page.request.get('/api/v1/events?limit=50');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: { title: string }[] }).items.map((e) => e.title).sort();
}

/** With no signal, the capture form opens from the phone (hydrated once the offline banner shows). */
async function openFormOffline(page: Page) {
  await page.goto('/events/new');
  await expect.poll(() => page.getByRole('heading', { name: 'Log an event' }).isVisible()).toBe(true);
  await expect.poll(() => page.getByText('Offline copy').isVisible()).toBe(true);
}

/** The badge beside "Log an event" in the phone's top bar (the sidebar's twin is hidden at this width). */
const badge = (page: Page, label: string | RegExp) => page.getByLabel(label).filter({ visible: true });

async function logOffline(page: Page, title: string, person: string) {
  await page.getByLabel('Title').fill(title);
  await page.getByRole('group', { name: 'Person 1', exact: true }).getByLabel('Name (if you know it)').fill(person);
  await page.getByRole('button', { name: 'Save event' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Saved on this phone — it will be sent when you are back online.' });
  await expect.poll(() => notice.filter({ hasText: `“${title}”` }).isVisible()).toBe(true);
  // The form is clear for the next evening, with a new key of its own.
  expect(await page.getByLabel('Title').inputValue()).toBe('');
}

describe('works on the train home', () => {
  it('opens the capture form with no signal, keeps two evenings on the phone, and sends each exactly once', async () => {
    const { context, page } = await phone();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Tess Tunnel');
    await waitUntilReadyOffline(page);

    await loseSignal(context);
    await openFormOffline(page);

    await logOffline(page, 'Cyber breakfast', 'Priya from the BBC');
    await logOffline(page, 'Data leaders dinner', 'Head of IT, county council');
    await expect.poll(() => badge(page, '2 waiting to send').isVisible()).toBe(true);

    // The outbox page opens offline too, and lists both.
    await page.goto('/outbox');
    await expect.poll(() => page.getByRole('heading', { name: 'Cyber breakfast' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Data leaders dinner' }).isVisible()).toBe(true);
    await expectNoHorizontalScroll(page);

    // Back online, the first answer is lost on the way back: the server saved it, the phone did not hear.
    let lost = 0;
    await regainSignal(context);
    await context.route('**/api/v1/events', async (route) => {
      if (route.request().method() !== 'POST' || lost > 0) return route.fallback();
      lost += 1;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => lost).toBe(1);
    await context.unrouteAll({ behavior: 'wait' });

    // Sent again under the same key: one event each, never two.
    await page.getByRole('button', { name: 'Send now' }).click();
    await expect.poll(() => page.getByText('Nothing waiting').isVisible()).toBe(true);
    expect(await badge(page, /waiting to send/).count()).toBe(0);
    expect(await titlesOnServer(page)).toEqual(['Cyber breakfast', 'Data leaders dinner']);

    // The person typed offline is one person, and a second send changes nothing.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    const people = await (await page.request.get('/api/v1/people?q=Priya')).json();
    expect((people as { items: unknown[] }).items).toHaveLength(1);
    expect(await titlesOnServer(page)).toEqual(['Cyber breakfast', 'Data leaders dinner']);
    expect(errors).toEqual([]);
  });

  it('a send refused for an ended session stays on the phone, and goes after signing in again', async () => {
    const { context, page } = await phone();
    const account = await new AuthPages(page).signUp('Sam Session');
    await waitUntilReadyOffline(page);
    await loseSignal(context);
    await openFormOffline(page);
    await logOffline(page, 'Late train evening', 'Someone from Ofcom');

    // The session ends while the phone is offline; the signal comes back on the page already open.
    await regainSignal(context);
    await context.clearCookies();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => badge(page, '1 waiting to send').isVisible()).toBe(true);

    await new AuthPages(page).signIn(account.email, account.password);
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => titlesOnServer(page)).toEqual(['Late train evening']);
    await expect.poll(() => badge(page, /waiting to send/).count()).toBe(0);
  });

  it('signing out empties the copies of private pages kept for offline use', async () => {
    const { page } = await phone();
    await new AuthPages(page).signUp('Olu Outgoing');
    await waitUntilReadyOffline(page);
    await new AuthPages(page).signOut();
    await expect
      .poll(() => page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('rapport-pages-')).length))
      .toBe(0);
  });
});
