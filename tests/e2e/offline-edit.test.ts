import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AuthPages, baseURL, expectNoHorizontalScroll, launchBrowser, newContext, watchErrors } from '../support/browser';
import { afterThisTest, badge, logOffline, loseSignal, openFormOffline, phone, regainSignal, titlesOnServer, waitUntilReadyOffline } from './offline-support';

/*
 * An evening saved on the phone with no signal is never lost by opening it again to edit: it stays in "Waiting to
 * send", counted and listed, held back from sending while it is being edited, until the edited version is saved over
 * it (under the same key, so it is created once) or the user lets it go as it was, or discards it (with Undo).
 */

/** The outbox, opened from the phone; it has read what waits once a card or "Nothing waiting" shows. */
async function openOutbox(page: Page, first: string | null) {
  await page.goto('/outbox');
  await expect.poll(() => (first ? page.getByRole('heading', { name: first, exact: true }) : page.getByText('Nothing waiting')).isVisible()).toBe(true);
}

/** One waiting event's card in the outbox. */
const card = (page: Page, title: string): Locator => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

const BEING_EDITED = 'Being edited on this device — not sent yet.';
const EDITING_BANNER = 'Editing an event waiting to send.';

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

describe('editing an evening that waits to send', () => {
  it('keeps it in the outbox while it is edited and after leaving the form, holds it back when the signal returns, and sends the edited version once', async () => {
    const { context, page } = await phone();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Edna Edit');
    await waitUntilReadyOffline(page, ['/outbox']);

    await loseSignal(context);
    await openFormOffline(page);
    await logOffline(page, 'Cyber breakfast', ['Priya Shah']);
    await logOffline(page, 'Data leaders dinner', ['Ana Lima']);
    await expect.poll(() => badge(page, '2 waiting to send').isVisible()).toBe(true);

    // Open and edit: the form opens with it, and says what it is; the outbox still holds it and counts it.
    await openOutbox(page, 'Cyber breakfast');
    await card(page, 'Cyber breakfast').getByRole('button', { name: 'Open and edit' }).click();
    await page.waitForURL((u) => u.pathname === '/events/new');
    await expect.poll(() => page.getByText(EDITING_BANNER).isVisible()).toBe(true);
    expect(await page.getByLabel('Title').inputValue()).toBe('Cyber breakfast');
    expect(await page.getByRole('button', { name: 'Put it back unchanged' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Start over' }).count()).toBe(0);
    await expect.poll(() => badge(page, '2 waiting to send').isVisible()).toBe(true);
    await expectNoHorizontalScroll(page);

    // Leaving the form without saving strands nothing: the event is still listed, as being edited, with its actions.
    await page.getByLabel('Title').fill('Cyber breakfast at the BBC');
    await openOutbox(page, 'Cyber breakfast');
    const cyber = card(page, 'Cyber breakfast');
    expect(await cyber.getByText(BEING_EDITED).isVisible()).toBe(true);
    for (const name of ['Continue editing', 'Send as it was', 'Discard']) expect(await cyber.getByRole('button', { name }).isVisible(), name).toBe(true);
    expect(await page.getByText('Nothing waiting').count()).toBe(0);
    expect(await badge(page, '2 waiting to send').isVisible()).toBe(true);
    await expectNoHorizontalScroll(page);

    // A second one cannot be opened over it, and the first stays listed and counted.
    await card(page, 'Data leaders dinner').getByRole('button', { name: 'Open and edit' }).click();
    await expect.poll(() => page.getByText('You are editing “Cyber breakfast” on this phone.').isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/outbox');
    expect(await cyber.getByText(BEING_EDITED).isVisible()).toBe(true);
    expect(await card(page, 'Data leaders dinner').getByText(BEING_EDITED).count()).toBe(0);

    // Continue editing: the form opens with the changes made so far.
    await cyber.getByRole('button', { name: 'Continue editing' }).click();
    await page.waitForURL((u) => u.pathname === '/events/new');
    await expect.poll(() => page.getByText(EDITING_BANNER).isVisible()).toBe(true);
    expect(await page.getByLabel('Title').inputValue()).toBe('Cyber breakfast at the BBC');

    // "Put it back unchanged" empties the form, and offers Undo, which brings the edit back, held again.
    await page.getByRole('button', { name: 'Put it back unchanged' }).click();
    await expect.poll(() => page.getByLabel('Title').inputValue()).toBe('');
    const toast = page.getByRole('status').filter({ hasText: 'Put back as it was' });
    await expect.poll(() => toast.isVisible()).toBe(true);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByLabel('Title').inputValue()).toBe('Cyber breakfast at the BBC');
    await expect.poll(() => page.getByText(EDITING_BANNER).isVisible()).toBe(true);
    await page.getByLabel('Reflection').fill('Priya is moving the BBC to a second cloud.');

    // The signal comes back mid-edit: the other evening goes; this one waits for its edit to be saved.
    await regainSignal(context);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => titlesOnServer(page)).toEqual(['Data leaders dinner']);
    await expect.poll(() => badge(page, '1 waiting to send').isVisible()).toBe(true);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    expect(await titlesOnServer(page)).toEqual(['Data leaders dinner']);

    // A reload (now from the network) brings the edit back, still as the event waiting to send.
    await page.reload();
    await expect.poll(() => page.getByText(EDITING_BANNER).isVisible()).toBe(true);
    expect(await page.getByLabel('Title').inputValue()).toBe('Cyber breakfast at the BBC');
    expect(await page.getByLabel('Reflection').inputValue()).toBe('Priya is moving the BBC to a second cloud.');

    // Saved: the edited version is created, once, and nothing waits any more.
    await page.getByRole('button', { name: 'Save event' }).click();
    await page.waitForURL((u) => /^\/events\/[0-9a-f-]{36}$/.test(u.pathname));
    expect(await titlesOnServer(page)).toEqual(['Cyber breakfast at the BBC', 'Data leaders dinner']);
    await expect.poll(() => badge(page, /waiting to send/).count()).toBe(0);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const saved = (await (await page.request.get(`/api/v1/events/${id}`)).json()) as { reflection: string | null; people: { name: string | null }[] };
    expect(saved.reflection).toBe('Priya is moving the BBC to a second cloud.');
    expect(saved.people.map((p) => p.name)).toEqual(['Priya Shah']);

    // Sending again finds nothing to send: one event each, never two.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await openOutbox(page, null);
    expect(await titlesOnServer(page)).toEqual(['Cyber breakfast at the BBC', 'Data leaders dinner']);
    // The form on this phone is blank again: nothing left to restore.
    await page.goto('/events/new');
    await expect.poll(() => page.getByRole('heading', { name: 'Log an event' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Title').inputValue()).toBe('');
    expect(await page.getByText('Restored the draft').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('sends an event being edited as it was only once the changes are confirmed dropped, and a discard can be undone', async () => {
    const { context, page } = await phone();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Otto Outbox');
    await waitUntilReadyOffline(page, ['/outbox']);

    await loseSignal(context);
    await openFormOffline(page);
    await logOffline(page, 'Board dinner', ['Sam Stone']);
    await openOutbox(page, 'Board dinner');
    await card(page, 'Board dinner').getByRole('button', { name: 'Open and edit' }).click();
    await page.waitForURL((u) => u.pathname === '/events/new');
    await expect.poll(() => page.getByText(EDITING_BANNER).isVisible()).toBe(true);
    await page.getByLabel('Title').fill('Board dinner, renamed');

    // Back in the outbox, "Send as it was" asks first: the form's changes would be dropped.
    await openOutbox(page, 'Board dinner');
    const board = card(page, 'Board dinner');
    await board.getByRole('button', { name: 'Send as it was' }).click();
    const ask = board.getByRole('group', { name: 'The form has changes to this event. Send it as it was, without them?' });
    await expect.poll(() => ask.isVisible()).toBe(true);
    await expect.poll(() => isFocused(ask.getByRole('button', { name: 'Keep the changes' }))).toBe(true);
    await ask.getByRole('button', { name: 'Keep the changes' }).click();
    await expect.poll(() => isFocused(board.getByRole('button', { name: 'Send as it was' }))).toBe(true);
    expect(await board.getByText(BEING_EDITED).isVisible()).toBe(true);

    await board.getByRole('button', { name: 'Send as it was' }).click();
    await ask.getByRole('button', { name: 'Drop the changes and send' }).click();
    await expect.poll(() => board.getByRole('button', { name: 'Open and edit' }).isVisible()).toBe(true);
    expect(await board.getByText(BEING_EDITED).count()).toBe(0);
    expect(await page.getByText('“Board dinner” will be sent as it was when you are back online.').isVisible()).toBe(true);
    // The form's copy went with the changes.
    expect(await page.evaluate(() => Object.values(localStorage).some((v) => v.includes('Board dinner, renamed')))).toBe(false);

    // Discard takes it off the phone, with Undo.
    await board.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => page.getByText('Nothing waiting').isVisible()).toBe(true);
    const toast = page.getByRole('status').filter({ hasText: 'Discarded “Board dinner”' });
    await expect.poll(() => toast.isVisible()).toBe(true);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => board.isVisible()).toBe(true);
    await expect.poll(() => badge(page, '1 waiting to send').isVisible()).toBe(true);

    // Back online, it goes as it was, once.
    await regainSignal(context);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => titlesOnServer(page)).toEqual(['Board dinner']);
    await expect.poll(() => page.getByText('Nothing waiting').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('the capture form never drops a draft silently', () => {
  it('"Start over" offers Undo, and answering a likely duplicate by keyboard moves focus on to the next prompt, then to Save', async () => {
    const browser = await launchBrowser();
    afterThisTest(() => browser.close());
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Stella Start');
    const origin = new URL(baseURL()).origin;
    for (const [name, organisationName] of [
      ['Priya Shah', 'BBC'],
      ['Tom Reed', 'Ofcom'],
    ]) {
      expect((await page.request.post('/api/v1/people', { data: { name, organisationName }, headers: { Origin: origin } })).status()).toBe(201);
    }

    await page.goto('/events/new');
    await page.getByLabel('Title').fill('Spring mixer');
    await expect.poll(() => page.getByText('Draft kept on this device').isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByText('Restored the draft you were writing on this device.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Start over' }).click();
    await expect.poll(() => page.getByLabel('Title').inputValue()).toBe('');
    // Focus stays in the form (on the title), not on the page.
    await expect.poll(() => isFocused(page.getByLabel('Title'))).toBe(true);
    const toast = page.getByRole('status').filter({ hasText: 'Started over' });
    await expect.poll(() => toast.isVisible()).toBe(true);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByLabel('Title').inputValue()).toBe('Spring mixer');
    // Undone, it is kept on the device again: a reload brings it back.
    await page.reload();
    await expect.poll(() => page.getByText('Restored the draft you were writing on this device.').isVisible()).toBe(true);
    expect(await page.getByLabel('Title').inputValue()).toBe('Spring mixer');

    // Two people typed who look like people already known: the save asks about each.
    const row = (n: number) => page.getByRole('group', { name: `Person ${n}`, exact: true });
    await row(1).getByLabel('Name (if you know it)').fill('Priya Shah');
    await row(1).getByLabel('Organisation').fill('BBC');
    await page.getByRole('button', { name: 'Add a person' }).click();
    await row(2).getByLabel('Name (if you know it)').fill('Tom Reed');
    await row(2).getByLabel('Organisation').fill('Ofcom');
    await page.getByRole('button', { name: 'Save event' }).click();
    await expect.poll(() => row(2).getByText('Already in your contacts?').isVisible()).toBe(true);
    await expect.poll(() => row(1).getByText('Already in your contacts?').isVisible()).toBe(true);

    // The first question takes focus where it is asked, not the message at the top of the form.
    await expect.poll(() => isFocused(row(1).getByRole('button', { name: 'Same person' }))).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => row(1).getByText('Someone you know').isVisible()).toBe(true);
    await expect.poll(() => isFocused(row(2).getByRole('button', { name: 'Same person' }))).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => row(2).getByText('Someone you know').isVisible()).toBe(true);
    await expect.poll(() => isFocused(page.getByRole('button', { name: 'Save event' }))).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => /^\/events\/[0-9a-f-]{36}$/.test(u.pathname));
    const people = (await (await page.request.get('/api/v1/people')).json()) as { items: unknown[] };
    expect(people.items).toHaveLength(2);
    expect(errors).toEqual([]);
  });
});
