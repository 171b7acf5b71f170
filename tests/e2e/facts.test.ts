import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, expectNoHorizontalScroll, hydrated, launchBrowser, newContext, watchErrors } from '../support/browser';
import { api, createEventViaApi } from './posts-support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const TWITTER = "80% of Twitter's users are on mobile";

describe('facts and topics at 390 px', () => {
  it('finds a fact despite typos, marks it off the record in one tap, and opens its topic page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Fran Facts');
    const eventId = await createEventViaApi(context, {
      title: 'Social media breakfast',
      startsAt: '2026-03-12T08:00:00Z',
      topics: ['Mobile'],
      people: [{ name: 'Ann Lee', organisation: 'BBC', relation: 'spoke' }],
      insights: [
        { text: TWITTER, personIndex: 0 },
        { text: 'Budgets doubled in 2025', personIndex: 0 },
      ],
    });

    await createEventViaApi(context, {
      title: 'Phone fair',
      startsAt: '2026-04-02T18:00:00Z',
      topics: ['Phones'],
      insights: [{ text: 'Phones outsell tablets three to one' }],
    });

    await page.goto('/facts');
    // It searches as you type, after a pause, as People does.
    const search = page.getByLabel('Search facts');
    await hydrated(search);
    await search.pressSequentially('phones outsell');
    await expect.poll(() => page.url()).toContain('q=phones+outsell');
    await expect.poll(() => page.getByRole('main').getByRole('listitem').allInnerTexts()).toEqual([expect.stringContaining('Phones outsell tablets')]);
    await search.fill('mobil twiter');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.url()).toContain('q=mobil+twiter');
    const items = page.getByRole('main').getByRole('listitem');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().innerText()).toContain(TWITTER);
    expect(await items.first().innerText()).toContain('Ann Lee');
    await expectNoHorizontalScroll(page);
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/facts-390.png`, fullPage: true });

    const toggle = page.getByRole('button', { name: `Off the record: ${TWITTER}` });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    // A toggle whose words do not change: its name begins with what it shows, pressed or not.
    expect(await toggle.innerText()).toMatch(/^Off the record/);
    await hydrated(toggle);
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    // Saved, not just shown: a fresh load and the API agree.
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: `Off the record: ${TWITTER}` }).getAttribute('aria-pressed')).toBe('true');
    const listed = await (await api(context, 'GET', `/api/v1/facts?event=${eventId}`)).json();
    expect(listed.items.map((f: { text: string; offTheRecord: boolean }) => [f.text, f.offTheRecord])).toEqual([
      [TWITTER, true],
      ['Budgets doubled in 2025', false],
    ]);

    // The filters load their choices when opened; the one chosen stays applied and shown on the next page.
    await page.goto('/facts');
    const speaker = page.getByLabel('Speaker');
    await page.getByText('Filters', { exact: true }).click();
    await expect.poll(() => speaker.locator('option').allInnerTexts()).toEqual(['Anyone', 'Ann Lee']);
    await speaker.selectOption({ label: 'Ann Lee' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.url()).toContain('speaker=');
    await expect.poll(() => page.getByRole('main').getByRole('listitem').count()).toBe(2);
    expect(await page.getByText('Filters (1)').count()).toBe(1);
    expect(await speaker.inputValue()).not.toBe('');
    await expect.poll(() => page.getByLabel('Event').locator('option').allInnerTexts()).toEqual(['Any event', 'Phone fair', 'Social media breakfast']);
    expect(await speaker.locator('option:checked').innerText()).toBe('Ann Lee');
    // "Clear search" drops the filters as well, and the selects start from nothing again on the same page.
    const total = (await (await api(context, 'GET', '/api/v1/facts')).json()).items.length;
    expect(total).toBeGreaterThan(2);
    await page.getByRole('link', { name: 'Clear search' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await expect.poll(() => page.getByText('Filters', { exact: true }).count()).toBe(1);
    await expect.poll(() => speaker.inputValue()).toBe('');
    await expect.poll(() => page.getByRole('main').getByRole('listitem').count()).toBe(total);

    // A topic no one was noted caring about says so, and points at who was there rather than at an empty list.
    await page.goto('/topics');
    await page.getByRole('link', { name: /^Phones/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Phones');
    expect(await page.getByText('No one noted as caring about it yet.').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'See who was at the events where it came up' }).getAttribute('href')).toBe('/people?topic=Phones');

    await page.goto('/topics');
    await page.getByRole('link', { name: /^Mobile/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Mobile');
    await expect.poll(() => page.getByText(TWITTER).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'People with this topic' }).getAttribute('href')).toBe('/people?topic=Mobile');
    await expectNoHorizontalScroll(page);
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/topic-390.png`, fullPage: true });

    // Renaming "Mobile" to a name "Phones" already has offers the merge instead; the merge moves its facts over.
    await page.getByLabel('Rename').fill('phones');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.getByRole('button', { name: 'Merge into “Phones”' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Phones');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Mobile into Phones' }).count()).toBe(1);
    await expect.poll(() => page.getByText(TWITTER).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('marking a fact that the address of a published post quotes: the post moves, and the row of the fact says where to find it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Mo Mover');
    const fact = 'Zqmove Initech will close its Leeds office';
    const eventId = await createEventViaApi(context, { title: 'Ops supper', startsAt: '2026-03-12T19:00:00Z', insights: [{ text: fact }] });
    const post = (await (await api(context, 'POST', `/api/v1/events/${eventId}/post`, { style: 'narrative' })).json()) as { id: string; version: number };
    expect((await api(context, 'PATCH', `/api/v1/posts/${post.id}`, { title: `Heard: ${fact}`, version: post.version })).status()).toBe(200);
    expect((await api(context, 'POST', `/api/v1/posts/${post.id}/publish`)).status()).toBe(200);

    await page.goto('/facts');
    const toggle = page.getByRole('button', { name: `Off the record: ${fact}` });
    await hydrated(toggle);
    await toggle.click();
    const said = page
      .getByRole('status')
      .filter({ hasText: `Your published post Heard: ${fact} has a new address: its old one quoted a fact you marked off the record.` });
    await expect.poll(() => said.count()).toBe(1);
    expect(await said.getByRole('link', { name: `Heard: ${fact}` }).getAttribute('href')).toBe(`/posts/${post.id}`);
    await expectNoHorizontalScroll(page);
    const moved = (await (await api(context, 'GET', `/api/v1/posts/${post.id}`)).json()) as { slug: string; url: string };
    expect(moved.slug).toBe('heard');
    expect(errors).toEqual([]);
    await context.close();
  });
});
