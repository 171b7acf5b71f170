import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, baseURL, expectNoHorizontalScroll, hydrated, launchBrowser, newContext, watchErrors } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const DAY = 86_400_000;

describe('"Before you go" at 390 px', () => {
  it('an upcoming evening of a series shows under "Coming up"; its brief has the person met last time and the open follow-up', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Bea Brief');
    // Events go in through the JSON API with the session cookie (same origin), as the capture form sends them.
    const post = async (data: unknown) => {
      const res = await page.request.post('/api/v1/events', { data, headers: { origin: baseURL() } });
      expect(res.status(), await res.text()).toBe(201);
      return (await res.json()) as { id: string };
    };
    const lastTime = new Date(Date.now() - 30 * DAY);
    // An earlier evening of 26 guests: the brief shows the first 20 it would list, and "Show all" the rest; the
    // weekly review of its week the first 25.
    const april = new Date(Date.now() - 60 * DAY);
    await post({
      title: 'Data Club, April',
      series: 'Data Club',
      startsAt: april.toISOString(),
      people: Array.from({ length: 26 }, (_, i) => ({ name: `Guest ${i + 1}`, organisation: 'Guild' })),
    });
    const may = await post({
      title: 'Data Club, May',
      series: 'Data Club',
      startsAt: lastTime.toISOString(),
      people: [{ name: 'Priya Patel', role: 'Head of Data', organisation: 'County Council', notes: 'Wants to share open data' }],
      followUps: [{ action: 'Send Priya the survey', personIndex: 0 }],
    });
    const next = await post({ title: 'Data Club, June', series: 'data club', startsAt: new Date(Date.now() + 7 * DAY).toISOString() });
    // A coffee since that evening: the card says so beside the series' count, which says what it counts.
    const found = await page.request.get('/api/v1/people?q=Priya');
    const priya = ((await found.json()) as { items: { id: string }[] }).items[0]!;
    const coffee = await page.request.post('/api/v1/interactions', {
      data: { personId: priya.id, kind: 'coffee', occurredOn: new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10), note: 'Moving to the NHS app team' },
      headers: { origin: baseURL() },
    });
    expect(coffee.status(), await coffee.text()).toBe(201);

    await page.goto('/');
    const comingUp = page.getByRole('region', { name: 'Coming up' });
    await comingUp.getByRole('link', { name: /Data Club, June/ }).click();
    await page.waitForURL((url) => url.pathname === `/events/${next.id}/brief`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Data Club, June');
    const person = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Priya Patel' }) });
    await expect.poll(() => person.count()).toBe(1);
    const text = await person.innerText();
    expect(text).toContain('Head of Data, County Council');
    expect(text).toMatch(/Met once at data club, last on .* · last in touch: coffee, /);
    expect(text).toContain('Send Priya the survey');
    expect(text).toContain('Wants to share open data');
    await expectNoHorizontalScroll(page);
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/brief-390.png`, fullPage: true });
    const cards = () => page.getByRole('region', { name: 'Who you may see (27)' }).getByRole('heading', { level: 3 });
    await expect.poll(() => cards().count()).toBe(20);
    expect(await cards().first().innerText()).toBe('Priya Patel');
    // An evening with nothing written down is one line, not a "No notes." block.
    // Any of the guests: they tie on when they were last seen, so which twenty are shown first varies.
    const guest = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: /^Guest \d+$/ }) })
      .first();
    expect(await guest.innerText()).toMatch(/At Data Club, April, .*, with no notes\./);
    expect(await guest.getByText('What you talked about').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Show all 27' }).getAttribute('href')).toMatch(/\/brief\?all=1$/);
    // Printing a list cut short would print 20 of 27: Print opens the list of everyone, which prints itself, once.
    await page.addInitScript(() => {
      window.print = () => {
        const w = window as unknown as { printed?: number };
        w.printed = (w.printed ?? 0) + 1;
      };
    });
    await page.getByRole('button', { name: 'Print everyone' }).click();
    await page.waitForURL((url) => url.search === '?all=1');
    await expect.poll(() => cards().count()).toBe(27);
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed?: number }).printed)).toBe(1);
    expect(await page.getByRole('button', { name: 'Print', exact: true }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /^Show all/ }).count()).toBe(0);
    // Printed: no navigation and no print button, the person's text black on white.
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    expect(await page.getByRole('navigation', { name: 'Main' }).filter({ visible: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Log an event' }).filter({ visible: true }).count()).toBe(0);
    const colours = await person.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor, getComputedStyle(el).breakInside]);
    expect(colours).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)', 'avoid']);
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/brief-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen', colorScheme: 'light' });

    // Opened for an evening that has passed (by its address), it says so rather than "Who you may see".
    await page.goto(`/events/${may.id}/brief`);
    await expect.poll(() => page.getByRole('note').filter({ hasText: 'This evening has passed.' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: /^Who you might have seen/ }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: /^Who you may see/ }).count()).toBe(0);
    // Someone met at earlier evenings and at this one, now over: "was there", not "expected", and the card
    // does not give the evening's own date as news of the last meeting.
    await post({ title: 'Ops Club, March', series: 'Ops Club', startsAt: new Date(Date.now() - 90 * DAY).toISOString(), people: [{ id: priya.id }] });
    const ops = await post({ title: 'Ops Club, late', series: 'Ops Club', startsAt: new Date(Date.now() - DAY).toISOString(), people: [{ id: priya.id }] });
    await page.goto(`/events/${ops.id}/brief`);
    const opsCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^Priya Patel/ }) });
    await expect.poll(() => opsCard.getByRole('heading').first().innerText()).toBe('Priya Patel · was there');
    expect(await opsCard.innerText()).not.toMatch(/expected|last met/);
    expect(await page.getByText('People at this evening, then people you met or spoke with at 1 earlier evening of Ops Club, most recent first.').count()).toBe(
      1,
    );
    // Added to an evening still ahead, her page does not say she was met there.
    await post({ title: 'Ops Club, next', series: 'Ops Club', startsAt: new Date(Date.now() + 5 * DAY).toISOString(), people: [{ id: priya.id }] });
    await page.goto(`/people/${priya.id}`);
    const ahead = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Ops Club, next' }) });
    await expect.poll(() => ahead.innerText()).toContain('Expected');
    expect(await ahead.innerText()).not.toMatch(/\bMet\b/);
    // The first of a series has nothing before it, and says so rather than "0 earlier evenings".
    const first = await post({ title: 'Infra Club, first', series: 'Infra Club', startsAt: new Date(Date.now() - DAY).toISOString() });
    await page.goto(`/events/${first.id}/brief`);
    await page.getByText('People you met or spoke with at earlier evenings of Infra Club: you have logged none before this one.').waitFor();
    // One under way (begun an hour ago, opened at the door) is not over.
    const now = await post({ title: 'Data Club, June early', series: 'Data Club', startsAt: new Date(Date.now() - 3_600_000).toISOString() });
    await page.goto(`/events/${now.id}/brief`);
    await expect.poll(() => page.getByRole('heading', { name: /^Who you may see/ }).count()).toBe(1);
    expect(await page.getByRole('note').filter({ hasText: 'This evening has passed.' }).count()).toBe(0);

    // The event page says it is upcoming and links to the brief.
    await page.goto(`/events/${next.id}`);
    expect(await page.getByText('Upcoming', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Before you go' }).getAttribute('href')).toBe(`/events/${next.id}/brief`);

    // The weekly review of that earlier evening's week (any day of a week names it).
    await page.goto(`/review?week=${lastTime.toISOString().slice(0, 10)}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toMatch(/^Weekly review: \d{1,2}\D/);
    const events = await page.getByRole('region', { name: /^Events/ }).innerText();
    expect(events).toContain('Data Club, May');
    expect(await page.getByRole('region', { name: /^People met/ }).innerText()).toContain('Priya Patel');
    // "Copy" fetches the same Markdown as the download (the page no longer carries it) and puts it on the clipboard.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const copy = page.getByRole('button', { name: 'Copy', exact: true });
    await hydrated(copy);
    await copy.click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Copied as Markdown.' }).count()).toBe(1);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^# Weekly review \d{4}-W\d{2}/);
    expect(copied).toContain('Priya Patel');
    await expectNoHorizontalScroll(page);
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/review-390.png`, fullPage: true });

    // April's week met 26 people: the first 25 are listed, the heading counts all, and "Show all" lists the rest.
    await page.goto(`/review?week=${april.toISOString().slice(0, 10)}`);
    const met = page.getByRole('region', { name: 'People met (26)' });
    const guests = () => met.getByRole('listitem');
    await expect.poll(() => guests().count()).toBe(25);
    await met.getByRole('link', { name: 'Show all 26' }).click();
    await page.waitForURL((url) => url.searchParams.get('all') === '1');
    await expect.poll(() => guests().count()).toBe(26);
    expect(await met.getByRole('link', { name: /^Show all/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
