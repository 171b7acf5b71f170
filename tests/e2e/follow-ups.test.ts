import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, DESKTOP, expectNoHorizontalScroll, launchBrowser, newContext, watchErrors } from '../support/browser';
import { addDays, todayIn } from '@/lib/dates';
import { api } from './posts-support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Page object for /follow-ups. */
class FollowUpsPage {
  constructor(readonly page: Page) {}

  async add(action: string, due?: string) {
    await this.page.getByLabel('What will you do?').fill(action);
    if (due) await this.page.getByLabel('Due (optional)').fill(due);
    await this.page.getByRole('button', { name: 'Add follow-up' }).click();
    await expect
      .poll(() =>
        this.page
          .getByRole('status')
          .filter({ hasText: `Added “${action}”` })
          .count(),
      )
      .toBe(1);
  }

  group(title: string) {
    return this.page.getByRole('region', { name: new RegExp(`^${title}`) });
  }

  async groupItems(title: string): Promise<string[]> {
    const region = this.group(title);
    if ((await region.count()) === 0) return [];
    return region.locator('li > div > p:first-child').allInnerTexts();
  }

  badge() {
    return this.page.getByRole('navigation', { name: 'Main' }).getByLabel(/due or overdue/);
  }
}

describe('follow-ups at 390 px', () => {
  it('adds, completes with undo and snoozes from the list; the navigation count follows', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Fay Follow');
    const today = todayIn('Europe/London');
    const list = new FollowUpsPage(page);

    await page.goto('/follow-ups');
    await list.add('Send Ann the deck', today);
    await list.add('Read the report');
    await expect.poll(() => list.groupItems('Today')).toEqual(['Send Ann the deck']);
    await expect.poll(() => list.groupItems('No date')).toEqual(['Read the report']);
    await expect.poll(() => list.badge().first().innerText()).toBe('1');
    await expectNoHorizontalScroll(page);

    // One tap (here a key) completes; the toast offers undo. Focus stays in the list being worked through, on the next
    // follow-up, rather than following the row into "Recently done" (which scrolled a phone's page away) or falling to
    // the top of the page.
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim());
    await page.getByRole('button', { name: 'Mark “Send Ann the deck” done' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => list.groupItems('Recently done')).toEqual(['Send Ann the deck']);
    expect(await list.groupItems('Today')).toEqual([]);
    await expect.poll(() => list.badge().count()).toBe(0);
    await expect.poll(focused).toBe('Mark “Read the report” done');
    // Undo from the keyboard puts it back, and focus with it.
    await page.getByRole('button', { name: 'Undo' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => list.groupItems('Today')).toEqual(['Send Ann the deck']);
    expect(await list.groupItems('Recently done')).toEqual([]);
    await expect.poll(focused).toBe('Mark “Send Ann the deck” done');

    // Snooze to tomorrow: it moves to The week ahead and stops counting as due.
    await page.locator('summary[aria-label="More for “Send Ann the deck”"]').click();
    await page.getByRole('button', { name: 'Snooze to tomorrow' }).click();
    await expect.poll(() => list.groupItems('The week ahead')).toEqual(['Send Ann the deck']);
    expect(await list.groupItems('Today')).toEqual([]);
    await expect.poll(() => list.badge().count()).toBe(0);
    // It says it was put off, and from when.
    const row = page.locator('li').filter({ hasText: 'Send Ann the deck' });
    await expect.poll(() => row.getByText(/^Snoozed once, first due /).isVisible()).toBe(true);
    // Due tomorrow now, "Snooze to tomorrow" would change nothing: it is not offered.
    await page.locator('summary[aria-label="More for “Send Ann the deck”"]').click();
    await page.getByRole('button', { name: /^Snooze a week/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Snooze to tomorrow' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('details[open]').count()).toBe(0);
    // Undo puts the old date back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => list.groupItems('Today')).toEqual(['Send Ann the deck']);
    // ...and takes the snooze back with it: it was never put off.
    await expect.poll(() => row.getByText(/^Snoozed/).count()).toBe(0);

    // Snooze to a chosen date.
    const later = addDays(today, 20);
    await page.locator('summary[aria-label="More for “Read the report”"]').click();
    const menu = page.locator('details[open]');
    await menu.getByLabel('Snooze until').fill(later);
    await menu.getByRole('button', { name: 'Snooze', exact: true }).click();
    await expect.poll(() => list.groupItems('Later')).toEqual(['Read the report']);

    await expectNoHorizontalScroll(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('edits with errors beside the field, keeps what was typed, and shows a conflicting save', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Ed Edit');
    await page.goto('/follow-ups');
    await new FollowUpsPage(page).add('Call Bob');
    await page.locator('summary[aria-label="More for “Call Bob”"]').click();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/\/follow-ups\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const later = addDays(todayIn('Europe/London'), 30);

    await page.getByLabel('What will you do?').fill('   ');
    await page.getByLabel('Due').fill(later);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('#action-error').innerText()).toContain('Say what you will do');
    expect(await page.getByLabel('What will you do?').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Due').inputValue()).toBe(later);
    // A paste past the limit is kept whole and refused with the limit, not cut to it unseen.
    const long = `Send the notes: ${'x'.repeat(590)}`;
    await page.getByLabel('What will you do?').fill(long);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('#action-error').innerText()).toContain('Keep it to 500 characters');
    expect(await page.getByLabel('What will you do?').inputValue()).toBe(long);

    // Someone else saves first (another tab, through the API); this save is refused and the text kept.
    const read = await (await page.request.get(`/api/v1/follow-ups/${id}`)).json();
    const other = await page.request.patch(`/api/v1/follow-ups/${id}`, {
      headers: { Origin: new URL(page.url()).origin },
      data: { action: 'Call Bob on Friday', version: read.version },
    });
    expect(other.status()).toBe(200);
    await page.getByLabel('What will you do?').fill('Call Bob about the tender');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'changed elsewhere' }).count()).toBe(1);
    expect(await page.getByRole('alert').filter({ hasText: 'changed elsewhere' }).innerText()).toContain('Call Bob on Friday');
    expect(await page.getByLabel('What will you do?').inputValue()).toBe('Call Bob about the tender');

    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBeGreaterThan(0);
    await page.goto('/follow-ups');
    await expect.poll(() => new FollowUpsPage(page).groupItems('Later')).toEqual(['Call Bob about the tender']);
    await expectNoHorizontalScroll(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds who it is with among all of one’s people as one types, and will not save a name not picked', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Pia Picker');
    const origin = new URL(page.url()).origin;
    for (const data of [
      { name: 'Priya Shah', role: 'CIO', organisationName: 'DfE' },
      { name: 'Sam Jones', organisationName: 'BBC' },
    ]) {
      expect((await page.request.post('/api/v1/people', { headers: { Origin: origin }, data })).status()).toBe(201);
    }
    await page.goto('/follow-ups');
    const list = new FollowUpsPage(page);
    const withField = page.getByLabel('With (optional)');

    // Typed but not picked: refused beside the field, with the text kept.
    await page.getByLabel('What will you do?').fill('Send the deck');
    await withField.fill('Nobody in particular');
    await page.getByRole('button', { name: 'Add follow-up' }).click();
    await expect.poll(() => page.getByText('Choose a person from the list').count()).toBe(1);
    expect(await withField.inputValue()).toBe('Nobody in particular');

    // A typo still finds her; the keyboard picks.
    await withField.fill('pirya');
    await expect.poll(() => page.getByRole('list', { name: 'Matching people' }).innerText()).toContain('Priya Shah');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await withField.inputValue()).toBe('Priya Shah');
    await page.getByRole('button', { name: 'Add follow-up' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Added “Send the deck”' }).count()).toBe(1);
    expect(await withField.inputValue()).toBe(''); // the next one starts afresh
    await expect.poll(() => list.group('No date').getByRole('link', { name: 'Priya Shah' }).count()).toBe(1);

    // The edit page changes who it is with, or clears it.
    await page.locator('summary[aria-label="More for “Send the deck”"]').click();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/\/follow-ups\/[0-9a-f-]{36}$/);
    expect(await page.getByLabel('With (optional)').inputValue()).toBe('Priya Shah');
    await page.getByRole('button', { name: 'Clear With (optional)' }).click();
    await page.getByLabel('With (optional)').fill('sam');
    await page.getByRole('button', { name: /Sam Jones/ }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBeGreaterThan(0);
    await page.goto('/follow-ups');
    await expect.poll(() => list.group('No date').getByRole('link', { name: 'Sam Jones' }).count()).toBe(1);
    // Its tick names with whom, so two people's "Send the deck" are two names.
    expect(await page.getByRole('button', { name: 'Mark “Send the deck” with Sam Jones done' }).count()).toBe(1);

    // The person filter finds them as one types too (no list of everyone in the page), by keyboard.
    expect((await page.request.post('/api/v1/follow-ups', { headers: { Origin: origin }, data: { action: 'Unrelated errand' } })).status()).toBe(201);
    await page.reload();
    expect(await list.groupItems('No date')).toEqual(['Send the deck', 'Unrelated errand'].sort());
    await page.getByText('Filter', { exact: true }).click();
    const personFilter = page.getByLabel('Person', { exact: true });
    await personFilter.fill('sam');
    await expect.poll(() => page.getByRole('list', { name: 'Matching people' }).innerText()).toContain('Sam Jones');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await personFilter.inputValue()).toBe('Sam Jones');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/person=[0-9a-f-]{36}/);
    await expect.poll(() => list.groupItems('No date')).toEqual(['Send the deck']);
    expect(await page.getByLabel('Person', { exact: true }).inputValue()).toBe('Sam Jones');
    await expectNoHorizontalScroll(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('someone known only by a long role is named whole in the list at 390 px, not cut', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await new AuthPages(page).signUp('Rhea Role');
    const origin = { Origin: new URL(page.url()).origin };
    const made = await page.request.post('/api/v1/people', {
      headers: origin,
      data: { role: 'Deputy Director, Digital and Data Transformation', organisationName: 'HM Land Registry' },
    });
    expect(made.status()).toBe(201);
    const { id } = (await made.json()) as { id: string };
    expect((await page.request.post('/api/v1/follow-ups', { headers: origin, data: { action: 'Send the data strategy', personId: id } })).status()).toBe(201);
    await page.goto('/follow-ups');
    const link = page.getByRole('link', { name: 'Deputy Director, Digital and Data Transformation, HM Land Registry' });
    await expect.poll(() => link.count()).toBe(1);
    expect(await link.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await expectNoHorizontalScroll(page);
    await context.close();
  });

  it('a tab badge past 99 reads "99+" on one line at 390 px', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await new AuthPages(page).signUp('Ned Numerous');
    const today = todayIn('Europe/London');
    for (let batch = 0; batch < 10; batch++) {
      const made = await Promise.all(
        Array.from({ length: 10 }, (_, i) => api(context, 'POST', '/api/v1/follow-ups', { action: `Owed ${batch * 10 + i}`, due: addDays(today, -1) })),
      );
      expect(made.map((r) => r.status())).toEqual(Array(10).fill(201));
    }
    await page.goto('/no-such-page');
    const badge = page.locator('[aria-label="100 due or overdue"]').filter({ visible: true });
    expect(await badge.innerText()).toBe('99+');
    // One 16 px line: before, the narrow badge broke "99+" over two.
    expect((await badge.boundingBox())!.height).toBeLessThan(24);
    await expectNoHorizontalScroll(page);
    await context.close();
  });

  it('shows the next few of what is not due yet, with a link to all of them', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await new AuthPages(page).signUp('Bea Backlog');
    const today = todayIn('Europe/London');
    const origin = new URL(page.url()).origin;
    const post = (data: Record<string, unknown>) => page.request.post('/api/v1/follow-ups', { headers: { Origin: origin }, data });
    for (let i = 1; i <= 12; i++) expect((await post({ action: `Later ${String(i).padStart(2, '0')}`, due: addDays(today, 30 + i) })).status()).toBe(201);
    for (let i = 1; i <= 11; i++) expect((await post({ action: `Overdue ${String(i).padStart(2, '0')}`, due: addDays(today, -i) })).status()).toBe(201);
    const list = new FollowUpsPage(page);

    await page.goto('/follow-ups');
    // Ten of the eleven overdue show, the heading counts all eleven and a link shows them all; of what is due later,
    // the five soonest, and the heading counts all twelve.
    expect(await list.groupItems('Overdue')).toHaveLength(10);
    expect(await page.locator('#fu-group-overdue').innerText()).toContain('(11)');
    expect(await page.getByRole('link', { name: 'Show all 11' }).getAttribute('href')).toBe('/follow-ups?due=overdue');
    expect(await list.groupItems('Later')).toEqual(Array.from({ length: 5 }, (_, i) => `Later ${String(i + 1).padStart(2, '0')}`));
    expect(await page.locator('#fu-group-later').innerText()).toContain('(12)');
    await page.getByRole('link', { name: 'Show all 12' }).click();
    await page.waitForURL(/due=later/);
    expect(new URL(page.url()).search).toBe('?due=later');
    await expect.poll(async () => (await list.groupItems('Later')).length).toBe(12);
    expect(await list.groupItems('Overdue')).toEqual([]);
    // The top of the page says the other groups are hidden, and how to see them again.
    expect(await page.locator('main p').filter({ hasText: 'Only Later' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Show every group' }).first().click();
    await expect.poll(async () => (await list.groupItems('Overdue')).length).toBe(10);
    await page.getByRole('link', { name: 'Show all 11' }).click();
    await expect.poll(async () => (await list.groupItems('Overdue')).length).toBe(11);
    await context.close();
  });

  it('another user’s follow-up page is a 404, and the dashboard shows what is due', async () => {
    const owner = await newContext(browser, DESKTOP);
    const page = await owner.newPage();
    await new AuthPages(page).signUp('Olive Owner');
    await page.goto('/follow-ups');
    await new FollowUpsPage(page).add('Private promise', todayIn('Europe/London'));
    await page.locator('summary[aria-label="More for “Private promise”"]').click();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/\/follow-ups\/[0-9a-f-]{36}$/);
    const url = new URL(page.url()).pathname;
    await page.goto('/');
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: /^Today/ })
          .getByText('Private promise')
          .count(),
      )
      .toBe(1);
    expect(await page.getByRole('heading', { name: 'Due now (1)' }).count()).toBe(1);

    const intruder = await newContext(browser);
    const other = await intruder.newPage();
    await new AuthPages(other).signUp('Ivan Intruder');
    const res = await other.goto(url);
    expect(res?.status()).toBe(404);
    await other.goto('/follow-ups');
    expect(await other.getByText('Private promise').count()).toBe(0);
    const api = await other.request.get('/api/v1/follow-ups');
    expect((await api.json()).items).toEqual([]);
    await owner.close();
    await intruder.close();
  });
});
