import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, expectNoHorizontalScroll, launchBrowser, newContext } from '../support/browser';
import { api, createEventViaApi, PostEditorPage } from './posts-support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const URL_LIKE = `https://maps.example.com/place/${'a1b2c3d4'.repeat(18)}`.slice(0, 190);
const ORG = 'Departmentforlevellingupcommunitiesandhousingandlocalgovernmentdigitaltransformationunit';
const TOPIC = 'Hyperconvergedinfrastructuremodernisationprogramme';
const EMAIL = 'niamh.brown@departmentforworkandpensionsdigitalandtechnology.example';

describe('long unbroken text at 390 px', () => {
  it('a pasted link, a long organisation or topic never makes a page scroll sideways', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await new AuthPages(page).signUp('Lena Long');
    const eventId = await createEventViaApi(context, {
      title: `Breakfast ${'Supercalifragilisticexpialidocious'.repeat(4)}`,
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      venue: URL_LIKE,
      host: ORG,
      series: ORG.slice(0, 60),
      summary: URL_LIKE,
      reflection: `${URL_LIKE} ${ORG}`,
      topics: [TOPIC],
      people: [{ name: 'Niamh Brown', role: 'Head of Digital', organisation: ORG, sector: 'Government', email: EMAIL, topics: [TOPIC], notes: URL_LIKE }],
      insights: [{ text: URL_LIKE, personIndex: 0 }],
      followUps: [{ action: `Read ${URL_LIKE}`, personIndex: 0 }],
    });
    const event = (await (await api(context, 'GET', `/api/v1/events/${eventId}`)).json()) as {
      people: { id: string; organisation: { id: string } | null }[];
    };
    const person = event.people[0]!;
    // A second Niamh Brown with the same email: a duplicate to compare.
    const twin = await api(context, 'POST', '/api/v1/people', { name: 'Niamh Brown', email: EMAIL, organisationName: ORG, notes: URL_LIKE });
    expect(twin.status()).toBe(201);
    const twinId = ((await twin.json()) as { id: string }).id;

    const pages = [
      '/',
      '/events',
      `/events/${eventId}`,
      `/events/${eventId}/edit`,
      '/people',
      `/people/${person.id}`,
      `/people/${person.id}/edit`,
      '/organisations',
      `/organisations/${person.organisation!.id}`,
      '/follow-ups',
      '/people/duplicates',
      `/people/merge?keep=${person.id}&other=${twinId}`,
      '/settings',
    ];
    const wide: string[] = [];
    for (const path of pages) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) wide.push(`${path}: ${overflow} px too wide`);
    }
    expect(wide).toEqual([]);

    // Typing a long topic into a new event's form.
    await page.goto('/events/new');
    await page.getByLabel('Topics of the evening').fill(TOPIC);
    await page.getByLabel('Topics of the evening').press('Enter');
    await expect.poll(() => page.getByRole('list', { name: 'Topics of the evening added' }).innerText()).toContain(TOPIC);
    await expectNoHorizontalScroll(page);

    // The post editor, with the long text in its body and preview.
    await new PostEditorPage(page).writeFromEvent(eventId);
    await expectNoHorizontalScroll(page);
    await context.close();
  });
});
