import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app-process';
import { AuthPages, launchBrowser } from '../support/browser';

/*
 * Two stateless app servers (two `next start` processes) on one PostgreSQL database, as behind a load balancer:
 * a session made on one works on the other, an Idempotency-Key used on one replays on the other, and the write
 * and sign-in limits count across both. Needs TEST_DATABASE_URL (PGlite is one process per data directory).
 */

const url = process.env.TEST_DATABASE_URL;
if (!url) console.warn('[two servers] SKIPPED: TEST_DATABASE_URL is not set.');

let browser: Browser;
let one: RunningApp;
let two: RunningApp;

describe.skipIf(!url)('two app servers, one database', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    const env = {
      DATABASE_URL: url!,
      AUTH_SECRET: 'two-servers-secret-two-servers-secret',
      AUTH_TRUST_HOST: 'true',
      SIGN_IN_LIMIT: '5',
      SIGN_IN_IP_LIMIT: '100000',
      API_WRITE_LIMIT: '8',
    };
    [one, two] = await Promise.all([startApp(env), startApp(env)]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await browser?.close();
  });

  async function signedIn(): Promise<{ context: BrowserContext; page: Page; email: string; password: string }> {
    const context = await browser.newContext({ baseURL: one.baseURL });
    const page = await context.newPage();
    const { email, password } = await new AuthPages(page).signUp('Two Servers');
    return { context, page, email, password };
  }

  it('a session made on one server works on the other, for pages and the API', async () => {
    const { context, page } = await signedIn();
    // Cookies belong to the host, not the port: the same browser reaches both servers.
    const res = await context.request.get(`${two.baseURL}/events`, { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    await page.goto(`${two.baseURL}/settings`);
    expect(new URL(page.url()).pathname).toBe('/settings');
    expect((await context.request.get(`${two.baseURL}/api/v1/events`)).status()).toBe(200);
    await context.close();
  });

  it('an Idempotency-Key used on server one replays on server two: one record', async () => {
    const { context } = await signedIn();
    const key = `two-${crypto.randomUUID()}`;
    const body = { title: 'Once across servers', startsAt: '2026-05-12T18:00:00Z', people: [{ name: 'Una' }] };
    const post = (base: string) => context.request.post(`${base}/api/v1/events`, { headers: { Origin: base, 'Idempotency-Key': key }, data: body });
    const first = await post(one.baseURL);
    expect(first.status()).toBe(201);
    const second = await post(two.baseURL);
    expect(second.status()).toBe(201);
    expect(second.headers()['idempotent-replayed']).toBe('true');
    expect((await second.json()).id).toBe((await first.json()).id);
    const list = await (await context.request.get(`${two.baseURL}/api/v1/events?limit=100`)).json();
    expect(list.items.filter((e: { title: string }) => e.title === body.title)).toHaveLength(1);
    await context.close();
  });

  it('the per-user write limit counts writes on both servers together', async () => {
    const { context } = await signedIn();
    const write = (base: string, i: number) => context.request.post(`${base}/api/v1/follow-ups`, { headers: { Origin: base }, data: { action: `Limit ${i}` } });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await write(i % 2 ? two.baseURL : one.baseURL, i)).status());
    expect(statuses).toEqual(Array(8).fill(201));
    const over = await write(two.baseURL, 8);
    expect(over.status()).toBe(429);
    expect(over.headers()['retry-after']).toMatch(/^\d+$/);
    expect((await write(one.baseURL, 9)).status()).toBe(429);
    await context.close();
  });

  it('failed sign-ins are counted across both servers', async () => {
    const { context: ownerContext, email, password } = await signedIn();
    await ownerContext.close();
    const stranger = await browser.newContext({ baseURL: one.baseURL });
    const page = await stranger.newPage();
    const signInAt = async (base: string, pw: string) => {
      await page.goto(`${base}/sign-in`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(pw);
      await page.getByRole('button', { name: 'Sign in' }).click();
    };
    for (let i = 0; i < 5; i++) {
      await signInAt(i < 3 ? one.baseURL : two.baseURL, `wrong ${i}`);
      await expect.poll(() => page.locator('#form-message').innerText()).toContain('Email or password is incorrect');
    }
    // Five failures, three on one and two on two: the sixth, even right, waits, on either server.
    await signInAt(two.baseURL, password);
    await expect.poll(() => page.locator('#form-message').innerText()).toContain('Too many attempts');
    await signInAt(one.baseURL, password);
    await expect.poll(() => page.locator('#form-message').innerText()).toContain('Too many attempts');
    await stranger.close();
  });
});
