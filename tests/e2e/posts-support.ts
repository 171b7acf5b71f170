import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { baseURL } from '../support/browser';

/** Creates an event through the events API with the browser's session (same-origin, as the app would). */
export async function createEventViaApi(context: BrowserContext, body: Record<string, unknown>): Promise<string> {
  const res = await context.request.post('/api/v1/events', { headers: { Origin: baseURL() }, data: body });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** A JSON API call with the browser's session. */
export function api(context: BrowserContext, method: string, path: string, data?: unknown) {
  return context.request.fetch(path, { method, headers: { Origin: baseURL() }, ...(data === undefined ? {} : { data }) });
}

/** Page object for the post editor. */
export class PostEditorPage {
  constructor(readonly page: Page) {}

  body() {
    return this.page.getByLabel('Post, in Markdown');
  }

  title() {
    return this.page.getByLabel('Title', { exact: true });
  }

  async saveState() {
    return this.page.locator('[data-save-state]').getAttribute('data-save-state');
  }

  /** Waits until autosave has stored everything typed so far. */
  async waitSaved() {
    await expect.poll(() => this.saveState(), { timeout: 15_000 }).toBe('saved');
  }

  /** Creates a draft from the event page with the Write-a-post panel and lands in the editor. */
  async writeFromEvent(eventId: string, style: 'Narrative' | 'Bullet summary' | 'Social post' = 'Narrative', opts: { followUps?: boolean } = {}) {
    await this.page.goto(`/events/${eventId}`);
    await this.page.getByRole('button', { name: 'Write a post' }).click();
    await this.page.getByRole('radio', { name: new RegExp(style) }).check();
    if (opts.followUps) await this.page.getByRole('checkbox', { name: /Include my follow-ups/ }).check();
    await this.page.getByRole('button', { name: 'Create draft' }).click();
    await this.page.waitForURL((url) => /^\/posts\/[0-9a-f-]{36}$/.test(url.pathname), { timeout: 30_000 });
    await this.body().waitFor();
    return this.page.url().split('/').pop()!;
  }
}
