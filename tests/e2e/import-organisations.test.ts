import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, expectNoHorizontalScroll, hydrated, launchBrowser, newContext, watchErrors } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ORGANISATIONS = 12;
const PEOPLE = ORGANISATIONS + 1;

/**
 * A Google Contacts CSV: one person at each of twelve new organisations, the first labelled with a sector, and one
 * more at the twelfth written otherwise ("ORG 12 LIMITED").
 */
function csvFile(): string {
  const rows = Array.from({ length: ORGANISATIONS }, (_, i) => `Person,${i + 1},person${i + 1}@example.test,Org ${i + 1},${i === 0 ? 'Health' : ''}`);
  rows.push(`Person,${PEOPLE},person${PEOPLE}@example.test,ORG 12 LIMITED,`);
  return `First Name,Last Name,E-mail 1 - Value,Organization Name,Labels\n${rows.join('\n')}\n`;
}

describe('import preview with many organisations, at 390 px', () => {
  it('sums the organisations up in a closed list, keeps choices made in it when closed, and sets every one without a sector at once, with undo', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Olga Organiser');
    await page.goto('/settings/import');
    await page.getByLabel('Choose a file, or drop it here').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csvFile()) });
    await expect
      .poll(
        () =>
          page
            .getByRole('status')
            .filter({ hasText: `${PEOPLE} new, 0 to update, 0 to skip` })
            .count(),
        { timeout: 30_000 },
      )
      .toBe(1);

    // Closed: a line that sums them up, and no wall of selects before the first person.
    const summary = page.locator('summary', { hasText: 'Choose sectors one by one' });
    expect(await summary.innerText()).toContain('12 organisations, 12 of them new · 1 with a sector · 11 without');
    const org = (n: number) => page.getByLabel(`Sector for Org ${n} (`);
    expect(await org(2).isVisible()).toBe(false);
    // The twelfth written two ways is one organisation, and the preview says so with what it would write, above the
    // sectors (which someone not choosing any may pass over).
    const spelt = page.getByText('One organisation is written differently in the file');
    expect(await spelt.isVisible()).toBe(true);
    expect(
      await page
        .locator('section, div')
        .filter({ has: page.getByRole('heading', { name: /^Before anything is written/ }) })
        .last()
        .getByText('One organisation is written differently')
        .count(),
    ).toBe(1);
    expect(await page.getByRole('listitem').filter({ hasText: '“ORG 12 LIMITED” → Org 12 (new)' }).isVisible()).toBe(true);
    await expectNoHorizontalScroll(page);

    // Opened from the keyboard; choices made in it survive closing and opening it again.
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await page.getByLabel(/Org 12 \(2 people\)\s*Written “ORG 12 LIMITED” in the file/).count()).toBe(1);
    await org(2).selectOption('Media');
    await org(3).selectOption({ label: 'No sector' });
    expect(await org(1).inputValue()).toBe('Health');
    await summary.click();
    expect(await org(2).isVisible()).toBe(false);
    await summary.click();
    expect(await org(2).inputValue()).toBe('Media');
    expect(await org(3).inputValue()).toBe('');

    // One sector for the nine still without one: the file's Health, and both choices made by hand, stay.
    await page.getByLabel('Set the sector of every organisation without one').selectOption('Retail');
    await page.getByRole('button', { name: 'Set for 9 organisations' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '9 organisations set to Retail.' }).count()).toBe(1);
    expect(await Promise.all([1, 2, 3, 4, 12].map((n) => org(n).inputValue()))).toEqual(['Health', 'Media', '', 'Retail', 'Retail']);
    expect(await summary.innerText()).toContain('11 with a sector · 1 without');

    // Undo puts them back to none; the choices made by hand are kept.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Undone: 9 organisations without a sector again.' }).count()).toBe(1);
    expect(await Promise.all([1, 2, 3, 4, 12].map((n) => org(n).inputValue()))).toEqual(['Health', 'Media', '', '', '']);
    await page.getByRole('button', { name: 'Set for 9 organisations' }).click();
    await expectNoHorizontalScroll(page);

    await page
      .getByRole('button', { name: `Import ${PEOPLE}` })
      .last()
      .click();
    await expect
      .poll(
        () =>
          page
            .getByRole('status')
            .filter({ hasText: `Imported contacts.csv: ${PEOPLE} created` })
            .count(),
        { timeout: 30_000 },
      )
      .toBe(1);
    // The result says it again, done.
    expect(await page.getByText('One organisation was written differently in the file').isVisible()).toBe(true);
    expect(await page.getByRole('listitem').filter({ hasText: '“ORG 12 LIMITED” → Org 12 (new)' }).isVisible()).toBe(true);
    // What was chosen is what was imported.
    for (const [sector, heading] of [
      ['Retail', '10 people match'],
      ['Media', '1 person matches'],
      ['Health', '1 person matches'],
    ]) {
      await page.goto(`/people?sector=${encodeURIComponent(sector!)}`);
      await expect.poll(() => page.getByRole('heading', { name: heading }).isVisible()).toBe(true);
    }

    // Days later, away from the result: Settings → Import lists it by its file's name, with the way back.
    await page.goto('/settings/import');
    const recent = page.getByRole('listitem').filter({ hasText: 'contacts.csv' });
    await expect.poll(() => recent.getByText(`${PEOPLE} people added`).isVisible()).toBe(true);
    expect(await recent.getByRole('link', { name: `See the ${PEOPLE} people it added` }).isVisible()).toBe(true);
    await expectNoHorizontalScroll(page);
    await recent.getByRole('button', { name: 'Undo this import' }).click();
    await recent.getByRole('alertdialog').getByRole('button', { name: 'Undo the import' }).click();
    await expect
      .poll(() => recent.getByRole('status').innerText())
      .toContain(`Undone: ${PEOPLE} people it added are in Deleted; ${ORGANISATIONS} organisations it added have gone with them.`);
    expect(await recent.getByRole('link', { name: /^See the/ }).count()).toBe(0);
    // Read again, the undone import is still listed, saying so, with the way to bring its people back together.
    await page.reload();
    await expect.poll(() => recent.getByText(/· undone /).isVisible()).toBe(true);
    expect(await recent.getByRole('status').innerText()).toContain(`Undone: ${PEOPLE} people it added are in Deleted`);
    await expectNoHorizontalScroll(page);
    const restore = recent.getByRole('button', { name: `Bring back the ${PEOPLE} people from Deleted` });
    await hydrated(restore);
    await restore.click();
    await expect.poll(() => recent.getByText(`${PEOPLE} people are back in your contacts.`).isVisible()).toBe(true);
    // What the undo did is said as what happened since, not as "nobody is left there to bring back".
    expect(await recent.getByRole('status').first().innerText()).toContain(`Undone: ${PEOPLE} people it added went to Deleted, and all came back`);
    expect(await recent.getByText(/nobody is left there/).count()).toBe(0);
    // And so it says on any later visit, with when it was brought back.
    await page.reload();
    await expect.poll(() => recent.getByText(/· undone .*, brought back /).isVisible()).toBe(true);
    expect(await recent.getByRole('status').first().innerText()).toContain(`Undone: ${PEOPLE} people it added went to Deleted, and all came back`);
    expect(await recent.getByText(/nobody is left there/).count()).toBe(0);
    await recent.getByRole('link', { name: 'See those of them in your contacts' }).click();
    await expect.poll(() => page.getByRole('heading', { name: `${PEOPLE} people match` }).isVisible()).toBe(true);
    expect(await page.getByText(/which you undid on/).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
