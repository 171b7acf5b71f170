import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, expectNoHorizontalScroll, launchBrowser, newContext, watchErrors } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('account at 390 px', () => {
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
