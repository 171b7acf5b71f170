import { XMLParser } from 'fast-xml-parser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, baseURL, DESKTOP, launchBrowser, newContext } from '../support/browser';
import { api, createEventViaApi, PostEditorPage } from './posts-support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// Each payload sets window.__xss_<field> if it ever runs, so a failure names the field that leaked.
const payloads = (field: string) => {
  const flag = `window.__xss_${field.replace(/-/g, '_')}=1`;
  return [`<script>${flag}</script>`, `<img src=x onerror="${flag}">`, `"><svg onload="${flag}">`, `[click me](javascript:${flag})`].join(' ');
};

/** An evening with a payload in every field a user can type. Every page with them is xss-pages.test.ts's. */
function hostileEvening() {
  return {
    title: `Title ${payloads('title')}`.slice(0, 200),
    startsAt: new Date(Date.now() - 86_400_000).toISOString(),
    venue: payloads('venue').slice(0, 200),
    host: payloads('host').slice(0, 200),
    series: payloads('series').slice(0, 200),
    summary: payloads('summary'),
    reflection: payloads('reflection'),
    topics: ['<b onmouseover=1>topic</b>', '<script>window.__xss_topic=1</script>'],
    people: [
      {
        name: payloads('name').slice(0, 200),
        role: payloads('role').slice(0, 200),
        organisation: `Org ${payloads('org')}`.slice(0, 200),
        sector: 'Government',
        relation: 'spoke',
        notes: payloads('notes'),
        email: 'x@example.test',
        topics: ['<i>x</i>'],
      },
      { role: payloads('anon-role').slice(0, 200), organisation: `Other ${payloads('anon-org')}`.slice(0, 200), notes: payloads('notes2') },
    ],
    insights: [{ text: payloads('fact'), personIndex: 0 }],
    // Due today, so it also shows on the dashboard.
    followUps: [{ action: payloads('follow-up').slice(0, 500), due: new Date().toISOString().slice(0, 10), personIndex: 1 }],
  };
}

async function expectNothingRan(page: Page, where: string) {
  expect(await page.evaluate(() => Object.keys(window).filter((k) => k.startsWith('__xss'))), where).toEqual([]);
  expect(await page.locator('a[href^="javascript" i], a[href^="data:" i]').count(), where).toBe(0);
  // Only the page's own elements: no <img>, <svg> or inline handlers from user text.
  expect(await page.locator('main img[src="x"], main svg[onload], [onerror]').count(), where).toBe(0);
}

describe('no script in any title, name, note or post ever runs', () => {
  it('private editor and preview, the list, the public page, the index and the feed', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await new AuthPages(page).signUp(`Eve ${payloads('user-name')}`.slice(0, 100));
    const eventId = await createEventViaApi(context, hostileEvening());

    const editor = new PostEditorPage(page);
    // Notes included on purpose: the private fields must be safe even when the user publishes them.
    await page.goto(`/events/${eventId}`);
    await page.getByRole('button', { name: 'Write a post' }).click();
    await page.getByLabel('Include my private conversation notes').check();
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL((url) => /^\/posts\/[0-9a-f-]{36}$/.test(url.pathname), { timeout: 30_000 });
    await editor.body().waitFor();
    await expect.poll(() => page.getByTestId('post-preview').innerText()).toContain('window.__xss_notes=1');
    await editor.body().fill(`${await editor.body().inputValue()}\n\n${payloads('typed')}\n\n<iframe src="javascript:window.__xss_iframe=1"></iframe>`);
    await editor.title().fill(`Post ${payloads('post-title')}`.slice(0, 200));
    await expect.poll(() => page.getByTestId('post-preview').innerText()).toContain('window.__xss_typed=1');
    await editor.waitSaved();
    await expectNothingRan(page, 'editor');
    expect(await page.locator('iframe').count()).toBe(0);

    await page.reload();
    await editor.body().waitFor();
    await expectNothingRan(page, 'editor after reload');
    await page.goto('/posts');
    await expectNothingRan(page, 'posts list');

    await page.goBack();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('button', { name: 'Publish now' }).click();
    const href = (await page.getByRole('link', { name: 'View the public page' }).getAttribute('href'))!;
    const reader = await newContext(browser);
    const pub = await reader.newPage();
    await pub.goto(href);
    expect(await pub.getByRole('heading', { level: 1 }).innerText()).toContain('<script>window.__xss_post_title=1</script>');
    expect(await pub.locator('.e-content').innerText()).toContain('window.__xss_fact=1');
    await expectNothingRan(pub, 'public page');
    await pub.goto(`/u/${href.split('/')[2]}`);
    await expectNothingRan(pub, 'public index');

    // The feed: escaped exactly once, so one decoding gives inert HTML, never a live tag.
    const xml = await (await fetch(`${baseURL()}${href.split('/').slice(0, 3).join('/')}/feed.xml`)).text();
    const entry = new XMLParser().parse(xml).feed.entry;
    expect(entry.title).toContain('<script>window.__xss_post_title=1</script>');
    for (const tag of ['<script', '<img', '<svg', '<iframe', 'href="javascript']) expect(entry.content).not.toContain(tag);
    expect(entry.content).toContain('&lt;script&gt;');
    await pub.goto(`${href.split('/').slice(0, 3).join('/')}/feed.xml`);
    await expectNothingRan(pub, 'feed in the browser');

    // The HTML export carries a sandboxing CSP and no live markup either.
    const exportRes = await api(context, 'GET', `/posts/${page.url().split('/').pop()}/export?format=html`);
    expect(exportRes.headers()['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    const exported = await exportRes.text();
    for (const tag of ['<script', '<img src=x', '<svg', '<iframe']) expect(exported).not.toContain(tag);
    await Promise.all([reader.close(), context.close()]);
  });
});
