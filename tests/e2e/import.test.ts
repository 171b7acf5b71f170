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

const CARDS = 1200;

/**
 * A phone's export: many cards, one with an email that is not an address (imported without it, which the preview
 * says), and one with nothing to know the person by (left out, named by its line: that of this text).
 */
const NOTHING_LINE = 5 + CARDS * 6 + 1;
function vcardFile(): string {
  const cards: string[] = [['BEGIN:VCARD', 'VERSION:3.0', 'FN:Broken Mail', 'EMAIL:not an address', 'END:VCARD'].join('\r\n')];
  for (let i = 0; i < CARDS; i++) {
    cards.push(
      ['BEGIN:VCARD', 'VERSION:3.0', `FN:Contact ${i} Ünïcødé`, `ORG:Firm ${i % 40}\\, Ltd`, `EMAIL:contact${i}@example.test`, 'END:VCARD'].join('\r\n'),
    );
  }
  cards.push(['BEGIN:VCARD', 'VERSION:3.0', 'NOTE:Met at the bar', 'END:VCARD'].join('\r\n'));
  return cards.join('\r\n') + '\r\n';
}

describe('import at 390 px', () => {
  it('previews a file, keeps a row whose email is bad without it, names the row left out by line, imports the good rows with a progress bar that finishes, and a second import creates nothing', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Ivy Importer');

    // The API refuses a type it cannot read.
    const wrongType = await page.request.post('/api/v1/import', { headers: { Origin: baseURL(), 'Content-Type': 'text/plain' }, data: 'hello' });
    expect(wrongType.status()).toBe(415);
    expect(wrongType.headers()['content-type']).toContain('application/problem+json');
    // A file over 10 MB reaches the import whole: a proxy's copy of the body, cut at 10 MB, was imported as if it
    // were the file (here 4,000 of 6,000 rows, reported as a success).
    const note = 'n'.repeat(2_000);
    const big = `First Name,Last Name,Organization Name,Notes\n${Array.from({ length: 6_000 }, (_, i) => `Big${i},Row${i},Firm ${i % 50},${note}`).join('\n')}\n`;
    expect(big.length).toBeGreaterThan(12_000_000);
    const whole = await page.request.post('/api/v1/import?dryRun=true', { headers: { Origin: baseURL(), 'Content-Type': 'text/csv' }, data: big });
    expect(whole.status()).toBe(200);
    expect(((await whole.json()) as { created: number }).created).toBe(6_000);

    await page.goto('/settings');
    await page.getByRole('link', { name: 'Import contacts or a backup' }).click();
    await page.waitForURL('**/settings/import');
    // The browser's "Choose File · No file chosen" is drawn as a button of the app's own, which opens the picker; the
    // field behind it is still what the keyboard reaches.
    for (let i = 0; i < 40 && (await page.evaluate(() => document.activeElement?.id)) !== 'import-file'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-file');
    // Focused, the button drawn for it shows the focus ring.
    expect(await page.locator('label[for="import-file"]').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    const picker = page.waitForEvent('filechooser');
    await page.getByText('Choose a file', { exact: true }).click();
    await (await picker).setFiles({ name: 'phone.vcf', mimeType: 'text/vcard', buffer: Buffer.from(vcardFile()) });

    await expect
      .poll(
        () =>
          page
            .getByRole('status')
            .filter({ hasText: `${(CARDS + 1).toLocaleString('en-GB')} new, 0 to update, 0 to skip, 1 row with errors` })
            .count(),
        { timeout: 30_000 },
      )
      .toBe(1);
    expect(await page.getByText(`Line ${NOTHING_LINE}: No name, role or organisation to know them by`).count()).toBe(1);
    // The field chosen from is gone: focus is on what was found, not back at the top of the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Before anything is written: phone.vcf');
    const rows = page.getByRole('list', { name: 'What each row would do' }).getByRole('listitem');
    expect(await rows.count()).toBe(100);
    // A bad email costs the row only the email, and the row says so.
    expect(await rows.first().innerText()).toContain('Broken Mail');
    expect(await rows.first().innerText()).toContain('Email ‘not an address’ is not an address: kept in the notes');
    // The sector is chosen once per organisation, for all its rows: forty are listed closed, one by one on request.
    await page.locator('summary', { hasText: 'Choose sectors one by one' }).click();
    await page.getByLabel('Sector for Firm 1, Ltd (30 people)').selectOption('Finance');
    await expectNoHorizontalScroll(page);

    // Record every value the progress bar shows.
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { seen: number[] }).seen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[role=progressbar]');
        const v = bar?.getAttribute('aria-valuenow');
        if (v !== null && v !== undefined && seen.at(-1) !== Number(v)) seen.push(Number(v));
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    // The button after the rows, where a phone user who read them down to the end is.
    await page.getByRole('button', { name: 'Import the good rows' }).last().click();
    await expect
      .poll(
        () =>
          page
            .getByRole('status')
            .filter({ hasText: `${(CARDS + 1).toLocaleString('en-GB')} created, 0 updated, 0 skipped, 1 row left out` })
            .count(),
        { timeout: 30_000 },
      )
      .toBe(1);
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
    expect(seen.at(-1)).toBe(100);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    await expectNoHorizontalScroll(page);

    // The row left out is still named, by line, after the import.
    expect(await page.getByText(`Line ${NOTHING_LINE}: No name, role or organisation to know them by`).count()).toBe(1);

    // The organisation learnt the sector, and its people follow it.
    await page.goto('/people?sector=Finance');
    await expect.poll(() => page.getByRole('heading', { name: '30 people match' }).isVisible()).toBe(true);

    // The same file again: nothing new.
    // A dry run writes nothing, so it may be sent again when the server closed the idle keep-alive socket just as
    // this request went out on it (Node's 5 s keep-alive timeout against the pages visited since: ECONNRESET).
    const dryRun = () => page.request.post('/api/v1/import?dryRun=true', { headers: { Origin: baseURL(), 'Content-Type': 'text/vcard' }, data: vcardFile() });
    const again = await dryRun().catch((error: unknown) => {
      if (/ECONNRESET|socket hang up/.test(String(error))) return dryRun();
      throw error;
    });
    expect(again.status()).toBe(200);
    expect(await again.json()).toMatchObject({ created: 0, updated: 0, skipped: CARDS + 1, errors: [{ line: NOTHING_LINE }] });
    const refused = await page.request.post('/api/v1/import', { headers: { Origin: baseURL(), 'Content-Type': 'text/vcard' }, data: vcardFile() });
    expect(refused.status()).toBe(422);
    expect((await refused.json()).errors).toEqual([{ line: NOTHING_LINE, message: 'No name, role or organisation to know them by' }]);

    // Export downloads from Settings.
    await page.goto('/settings');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'People as vCard' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^rapport-people-\d{4}-\d{2}-\d{2}\.vcf$/);
    const exported = await page.request.get('/api/v1/export?format=vcard');
    expect((await exported.text()).match(/BEGIN:VCARD/g)).toHaveLength(CARDS + 1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an import undone from its result: the people it added go to Deleted, and the page says so', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Una Undo');
    await page.goto('/settings/import');
    const cards = ['Wrong File', 'Also Wrong']
      .map((n, i) => `BEGIN:VCARD\nVERSION:3.0\nFN:${n}\nORG:Wrongly Ltd\nEMAIL:w${i}@wrongly.gov.uk\nEND:VCARD`)
      .join('\n');
    await page.getByLabel('Choose a file, or drop it here').setInputFiles({ name: 'wrong.vcf', mimeType: 'text/vcard', buffer: Buffer.from(cards) });
    // No sector in the file: one guessed from their addresses, said beside the organisation and chosen in its list.
    await page.getByText('Government guessed from the .gov.uk email').waitFor();
    expect(await page.getByLabel(/^Sector for Wrongly Ltd/).inputValue()).toBe('Government');
    await page
      .getByRole('button', { name: /^Import/ })
      .last()
      .click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '2 created' }).count(), { timeout: 30_000 }).toBe(1);
    // Who it added, on their own, before deciding (in a second tab: the result stays where it is).
    // Listed under Recent imports at once, not only after the page is read again.
    await expect.poll(() => page.getByText('wrong.vcf', { exact: true }).count()).toBe(1);
    // ...pointing up to its result rather than offering its Undo a second time.
    expect(await page.getByText('Just imported: its result is above.').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Undo this import' }).count()).toBe(1);
    const result = page.getByRole('region', { name: 'Import result' });
    const added = await result.getByRole('link', { name: 'See the 2 people it added' }).getAttribute('href');
    expect(added).toMatch(/^\/people\?imported=/);
    const list = await context.newPage();
    await list.goto(added!);
    await expect.poll(() => list.getByRole('heading', { name: '2 people match' }).isVisible()).toBe(true);
    // Said above the list; on a phone the box to untick is among the filters, folded away.
    expect(await list.getByText(/^The 2 people added by your import of/).isVisible()).toBe(true);
    expect(await list.getByRole('checkbox', { name: /^Only those added by the import of/, includeHidden: true }).isChecked()).toBe(true);
    // Found to be the wrong file from here, it can be undone from here.
    expect(await list.getByRole('button', { name: 'Undo this import' }).count()).toBe(1);
    await expectNoHorizontalScroll(list);
    await list.close();
    // It asks first, saying how many it would touch: Escape keeps the import, even once a tap beside the question has
    // taken focus out of it, and focus goes back to the button.
    await result.getByRole('button', { name: 'Undo this import' }).click();
    const question = page.getByRole('alertdialog', {
      name: /^Undo this import\? The 2 people it added go to Deleted, where you can restore them for 30 days\. Anyone/,
    });
    expect(await question.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep it');
    await page.locator('main h1').click();
    expect(await page.evaluate(() => document.activeElement?.textContent)).not.toBe('Keep it');
    await page.keyboard.press('Escape');
    expect(await question.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Undo this import');
    await page.keyboard.press('Enter');
    await question.getByRole('button', { name: 'Undo the import' }).click();
    // The organisation it made goes with them, rather than staying behind in Organisations with nobody at it.
    await expect
      .poll(() =>
        result.getByRole('status').filter({ hasText: 'Undone: 2 people it added are in Deleted; 1 organisation it added has gone with them.' }).count(),
      )
      .toBe(1);
    // Here and, read again, under Recent imports.
    await expect.poll(() => page.getByRole('button', { name: 'Undo this import' }).count()).toBe(0);
    await expect.poll(() => page.getByText(/ · undone /).count()).toBe(1);
    // Undone, the way on is to everyone, not to the people it added.
    expect(await page.getByRole('link', { name: /it added/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'See your people' }).count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await result.getByRole('link', { name: 'See Deleted' }).click();
    await page.waitForURL('**/settings/deleted');
    expect(await page.getByText('Wrong File').isVisible()).toBe(true);
    await page.goto('/people');
    expect(await page.getByRole('link', { name: /Wrong File/ }).count()).toBe(0);
    // Its own list says what became of them, by the file's name, not advice about search words.
    await page.goto(added!);
    expect(await page.getByText('Nobody it added is in your contacts now.').isVisible()).toBe(true);
    expect(await page.getByText(/^Added by your import of wrong\.vcf \(.*\), which you undid on /).isVisible()).toBe(true);
    await page.goto('/organisations');
    expect(await page.getByText('Wrongly Ltd').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an import that only updated someone, undone, is put back whole: they have its values again, and the list says when', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Rae Redo');
    const headers = { Origin: baseURL() };
    const made = await page.request.post('/api/v1/people', { headers, data: { name: 'Ana Lima', email: 'ana@example.test' } });
    const ana = (await made.json()) as { id: string };
    const card = 'BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\nTITLE:Head of Spectrum\nEMAIL:ana@example.test\nEND:VCARD\n';
    const imported = await page.request.post('/api/v1/import', { headers: { ...headers, 'Content-Type': 'text/vcard' }, data: card });
    expect(await imported.json()).toMatchObject({ created: 0, updated: 1 });
    const role = async () => ((await (await page.request.get(`/api/v1/people/${ana.id}`)).json()) as { role: string | null }).role;

    await page.goto('/settings/import');
    const recent = page.getByRole('listitem').filter({ hasText: '1 person updated' });
    await hydrated(recent.getByRole('button', { name: 'Undo this import' }));
    await recent.getByRole('button', { name: 'Undo this import' }).click();
    await recent.getByRole('alertdialog').getByRole('button', { name: 'Undo the import' }).click();
    await expect.poll(() => recent.getByText('Undone: 1 person it updated has what they had before.').isVisible()).toBe(true);
    expect(await role()).toBeNull();
    // With nobody in Deleted, the way back is for the change it made (once the list, read again, says it was undone:
    // the row is drawn anew then).
    await expect.poll(() => recent.getByText(/ · undone /).isVisible()).toBe(true);
    const putBack = recent.getByRole('button', { name: 'Put back its changes to the person it updated' });
    await hydrated(putBack);
    await putBack.click();
    await expect.poll(() => recent.getByText('1 person it updated has its changes again.').isVisible()).toBe(true);
    expect(await role()).toBe('Head of Spectrum');
    await page.reload();
    await expect.poll(() => recent.getByText(/ · undone .*, brought back /).isVisible()).toBe(true);
    expect(await recent.getByRole('status').innerText()).toContain('Undone: 1 person it updated got back what they had, and then its changes again.');
    expect(await recent.getByRole('button', { name: /^Put back/ }).count()).toBe(0);
    await expectNoHorizontalScroll(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
