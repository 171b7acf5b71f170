import type { Browser } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app-process';
import { AuthPages, launchBrowser, PHONE, watchErrors } from '../support/browser';

// The other browser tests run the app on PGlite; this one runs the same build on the PostgreSQL driver (postgres.js),
// on a database of its own, so a query that only one driver accepts cannot hide. Needs TEST_DATABASE_URL.
const serverUrl = process.env.TEST_DATABASE_URL;

describe.runIf(serverUrl)('the app on a PostgreSQL server', () => {
  let browser: Browser;
  let app: RunningApp;
  let admin: postgres.Sql;
  const name = `rapport_e2e_${Date.now()}_${process.pid}`;

  beforeAll(async () => {
    admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    // The app migrates the empty database itself when it starts, as in production.
    app = await startApp({
      DATABASE_URL: url.toString(),
      AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e',
      AUTH_TRUST_HOST: 'true',
      SIGN_IN_IP_LIMIT: '100000',
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end();
  });

  it('signs up, logs an event with a person, and finds the person by a misspelt search', async () => {
    const context = await browser.newContext({ baseURL: app.baseURL, viewport: PHONE, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Paula Postgres');

    await page.goto('/events/new');
    await page.getByLabel('Title').fill('Data leaders breakfast');
    await page.getByRole('button', { name: 'Yesterday' }).click();
    const person = page.getByRole('group', { name: 'Person 1', exact: true });
    await person.getByLabel('Name (if you know it)').fill('Ingrid Lindqvist');
    await person.getByLabel('Role').fill('Chief data officer');
    await person.getByLabel('Organisation').fill('Northern Rail');
    await page.getByRole('button', { name: 'Save event' }).click();
    await page.waitForURL((url) => /^\/events\/[0-9a-f-]{36}$/.test(url.pathname));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().innerText()).toBe('Data leaders breakfast');

    await page.goto('/people');
    await page.getByLabel('Search people').fill('ingrd lindqvst');
    await page.waitForURL((u) => u.searchParams.get('q') === 'ingrd lindqvst');
    const found = page.getByRole('link', { name: /Ingrid Lindqvist/ });
    await expect.poll(() => found.count()).toBeGreaterThan(0);
    await found.first().click();
    await page.waitForURL((u) => /^\/people\/[0-9a-f-]{36}$/.test(u.pathname));
    await expect.poll(() => page.getByText('Northern Rail').first().isVisible()).toBe(true);

    // The rows are in the server's database, not in an embedded one.
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const direct = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      const [row] = await direct<{ n: number }[]>`select count(*)::int as n from people where name = 'Ingrid Lindqvist'`;
      expect(row!.n).toBe(1);
    } finally {
      await direct.end();
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
