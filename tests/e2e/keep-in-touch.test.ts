import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '@/lib/dates';
import { AuthPages, baseURL, expectNoHorizontalScroll, hydrated, launchBrowser, newContext, watchErrors } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const DAY = 86_400_000;

describe('keep in touch at 390 px', () => {
  it('a monthly cadence on someone met two months ago shows them in "Get back in touch"; logging a coffee takes them off', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Kit Keeper');
    const origin = { origin: baseURL() };
    // The evening goes in through the JSON API with the session cookie (same origin), as the capture form sends it.
    const res = await page.request.post('/api/v1/events', {
      data: {
        title: 'Harbour breakfast',
        startsAt: new Date(Date.now() - 61 * DAY).toISOString(),
        people: [
          { name: 'Nora Quist', role: 'Port director', relation: 'met' },
          { name: 'Mo Mention', role: 'Keynote subject', relation: 'mentioned' },
        ],
      },
      headers: origin,
    });
    expect(res.status(), await res.text()).toBe(201);
    const guests = ((await res.json()) as { people: { id: string; name: string }[] }).people;
    const nora = guests.find((p) => p.name === 'Nora Quist')!;
    // Mo has a monthly cadence too: were the mention 61 days ago a contact, Mo would be overdue on the dashboard.
    const mo = guests.find((p) => p.name === 'Mo Mention')!;
    const moNow = (await (await page.request.get(`/api/v1/people/${mo.id}`)).json()) as { version: number };
    const patched = await page.request.patch(`/api/v1/people/${mo.id}`, {
      data: { keepInTouch: { unit: 'months', every: 1 }, version: moNow.version },
      headers: origin,
    });
    expect(patched.status(), await patched.text()).toBe(200);

    // Monthly, on the person page's "Keep in touch" form.
    await page.goto(`/people/${nora.id}`);
    await page.getByLabel('How often').selectOption('monthly');
    await page.getByRole('form', { name: 'Keep in touch' }).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('contact-status').innerText()).toMatch(/Next due/);

    await page.goto('/');
    const panel = page.getByRole('region', { name: 'Get back in touch' });
    await expect.poll(() => panel.getByRole('link', { name: 'Nora Quist' }).count()).toBe(1);
    expect(await panel.getByRole('link', { name: 'Mo Mention' }).count()).toBe(0);
    await expectNoHorizontalScroll(page);

    // Two lists on the dashboard, one toast: a follow-up ticked, then Nora marked in touch, leaves only the newer
    // toast up, not two drawn one over the other with the older's Undo live underneath.
    const today = todayIn('Europe/London');
    expect((await page.request.post('/api/v1/follow-ups', { headers: origin, data: { action: 'Send Nora the port plan', due: today } })).status()).toBe(201);
    await page.reload();
    // A tap before React has attached the button's handler would be lost (the page was just read again).
    const tick = page.getByRole('button', { name: 'Mark “Send Nora the port plan” done' });
    await hydrated(tick);
    await tick.click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Done: Send Nora the port plan' }).count()).toBe(1);
    // "Done" takes Nora off; its Undo brings her back (the tap is removed, not kept as a deleted contact).
    await panel.getByRole('listitem').filter({ hasText: 'Nora Quist' }).getByRole('button', { name: /^Done/ }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'In touch with Nora Quist' }).count()).toBe(1);
    expect(await page.getByRole('status').filter({ hasText: 'Done: Send Nora the port plan' }).count()).toBe(0);
    await expect.poll(() => panel.getByRole('link', { name: 'Nora Quist' }).count()).toBe(0);
    // Undone from the keyboard, focus goes back to her Done rather than to the top of the page.
    await page.getByRole('status').filter({ hasText: 'In touch with Nora Quist' }).getByRole('button', { name: 'Undo' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.getByRole('link', { name: 'Nora Quist' }).count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-kit-done'))).toBe(nora.id);
    await page.goto('/settings/deleted');
    expect(await page.getByText('Nothing deleted').count()).toBe(1);
    await page.goto('/');

    // Open the person and log a coffee.
    await panel.getByRole('link', { name: 'Nora Quist' }).click();
    await page.waitForURL((url) => url.pathname === `/people/${nora.id}`);
    const log = page.getByRole('form', { name: 'Log a contact' });
    await log.getByLabel('Kind').selectOption('coffee');
    await log.getByLabel('Notes (optional)').fill('Flat white by the docks');
    await log.getByRole('button', { name: 'Log contact' }).click();
    await expect.poll(() => log.getByRole('status').innerText()).toBe('Contact logged');
    await expect.poll(() => page.getByRole('list', { name: 'Contacts logged' }).innerText()).toContain('Flat white by the docks');
    await expect.poll(() => page.getByTestId('contact-status').innerText()).toMatch(/^Last contact .* · Next due /);
    await expectNoHorizontalScroll(page);

    // Off the dashboard's "Get back in touch".
    await page.goto('/');
    await expect.poll(() => page.getByRole('region', { name: 'Get back in touch' }).getByRole('link', { name: 'Nora Quist' }).count()).toBe(0);

    // The people list says "Met" only for someone met, never for someone only mentioned.
    await page.goto('/people');
    const row = (name: string) => page.getByRole('listitem').filter({ hasText: name });
    await expect.poll(() => row('Mo Mention').innerText()).toContain('Not met yet');
    expect(await row('Mo Mention').innerText()).not.toMatch(/\bMet\b/);
    expect(await row('Nora Quist').innerText()).toMatch(/\bMet\b/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a sector default: left to count from today, it brings no one due at once; the form shows what was saved', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Sector Setter');
    const res = await page.request.post('/api/v1/events', {
      data: {
        title: 'Media drinks',
        startsAt: new Date(Date.now() - 200 * DAY).toISOString(),
        people: [{ name: 'Bea Broadcast', organisation: 'BBC', sector: 'Media', relation: 'met' }],
      },
      headers: { origin: baseURL() },
    });
    expect(res.status(), await res.text()).toBe(201);

    await page.goto('/settings#sectors');
    await page.getByRole('button', { name: 'Keep in touch default for Media' }).click();
    const select = page.getByLabel('Keep in touch with people in Media');
    await select.selectOption('monthly');
    expect(await page.getByLabel(/Count from today for anyone it would make due now/).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save default' }).click();
    await expect.poll(() => page.getByText('1 person not in touch for longer will be due a cadence from today.').count()).toBe(1);
    // React resets a form after its action: the select still says what was saved.
    await expect.poll(() => select.inputValue()).toBe('monthly');
    expect(await page.getByText('Keep in touch: Monthly').count()).toBe(1);
    await expectNoHorizontalScroll(page);

    await page.goto('/');
    expect(await page.getByText('Bea Broadcast').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the "Keep in touch" form saves over edits made elsewhere to other fields, and says so when the cadence itself was changed', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Kit Twodevice');
    const origin = { origin: baseURL() };
    const made = await page.request.post('/api/v1/people', { data: { name: 'Nora Quist', role: 'Port director' }, headers: origin });
    expect(made.status(), await made.text()).toBe(201);
    const nora = (await made.json()) as { id: string };
    const patch = async (data: Record<string, unknown>) => {
      const now = (await (await page.request.get(`/api/v1/people/${nora.id}`)).json()) as { version: number };
      const res = await page.request.patch(`/api/v1/people/${nora.id}`, { data: { ...data, version: now.version }, headers: origin });
      expect(res.status(), await res.text()).toBe(200);
    };
    await page.goto(`/people/${nora.id}`);
    const form = page.getByRole('form', { name: 'Keep in touch' });

    // Another device writes a note: the person has a new version, but not a new cadence.
    await patch({ notes: 'Runs the harbour board' });
    await form.getByLabel('How often').selectOption('quarterly');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.getByRole('status').innerText()).toBe('Saved');
    const saved = (await (await page.request.get(`/api/v1/people/${nora.id}`)).json()) as { keepInTouch: unknown; notes: string };
    expect(saved.keepInTouch).toEqual({ unit: 'months', every: 3 });
    expect(saved.notes).toBe('Runs the harbour board');

    // Another device sets the cadence itself: this form's copy is out of date, and it says what it is now.
    await patch({ keepInTouch: { unit: 'months', every: 12 } });
    await form.getByLabel('How often').selectOption('monthly');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.getByRole('status').innerText()).toMatch(/changed elsewhere.*“Yearly”/);
    expect(((await (await page.request.get(`/api/v1/people/${nora.id}`)).json()) as { keepInTouch: unknown }).keepInTouch).toEqual({
      unit: 'months',
      every: 12,
    });
    await expectNoHorizontalScroll(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
