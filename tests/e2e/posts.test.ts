import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthPages, baseURL, DESKTOP, expectNoHorizontalScroll, hydrated, launchBrowser, newContext, watchErrors } from '../support/browser';
import { api, createEventViaApi, PostEditorPage } from './posts-support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const evening = () => ({
  title: 'CIO Club: April',
  startsAt: new Date(Date.now() - 86_400_000).toISOString(),
  venue: 'the Guildhall',
  series: 'CIO Club',
  reflection: 'Worth the trip for the open data panel.\n\nPrivate: Tom is thinking of leaving Acme.',
  topics: ['open data'],
  people: [
    { name: 'Jane Smith', role: 'Chief Digital Officer', organisation: 'HM Treasury', sector: 'Government', relation: 'spoke' },
    { role: 'Head of IT', organisation: 'Home Office', sector: 'Government' },
    { name: 'Tom Secret', role: 'CTO', organisation: 'Acme', sector: 'Technology', email: 'tom@acme.test', notes: 'Thinking of leaving' },
  ],
  insights: [{ text: '40% still run COBOL', personIndex: 0 }],
  followUps: [{ action: 'Book a demo with Acme' }],
});

describe('the reflective post', () => {
  it('from the event page to a draft, edited with autosave, surviving a reload', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Ada Lovelace');
    const eventId = await createEventViaApi(context, evening());
    // An evening gone by leads with its post, above Edit; "Before you go" (who you will see) is for evenings to come.
    await page.goto(`/events/${eventId}`);
    expect(await page.getByRole('link', { name: 'Before you go' }).count()).toBe(0);
    const write = await page.getByRole('button', { name: 'Write a post' }).boundingBox();
    const edit = await page.getByRole('link', { name: 'Edit', exact: true }).boundingBox();
    expect(write!.y).toBeLessThan(edit!.y);
    const editor = new PostEditorPage(page);
    await editor.writeFromEvent(eventId);
    expect(await editor.title().inputValue()).toBe('Reflections on CIO Club: April');
    const generated = await editor.body().inputValue();
    expect(generated).toContain('Jane Smith, chief digital officer at HM Treasury, gave the talk. The figure that stayed with me: 40% still run COBOL.');
    expect(generated).not.toContain('Thinking of leaving');
    // Follow-ups are the user's own to-do list: in a draft only when asked for.
    expect(generated).not.toContain('Book a demo with Acme');
    await expectNoHorizontalScroll(page);

    await editor.body().fill(`${generated}\nA line I added myself.`);
    await editor.waitSaved();
    // A long title wraps rather than being cut at 390 px; it stays one line of text: Enter goes on to the post.
    const oneLine = (await editor.title().boundingBox())!.height;
    const long = 'What I learnt at the CIO Club in December about cloud, AI and procurement';
    await editor.title().fill(long);
    await expect.poll(async () => (await editor.title().boundingBox())!.height).toBeGreaterThan(oneLine * 1.5);
    await editor.title().press('End');
    await editor.title().press('Enter');
    await expect.poll(() => editor.body().evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await editor.title().inputValue()).toBe(long);
    await editor.waitSaved();
    await page.reload();
    expect(await editor.title().inputValue()).toBe(long);
    expect(await editor.body().inputValue()).toContain('A line I added myself.');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => page.getByTestId('post-preview').innerText()).toContain('A line I added myself.');
    await expectNoHorizontalScroll(page);

    await page.goto('/posts');
    expect(await page.getByRole('link', { name: /What I learnt at the CIO Club in December/ }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a draft holds the follow-ups when "Include my follow-ups" is ticked', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await new AuthPages(page).signUp();
    const eventId = await createEventViaApi(context, evening());
    const editor = new PostEditorPage(page);
    await editor.writeFromEvent(eventId, 'Narrative', { followUps: true });
    expect(await editor.body().inputValue()).toMatch(/book a demo with Acme/i);
    await context.close();
  });

  it('the editor shows what each sentence was written from, by keyboard at 390 px', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp();
    const eventId = await createEventViaApi(context, evening());
    const editor = new PostEditorPage(page);
    await editor.writeFromEvent(eventId);

    const summary = page.locator('summary', { hasText: 'Where this draft came from' });
    await summary.focus();
    await page.keyboard.press('Enter');
    const item = page
      .getByRole('list', { name: 'Sentences and their sources' })
      .getByRole('listitem')
      .filter({ hasText: 'The figure that stayed with me' })
      .first();
    await item.waitFor();
    const from = item.getByRole('list', { name: 'Written from' });
    expect(await from.innerText()).toContain('Fact: 40% still run COBOL');
    expect(await from.innerText()).toContain('Person: Jane Smith, chief digital officer at HM Treasury');
    await expectNoHorizontalScroll(page);

    await item.getByRole('button', { name: 'Show in the draft' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page.evaluate(() => {
          const t = document.activeElement as HTMLTextAreaElement | null;
          return t?.tagName === 'TEXTAREA' ? t.value.slice(t.selectionStart, t.selectionEnd) : null;
        }),
      )
      .toBe('The figure that stayed with me: 40% still run COBOL.');

    // A sentence the user rewrites is marked as edited, not pointed at.
    await editor.body().fill((await editor.body().inputValue()).replace('The figure that stayed with me', 'What struck me'));
    expect(await item.innerText()).toContain('You have edited this sentence since.');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Settings → Writing: headings and a sign-off shape the next draft; a bad value is refused beside its field', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp();
    await page.goto('/settings');
    await page.getByLabel('Use headings').selectOption('on');
    const signOff = page.getByLabel('Sign-off (optional)');
    await signOff.fill('x'.repeat(121));
    await page.getByRole('button', { name: 'Save writing settings' }).click();
    await page.getByText('Keep the sign-off to 120 characters').waitFor();
    expect(await signOff.inputValue()).toBe('x'.repeat(121));
    expect(await signOff.getAttribute('aria-invalid')).toBe('true');
    await expectNoHorizontalScroll(page);

    await signOff.fill('Onwards, Ada');
    await page.getByRole('button', { name: 'Save writing settings' }).click();
    await page.getByText('Saved. New drafts will be written this way.').waitFor();
    const eventId = await createEventViaApi(context, evening());
    const editor = new PostEditorPage(page);
    await editor.writeFromEvent(eventId);
    const body = await editor.body().inputValue();
    expect(body).toContain('## The talk');
    expect(body.trimEnd().endsWith('Onwards, Ada')).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a save from another tab is a conflict: my text stays, nothing is overwritten until I choose', async () => {
    const context = await newContext(browser, DESKTOP);
    const a = await context.newPage();
    await new AuthPages(a).signUp();
    const eventId = await createEventViaApi(context, evening());
    const created = await api(context, 'POST', `/api/v1/events/${eventId}/post`, { style: 'summary' });
    const postId = ((await created.json()) as { id: string }).id;
    const b = await context.newPage();
    const tabA = new PostEditorPage(a);
    const tabB = new PostEditorPage(b);
    await a.goto(`/posts/${postId}`);
    await b.goto(`/posts/${postId}`);
    // Typed into before React took the editors over, the text was not the editor's (a flaky run under load).
    await hydrated(tabA.body());
    await hydrated(tabB.body());
    await tabB.body().fill('Written in tab B');
    await tabB.waitSaved();
    await tabA.body().fill('Written in tab A');
    await expect.poll(() => tabA.saveState(), { timeout: 15_000 }).toBe('conflict');
    const banner = a.getByRole('alert').filter({ hasText: 'changed in another window' });
    await banner.waitFor();
    expect(await tabA.body().inputValue()).toBe('Written in tab A');
    expect(((await (await api(context, 'GET', `/api/v1/posts/${postId}`)).json()) as { markdown: string }).markdown).toBe('Written in tab B');

    await a.getByText('Show the other version').click();
    expect(await banner.innerText()).toContain('Written in tab B');
    await a.getByRole('button', { name: 'Keep my version' }).click();
    await tabA.waitSaved();
    expect(((await (await api(context, 'GET', `/api/v1/posts/${postId}`)).json()) as { markdown: string }).markdown).toBe('Written in tab A');
    await context.close();
  });

  it('a fact marked off the record after the draft was written: the editor says so, asks before copying it, and cuts it on request', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp();
    const eventId = await createEventViaApi(context, evening());
    const editor = new PostEditorPage(page);
    const postId = await editor.writeFromEvent(eventId);
    expect(await editor.body().inputValue()).toContain('40% still run COBOL');
    expect(await page.getByText('you marked off the record').count()).toBe(0);

    const facts = (await (await api(context, 'GET', '/api/v1/facts')).json()) as { items: { id: string; text: string }[] };
    const fact = facts.items.find((f) => f.text === '40% still run COBOL')!;
    expect((await api(context, 'PATCH', `/api/v1/facts/${fact.id}`, { offTheRecord: true })).status()).toBe(200);
    await page.goto(`/posts/${postId}`);
    const notice = page.getByRole('note').filter({ hasText: 'This draft quotes a fact you marked off the record' });
    await notice.waitFor();
    await expectNoHorizontalScroll(page);
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/post-off-the-record-390.png` });

    // Publishing says the public page will show "[…]" there.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    expect(await page.getByRole('alertdialog').innerText()).toContain('It quotes a fact you marked off the record');
    await page.getByRole('button', { name: 'Not yet' }).click();

    // Copying takes a second tap once told.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate(() => navigator.clipboard.writeText('untouched'));
    await page.getByRole('button', { name: 'Copy the Markdown' }).click();
    await page.getByText('or tap Copy again to copy it as it is').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('untouched');

    await notice.getByRole('button', { name: 'Cut it from the draft' }).click();
    await expect.poll(() => editor.body().inputValue()).not.toContain('COBOL');
    expect(await editor.body().inputValue()).toContain('[…]');
    await editor.waitSaved();
    await expect.poll(() => notice.count()).toBe(0);
    const stored = (await (await api(context, 'GET', `/api/v1/posts/${postId}`)).json()) as { markdown: string };
    expect(stored.markdown).not.toContain('COBOL');

    // Titled with the fact alone, the title would read only "[…]": said beside it, and the question offers no
    // "Publish now" (the server would refuse it), only the way back to the title.
    await editor.title().fill('40% still run COBOL');
    await editor.waitSaved();
    await expect.poll(() => page.getByText('The title reads only “[…]” once what is off the record is cut').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    expect(await page.getByRole('alertdialog').innerText()).toContain('Its title would read only “[…]”');
    expect(await page.getByRole('button', { name: 'Publish now' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Change the title' }).click();
    await expect.poll(() => editor.title().evaluate((el) => el === document.activeElement)).toBe(true);

    // Titled after the fact, the draft's address quotes it; publishing gives it a new one. The editor's copy is still
    // the text, so writing on saves, rather than meeting a conflict with itself.
    await editor.title().fill('Heard: 40% still run COBOL');
    await editor.waitSaved();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    // The question says where, first: in the title, which a reader would see as "[…]"; and leads back to it.
    expect(await page.getByRole('alertdialog').innerText()).toContain(
      'Its title quotes a fact you marked off the record: readers would see “[…]” in the headline.',
    );
    await page.getByRole('button', { name: 'Change the title' }).click();
    await expect.poll(() => editor.title().evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    // Published as it is all the same, it goes out at an address without the fact.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('button', { name: 'Publish now' }).click();
    // Said in two lines of the pinned bar: the address itself is the link, and in the field under the post.
    await page.getByText(/^Published at a new address: the old one quoted a fact/).waitFor();
    const publicHref = (await page.getByRole('link', { name: 'a new address' }).getAttribute('href'))!;
    expect(publicHref).toMatch(/\/heard$/);
    // Out now, the note above the editor speaks of the post, not of a draft.
    await expect.poll(() => page.getByRole('note').filter({ hasText: 'This post quotes a fact you marked off the record' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Cut it from the post' }).count()).toBe(1);
    const published = (await (await api(context, 'GET', `/api/v1/posts/${postId}`)).json()) as { slug: string; status: string };
    expect(published).toMatchObject({ status: 'published', slug: 'heard' });
    // Out, an edit is held from readers until "Update the public page": a title the cut leaves as "[…]" is saved (it is
    // the author's) and said beside it; the update's question says so first and offers no button that can only fail,
    // but the way back to the title. Readers keep the last title with words.
    await editor.title().fill('40% still run COBOL');
    await editor.waitSaved();
    await page.getByText('give it words of its own before you update the public page').waitFor();
    await page.getByRole('button', { name: 'Update the public page' }).click();
    const update = page.getByRole('alertdialog', { name: 'Update the public page? Readers will see your edits.' });
    expect(await update.innerText()).toContain('Its title would read only “[…]”');
    expect(await update.getByRole('button', { name: 'Update now' }).count()).toBe(0);
    await update.getByRole('button', { name: 'Change the title' }).click();
    await expect.poll(() => editor.title().evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await editor.title().inputValue()).toBe('40% still run COBOL');
    const seen = async () => (await context.request.get(publicHref)).text();
    expect(await seen()).toContain('Heard: […]');
    await editor.title().fill('Heard at the CIO breakfast');
    await editor.waitSaved();
    await editor.body().press('End');
    await editor.body().pressSequentially(' Written on after publishing.');
    await editor.waitSaved();
    expect(((await (await api(context, 'GET', `/api/v1/posts/${postId}`)).json()) as { markdown: string }).markdown).toContain('Written on after publishing.');
    expect(await seen()).not.toContain('Written on after publishing.');
    await page.getByRole('button', { name: 'Update the public page' }).click();
    await update.getByRole('button', { name: 'Update now' }).click();
    await page.getByText('Updated: the public page now shows your edits.').waitFor();
    expect(await seen()).toContain('Written on after publishing.');
    expect(await seen()).toContain('Heard at the CIO breakfast');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an edit of a published post waits for "Update the public page", and can be put back, at 390 px', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp();
    const eventId = await createEventViaApi(context, { ...evening(), people: [evening().people[0]] });
    const editor = new PostEditorPage(page);
    const postId = await editor.writeFromEvent(eventId);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('button', { name: 'Publish now' }).click();
    const view = page.getByRole('link', { name: 'View the public page' });
    const href = (await view.getAttribute('href'))!;
    const reader = await (await newContext(browser)).newPage();
    const read = async () => {
      await reader.goto(href);
      return reader.locator('.h-entry .e-content').innerText();
    };
    const before = await read();
    // Said before the first edit: the edit will not be public until the author says so.
    await page.getByRole('note').filter({ hasText: 'readers see them once you tap “Update the public page”' }).waitFor();

    await editor.body().press('Control+End');
    await editor.body().pressSequentially(' And a half-written thou');
    await editor.waitSaved();
    expect(await read()).toBe(before);
    const note = page.getByRole('note').filter({ hasText: 'Readers still see the public page as you last published it' });
    await note.waitFor();
    // "Published. Anyone with the link can read it." no longer says what readers see: it goes.
    expect(await page.getByText('Published. Anyone with the link can read it.').count()).toBe(0);
    // The list says so too.
    const list = await (await context.request.get('/posts')).text();
    expect(list).toContain('Edited since: not yet on the public page');
    await editor.body().pressSequentially('ght, finished.');
    await editor.waitSaved();
    // Asked first, as publishing is: whom it names, and the rest, read once more.
    await page.getByRole('button', { name: 'Update the public page' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Update the public page? Readers will see your edits.' });
    expect(await ask.innerText()).toContain('It names Jane Smith.');
    await ask.getByRole('button', { name: 'Update now' }).click();
    await page.getByText('Updated: the public page now shows your edits.').waitFor();
    expect(await read()).toContain('And a half-written thought, finished.');
    // The button pressed is gone: focus is on the one in its place.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('View the public page');

    // Edited again, then put back: the editor shows the published text, and readers never saw the edit.
    await editor.body().press('Control+End');
    await editor.body().pressSequentially(' Second thoughts I would rather not keep.');
    await editor.waitSaved();
    expect(await read()).not.toContain('Second thoughts');
    await note.getByRole('button', { name: 'Put back the published text' }).click();
    // Asked first, with focus on the answer that loses nothing.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Keep my edits');
    await page.keyboard.press('Enter');
    expect(await editor.body().inputValue()).toContain('Second thoughts');
    // Focus goes back to the button that asked; asked again, Escape keeps them too.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Put back the published text');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Keep my edits');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Put back the published text');
    await note.getByRole('button', { name: 'Put back the published text' }).click();
    await note.getByRole('button', { name: 'Put it back' }).click();
    await expect.poll(() => editor.body().inputValue()).not.toContain('Second thoughts');
    await expect.poll(() => editor.body().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText('Put back: this is the text readers see.').waitFor();
    expect(await editor.body().inputValue()).toContain('And a half-written thought, finished.');
    await page.getByRole('note').filter({ hasText: 'This post is published.' }).waitFor();
    // The editor's copy is the saved one: writing on saves, with no conflict with itself.
    await editor.body().press('Control+End');
    await editor.body().pressSequentially(' Kept.');
    await editor.waitSaved();
    const saved = (await (await api(context, 'GET', `/api/v1/posts/${postId}`)).json()) as { markdown: string; unpublishedChanges: boolean };
    expect(saved).toMatchObject({ unpublishedChanges: true });
    expect(saved.markdown).toMatch(/finished\. Kept\.$/);
    expect(await read()).not.toContain('Second thoughts');
    await expectNoHorizontalScroll(page);

    // Saved meanwhile in another tab: this one's update is refused, said in words that fit, with the way on.
    const other = await context.newPage();
    await other.goto(`/posts/${postId}`);
    const otherEditor = new PostEditorPage(other);
    await hydrated(otherEditor.body());
    await otherEditor.body().press('Control+End');
    await otherEditor.body().pressSequentially(' From the other tab.');
    await otherEditor.waitSaved();
    await page.getByRole('button', { name: 'Update the public page' }).click();
    await page.getByRole('button', { name: 'Update now' }).click();
    await page.getByText('Not updated: this post was changed in another tab or device since this one saved it.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Reload' }).count()).toBe(1);
    expect(await read()).not.toContain('From the other tab.');
    await other.close();
    expect(errors).toEqual([]);
    await Promise.all([reader.context().close(), context.close()]);
  });

  it('regenerate asks before replacing edits, and keeps them when told to', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await new AuthPages(page).signUp();
    const eventId = await createEventViaApi(context, evening());
    const editor = new PostEditorPage(page);
    await editor.writeFromEvent(eventId, 'Social post');
    await editor.body().fill('My own careful words');
    await editor.waitSaved();

    await page.locator('summary', { hasText: 'Regenerate from the event' }).click();
    await page.getByLabel('Style').selectOption('summary');
    await page.getByRole('button', { name: 'Regenerate from the event' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replace your draft?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Keep my draft' }).click();
    expect(await editor.body().inputValue()).toBe('My own careful words');

    await page.getByRole('button', { name: 'Regenerate from the event' }).click();
    await dialog.getByRole('button', { name: 'Replace my draft' }).click();
    await expect.poll(() => editor.body().inputValue()).toContain('## People');
    // The save status may still read "saved" from before until autosave picks the new draft up: wait for the
    // server to have it rather than for the badge.
    const postId = page.url().split('/').pop();
    const stored = async () => (await (await api(context, 'GET', `/api/v1/posts/${postId}`)).json()) as { style: string; title: string; slug: string };
    await expect.poll(async () => (await stored()).style, { timeout: 15_000 }).toBe('summary');
    // Never published, so its address follows the new title: on the server, and in the field without a reload.
    expect(await stored()).toMatchObject({ style: 'summary', title: 'CIO Club: April: summary', slug: 'cio-club-april-summary' });
    await expect.poll(() => page.getByLabel('Public address').inputValue()).toBe('cio-club-april-summary');
    await editor.waitSaved();
    await context.close();
  });

  it('publish: a public page with h-entry and Open Graph, an index and a valid feed; unpublish removes it; exports download', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await new AuthPages(page).signUp('Grace Hopper');
    const eventId = await createEventViaApi(context, evening());
    const editor = new PostEditorPage(page);
    const postId = await editor.writeFromEvent(eventId);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download Markdown' }).click();
    const md = await download;
    expect(md.suggestedFilename()).toBe('reflections-on-cio-club-april.md');
    const htmlDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download HTML' }).click();
    expect((await htmlDownload).suggestedFilename()).toBe('reflections-on-cio-club-april.html');

    const address = page.getByLabel('Public address');
    // Nothing an address can be made of: refused beside the field, and what was typed stays.
    await address.fill('!!!');
    await page.getByRole('button', { name: 'Save address' }).click();
    await expect.poll(() => address.getAttribute('aria-invalid')).toBe('true');
    expect(await address.inputValue()).toBe('!!!');
    // Typed as words, it is made an address, and the field says so.
    await address.fill('April at the Guildhall!');
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.getByText('Saved as “april-at-the-guildhall”').waitFor();
    expect(await address.inputValue()).toBe('april-at-the-guildhall');
    expect(await address.getAttribute('aria-invalid')).toBeNull();

    // Nothing published yet: no link to a public page that would answer 404.
    await page.goto('/posts');
    expect(await page.getByRole('link', { name: 'Your public page' }).count()).toBe(0);
    await page.goto(`/posts/${postId}`);

    // Publishing asks first, naming the people met there whom the post names.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const ask = page.getByRole('alertdialog');
    expect(await ask.innerText()).toContain('It names Jane Smith and Tom Secret.');
    // The guest known only by role is named by no one, yet the post says where they work: it asks about that too.
    expect(await ask.innerText()).toContain('It also describes “Head of IT, Home Office” by role.');
    // The reflection goes out with the post: said before it does, and its line marked private never reached the draft.
    expect(await ask.innerText()).toContain(
      'It carries your reflection on the evening, which only you have read until now (“Worth the trip for the open data panel.”)',
    );
    expect(await ask.innerText()).not.toContain('thinking of leaving');
    // What someone there told the user, repeated in public: named, to be read once more as on the record.
    expect(await ask.innerText()).toContain('It repeats what Jane Smith told you (1 fact). Check it was said on the record');
    await page.keyboard.press('Escape');
    await expect.poll(() => ask.count()).toBe(0);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await ask.getByRole('button', { name: 'Publish now' }).click();
    const view = page.getByRole('link', { name: 'View the public page' });
    await view.waitFor();
    const href = (await view.getAttribute('href'))!;
    expect(href).toMatch(/^\/u\/grace-hopper[\w-]*\/april-at-the-guildhall$/);
    const handle = href.split('/')[2]!;

    const reader = await newContext(browser);
    const pub = await reader.newPage();
    const readerErrors = watchErrors(pub);
    await pub.goto(href);
    expect(await pub.getByRole('heading', { level: 1 }).innerText()).toBe('Reflections on CIO Club: April');
    expect(await pub.locator('.h-entry .p-name').innerText()).toBe('Reflections on CIO Club: April');
    expect(await pub.locator('.h-entry .e-content').innerText()).toContain('Jane Smith');
    expect(await pub.locator('.h-entry .dt-published').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await pub.locator('meta[property="og:title"]').getAttribute('content')).toBe('Reflections on CIO Club: April');
    expect(await pub.locator('meta[property="og:type"]').getAttribute('content')).toBe('article');
    expect(await pub.locator('meta[name="twitter:card"]').getAttribute('content')).toBe('summary');
    const html = await pub.content();
    expect(html).toContain('Tom Secret'); // named: he did not ask to stay unnamed
    expect(html).not.toMatch(/tom@acme|thinking of leaving/i);
    await expectNoHorizontalScroll(pub);

    await pub.goto(`/u/${handle}`);
    expect(await pub.locator('.h-feed .h-entry').count()).toBe(1);
    const feedRes = await fetch(`${baseURL()}/u/${handle}/feed.xml`);
    expect(feedRes.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await feedRes.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(new XMLParser().parse(xml).feed.entry.title).toBe('Reflections on CIO Club: April');

    // A new address once it is out: links shared to the old one lead to the new one.
    expect(await page.locator('[id$="-slug-hint"]').innerText()).toContain('Links to the old address will lead here.');
    await address.fill('guildhall-april');
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.getByText('Address saved.').waitFor();
    const forwarded = await fetch(`${baseURL()}${href}`, { redirect: 'manual' });
    expect(forwarded.status).toBe(308);
    expect(forwarded.headers.get('location')).toMatch(new RegExp(`/u/${handle}/guildhall-april$`));
    await pub.goto(href);
    expect(new URL(pub.url()).pathname).toBe(`/u/${handle}/guildhall-april`);
    expect(await pub.getByRole('heading', { level: 1 }).innerText()).toBe('Reflections on CIO Club: April');

    // Asked first: every reader's link would find nothing. Escape keeps it.
    await page.getByRole('button', { name: 'Unpublish', exact: true }).click();
    const unpublish = page.getByRole('alertdialog', { name: /^Unpublish\?/ });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Keep it published');
    await page.keyboard.press('Escape');
    expect(await unpublish.count()).toBe(0);
    expect((await pub.goto(href))?.status()).toBe(200);
    await page.getByRole('button', { name: 'Unpublish', exact: true }).click();
    await unpublish.getByRole('button', { name: 'Unpublish now' }).click();
    await page.getByRole('button', { name: 'Publish', exact: true }).waitFor();
    expect((await pub.goto(href))?.status()).toBe(404);
    // With nothing published, the author has no public presence at all: the feed and index answer 404 too.
    expect((await fetch(`${baseURL()}/u/${handle}/feed.xml`)).status).toBe(404);
    expect((await fetch(`${baseURL()}/u/${handle}`)).status).toBe(404);
    expect(readerErrors).toEqual([]);
    expect(errors).toEqual([]);

    // Drafts are private: another signed-in user gets 404, like a missing post.
    const stranger = await newContext(browser);
    const sp = await stranger.newPage();
    await new AuthPages(sp).signUp();
    expect((await sp.goto(`/posts/${postId}`))?.status()).toBe(404);
    expect((await api(stranger, 'GET', `/api/v1/posts/${postId}`)).status()).toBe(404);
    await Promise.all([reader.close(), stranger.close(), context.close()]);
  });

  it('JSON API: create, validate, version conflicts, publish and delete', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await new AuthPages(page).signUp();
    const eventId = await createEventViaApi(context, evening());
    const bad = await api(context, 'POST', `/api/v1/events/${eventId}/post`, { style: 'poem' });
    expect(bad.status()).toBe(400);
    expect(bad.headers()['content-type']).toContain('application/problem+json');
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('style');
    expect((await api(context, 'POST', '/api/v1/events/not-a-uuid/post', { style: 'social' })).status()).toBe(404);

    const created = await api(context, 'POST', `/api/v1/events/${eventId}/post`, { style: 'social' });
    expect(created.status()).toBe(201);
    const post = (await created.json()) as { id: string; title: string; slug: string; markdown: string; style: string; status: string };
    expect(post).toMatchObject({ title: 'CIO Club: April', slug: 'cio-club-april', style: 'social', status: 'draft' });
    expect([...post.markdown.trim()].length).toBeLessThan(280);
    expect(post.markdown).toContain('#OpenData');

    const ok = await api(context, 'PATCH', `/api/v1/posts/${post.id}`, { markdown: 'Edited', version: 1 });
    expect(ok.status()).toBe(200);
    const stale = await api(context, 'PATCH', `/api/v1/posts/${post.id}`, { markdown: 'Stale', version: 1 });
    expect(stale.status()).toBe(409);
    expect(((await stale.json()) as { current: { markdown: string; version: number } }).current).toMatchObject({ markdown: 'Edited', version: 2 });
    expect((await api(context, 'PATCH', `/api/v1/posts/${post.id}`, { markdown: 'x\u0000', version: 2 })).status()).toBe(400);

    const published = await api(context, 'POST', `/api/v1/posts/${post.id}/publish`);
    expect(((await published.json()) as { url: string }).url).toMatch(/^http:\/\/.+\/u\/.+\/cio-club-april$/);
    const list = (await (await api(context, 'GET', '/api/v1/posts?status=published')).json()) as { posts: { id: string }[] };
    expect(list.posts.map((p) => p.id)).toEqual([post.id]);
    expect((await api(context, 'POST', `/api/v1/posts/${post.id}/unpublish`)).status()).toBe(200);
    expect((await api(context, 'DELETE', `/api/v1/posts/${post.id}`)).status()).toBe(204);
    expect((await api(context, 'GET', `/api/v1/posts/${post.id}`)).status()).toBe(404);
    await context.close();
  });
});
