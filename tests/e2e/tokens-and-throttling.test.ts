import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../support/app-process';
import { AuthPages, baseURL, expectNoHorizontalScroll, launchBrowser, newContext, watchErrors } from '../support/browser';

// A server action's round trip can take seconds while the machine is busy.
const SLOW = { timeout: 15_000 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** One failed sign-in through next-auth's own credentials endpoint; answers the error code it redirects with. */
async function failedSignIn(origin: string, email: string, forgedHeaders: Record<string, string>): Promise<string | null> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', cookie, ...forgedHeaders },
    body: new URLSearchParams({ email, password: 'wrong password', csrfToken, callbackUrl: '/' }),
  });
  const location = res.headers.get('location') ?? '';
  return new URL(location, origin).searchParams.get('code');
}

describe('per-client limits without a proxy', () => {
  it('failed sign-ins across many emails from one client are bounded, whatever X-Forwarded-For it sends', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-e2e-limits-'));
    const env = {
      DATABASE_URL: '',
      PGLITE_DATA_DIR: path.join(dataDir, 'pglite'),
      AUTH_SECRET: 'e2e-limits-secret-e2e-limits-secret',
      AUTH_TRUST_HOST: 'true',
      TRUST_PROXY_HOPS: '',
      SIGN_IN_LIMIT: '5',
      SIGN_IN_IP_LIMIT: '3',
    };
    const app = await startApp(env, 150_000);
    try {
      const codes: (string | null)[] = [];
      for (let i = 0; i < 6; i++) {
        codes.push(
          await failedSignIn(app.baseURL, `spray-${i}-${Date.now()}@example.test`, {
            'X-Forwarded-For': `203.0.113.${i + 1}`,
            'X-Rapport-Peer-Address': `198.51.100.${i + 1}`,
          }),
        );
      }
      expect(codes).toEqual(['credentials', 'credentials', 'credentials', 'rate_limited', 'rate_limited', 'rate_limited']);
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    // It starts a server of its own (a minute or more on a busy machine).
  }, 180_000);
});

describe('API tokens in Settings', () => {
  it('asks for the password, offers read-only and an expiry, and revokes all tokens beside signing out elsewhere', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const auth = new AuthPages(page);
    const { password } = await auth.signUp('Token Owner');
    await page.goto('/settings#api-tokens');

    await page.getByLabel('New token name').fill('Dashboard');
    await page.getByLabel('It may').selectOption('read');
    await expect.poll(() => page.getByLabel('Expires').inputValue(), SLOW).toBe('90');
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect.poll(() => page.getByText('Enter your password to create a token').isVisible(), SLOW).toBe(true);
    await expect.poll(() => page.getByLabel('New token name').inputValue(), SLOW).toBe('Dashboard');
    expect(await page.getByLabel('It may').inputValue()).toBe('read');

    await page.locator('#token-password').fill(password);
    await page.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByLabel('New API token');
    await expect.poll(() => shown.isVisible(), SLOW).toBe(true);
    const token = await shown.inputValue();
    const listed = page.getByRole('listitem').filter({ hasText: 'Dashboard' }).filter({ hasText: '· created' });
    await expect.poll(() => listed.textContent(), SLOW).toMatch(/read only · created .* · never used · expires /);
    await expectNoHorizontalScroll(page);

    const api = (method: string) =>
      fetch(`${baseURL()}/api/v1/people`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: method === 'POST' ? JSON.stringify({ name: 'Nope' }) : undefined,
      });
    expect((await api('GET')).status).toBe(200);
    const write = await api('POST');
    expect(write.status).toBe(403);
    expect(write.headers.get('content-type')).toContain('application/problem+json');

    await page.reload();
    await expect.poll(() => listed.textContent(), SLOW).toMatch(/read only · created .* · last used .* · expires /);
    await page.getByRole('button', { name: 'Revoke all API tokens' }).click();
    await expect.poll(() => page.getByText('Revoked one API token.').isVisible(), SLOW).toBe(true);
    expect((await api('GET')).status).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });
});
