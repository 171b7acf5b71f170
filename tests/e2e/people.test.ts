import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, baseURL, DESKTOP, expectNoHorizontalScroll, hydrated, launchBrowser, newContext, watchErrors } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const shots = process.env.PEOPLE_SHOTS;
async function shot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/people-e2e-${name}.png`, fullPage: true });
}

/** Logs one evening through the JSON API (same-origin cookie), as the capture form would. */
async function logEvening(page: Page) {
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const res = await page.request.post('/api/v1/events', {
    headers: { Origin: baseURL() },
    data: {
      title: 'CIO Club monthly',
      series: 'CIO Club',
      startsAt: daysAgo(6),
      topics: ['Cloud'],
      people: [
        {
          name: 'Priya Shah',
          role: 'Deputy Director',
          organisation: 'Department for Education',
          sector: 'Government',
          notes: 'Runs the schools data programme',
        },
        { role: 'Head of IT', organisation: 'Leeds City Council', sector: 'Government' },
        { name: 'Sarah Bloom', role: 'Head of Audience Data', organisation: 'BBC', sector: 'Media', topics: ['Audience data'] },
        { role: 'Producer', organisation: 'Channel 4' },
      ],
      insights: [{ text: '40% of schools still run servers on site', personIndex: 0 }],
    },
  });
  expect(res.status()).toBe(201);
}

describe('people in a real browser', () => {
  it('at 390 px: filter by sector, search with a typo, open a person, come back with the state intact', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Nina Networker');
    await logEvening(page);

    await page.goto('/people');
    await expect.poll(() => page.getByRole('heading', { name: '4 people' }).isVisible()).toBe(true);
    // On a phone each row still says which sector the person is in.
    const sarah = page.getByRole('link', { name: /Sarah Bloom/ });
    expect(await sarah.getByText(/^Media · Met /).isVisible()).toBe(true);
    // Known by role and organisation alone, with no sector: no empty line under the description.
    const producer = page.getByRole('link', { name: /Producer, Channel 4/ });
    const lines = (await producer.locator('p').allTextContents()).map((t) => t.trim());
    expect(lines).toHaveLength(3); // the description, then when met: once for a phone, once for the right-hand column
    expect(lines[0]).toBe('Producer, Channel 4');
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^Met /), expect.stringMatching(/^Met /)]);
    await shot(page, 'list');
    // A search with no words in it shows everyone and says why, rather than "3 people match".
    await page.goto('/people?q=%25');
    expect(await page.getByText('“%” has no letters or digits to search for').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: '4 people' }).isVisible()).toBe(true);
    // A word found in none of what a row shows: the row says where it was found.
    await page.goto('/people?q=cloud');
    expect(
      await page
        .getByRole('link', { name: /Priya Shah/ })
        .getByText('At CIO Club monthly, on Cloud')
        .isVisible(),
    ).toBe(true);
    // Words nobody has, not even some of them: one message, not "these match some of them" over an empty list.
    await page.goto('/people?q=zxqv+wwyj');
    expect(await page.getByText('No one matches. Try fewer words, or clear a filter.').isVisible()).toBe(true);
    expect(await page.getByText('No one matches every word').count()).toBe(0);
    // Sorted from beside the count: by name, the nameless by the role they are shown by, A to Z.
    await page.goto('/people');
    await hydrated(page.getByLabel('Sort'));
    await page.getByLabel('Sort').focus();
    await page.getByLabel('Sort').selectOption('name');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'name');
    const titles = () => page.locator('a.pl-row p.font-medium').allTextContents();
    await expect.poll(titles).toEqual(['Head of IT, Leeds City Council', 'Priya Shah', 'Producer, Channel 4', 'Sarah Bloom']);
    // The list changed under the control, which kept focus: the keyboard goes on from where it was.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sort');
    await page.getByLabel('Sort').selectOption('added');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'added');
    await expect.poll(() => sarah.locator('.pl-phone').innerText()).toMatch(/^Media · Added /);
    await page.goto('/people');
    await page.getByRole('button', { name: 'Show filters' }).click();
    const government = page.getByRole('checkbox', { name: /Government/ });
    await government.check();
    await page.waitForURL((u) => u.searchParams.getAll('sector').includes('Government'));
    await expect.poll(() => page.getByRole('heading', { name: '2 people match' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: /Head of IT, Leeds City Council/ }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: /Sarah Bloom/ }).count()).toBe(0);
    await expectNoHorizontalScroll(page);
    await shot(page, 'filtered');
    // On a phone the results are below the filters: a button at their foot says how many and closes them on the results.
    await page.getByRole('button', { name: 'Show 2 people' }).click();
    expect(await government.isVisible()).toBe(false);
    await expect.poll(() => page.getByRole('heading', { name: '2 people match' }).evaluate((h) => h.getBoundingClientRect().top < innerHeight)).toBe(true);
    await page.getByRole('button', { name: 'Show filters' }).click();
    // The organisation box suggests the user's organisations as they type, and filters by what they typed.
    await page.getByLabel('Organisation').fill('leeds');
    await expect
      .poll(() => page.locator('#organisation-options option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)))
      .toEqual(['Leeds City Council']);
    await page.waitForURL((u) => u.searchParams.get('organisation') === 'leeds');
    await expect.poll(() => page.getByRole('heading', { name: '1 person matches' }).isVisible()).toBe(true);
    await page.getByLabel('Organisation').fill('');
    await page.waitForURL((u) => !u.searchParams.has('organisation'));
    await expect.poll(() => page.getByRole('heading', { name: '2 people match' }).isVisible()).toBe(true);

    await page.getByLabel('Search people').fill('departmnt educaton');
    await page.waitForURL((u) => u.searchParams.get('q') === 'departmnt educaton');
    await expect.poll(() => page.getByRole('heading', { name: '1 person matches' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: /Priya Shah/ }).click();
    await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { name: 'Priya Shah', level: 1 }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'CIO Club monthly' }).first().getAttribute('href')).toMatch(/^\/events\//);
    expect(await page.getByText('40% of schools still run servers on site').isVisible()).toBe(true);
    await expectNoHorizontalScroll(page);
    await shot(page, 'person');

    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/people' && u.searchParams.get('q') === 'departmnt educaton');
    expect(new URL(page.url()).searchParams.getAll('sector')).toEqual(['Government']);
    await expect.poll(() => page.getByLabel('Search people').inputValue()).toBe('departmnt educaton');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('edits with a version check (keeping the typed text), marks private, deletes with undo, and downloads a vCard', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp();
    await page.goto('/people/new');
    // Reached with Tab on a phone, each field is above the save bar and the navigation under it, not behind them.
    await page.locator('#name').focus();
    for (const field of ['role', 'organisationName', 'sectorId', 'email', 'phone', 'links', 'notes', 'topics']) {
      await page.keyboard.press('Tab');
      const [id, bottom, barTop] = await page.evaluate(() => [
        document.activeElement?.id,
        document.activeElement!.getBoundingClientRect().bottom,
        document.querySelector('[data-bar-over-nav]')!.getBoundingClientRect().top,
      ]);
      expect(id).toBe(field);
      expect(bottom, `${field} is behind the save bar`).toBeLessThanOrEqual(barTop as number);
    }
    await page.getByLabel('Role').fill('Head of IT');
    await page.getByLabel('Organisation').fill('Leeds City Council');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect.poll(() => page.locator('#email-error').innerText()).toContain('Enter an email address');
    expect(await page.getByLabel('Role').inputValue()).toBe('Head of IT');
    // A bad link says which line it is, blank lines counted as the user sees them.
    await page.getByLabel('Email').fill('it@leeds.example');
    await page.getByLabel('Links').fill('https://leeds.example\n\nlinkedin.com/in/head of it');
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect.poll(() => page.locator('#links-error').innerText()).toContain('Line 3, “linkedin.com/in/head of it”: A link cannot contain spaces');
    await page.getByLabel('Links').fill('https://leeds.example');
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { name: 'Head of IT, Leeds City Council', level: 1 }).isVisible()).toBe(true);
    const id = new URL(page.url()).pathname.split('/').pop()!;

    // Adding the same email again (in capitals) asks first, names who it matches, and adds only when told to.
    await page.goto('/people/new');
    await page.getByLabel('Name', { exact: true }).fill('Dee Duplicate');
    await page.getByLabel('Email').fill('IT@Leeds.example');
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect.poll(() => page.locator('#form-message').innerText()).toContain('You may already have this person.');
    const known = page.getByRole('list', { name: 'People you already have' });
    expect(await known.getByRole('link', { name: 'Head of IT, Leeds City Council' }).getAttribute('href')).toBe(`/people/${id}`);
    expect(await known.innerText()).toContain('(same email)');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Dee Duplicate');
    // On a phone the answer would be a screen above the button: focus goes to it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('form-message');
    // Typing over the answer withdraws "save anyway": the next save checks again.
    await page.getByLabel('Name', { exact: true }).fill('Dee Duplicated');
    expect(await page.getByRole('button', { name: 'No, save as a new person' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'No, save as a new person' }).count()).toBe(1);
    await page.getByLabel('Name', { exact: true }).fill('Dee Duplicate');
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByRole('button', { name: 'No, save as a new person' }).click();
    await page.waitForURL((u) => /\/people\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(id));
    expect(await page.getByRole('heading', { name: 'Dee Duplicate', level: 1 }).isVisible()).toBe(true);
    await page.goto(`/people/${id}`);

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/\/edit$/);
    // Someone else saves first.
    const patched = await page.request.patch(`/api/v1/people/${id}`, { headers: { Origin: baseURL() }, data: { name: 'Dana Scully', version: 1 } });
    expect(patched.status()).toBe(200);
    await page.getByLabel('Notes').fill('Wants the procurement report');
    await page.getByRole('checkbox', { name: 'Don’t name them in public posts' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('#form-message').innerText()).toContain('changed this person');
    expect(await page.locator('#form-message').innerText()).toContain('Dana Scully');
    expect(await page.getByLabel('Notes').inputValue()).toBe('Wants the procurement report');
    // The name the user did not touch now shows theirs, so saving again keeps both edits.
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Dana Scully');
    await shot(page, 'conflict');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL((u) => u.pathname === `/people/${id}`);
    expect(await page.getByText('Not named in public posts').isVisible()).toBe(true);
    expect(await page.getByText('Wants the procurement report').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Dana Scully', level: 1 }).isVisible()).toBe(true);

    // A topic renamed on another device while the form was open: the stale form is refused, shows the new name in
    // the field the user left alone, and saving again keeps the rename (no topic of the old name comes back).
    const { version } = (await (await page.request.get(`/api/v1/people/${id}`)).json()) as { version: number };
    const topicked = await page.request.patch(`/api/v1/people/${id}`, { headers: { Origin: baseURL() }, data: { topics: ['Open data'], version } });
    expect(topicked.status()).toBe(200);
    await page.goto(`/people/${id}/edit`);
    const topicsBefore = (await (await page.request.get('/api/v1/topics')).json()) as { items: { id: string; name: string }[] };
    const openData = topicsBefore.items.find((t) => t.name === 'Open data')!;
    const renamed = await page.request.patch(`/api/v1/topics/${openData.id}`, { headers: { Origin: baseURL() }, data: { name: 'Open government data' } });
    expect(renamed.status()).toBe(200);
    await page.getByLabel('Phone').fill('07700 900123');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('#form-message').innerText()).toContain('Topics is now: Open government data');
    expect(await page.getByLabel('Topics').inputValue()).toBe('Open government data');
    expect(await page.getByLabel('Phone').inputValue()).toBe('07700 900123');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL((u) => u.pathname === `/people/${id}`);
    const topicsAfter = (await (await page.request.get('/api/v1/topics')).json()) as { items: { name: string }[] };
    expect(topicsAfter.items.map((t) => t.name)).toEqual(['Open government data']);
    const saved = (await (await page.request.get(`/api/v1/people/${id}`)).json()) as { phone: string; topics: string[] };
    expect(saved).toMatchObject({ phone: '07700 900123', topics: ['Open government data'] });

    const vcard = await page.request.get(`/api/v1/people/${id}/vcard`);
    expect(vcard.headers()['content-type']).toContain('text/vcard');
    expect(await vcard.text()).toContain('ORG:Leeds City Council');

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL((u) => u.pathname === '/people');
    expect(await page.getByRole('status').innerText()).toContain('was deleted');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.waitForURL((u) => u.pathname === `/people/${id}`);

    // Another account cannot see it: 404, like a missing id.
    const other = await newContext(browser);
    const otherPage = await other.newPage();
    await new AuthPages(otherPage).signUp();
    const res = await otherPage.goto(`/people/${id}`);
    expect(res?.status()).toBe(404);
    expect((await otherPage.request.get(`/api/v1/people/${id}`)).status()).toBe(404);
    expect((await otherPage.request.get('/api/v1/people?q=leeds')).ok()).toBe(true);
    expect((await (await otherPage.request.get('/api/v1/people?q=leeds')).json()).items).toEqual([]);
    await other.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a likely duplicate can take what was typed: empty fields filled, nothing known replaced, the rest in the notes', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Ada Adder');
    await page.goto('/people/new');
    await page.getByLabel('Name', { exact: true }).fill('Ahmed Khan');
    await page.getByLabel('Role').fill('Head of IT');
    await page.getByLabel('Organisation').fill('HMRC');
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/').pop()!;

    await page.goto('/people/new');
    await page.getByLabel('Name', { exact: true }).fill('Ahmed Khan');
    await page.getByLabel('Role').fill('Deputy Director');
    await page.getByLabel('Organisation').fill('HMRC');
    await page.getByLabel('Email').fill('ahmed@hmrc.example');
    await page.getByLabel('Notes').fill('Glasses; ex-Accenture');
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect.poll(() => page.locator('#form-message').innerText()).toContain('You may already have this person.');
    await page.getByRole('button', { name: 'Add these details to Ahmed Khan' }).click();
    await page.waitForURL((u) => u.pathname === `/people/${id}`);
    expect(await page.getByRole('status').filter({ hasText: 'Added what you typed.' }).count()).toBe(1);
    const body = await page.locator('main').innerText();
    expect(body).toContain('ahmed@hmrc.example');
    expect(body).toContain('Glasses; ex-Accenture');
    // The role they had stays; the one typed is kept in the notes.
    expect(body).toContain('Head of IT');
    expect(body).toContain('Role: Deputy Director');
    // One person, not two.
    const list = await page.request.get('/api/v1/people?q=ahmed', { headers: { Origin: baseURL() } });
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);
    await expectNoHorizontalScroll(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('two people who only look alike are kept apart in one tap, with undo, and not asked about again (390 px)', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Nia Namesake');
    const add = async (email: string) => {
      const res = await page.request.post('/api/v1/people', { headers: { Origin: baseURL() }, data: { name: 'John Smith', organisationName: 'HMRC', email } });
      expect(res.status()).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const first = await add('john.smith@hmrc.example');
    await add('j.smith2@hmrc.example');
    await page.goto(`/people/${first}`);
    const card = page.getByRole('heading', { name: 'Possibly the same person' });
    await expect.poll(() => card.isVisible()).toBe(true);
    const notSame = page.getByRole('button', { name: /^Not the same person/ });
    await notSame.click();
    // Namesakes are told apart by what differs: their email.
    const toast = page
      .getByRole('status')
      .filter({ hasText: /Kept as two people: John Smith \(j[.a-z0-9]*@hmrc\.example\) and John Smith \(j[.a-z0-9]*@hmrc\.example\)/ });
    await expect.poll(() => toast.isVisible()).toBe(true);
    expect(await card.count()).toBe(0);
    await shot(page, 'not-same');
    // A mistaken tap is taken back: the pair is offered again.
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => card.isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => card.isVisible()).toBe(true);
    await notSame.click();
    await expect.poll(() => toast.isVisible()).toBe(true);
    // Read afresh, the pair is asked about nowhere.
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'John Smith', level: 1 }).isVisible()).toBe(true);
    expect(await card.count()).toBe(0);
    await page.goto('/people/duplicates');
    await expect.poll(() => page.getByText('No duplicates found').isVisible()).toBe(true);
    await expectNoHorizontalScroll(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('organisations that are one under two names are offered for merging: merged in a tap, or kept as two, with undo (390 px)', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Omar Organised');
    // As an import of an address book leaves them: initials beside the full name, a slip of the thumb beside the name.
    for (const [name, organisationName] of [
      ['Ann Lee', 'HMRC'],
      ['Bob Hall', 'HM Revenue & Customs'],
      ['Cy Moss', 'HM Revenue & Customs'],
      ['Di Fox', 'Cabinet Office'],
      ['Ed Kay', 'Cabinet Ofice'],
    ]) {
      const res = await page.request.post('/api/v1/people', { headers: { Origin: baseURL() }, data: { name, organisationName } });
      expect(res.status()).toBe(201);
    }
    await page.goto('/organisations');
    const card = page.getByRole('heading', { name: 'These may be one organisation' });
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await page.getByText('HMRC may be short for HM Revenue & Customs').isVisible()).toBe(true);
    expect(await page.getByText('spelt a letter apart').isVisible()).toBe(true);
    await expectNoHorizontalScroll(page);
    await shot(page, 'organisations-alike');

    // Two that only look alike: kept as two in a tap, the toast can take it back, and a reload does not ask again.
    const notSame = page.getByRole('button', { name: 'Not the same organisation: Cabinet Office and Cabinet Ofice' });
    await notSame.click();
    const toast = page.getByRole('status').filter({ hasText: 'Kept as two organisations: Cabinet Office and Cabinet Ofice' });
    await expect.poll(() => toast.isVisible()).toBe(true);
    expect(await page.getByText('spelt a letter apart').count()).toBe(0);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByText('spelt a letter apart').isVisible()).toBe(true);
    await notSame.click();
    await expect.poll(() => toast.isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await page.getByText('spelt a letter apart').count()).toBe(0);

    // One under two names: merged into the one with more people, and the merge can be undone from its banner.
    expect(await page.getByText('HMRC may be short for HM Revenue & Customs · 2 people, 1 person · merging keeps HM Revenue & Customs').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Merge: HMRC into HM Revenue & Customs' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'HM Revenue & Customs', level: 1 }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: 'People (3)' }).isVisible()).toBe(true);
    expect(await page.getByText('Also known as “HMRC”').isVisible()).toBe(true);
    await page.goto('/organisations');
    await expect.poll(() => page.getByRole('link', { name: /^HM Revenue & Customs .*3 people/ }).isVisible()).toBe(true);
    expect(await card.count()).toBe(0);

    // Undone, the two are back, and either one's page offers the other.
    await page.goBack();
    await page.getByRole('button', { name: /^Undo merge/ }).click();
    await expect.poll(() => page.getByRole('link', { name: 'HMRC' }).first().isVisible()).toBe(true);
    await page.getByRole('link', { name: 'HMRC' }).first().click();
    await expect.poll(() => page.getByRole('heading', { name: 'HMRC', level: 1 }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: 'Possibly the same organisation' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Merge it into this one: HM Revenue & Customs into HMRC' }).isVisible()).toBe(true);
    await shot(page, 'organisation-alike');
    await expectNoHorizontalScroll(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a desktop the filters sit beside the results; sectors can be added in Settings', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await new AuthPages(page).signUp();
    await logEvening(page);
    await page.goto('/people');
    expect(await page.getByRole('checkbox', { name: /Media/ }).isVisible()).toBe(true);
    await shot(page, 'desktop');
    await page.goto('/settings');
    await page.getByLabel('New sector').fill('Space industry');
    await page.getByRole('button', { name: 'Add sector' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Rename Space industry' }).isVisible()).toBe(true);
    await page.getByLabel('New sector').fill('space industry');
    await page.getByRole('button', { name: 'Add sector' }).click();
    await expect.poll(() => page.locator('#new-sector-error').innerText()).toContain('already have');
    await context.close();
  });
});
