import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, baseURL, expectNoHorizontalScroll, launchBrowser, newContext, watchErrors } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('recently deleted at 390 px', () => {
  it('brings back a person deleted earlier, from Settings, long after the undo banner has gone', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Rita Restore');
    const created = await page.request.post('/api/v1/people', {
      headers: { Origin: baseURL() },
      data: { role: 'Head of IT', organisationName: 'Leeds City Council' },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    await page.goto(`/people/${id}`);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL(/\/people\?deleted=/);
    // Somewhere else entirely, later: the banner's undo is gone.
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Recently deleted' }).click();
    await page.waitForURL('**/settings/deleted');
    const row = page.getByRole('listitem').filter({ hasText: 'Head of IT, Leeds City Council' });
    expect(await row.innerText()).toMatch(/Person · deleted .* · 30 days left/);
    await expectNoHorizontalScroll(page);

    // Another user sees none of it, and cannot restore it by id.
    const intruder = await newContext(browser);
    const other = await intruder.newPage();
    await new AuthPages(other).signUp('Ivo Intruder');
    await other.goto('/settings/deleted');
    expect(await other.getByText('Nothing deleted').count()).toBe(1);
    expect((await other.goto(`/people/${id}`))?.status()).toBe(404);
    await intruder.close();

    await row.getByRole('button', { name: 'Restore person “Head of IT, Leeds City Council”' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Restored Head of IT, Leeds City Council' }).count()).toBe(1);
    expect(await page.getByText('Nothing deleted').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Open it' }).getAttribute('href')).toBe(`/people/${id}`);
    // The notice is said once: it leaves the address, so a reload does not say it again.
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await page.reload();
    expect(await page.getByText(/^Restored/).count()).toBe(0);
    await page.goto(`/people/${id}`);
    await page.waitForURL(`**/people/${id}`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Head of IT, Leeds City Council');
    await page.goto('/people?q=leeds');
    expect(await page.getByRole('link', { name: /Head of IT, Leeds City Council/ }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('brings back a logged contact deleted from the API, and opens its person', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Cara Contact');
    const headers = { Origin: baseURL() };
    const person = await page.request.post('/api/v1/people', { headers, data: { name: 'Priya Shah', organisationName: 'BBC' } });
    const { id: personId } = (await person.json()) as { id: string };
    const logged = await page.request.post('/api/v1/interactions', {
      headers,
      data: { personId, kind: 'coffee', occurredOn: '2026-11-03', note: 'Compare notes on device policy' },
    });
    expect(logged.status()).toBe(201);
    const { id } = (await logged.json()) as { id: string };
    expect((await page.request.delete(`/api/v1/interactions/${id}`, { headers })).status()).toBe(204);

    await page.goto('/settings/deleted');
    const row = page.getByRole('listitem').filter({ hasText: 'Coffee with Priya Shah' });
    expect(await row.innerText()).toMatch(/Logged contact · deleted .* · 30 days left/);
    await row.getByRole('button', { name: /^Restore logged contact “Coffee with Priya Shah, 3 Nov 2026”$/ }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Restored Coffee with Priya Shah' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Open it' }).click();
    await page.waitForURL(`**/people/${personId}`);
    await expect.poll(() => page.getByText('Compare notes on device policy').count()).toBe(1);
    await expectNoHorizontalScroll(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
