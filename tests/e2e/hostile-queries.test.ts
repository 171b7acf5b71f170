import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, launchBrowser, newContext } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Every query parameter each list page and API reads. */
const TARGETS: Record<string, string[]> = {
  '/people': ['q', 'sector', 'organisation', 'role', 'event', 'topic', 'met', 'cursor', 'deleted'],
  '/organisations': ['q', 'after'],
  '/events': ['q', 'series', 'topic', 'sector', 'year', 'cursor', 'deleted'],
  '/follow-ups': ['person', 'event', 'sector', 'due'],
  '/posts': ['drafts', 'published', 'deleted'],
  '/settings/deleted': ['restored', 'gone'],
  '/api/v1/people': ['q', 'sector', 'organisation', 'topic', 'event', 'limit', 'cursor'],
  '/api/v1/organisations': ['q', 'after', 'limit'],
  '/api/v1/events': ['q', 'series', 'topic', 'sector', 'year', 'cursor', 'limit'],
  '/api/v1/events/suggest': ['kind', 'q'],
  '/api/v1/follow-ups': ['status', 'due', 'person', 'event', 'sector', 'limit', 'cursor'],
  '/api/v1/posts': ['status', 'cursor', 'limit'],
};

/** Values a hand-edited or hostile address might carry: none may crash a page (500). */
const VALUES = ['%00', 'a%00b', '%C3%A9%00', "'", '%27%3B--', 'x'.repeat(5000), '-1', '1e999', '%E2%80%AE', '[]', '%5B%5D=1'];

describe('hostile query strings', () => {
  it('never make a page or an API answer 500', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await new AuthPages(page).signUp('Quinn Query');
    const failures: string[] = [];
    for (const [path, params] of Object.entries(TARGETS)) {
      for (const param of params) {
        for (const value of VALUES) {
          const url = `${path}?${param}=${value}`;
          const res = await page.request.get(url, { maxRedirects: 0 });
          if (res.status() >= 500) failures.push(`${res.status()} ${url.slice(0, 120)}`);
        }
        // The same parameter twice (an array where one value is expected).
        const twice = await page.request.get(`${path}?${param}=a&${param}=b`, { maxRedirects: 0 });
        if (twice.status() >= 500) failures.push(`${twice.status()} ${path}?${param}=a&${param}=b`);
      }
    }
    expect(failures).toEqual([]);
    await context.close();
  });
});
