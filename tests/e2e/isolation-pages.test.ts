import type { APIRequestContext, Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageRoutes } from '../support/api';
import { AuthPages, baseURL, launchBrowser, newContext } from '../support/browser';
import { api, createEventViaApi } from './posts-support';
import { PAGE_URLS, PUBLIC_PAGES, RECORD_PAGES, type PageIds } from './page-urls';

/*
 * The isolation matrix for pages, against the real app server: every page under app/ (found by walking it) is
 * opened by a second signed-in user with the first user's ids (404, like a missing id), its lists and searches
 * show none of the first user's words, and signed out every private page sends to sign-in.
 */

let browser: Browser;
let owner: BrowserContext;
let other: BrowserContext;
let ids: PageIds;
const MARK = `zqpage${Math.random().toString(36).slice(2, 8)}`;

async function makeOwnerData(context: BrowserContext): Promise<PageIds> {
  const eventId = await createEventViaApi(context, {
    title: `Evening ${MARK}`,
    startsAt: '2026-05-12T18:00:00Z',
    venue: `Hall ${MARK}`,
    topics: [`topic ${MARK}`],
    people: [
      { name: `Lin ${MARK}`, organisation: `Org ${MARK}`, sector: `Sector ${MARK}`, notes: `note ${MARK}` },
      { name: `Lin ${MARK}`, role: `Twin ${MARK}`, newPerson: true },
    ],
    followUps: [{ action: `Write ${MARK}`, due: new Date().toISOString().slice(0, 10), personIndex: 0 }],
  });
  const event = await (await api(context, 'GET', `/api/v1/events/${eventId}`)).json();
  const post = await (await api(context, 'POST', `/api/v1/events/${eventId}/post`, {})).json();
  const { url } = await (await api(context, 'POST', `/api/v1/posts/${post.id}/publish`)).json();
  const draft = await (await api(context, 'POST', `/api/v1/events/${eventId}/post`, {})).json();
  return {
    event: eventId,
    person: event.people[0].id,
    otherPerson: event.people[1].id,
    organisation: event.people[0].organisation.id,
    followUp: event.followUps[0].id,
    post: draft.id,
    topic: await firstTopicId(context.request),
    handle: new URL(url).pathname.split('/')[2]!,
    slug: post.slug,
  };
}

/** The id of the first topic on the signed-in user's /topics page. */
async function firstTopicId(request: APIRequestContext): Promise<string> {
  const html = await (await request.get('/topics')).text();
  const id = /href="\/topics\/([0-9a-f-]{36})"/.exec(html)?.[1];
  expect(id, 'a topic on /topics').toBeTruthy();
  return id!;
}

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await newContext(browser);
  const page = await owner.newPage();
  await new AuthPages(page).signUp(`Owner ${MARK}`);
  ids = await makeOwnerData(owner);
  other = await newContext(browser);
  await new AuthPages(await other.newPage()).signUp('Second User');
  await createEventViaApi(other, { title: 'Own evening', startsAt: '2026-05-13T18:00:00Z', people: [{ name: 'Own Person', organisation: 'Own Org' }] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const get = (request: APIRequestContext, url: string) => request.get(url, { maxRedirects: 0 });

describe('isolation matrix: pages', () => {
  const routes = pageRoutes();

  it('has URLs for every page under app/', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(Object.keys(PAGE_URLS).sort()).toEqual([...routes].sort());
  });

  it("another user opening a page of A's record gets 404, like a missing id, and sees none of it", async () => {
    for (const route of RECORD_PAGES) {
      for (const url of PAGE_URLS[route]!(ids)) {
        const res = await get(other.request, url);
        const body = await res.text();
        expect(res.status(), `${url}`).toBe(404);
        expect(body.includes(MARK), `${url} shows A's words`).toBe(false);
        const missing = PAGE_URLS[route]!({
          ...ids,
          event: crypto.randomUUID(),
          person: crypto.randomUUID(),
          otherPerson: crypto.randomUUID(),
          organisation: crypto.randomUUID(),
          followUp: crypto.randomUUID(),
          post: crypto.randomUUID(),
          topic: crypto.randomUUID(),
        })[0]!;
        expect((await get(other.request, missing)).status(), missing).toBe(404);
      }
    }
  });

  it("another user's lists, searches, counts and dashboard hold none of A's words or ids", async () => {
    const secrets = [MARK, ids.event, ids.person, ids.organisation, ids.followUp, ids.post];
    for (const route of Object.keys(PAGE_URLS).filter((r) => !RECORD_PAGES.has(r) && !PUBLIC_PAGES.has(r))) {
      const searches = route === '/people' || route === '/events' ? [`${route}?q=${MARK}`, `${route}?q=Lin`, `${route}?q=Hall`] : [];
      for (const url of [...PAGE_URLS[route]!(ids), ...searches]) {
        const res = await get(other.request, url);
        const body = await res.text();
        if (route === '/[...missing]') {
          // An address with no page: 404, inside the app shell (its navigation), so the way back is one tap.
          expect(res.status(), url).toBe(404);
          expect(body, url).toContain('Not found');
          expect(body, url).toContain('Skip to content');
        } else expect(res.status(), url).toBe(200);
        // A search box shows back what B typed: searching for A's word, only A's ids would be a leak.
        for (const s of url.includes(MARK) ? secrets.slice(1) : secrets) expect(body.includes(s), `${url} shows A's ${s}`).toBe(false);
      }
    }
  });

  it('public pages show only what A published: the draft stays out', async () => {
    const anon = await browser.newContext({ baseURL: baseURL() });
    const index = await (await get(anon.request, `/u/${ids.handle}`)).text();
    expect(index.includes(ids.slug)).toBe(true);
    expect((await get(anon.request, `/u/${ids.handle}/${ids.slug}`)).status()).toBe(200);
    const draft = await (await api(owner, 'GET', `/api/v1/posts/${ids.post}`)).json();
    expect((await get(anon.request, `/u/${ids.handle}/${draft.slug}`)).status()).toBe(404);
    // Said in a reader's words under the author's name, with the way to what is published.
    const reader = await anon.newPage();
    expect((await reader.goto(`/u/${ids.handle}/${draft.slug}`))?.status()).toBe(404);
    expect(await reader.getByRole('heading', { name: 'Nothing to read here' }).isVisible()).toBe(true);
    await reader.getByRole('link', { name: 'Read what the author has published' }).click();
    await reader.waitForURL((u) => u.pathname === `/u/${ids.handle}`);
    expect(await reader.locator(`a[href$="/${ids.slug}"]`).count()).toBeGreaterThan(0);
    // Past a post's address: a 404 for the reader, not the app's sign-in.
    expect((await get(anon.request, `/u/${ids.handle}/${ids.slug}/more`)).status()).toBe(404);
    // What browsers and crawlers ask for by themselves is a file, not the app's 404 (nor, signed out, its sign-in).
    const icon = await get(anon.request, '/favicon.ico');
    expect([icon.status(), icon.headers()['content-type']]).toEqual([200, 'image/x-icon']);
    const robots = await get(anon.request, '/robots.txt');
    expect(robots.status()).toBe(200);
    expect(await robots.text()).toContain('Disallow: /');
    await anon.close();
  });

  it('signed out, every private page sends to sign-in and shows nothing', async () => {
    const anon = await browser.newContext({ baseURL: baseURL() });
    for (const route of Object.keys(PAGE_URLS).filter((r) => !PUBLIC_PAGES.has(r))) {
      for (const url of PAGE_URLS[route]!(ids)) {
        const res = await get(anon.request, url);
        expect([302, 303, 307, 308], `${url} → ${res.status()}`).toContain(res.status());
        expect(new URL(res.headers().location!, baseURL()).pathname, url).toBe('/sign-in');
        expect((await res.text()).includes(MARK), url).toBe(false);
      }
    }
    await anon.close();
  });
});
