import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, expectNoHorizontalScroll, launchBrowser, newContext, watchErrors } from '../support/browser';
import { api, createEventViaApi } from './posts-support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('account at 390 px', () => {
  it('the name that signs posts and the public handle can be changed; a bad handle is refused beside the field, as typed', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Ada Handle');
    await page.goto('/settings');
    const handle = page.getByLabel('Public handle');
    const old = await handle.inputValue();
    // One published post, so that the handle's page has something to show.
    const eventId = await createEventViaApi(context, { title: 'Handle supper', startsAt: new Date(Date.now() - 86_400_000).toISOString() });
    const made = await api(context, 'POST', `/api/v1/events/${eventId}/post`, { style: 'summary' });
    const post = (await made.json()) as { id: string };
    expect((await api(context, 'POST', `/api/v1/posts/${post.id}/publish`, {})).status()).toBe(200);
    expect((await page.request.get(`/u/${old}`)).status()).toBe(200);
    await handle.fill('Not a handle!');
    await page.getByRole('button', { name: 'Save name and handle' }).click();
    await expect.poll(() => page.getByText('Use up to 40 lower-case letters').count()).toBe(1);
    expect(await handle.inputValue()).toBe('Not a handle!');

    const fresh = `ada-${Date.now().toString(36)}`;
    await page.getByLabel('Name', { exact: true }).fill('Ada L. Handle');
    await handle.fill(fresh);
    await page.getByRole('button', { name: 'Save name and handle' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: `Your posts are now at /u/${fresh}` })
          .count(),
      )
      .toBe(1);
    expect((await page.request.get(`/u/${fresh}`)).status()).toBe(200);
    // Links shared before the change lead to the same page under the new handle: the index, the post and the feed.
    const postPath = (await (await api(context, 'GET', `/api/v1/posts/${post.id}`)).json()) as { slug: string };
    for (const [from, to] of [
      [`/u/${old}`, `/u/${fresh}`],
      [`/u/${old}/${postPath.slug}`, `/u/${fresh}/${postPath.slug}`],
      [`/u/${old}/feed.xml`, `/u/${fresh}/feed.xml`],
    ]) {
      const moved = await page.request.get(from!, { maxRedirects: 0 });
      expect(moved.status()).toBe(308);
      expect(new URL(moved.headers().location!, 'http://x').pathname).toBe(to);
    }
    const reader = await (await newContext(browser)).newPage();
    await reader.goto(`/u/${old}/${postPath.slug}`);
    expect(new URL(reader.url()).pathname).toBe(`/u/${fresh}/${postPath.slug}`);
    expect(await reader.getByRole('heading', { level: 1 }).count()).toBe(1);
    await reader.context().close();
    // Settings lists the old address; let go, its links stop leading here.
    await page.reload();
    expect(await page.getByRole('heading', { name: 'Old addresses that lead here' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: `Let /u/${old} go` }).click();
    await expect.poll(async () => (await page.request.get(`/u/${old}`, { maxRedirects: 0 })).status()).toBe(404);
    await expect.poll(() => page.getByRole('heading', { name: 'Old addresses that lead here' }).count()).toBe(0);
    await page.reload();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Ada L. Handle');
    expect(await handle.inputValue()).toBe(fresh);
    await expectNoHorizontalScroll(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('changing the password signs the other device out; deleting the account needs the email typed and ends it', async () => {
    const here = await newContext(browser);
    const page = await here.newPage();
    const errors = watchErrors(page);
    const { email, password } = await new AuthPages(page).signUp('Ada Account');
    const there = await newContext(browser);
    const phone = await there.newPage();
    await new AuthPages(phone).signIn(email, password);
    await phone.waitForURL((u) => u.pathname === '/');

    await page.goto('/settings');
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill('a brand new password');
    await page.getByLabel('New password again').fill('a brand new password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByText('That is not your current password').count()).toBe(1);
    await page.getByLabel('Current password').fill(password);
    await page.getByLabel('New password', { exact: true }).fill('a brand new password');
    await page.getByLabel('New password again').fill('a brand new password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Password changed. 1 other device was signed out.' }).count()).toBe(1);
    await phone.goto('/people');
    await phone.waitForURL((u) => u.pathname === '/sign-in');
    await expectNoHorizontalScroll(page);

    await page.getByLabel(`Type ${email} to confirm`).fill('someone@else.test');
    await page.getByLabel('Your password, to delete your account').fill('a brand new password');
    await page.getByRole('button', { name: 'Delete my account and all its data' }).click();
    await expect.poll(() => page.getByText(`Type ${email} to confirm`).count()).toBeGreaterThan(1);
    expect(await page.getByLabel(`Type ${email} to confirm`).inputValue()).toBe('someone@else.test');
    await page.getByLabel(`Type ${email} to confirm`).fill(email);
    await page.getByLabel('Your password, to delete your account').fill('a brand new password');
    await page.getByRole('button', { name: 'Delete my account and all its data' }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await new AuthPages(page).signIn(email, 'a brand new password');
    await expect.poll(() => page.getByText('Email or password is incorrect').count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(errors).toEqual([]);
    await here.close();
    await there.close();
  });
});
