import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageRoutes } from '../support/api';
import { AuthPages, DESKTOP, launchBrowser, newContext, watchErrors } from '../support/browser';
import { api, createEventViaApi } from './posts-support';
import { PAGE_URLS, type PageIds } from './page-urls';

/*
 * XSS across every page under app/ (enumerated, so a new page is covered or the test fails): a payload in every
 * text field of every entity, each setting window.__xss_<field> or opening a dialog if it ever ran. In real
 * Chromium, on every page: no flag set, no dialog, and no Content-Security-Policy violation reported (the
 * `securitypolicyviolation` event and the console both listened to).
 */

let browser: Browser;
let context: BrowserContext;
let ids: PageIds;

const payload = (field: string) => {
  const flag = `window.__xss_${field.replace(/\W/g, '_')}=1`;
  return [
    `<script>${flag}</script>`,
    `<img src=x onerror="${flag};alert(1)">`,
    `"><svg onload="${flag}">`,
    `'><iframe srcdoc="<script>parent.${flag}</script>">`,
    `[x](javascript:${flag})`,
    `{{constructor.constructor('${flag}')()}}`,
  ].join(' ');
};
const cut = (s: string, n: number) => s.slice(0, n);

/** The id of the first topic on the signed-in user's /topics page. */
async function firstTopicId(request: APIRequestContext): Promise<string> {
  const html = await (await request.get('/topics')).text();
  const id = /href="\/topics\/([0-9a-f-]{36})"/.exec(html)?.[1];
  expect(id, 'a topic on /topics').toBeTruthy();
  return id!;
}

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newContext(browser, DESKTOP);
  const page = await context.newPage();
  await new AuthPages(page).signUp(cut(`Eve ${payload('user_name')}`, 100));
  const eventId = await createEventViaApi(context, {
    title: cut(`T ${payload('title')}`, 200),
    startsAt: '2026-05-12T18:00:00Z',
    venue: cut(payload('venue'), 200),
    host: cut(payload('host'), 200),
    series: cut(payload('series'), 200),
    summary: payload('summary'),
    reflection: payload('reflection'),
    topics: [cut(payload('topic'), 60)],
    people: [
      {
        name: cut(payload('name'), 200),
        role: cut(payload('role'), 200),
        organisation: cut(`O ${payload('org')}`, 200),
        sector: cut(payload('sector'), 100),
        notes: payload('enc_notes'),
        topics: [cut(payload('ptopic'), 60)],
      },
      { name: cut(payload('name'), 200), role: cut(payload('role2'), 200), newPerson: true },
    ],
    insights: [{ text: payload('fact'), personIndex: 0 }],
    followUps: [{ action: cut(payload('ev_follow_up'), 500), due: new Date().toISOString().slice(0, 10), personIndex: 0 }],
  });
  const event = await (await api(context, 'GET', `/api/v1/events/${eventId}`)).json();
  const personId = event.people[0].id;
  const person = await (await api(context, 'GET', `/api/v1/people/${personId}`)).json();
  const patched = await api(context, 'PATCH', `/api/v1/people/${personId}`, {
    version: person.version,
    notes: payload('person_notes'),
    links: [`https://example.test/"onmouseover="window.__xss_link=1`],
  });
  expect(patched.status(), await patched.text()).toBe(200);
  const fu = await (await api(context, 'POST', '/api/v1/follow-ups', { action: cut(payload('follow_up'), 500), personId })).json();
  const post = await (await api(context, 'POST', `/api/v1/events/${eventId}/post`, { includeNotes: true })).json();
  const edited = await api(context, 'PATCH', `/api/v1/posts/${post.id}`, {
    version: post.version,
    title: cut(payload('post_title'), 200),
    markdown: `${payload('markdown')}\n\n<iframe src="javascript:window.__xss_md_iframe=1"></iframe>`,
  });
  expect(edited.status(), await edited.text()).toBe(200);
  const { url } = await (await api(context, 'POST', `/api/v1/posts/${post.id}/publish`)).json();
  ids = {
    event: eventId,
    person: personId,
    otherPerson: event.people[1].id,
    organisation: event.people[0].organisation.id,
    followUp: fu.id,
    post: post.id,
    topic: await firstTopicId(context.request),
    handle: new URL(url).pathname.split('/')[2]!,
    slug: new URL(url).pathname.split('/')[3]!,
  };
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** Opens a page with every way a payload could show itself being watched. */
async function visit(page: Page, url: string, dialogs: string[]) {
  await page.goto(url);
  // 'load', not 'networkidle': under CI load one page with payload data never went idle within 30 s (cause not
  // yet found; see the closing note). Payloads run on render, so a flag set by one is seen after load.
  await page.waitForLoadState('load');
  // Hover and focus everything once, for handlers that wait for a user.
  await page.evaluate(() => {
    for (const el of Array.from(document.querySelectorAll('a, button, [title]')).slice(0, 200)) {
      el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      el.dispatchEvent(new FocusEvent('focus'));
    }
  });
  const state = await page.evaluate(() => ({
    flags: Object.keys(window).filter((k) => k.startsWith('__xss')),
    csp: (window as unknown as { __csp?: string[] }).__csp ?? [],
  }));
  expect(state.flags, `${url}: a payload ran`).toEqual([]);
  expect(state.csp, `${url}: CSP violations`).toEqual([]);
  expect(dialogs, `${url}: a dialog opened`).toEqual([]);
  expect(await page.locator('a[href^="javascript" i]').count(), url).toBe(0);
}

describe('XSS on every page', () => {
  it('has URLs for every page under app/', () => {
    expect(Object.keys(PAGE_URLS).sort()).toEqual(pageRoutes().sort());
  });

  it('no payload runs, no dialog opens and no CSP violation is reported, signed in, on any page', async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const visited: string[] = [];
    for (const route of Object.keys(PAGE_URLS)) {
      if (route === '/sign-in' || route === '/sign-up') continue; // signed in they redirect home; below, signed out
      for (const url of PAGE_URLS[route]!(ids)) {
        await visit(page, url, dialogs);
        visited.push(url);
      }
    }
    // The text is there, shown as text.
    await page.goto(`/events/${ids.event}`);
    expect(await page.locator('main').innerText()).toContain('<script>window.__xss_title=1</script>');
    expect(errors, 'console CSP errors or page errors').toEqual([]);
    console.log(`[xss] ${visited.length} pages visited with payloads in every field`);
  });

  it('the public post, the index and the feed, read signed out', async () => {
    const reader = await newContext(browser);
    const page = await reader.newPage();
    const errors = watchErrors(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    for (const url of ['/sign-in', '/sign-up', `/u/${ids.handle}`, `/u/${ids.handle}/${ids.slug}`, `/u/${ids.handle}/feed.xml`]) {
      await visit(page, url, dialogs);
    }
    expect(errors).toEqual([]);
    await reader.close();
  });
});
