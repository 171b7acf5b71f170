import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, baseURL, DESKTOP, expectNoHorizontalScroll, launchBrowser, newContext, watchErrors } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('accounts in a real browser', () => {
  it('signed out, /events redirects to /sign-in', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/events');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    await context.close();
  });

  it('bad sign-up input shows errors next to the fields and keeps what was typed', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/sign-up');
    await page.getByLabel('Name').fill('Grace Hopper');
    await page.getByLabel('Email').fill('grace-at-navy');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Sign up' }).click();
    const email = page.getByLabel('Email');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#email-error').innerText()).toContain('Enter an email address like name@example.com');
    expect(await page.locator('#password-error').innerText()).toContain('Use at least 10 characters');
    expect(await page.getByLabel('Name').inputValue()).toBe('Grace Hopper');
    expect(await email.inputValue()).toBe('grace-at-navy');
    // The password too, to be added to (it never went back and forth: it stays in the page), and its rule said once.
    expect(await page.getByLabel('Password').inputValue()).toBe('short');
    expect(await page.getByText('At least 10 characters.').count()).toBe(0);
    await page.getByLabel('Password').press('End');
    await page.getByLabel('Password').pressSequentially(' and longer');
    expect(await page.getByLabel('Password').inputValue()).toBe('short and longer');
    await expectNoHorizontalScroll(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sign up, sign out, a wrong password, sign in again; a taken email is a field error', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const auth = new AuthPages(page);
    const errors = watchErrors(page);
    const account = await auth.signUp('Ada Lovelace');
    await expect.poll(() => page.getByRole('heading', { name: 'Hello, Ada' }).isVisible()).toBe(true);
    for (const label of ['Dashboard', 'Events', 'People', 'Follow-ups', 'Memory', 'Posts']) {
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).count()).toBeGreaterThan(0);
    }
    await expectNoHorizontalScroll(page);
    // A new account is offered both ways in: logging an evening, or bringing an address book.
    expect(await page.getByRole('link', { name: 'Import your contacts' }).getAttribute('href')).toBe('/settings/import');

    // The cookie from before sign-out must not work afterwards: the session ended on the server.
    const cookiesBefore = await context.cookies();
    await auth.signOut();
    await context.addCookies(cookiesBefore);
    await page.goto('/events');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.clearCookies();

    await auth.signIn(account.email, 'not the password at all');
    await expect.poll(() => page.locator('#form-message').innerText()).toContain('Email or password is incorrect');
    expect(await page.getByLabel('Email').inputValue()).toBe(account.email);
    await auth.signIn('nobody-' + account.email, account.password);
    await expect.poll(() => page.locator('#form-message').innerText()).toContain('Email or password is incorrect');

    await auth.signIn(account.email.toUpperCase(), account.password);
    await page.waitForURL((url) => url.pathname === '/');

    const other = await newContext(browser);
    const page2 = await other.newPage();
    await page2.goto('/sign-up');
    await page2.getByLabel('Name').fill('Impostor');
    await page2.getByLabel('Email').fill(account.email);
    await page2.getByLabel('Password').fill('another long password');
    await page2.getByRole('button', { name: 'Sign up' }).click();
    await expect.poll(() => page2.locator('#email-error').innerText()).toContain('already exists');
    // Said once, beside the field, not again above the form.
    expect(await page2.getByText(/already exists/).count()).toBe(1);
    expect(errors).toEqual([]);
    await other.close();
    await context.close();
  });

  it('after sign-in, goes back to the page that asked for it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const auth = new AuthPages(page);
    const account = await auth.signUp();
    await auth.signOut();
    await page.goto('/people');
    // Signed out, the page sends the visitor to sign in and remembers where they were going.
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe('/people');
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/people');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().innerText()).toMatch(/People/);

    // A callbackUrl to another site is ignored: signing in lands on the home page, never off-site.
    await auth.signOut();
    await page.goto('/sign-in?callbackUrl=' + encodeURIComponent('https://evil.test/steal'));
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(page.url()).not.toContain('evil.test');
    await context.close();
  });

  it('rate limits sign-in per email: after 5 failures even the right password waits', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const auth = new AuthPages(page);
    const account = await auth.signUp();
    await auth.signOut();
    for (let i = 0; i < 5; i++) {
      await auth.signIn(account.email, `wrong password ${i}`);
      await expect.poll(() => page.locator('#form-message').innerText()).toContain('Email or password is incorrect');
    }
    await auth.signIn(account.email, account.password);
    await expect.poll(() => page.locator('#form-message').innerText()).toContain('Too many attempts');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('a stranger failing on purpose locks out strangers, not the owner’s own browser', async () => {
    const owner = await newContext(browser);
    const ownerPage = await owner.newPage();
    const ownerAuth = new AuthPages(ownerPage);
    const account = await ownerAuth.signUp();
    await ownerAuth.signOut();

    const stranger = await newContext(browser);
    const strangerPage = await stranger.newPage();
    const strangerAuth = new AuthPages(strangerPage);
    for (let i = 0; i < 5; i++) {
      await strangerAuth.signIn(account.email, `guess ${i}`);
      await expect.poll(() => strangerPage.locator('#form-message').innerText()).toContain('Email or password is incorrect');
    }
    // Even the right password waits, from a browser that never signed in to this account...
    await strangerAuth.signIn(account.email, account.password);
    await expect.poll(() => strangerPage.locator('#form-message').innerText()).toContain('Too many attempts');
    // ...while the owner's browser, known to the account, signs straight in.
    expect((await owner.cookies()).map((c) => c.name)).toContain('rapport-known-device');
    await ownerAuth.signIn(account.email, account.password);
    await ownerPage.waitForURL((url) => url.pathname === '/');
    // What page scripts can read of the session names neither the user nor the server-side session id: next-auth
    // answers it from the cookie alone, so it would go on naming them after the session was revoked.
    const session = (await (await ownerPage.request.get('/api/auth/session')).json()) as Record<string, unknown>;
    expect(Object.keys(session)).toEqual(['expires']);
    expect(JSON.stringify(session)).not.toContain(account.email);
    expect(JSON.stringify(session)).not.toMatch(/sid/);
    await owner.close();
    await stranger.close();
  });

  it('Settings lists the signed-in devices and signs the others out', async () => {
    const phone = await newContext(browser);
    const phonePage = await phone.newPage();
    const account = await new AuthPages(phonePage).signUp('Dev Ices');
    const laptop = await newContext(browser, DESKTOP);
    const laptopPage = await laptop.newPage();
    await new AuthPages(laptopPage).signIn(account.email, account.password);
    await laptopPage.waitForURL((url) => url.pathname === '/');

    await phonePage.goto('/settings');
    const devices = phonePage.locator('#sessions').locator('xpath=..').getByRole('listitem');
    await expect.poll(() => devices.count()).toBe(2);
    expect(await devices.first().innerText()).toContain('This device');
    await expectNoHorizontalScroll(phonePage);
    await phonePage.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await expect.poll(() => phonePage.getByRole('status').filter({ hasText: 'Signed out one device.' }).count()).toBe(1);
    expect(await devices.count()).toBe(1);

    // The laptop's next page asks it to sign in; the phone goes on.
    await laptopPage.goto('/events');
    expect(new URL(laptopPage.url()).pathname).toBe('/sign-in');
    await phonePage.goto('/events');
    expect(new URL(phonePage.url()).pathname).toBe('/events');
    await phone.close();
    await laptop.close();
  });

  it('next-auth’s own sign-out route ends the server-side session too', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await new AuthPages(page).signUp();
    const cookiesBefore = await context.cookies();
    const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    await page.request.post('/api/auth/signout', { form: { csrfToken }, maxRedirects: 0 });
    await context.clearCookies();
    await context.addCookies(cookiesBefore);
    await page.goto('/events');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('a forged session cookie gets past the proxy but not the page or the API', async () => {
    const context = await newContext(browser);
    await context.addCookies([{ name: 'authjs.session-token', value: 'forged', url: baseURL() }]);
    const page = await context.newPage();
    await page.goto('/events');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect((await page.request.get('/api/v1/people')).status()).toBe(401);
    await context.close();
  });

  it('is usable on a desktop: sidebar navigation', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await new AuthPages(page).signUp();
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page.waitForURL((url) => url.pathname === '/settings');
    expect(await page.getByRole('heading', { name: 'Settings' }).isVisible()).toBe(true);
    await context.close();
  });
});

describe('operations', () => {
  it('health answers 200 ok and every response carries the security headers', async () => {
    const res = await fetch(`${baseURL()}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    for (const path of ['/api/health', '/sign-in', '/events']) {
      const r = await fetch(`${baseURL()}${path}`, { redirect: 'manual' });
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
    }
  });
});
