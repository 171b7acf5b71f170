import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, baseURL, DESKTOP, expectNoHorizontalScroll, launchBrowser, newContext, watchErrors } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Page object for the capture form. */
class CaptureForm {
  constructor(readonly page: Page) {}
  person(n: number): Locator {
    return this.page.getByRole('group', { name: `Person ${n}`, exact: true });
  }
  async fillPerson(n: number, p: { name?: string; role?: string; organisation?: string; sector?: string; relation?: string; notes?: string }) {
    const row = this.person(n);
    if (p.name) await row.getByLabel('Name (if you know it)').fill(p.name);
    if (p.role) await row.getByLabel('Role').fill(p.role);
    if (p.organisation) await row.getByLabel('Organisation').fill(p.organisation);
    if (p.sector) await row.getByLabel('Sector').fill(p.sector);
    if (p.notes) await row.getByLabel('A line of notes').fill(p.notes);
    if (p.relation) await row.getByText(p.relation, { exact: true }).click();
  }
  /** "Add a person" adds the next row and puts the cursor in its name. */
  async nextPerson(n: number) {
    await this.page.getByRole('button', { name: 'Add a person' }).click();
    await expect
      .poll(() =>
        this.person(n + 1)
          .getByLabel('Name (if you know it)')
          .evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
  }
  async addTopic(name: string) {
    const input = this.page.getByLabel('Topics of the evening', { exact: true });
    await input.fill(name);
    await input.press('Enter');
  }
  async save(label = 'Save event') {
    await this.page.getByRole('button', { name: label }).click();
    await this.page.waitForURL((url) => /^\/events\/[0-9a-f-]{36}$/.test(url.pathname));
    // The address can change before the event's page has arrived: wait for its own Edit link.
    const id = new URL(this.page.url()).pathname.split('/')[2];
    await this.page.locator(`main a[href="/events/${id}/edit"]`).waitFor();
  }
}

describe('logging an event on a phone', () => {
  it('logs an evening with five people, reloads halfway with the draft intact, saves it whole, then edits it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Nadia Networker');

    await page.getByRole('link', { name: 'Log an event' }).first().click();
    await page.waitForURL('**/events/new');
    // On the form itself the phone's header offers no "Log an event": a tap would only open the form again.
    await expect.poll(() => page.getByRole('link', { name: 'Log an event' }).filter({ visible: true }).count()).toBe(0);
    // Nor the tab bar, which the save bar covers: its links would take the keyboard's focus out of sight.
    expect(await page.getByRole('navigation', { name: 'Main' }).filter({ visible: true }).count()).toBe(0);
    const form = new CaptureForm(page);
    await page.getByLabel('Title').fill('CIO Club, April evening');
    await page.getByRole('button', { name: 'Yesterday' }).click();
    await page.getByLabel('Venue').fill('The Guildhall');
    await page.getByLabel('Series').fill('CIO Club monthly');
    // The phone keyboard's "Next" (Enter) goes to the next field of the person, not to a new blank person.
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    await form.person(1).getByLabel('Name (if you know it)').fill('Ada Byron');
    await form.person(1).getByLabel('Name (if you know it)').press('Enter');
    await expect.poll(focusedId).toMatch(/-role$/);
    await page.keyboard.type('CTO');
    await page.keyboard.press('Enter');
    await expect.poll(focusedId).toMatch(/-organisation$/);
    await page.keyboard.press('Enter');
    await expect.poll(focusedId).toMatch(/-sector$/);
    expect(await form.person(2).count()).toBe(0);
    expect(await form.person(1).getByLabel('Role').inputValue()).toBe('CTO');
    await form.fillPerson(1, { organisation: 'Analytical Engines', sector: 'Technology', relation: 'Speaker' });
    await form.nextPerson(1);
    // Known only by role and organisation: no name at all.
    await form.fillPerson(2, { role: 'Head of IT', organisation: 'County Council', sector: 'Government', notes: 'Moving to cloud in spring' });
    await form.nextPerson(2);
    await form.fillPerson(3, { name: 'Grace Hopper', role: 'Rear admiral', organisation: 'Navy', sector: 'Government' });
    await expectNoHorizontalScroll(page);
    // The save bar stays on screen while typing.
    expect(await page.getByRole('button', { name: 'Save event' }).isVisible()).toBe(true);

    // Halfway: the phone drops the page. Everything typed so far comes back.
    await page.reload();
    await expect.poll(() => page.getByText('Restored the draft you were writing on this device.').isVisible()).toBe(true);
    expect(await page.getByLabel('Title').inputValue()).toBe('CIO Club, April evening');
    expect(await page.getByLabel('Venue').inputValue()).toBe('The Guildhall');
    expect(await form.person(2).getByLabel('Role').inputValue()).toBe('Head of IT');
    expect(await form.person(2).getByLabel('A line of notes').inputValue()).toBe('Moving to cloud in spring');
    expect(await form.person(3).getByLabel('Name (if you know it)').inputValue()).toBe('Grace Hopper');
    expect(await form.person(1).getByRole('radio', { name: 'Speaker' }).isChecked()).toBe(true);

    await form.nextPerson(3);
    await form.fillPerson(4, { name: 'Tim Berners', organisation: 'Web Foundation', sector: 'Charity and non-profit' });
    await page.getByRole('button', { name: 'Add a person' }).click();
    await form.fillPerson(5, { name: 'Linus T', role: 'Maintainer', organisation: 'analytical engines' });
    for (const topic of ['Cloud', 'Open data', 'Procurement']) await form.addTopic(topic);
    await form.addTopic('cloud'); // same topic, other case: not added twice
    expect(await page.getByRole('list', { name: 'Topics of the evening added' }).getByRole('listitem').count()).toBe(3);

    await page.getByRole('button', { name: 'Add a fact' }).click();
    await page.getByRole('group', { name: 'Fact 1' }).getByLabel('What you heard').fill('40% of councils rely on one cloud supplier');
    // Here too "Next" goes on to who said it, not to a new blank fact.
    await page.getByRole('group', { name: 'Fact 1' }).getByLabel('What you heard').press('Enter');
    await expect.poll(focusedId).toMatch(/^fact-.*-person$/);
    expect(await page.getByRole('group', { name: 'Fact 2' }).count()).toBe(0);
    await page.getByRole('group', { name: 'Fact 1' }).getByLabel('Said by').selectOption({ label: 'Ada Byron' });
    await page.getByRole('button', { name: 'Add a fact' }).click();
    await page.getByRole('group', { name: 'Fact 2' }).getByLabel('What you heard').fill('Budgets fall 5% next year');

    await page.getByRole('button', { name: 'Add a follow-up' }).click();
    const fu1 = page.getByRole('group', { name: 'Follow-up 1' });
    await fu1.getByLabel('What you will do').fill('Send Ada the procurement report');
    await fu1.getByLabel('With').selectOption({ label: 'Ada Byron' });
    await fu1.getByRole('button', { name: 'Next week' }).click();
    await page.getByRole('button', { name: 'Add a follow-up' }).click();
    const fu2 = page.getByRole('group', { name: 'Follow-up 2' });
    await fu2.getByRole('button', { name: 'Tomorrow' }).click();
    await page.getByLabel('Reflection').fill('Councils want exit plans more than features.');
    await expectNoHorizontalScroll(page);

    // A follow-up begun (a date) but not yet said is refused beside it, not dropped without a word.
    await page.getByRole('button', { name: 'Save event' }).click();
    await expect.poll(() => fu2.getByText('Say what you will do').isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/events/new');
    await fu2.getByLabel('What you will do').fill('Introduce the head of IT to Grace');
    await form.save();
    await expect.poll(() => page.getByRole('heading', { name: 'CIO Club, April evening' }).isVisible()).toBe(true);
    const main = page.locator('main');
    expect(await main.getByRole('heading', { name: 'People (5)' }).isVisible()).toBe(true);
    for (const text of ['Ada Byron', 'Head of IT', 'Grace Hopper', 'Tim Berners', 'Linus T', 'Speaker', 'Procurement']) {
      expect(await main.getByText(text, { exact: true }).first().isVisible(), text).toBe(true);
    }
    // Grouped by sector, then organisation: both Analytical Engines people sit under Technology.
    const tech = main.getByRole('region', { name: 'Sector: Technology' });
    expect(await tech.getByRole('link', { name: 'Linus T' }).isVisible()).toBe(true);
    expect(await main.getByText('40% of councils rely on one cloud supplier').isVisible()).toBe(true);
    expect(await main.getByText('Send Ada the procurement report').isVisible()).toBe(true);
    expect(await main.getByText('Councils want exit plans more than features.').isVisible()).toBe(true);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rapport:event-draft:')))).toEqual([]);
    await expectNoHorizontalScroll(page);

    // Edit with the same form.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL('**/edit');
    expect(await form.person(2).getByLabel('Role').inputValue()).toBe('Head of IT');
    await page.getByLabel('Title').fill('CIO Club, April');
    await page.getByRole('button', { name: 'Remove topic Procurement' }).click();
    await form.save('Save changes');
    await expect.poll(() => page.getByRole('heading', { name: 'CIO Club, April', exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('Changes saved.').isVisible()).toBe(true);
    expect(await main.getByRole('link', { name: 'Procurement' }).count()).toBe(0);
    expect(await main.getByRole('heading', { name: 'People (5)' }).isVisible()).toBe(true);

    // Cancel throws an edit away, after asking: coming back does not restore it from the device.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL('**/edit');
    await page.getByLabel('Host').fill('Somebody else');
    // The bin on a person takes them off with Undo; their follow-up goes back to them with it.
    const adaFollowUp = async () => {
      for (const n of [1, 2]) {
        const group = page.getByRole('group', { name: `Follow-up ${n}` });
        if ((await group.getByLabel('What you will do').inputValue()) === 'Send Ada the procurement report') return group;
      }
      throw new Error('no follow-up for Ada');
    };
    const withWhom = async () => (await (await adaFollowUp()).getByLabel('With').locator('option:checked').innerText()).trim();
    expect(await withWhom()).toBe('Ada Byron');
    await form.person(1).getByRole('button', { name: 'Remove person 1' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Removed Ada Byron' }).isVisible()).toBe(true);
    expect(await withWhom()).toBe('Nobody in particular');
    await page.getByRole('status').filter({ hasText: 'Removed Ada Byron' }).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => form.person(1).getByLabel('Name (if you know it)').inputValue()).toBe('Ada Byron');
    expect(await withWhom()).toBe('Ada Byron');
    await expect.poll(() => page.evaluate(() => JSON.stringify(localStorage))).toContain('Somebody else');
    await page.getByRole('link', { name: 'Cancel' }).click();
    const discard = page.getByRole('dialog', { name: 'Discard your changes?' });
    await expect.poll(() => discard.isVisible()).toBe(true);
    // "Keep editing" is where the keyboard lands, and keeps everything.
    await discard.getByRole('button', { name: 'Keep editing' }).press('Enter');
    await expect.poll(() => discard.isVisible()).toBe(false);
    expect(await page.getByLabel('Host').inputValue()).toBe('Somebody else');
    await page.getByRole('link', { name: 'Cancel' }).click();
    await discard.getByRole('button', { name: 'Discard' }).click();
    await page.waitForURL((u) => !u.pathname.endsWith('/edit'));
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('Somebody else');
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL('**/edit');
    expect(await page.getByLabel('Host').inputValue()).not.toBe('Somebody else');
    expect(await page.getByText('Restored the draft').count()).toBe(0);

    // The list shows it with its counts; a series filter finds it.
    await page.goto('/events?series=CIO%20Club%20monthly');
    expect(await page.getByText('5 people').isVisible()).toBe(true);
    expect(await page.getByText('2 open follow-ups').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an edit from a second device is not overwritten: the loser sees what changed and keeps their text', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await new AuthPages(page).signUp('Two Devices');
    const created = await page.request.post('/api/v1/events', {
      headers: { Origin: baseURL() },
      data: { title: 'Breakfast briefing', startsAt: '2026-03-03T08:00:00Z', venue: 'Café' },
    });
    expect(created.status()).toBe(201);
    const { id } = await created.json();
    // A cookie-authenticated write from another site is refused.
    const crossSite = await page.request.post('/api/v1/events', {
      headers: { Origin: 'https://evil.example' },
      data: { title: 'Forged', startsAt: '2026-03-03T08:00:00Z' },
    });
    expect(crossSite.status()).toBe(403);
    // Naming the other site as the forwarded host does not make it this one (no trusted proxy here).
    const forwarded = await page.request.post('/api/v1/events', {
      headers: { Origin: 'https://evil.example', 'X-Forwarded-Host': 'evil.example' },
      data: { title: 'Forged', startsAt: '2026-03-03T08:00:00Z' },
    });
    expect(forwarded.status()).toBe(403);

    const phone = page;
    const laptop = await (await newContext(browser, DESKTOP)).newPage();
    await laptop.context().addCookies(await context.cookies());
    await phone.goto(`/events/${id}/edit`);
    await laptop.goto(`/events/${id}/edit`);
    await laptop.getByLabel('Venue').fill('Town hall');
    await laptop.getByRole('button', { name: 'Save changes' }).click();
    await laptop.waitForURL((u) => u.pathname === `/events/${id}`);

    await phone.getByLabel('Reflection').fill('My long reflection, typed on the train.');
    await phone.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => phone.getByRole('heading', { name: 'Changed on another device' }).isVisible()).toBe(true);
    expect(await phone.getByText('Saved elsewhere: Town hall').isVisible()).toBe(true);
    expect(await phone.getByLabel('Reflection').inputValue()).toBe('My long reflection, typed on the train.');
    // The phone had left the venue alone: the form now shows the laptop's, so saving keeps both edits.
    expect(await phone.getByLabel('Venue').inputValue()).toBe('Town hall');
    await phone.getByRole('button', { name: 'Save mine over theirs' }).click();
    await phone.waitForURL((u) => u.pathname === `/events/${id}`);
    expect(await phone.getByText('My long reflection, typed on the train.').isVisible()).toBe(true);
    expect(await phone.getByText('Town hall').first().isVisible()).toBe(true);

    // Delete asks first; Escape keeps it and puts focus back; then it can be undone.
    await phone.getByRole('button', { name: 'Delete' }).click();
    await phone.keyboard.press('Escape');
    await expect.poll(() => phone.getByRole('alertdialog').count()).toBe(0);
    await expect.poll(() => phone.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Delete');
    await phone.getByRole('button', { name: 'Delete' }).click();
    await phone.getByRole('button', { name: 'Delete event' }).click();
    await phone.waitForURL((u) => u.pathname === '/events');
    await expect.poll(() => phone.getByRole('button', { name: 'Undo' }).isVisible()).toBe(true);
    expect(
      await phone
        .locator('main')
        .getByRole('link', { name: /Breakfast briefing/ })
        .count(),
    ).toBe(0);
    await phone.getByRole('button', { name: 'Undo' }).click();
    await phone.waitForURL((u) => u.pathname === `/events/${id}`);
    expect(await phone.getByRole('heading', { name: 'Breakfast briefing' }).isVisible()).toBe(true);
    await laptop.context().close();
    await context.close();
  });

  it('a form opened before changes made elsewhere saves only its own edit: follow-ups added or snoozed and a person renamed meanwhile stand', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Stale Form');
    const headers = { Origin: baseURL() };
    const created = await page.request.post('/api/v1/events', {
      headers,
      data: {
        title: 'Digital leaders dinner',
        startsAt: '2026-03-05T19:00:00Z',
        people: [
          { name: 'Ada Byron', role: 'CTO', organisation: 'Analytical Engines' },
          { role: 'Head of IT', organisation: 'County Council' },
        ],
        followUps: [{ action: 'Send Ada the report', personIndex: 0 }],
      },
    });
    expect(created.status()).toBe(201);
    const event = await created.json();
    await page.goto(`/events/${event.id}/edit`);
    await expect.poll(() => page.getByLabel('Reflection').isVisible()).toBe(true);

    // Meanwhile, on another device: a follow-up added, the first one snoozed, Ada's role changed.
    expect((await page.request.post('/api/v1/follow-ups', { headers, data: { action: 'Compare notes on device policy', eventId: event.id } })).status()).toBe(
      201,
    );
    const first = event.followUps[0];
    expect((await page.request.patch(`/api/v1/follow-ups/${first.id}`, { headers, data: { due: '2026-04-01', version: first.version } })).status()).toBe(200);
    const ada = event.people[0];
    const adaNow = await (await page.request.get(`/api/v1/people/${ada.id}`)).json();
    expect((await page.request.patch(`/api/v1/people/${ada.id}`, { headers, data: { role: 'Chief Engineer', version: adaNow.version } })).status()).toBe(200);

    await page.getByLabel('Reflection').fill('Written on the way home.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL((u) => u.pathname === `/events/${event.id}`);
    const saved = await (await page.request.get(`/api/v1/events/${event.id}`)).json();
    expect(saved.reflection).toBe('Written on the way home.');
    expect(saved.followUps.map((f: { action: string }) => f.action).sort()).toEqual(['Compare notes on device policy', 'Send Ada the report']);
    expect(saved.followUps.find((f: { id: string }) => f.id === first.id).dueOn).toBe('2026-04-01');
    expect(saved.people.find((p: { id: string }) => p.id === ada.id).role).toBe('Chief Engineer');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Settings → API tokens: a token is shown once, logs an event with a bearer header, and stops working when revoked', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const { password } = await new AuthPages(page).signUp('Token Maker');
    await page.goto('/settings');
    await page.getByLabel('New token name').fill('Shortcuts on my phone');
    // Settings has several password fields (account changes too): this one is the token form's.
    await page.locator('#token-password').fill(password);
    await page.getByRole('button', { name: 'Create token' }).click();
    const tokenField = page.getByLabel('New API token');
    await expect.poll(() => tokenField.isVisible()).toBe(true);
    const token = await tokenField.inputValue();
    expect(token).toMatch(/^rap_/);
    await expectNoHorizontalScroll(page);

    const api = await (await browser.newContext({ baseURL: baseURL() })).request;
    const auth = { Authorization: `Bearer ${token}` };
    const created = await api.post('/api/v1/events', { headers: auth, data: { title: 'From a shortcut', startsAt: '2026-02-02T19:00:00Z' } });
    expect(created.status()).toBe(201);

    await page.reload();
    expect(await page.getByLabel('New API token').count()).toBe(0); // shown once only
    await page.getByRole('button', { name: 'Revoke token Shortcuts on my phone' }).click();
    await expect.poll(() => page.getByText('No tokens yet.').isVisible()).toBe(true);
    // A token revoked straight after it was made does not stay on screen to be copied.
    await page.getByLabel('New token name').fill('Oops');
    await page.locator('#token-password').fill(password);
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect.poll(() => tokenField.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Revoke token Oops' }).click();
    await expect.poll(() => page.getByText('No tokens yet.').isVisible()).toBe(true);
    expect(await tokenField.count()).toBe(0);
    expect((await api.get('/api/v1/events', { headers: auth })).status()).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('picking someone already known shows where you last met and what is open, and a likely duplicate is offered before saving', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Re Meeting');
    const first = await page.request.post('/api/v1/events', {
      headers: { Origin: baseURL() },
      data: {
        title: 'March mixer',
        startsAt: '2026-03-10T18:30:00Z',
        people: [{ name: 'Jane Roe', role: 'CFO', organisation: 'Acme', sector: 'Finance', email: 'jane@acme.test', topics: ['budgets'] }],
        followUps: [{ action: 'Send Jane the deck', personIndex: 0 }],
      },
    });
    const janeId = (await first.json()).people[0].id;

    await page.goto('/events/new');
    const form = new CaptureForm(page);
    await form.person(1).getByLabel('Name (if you know it)').fill('Jan');
    // By keyboard: the suggestion is announced, Down reaches it, Enter picks it.
    await expect.poll(() => form.person(1).getByRole('status').innerText()).toBe('One person you already know: press Down to choose.');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Jane Roe');
    await page.keyboard.press('Enter');
    // Focus goes back to the name, not to the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^person-.+-name$/);
    const known = form.person(1);
    await expect.poll(() => known.getByText('Someone you know').isVisible()).toBe(true);
    expect(await known.getByRole('link', { name: 'March mixer' }).isVisible()).toBe(true);
    expect(await known.getByText('Talked about budgets').isVisible()).toBe(true);
    expect(await known.getByText('Still to do: Send Jane the deck').isVisible()).toBe(true);
    expect(await known.getByLabel('Organisation').inputValue()).toBe('Acme');

    // No title and no date: the errors sit next to the fields, in words for a date picker, and nothing typed is lost.
    const date = await page.getByLabel('Date', { exact: true }).inputValue();
    await page.getByLabel('Date', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save event' }).click();
    await expect.poll(() => page.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#title-error').innerText()).toContain('Give the event a title');
    expect(await page.locator('#date-error').innerText()).toBe('Choose the date of the event');
    // Focus lands on the first field to fix.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('title');
    // A date out of range says which range, under Date and only there (the end falls on that date too).
    await page.getByLabel('Date', { exact: true }).fill('2999-12-31');
    await page.getByLabel('From').fill('21:00');
    await page.getByLabel('Until').fill('23:00');
    await page.getByRole('button', { name: 'Save event' }).click();
    await expect.poll(() => page.locator('#date-error').innerText()).toBe('Choose a date between 1900 and 2200');
    expect(await page.locator('#end-time-error').innerText()).toBe('');
    await page.getByLabel('Date', { exact: true }).fill(date);
    // An end before the start is read as after midnight, and the form says so.
    await page.getByLabel('From').fill('18:30');
    await page.getByLabel('Until').fill('01:00');
    expect(await page.locator('#end-time-hint').innerText()).toBe('Ends after midnight, the next day');
    await page.getByLabel('From').fill('');
    expect(await page.locator('#end-time-hint').count()).toBe(0);
    expect(await known.getByText('Someone you know').isVisible()).toBe(true);
    // Near a field's limit the hint counts; past it, it says so, and nothing is cut off.
    await page.getByLabel('Title').fill('x'.repeat(201));
    expect(await page.locator('#title-hint').innerText()).toBe('201 of 200 characters: too long to save');
    expect(await page.getByLabel('Title').inputValue()).toHaveLength(201);
    // Refused on saving, the error says it once; the count stays, without saying it again.
    await page.getByRole('button', { name: 'Save event' }).click();
    await expect.poll(() => page.locator('#title-error').innerText()).toBe('Keep it to 200 characters');
    expect(await page.locator('#title-hint').innerText()).toBe('201 of 200 characters');
    expect(await page.getByLabel('Title').inputValue()).toHaveLength(201);
    // Enter in the title moves on instead of saving.
    await page.getByLabel('Title').fill('April mixer');
    expect(await page.locator('#title-hint').count()).toBe(0);
    await page.getByLabel('Title').press('Enter');
    expect(await page.getByLabel('Date', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/events/new');

    // A second row with Jane's email is not silently made into a new person.
    await page.getByRole('button', { name: 'Add a person' }).click();
    await form.fillPerson(2, { name: 'Sam Roe', organisation: 'Acme' });
    await form.person(2).getByLabel('Email').fill('JANE@acme.test');
    await page.getByRole('button', { name: 'Save event' }).click();
    await expect.poll(() => form.person(2).getByText('Already in your contacts?').isVisible()).toBe(true);
    // Asked, not failed: the message above the form is in the question's amber, not an error's red.
    expect(await page.getByText('Some of these people may already be in your contacts.').getAttribute('data-ask')).toBe('true');
    expect(
      await page
        .getByText('Some of these people may already be in your contacts.')
        .evaluate((el) => getComputedStyle(el).color !== getComputedStyle(document.body).color),
    ).toBe(false);
    expect(new URL(page.url()).pathname).toBe('/events/new');
    expect(await form.person(2).getByLabel('Name (if you know it)').inputValue()).toBe('Sam Roe');
    await form.person(2).getByRole('button', { name: 'No, save as a new person' }).click();
    await form.save();
    expect(await page.getByRole('heading', { name: 'People (2)' }).isVisible()).toBe(true);
    expect(await page.locator('main').getByRole('link', { name: 'Jane Roe' }).first().getAttribute('href')).toBe(`/people/${janeId}`);
    // The same email: the evening's page still names the pair, as each person's page and Possible duplicates do.
    expect(
      await page
        .locator('li')
        .filter({ hasText: /^Sam Roe may be Jane Roe/ })
        .isVisible(),
    ).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signing out clears the draft kept on the device', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const auth = new AuthPages(page);
    const account = await auth.signUp('Shared Laptop');
    await page.goto('/events/new');
    await page.getByLabel('Title').fill('Private evening');
    await page.getByLabel('Reflection').fill('Not for the next person on this laptop');
    const draftOnDevice = () => page.evaluate(() => Object.entries(localStorage).find(([k]) => /^rapport:event-draft:[0-9a-f-]{36}:new$/.test(k))?.[1] ?? null);
    await expect.poll(draftOnDevice).toContain('Private evening');
    await auth.signOut();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rapport:')))).toEqual([]);
    await auth.signIn(account.email, account.password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/events/new');
    expect(await page.getByLabel('Title').inputValue()).toBe('');
    expect(await page.getByText('Restored the draft').count()).toBe(0);
    await context.close();
  });

  it('a session that ended without signing out never hands its draft to the next user of the device', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const auth = new AuthPages(page);
    await auth.signUp('First User');
    await page.goto('/events/new');
    await page.getByLabel('Title').fill('Private evening');
    await page.getByLabel('Reflection').fill('Not for the next person on this laptop');
    await expect.poll(() => page.evaluate(() => JSON.stringify(localStorage))).toContain('Private evening');
    // The session ends on its own (expired, or revoked elsewhere): the cookie goes, the draft stays behind.
    await context.clearCookies();
    await auth.signUp('Next User');
    await page.goto('/events/new');
    expect(await page.getByLabel('Title').inputValue()).toBe('');
    expect(await page.getByText('Restored the draft').count()).toBe(0);
    // The first user's draft is gone from the device too, once the form has started (an effect after hydration).
    await expect.poll(() => page.evaluate(() => JSON.stringify(localStorage))).not.toContain('Private evening');
    await context.close();
  });
});

describe('a tap that would cost an evening', () => {
  it('removing a person offers Undo that gives back their facts and follow-ups; Cancel asks before throwing the evening away', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Careful Thumbs');
    await page.goto('/events/new');
    const form = new CaptureForm(page);
    await page.getByLabel('Title').fill('Thumbs evening');
    await form.fillPerson(1, { name: 'Ada Lovelace', organisation: 'Analytical Ltd' });
    await form.nextPerson(1);
    await form.fillPerson(2, { role: 'Head of Digital', organisation: 'BBC' });
    // Left half-way (a tap on the logo): the dashboard offers to finish it, and it comes back whole.
    await expect.poll(() => page.evaluate(() => JSON.stringify(localStorage))).toContain('Head of Digital');
    await page.getByRole('link', { name: 'Rapport' }).filter({ visible: true }).first().click();
    await page.waitForURL((u) => u.pathname === '/');
    const finish = page.getByRole('link', { name: /Finish logging “Thumbs evening”/ });
    await expect.poll(() => finish.isVisible()).toBe(true);
    expect(await finish.innerText()).toContain('with 2 people');
    await finish.click();
    await page.waitForURL('**/events/new');
    await expect.poll(() => form.person(2).getByLabel('Organisation').inputValue()).toBe('BBC');
    await page.getByRole('button', { name: 'Add a fact' }).click();
    const fact = page.getByRole('group', { name: 'Fact 1', exact: true });
    await fact.getByLabel('What you heard').fill('80% of traffic is mobile');
    await fact.getByLabel('Said by').selectOption({ label: 'Head of Digital, BBC' });
    await page.getByRole('button', { name: 'Add a follow-up' }).click();
    const followUp = page.getByRole('group', { name: 'Follow-up 1', exact: true });
    await followUp.getByLabel('What you will do').fill('Send the device policy');
    await followUp.getByLabel('With').selectOption({ label: 'Head of Digital, BBC' });
    const said = () => fact.getByLabel('Said by').evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent);
    const withWhom = () => followUp.getByLabel('With').evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent);

    await form.person(2).getByRole('button', { name: 'Remove person 2' }).click();
    await expect.poll(() => form.person(2).count()).toBe(0);
    expect(await said()).toBe('Nobody in particular');
    expect(await withWhom()).toBe('Nobody in particular');
    // Focus stays where the row was (here the row before's bin), not at the top of the form.
    await expect
      .poll(() =>
        form
          .person(1)
          .getByRole('button', { name: 'Remove person 1' })
          .evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
    const toast = page.getByRole('status').filter({ hasText: 'Removed Head of Digital, BBC: 1 fact and 1 follow-up now with nobody' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => form.person(2).getByLabel('Organisation').inputValue()).toBe('BBC');
    expect(await form.person(2).getByLabel('Role').inputValue()).toBe('Head of Digital');
    expect(await said()).toBe('Head of Digital, BBC');
    expect(await withWhom()).toBe('Head of Digital, BBC');

    // Cancel asks; "Keep editing" has the focus, so Enter or a second stray tap keeps the evening.
    await page.getByRole('link', { name: 'Cancel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Discard this event?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Keep editing' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(new URL(page.url()).pathname).toBe('/events/new');
    expect(await page.getByLabel('Title').inputValue()).toBe('Thumbs evening');
    expect(await form.person(1).getByLabel('Name (if you know it)').inputValue()).toBe('Ada Lovelace');

    // Discard means it: the copy on the device goes too, and the next visit starts blank.
    await page.getByRole('link', { name: 'Cancel' }).click();
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await page.waitForURL((u) => u.pathname !== '/events/new');
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('Thumbs evening');
    await page.goto('/events/new');
    expect(await page.getByLabel('Title').inputValue()).toBe('');
    expect(await page.getByText('Restored the draft').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
