import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { interactions, people, posts } from '@/db/schema';
import { parseBackup, restoreBackup } from '@/lib/backup/restore';
import { backupChunks } from '@/lib/backup/write';
import { ImportRefusedError } from '@/lib/import/apply';
import { previewImport, runImport } from '@/lib/import/run';
import { searchPeople } from '@/lib/people/search';
import { searchParamsSchema } from '@/lib/people/validation';
import { publishPost } from '@/lib/posts/queries';
import { makeEvent, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

// A backup is input like any other: what it restores must have crossed the checks the forms and the API make.

const all = async (gen: AsyncGenerator<string>) => {
  let s = '';
  for await (const c of gen) s += c;
  return s;
};

/** The backup (one row a line) with the JSON `from` replaced by `to` on the one line that holds it, and that line's number. */
function edit(backup: string, from: string, to: string) {
  const lines = backup.split('\n');
  const at = lines.findIndex((l) => l.includes(from));
  expect(at).toBeGreaterThan(-1);
  lines[at] = lines[at]!.replace(from, to);
  return { text: lines.join('\n'), line: at + 1 };
}

async function refusal(text: string) {
  const b = await createTestUser();
  const refused = await runImport(b.id, 'backup', text).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(ImportRefusedError);
  // All or nothing: not even the rows before the bad one are written.
  expect((await searchPeople(b.id, searchParamsSchema.parse({}))).total).toBe(0);
  return (refused as ImportRefusedError).errors;
}

const publishedAt = new Date('2026-03-04T19:00:00.000Z');

/** An account whose event met Tom (who asked not to be named in public) and Jane, with two published posts about it. */
async function accountWithPosts() {
  const a = await createTestUser();
  const tom = await makePerson(a.id, { name: 'Tom Secret', role: 'CTO', keepPrivate: true });
  const jane = await makePerson(a.id, { name: 'Jane Smith', role: 'CDO' });
  const event = await makeEvent(a.id, { title: 'CIO Club', people: [{ personId: tom.id }, { personId: jane.id }] });
  const published = { userId: a.id, eventId: event.id, status: 'published' as const, publishedAt };
  await db.insert(posts).values([
    { ...published, title: 'CIO Club in April', slug: 'cio-club-april', bodyMarkdown: 'I met Tom Secret and Jane Smith.' },
    { ...published, title: 'Notes from CIO Club', slug: 'notes-from-cio-club', bodyMarkdown: 'Jane Smith spoke about open data.' },
  ]);
  return { a, tom, jane };
}

describe('restoring a backup checks fields as the forms do', () => {
  it.each([
    ['javascript:alert(document.cookie)', 'Enter a web address like https://example.com/name'],
    ['data:text/html,<script>alert(1)</script>', 'Enter a web address like https://example.com/name'],
    ['https://example.com/a\nb', 'A link cannot contain spaces or line breaks'],
    [`https://example.com/${'a'.repeat(500)}`, 'Keep each link to 500 characters'],
  ])('people.links: %j refuses the restore, naming the line, row and field; nothing is written', async (bad, message) => {
    const a = await createTestUser();
    const p = await makePerson(a.id, { name: 'Priya Shah' });
    await db
      .update(people)
      .set({ links: ['https://example.com/priya'] })
      .where(eq(people.id, p.id));
    await makePerson(a.id, { name: 'Owen Chen' });
    const { text, line } = edit(await all(backupChunks(a.id)), '"https://example.com/priya"', JSON.stringify(bad));
    expect(await refusal(text)).toEqual([{ line, message: expect.stringMatching(new RegExp(`^people [12], links: ${message}$`)) }]);
  });

  it('people.links: kept as the form keeps them, a bare address with https://; more than the form’s 10 (a merge adds up both) still restore', async () => {
    const a = await createTestUser();
    const p = await makePerson(a.id, { name: 'Priya Shah' });
    const many = Array.from({ length: 12 }, (_, i) => `https://example.com/${i}`);
    await db
      .update(people)
      .set({ links: [...many, 'https://placeholder.example'] })
      .where(eq(people.id, p.id));
    const { text } = edit(await all(backupChunks(a.id)), '"https://placeholder.example"', '" example.org/priya "');
    const b = await createTestUser();
    await runImport(b.id, 'backup', text);
    const [restored] = await db.select({ links: people.links }).from(people).where(eq(people.userId, b.id));
    expect(restored?.links).toEqual([...many, 'https://example.org/priya']);
  });

  it('interactions.note: over the 2000 characters the table allows refuses the restore as a row error, not a failed insert', async () => {
    const a = await createTestUser();
    const p = await makePerson(a.id, { name: 'Priya Shah' });
    await db.insert(interactions).values({ userId: a.id, personId: p.id, kind: 'coffee', occurredOn: '2026-03-01', note: 'placeholder note' });
    const backup = await all(backupChunks(a.id));
    const { text, line } = edit(backup, '"placeholder note"', JSON.stringify('x'.repeat(2100)));
    expect(await refusal(text)).toEqual([{ line, message: 'interactions 1, note: Keep the note to 2000 characters' }]);
    // At the limit it restores, as the form would save it.
    const b = await createTestUser();
    await runImport(b.id, 'backup', edit(backup, '"placeholder note"', JSON.stringify('x'.repeat(2000))).text);
    const [restored] = await db.select({ note: interactions.note }).from(interactions).where(eq(interactions.userId, b.id));
    expect(restored?.note).toHaveLength(2000);
  });

  it('interactions.occurredOn: a day Postgres cannot store (year 0) refuses the restore as a row error, not a failed insert', async () => {
    const a = await createTestUser();
    const p = await makePerson(a.id, { name: 'Priya Shah' });
    await db.insert(interactions).values({ userId: a.id, personId: p.id, kind: 'coffee', occurredOn: '2026-03-01' });
    const { text, line } = edit(await all(backupChunks(a.id)), '"2026-03-01"', '"0000-01-01"');
    expect(await refusal(text)).toEqual([{ line, message: 'interactions 1, occurredOn: Choose a date between 1900 and 2200' }]);
  });

  it.each([
    ['a quote, which would add a parameter to the download’s Content-Disposition', 'cio-club"; filename="evil.html'],
    ['a line break, which cannot go in a header', 'cio-club\r\nSet-Cookie: a=b'],
    ['a slash', 'cio/club'],
    ['nothing', '  '],
  ])('posts.slug with %s refuses the restore, naming the line, row and field', async (_, bad) => {
    const a = await createTestUser();
    const event = await makeEvent(a.id, { title: 'CIO Club' });
    await db.insert(posts).values({ userId: a.id, eventId: event.id, title: 'CIO Club', slug: 'cio-club', bodyMarkdown: 'Body' });
    const { text, line } = edit(await all(backupChunks(a.id)), '"slug":"cio-club"', `"slug":${JSON.stringify(bad)}`);
    const errors = await refusal(text);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toEqual({ line, message: expect.stringMatching(/^posts 1, slug: (Use lower-case letters|Give the post an address)/) });
  });

  it('posts.slug: kept as the editor keeps it, trimmed and in lower case', async () => {
    const a = await createTestUser();
    const event = await makeEvent(a.id, { title: 'CIO Club' });
    await db.insert(posts).values({ userId: a.id, eventId: event.id, title: 'CIO Club', slug: 'cio-club', bodyMarkdown: 'Body' });
    const { text } = edit(await all(backupChunks(a.id)), '"slug":"cio-club"', '"slug":" CIO-Club "');
    const b = await createTestUser();
    await runImport(b.id, 'backup', text);
    expect(await db.select({ slug: posts.slug }).from(posts).where(eq(posts.userId, b.id))).toEqual([{ slug: 'cio-club' }]);
  });

  it('a published post that names someone who asked not to be named comes back a draft, and the report says so; others stay published', async () => {
    const { a } = await accountWithPosts();
    const text = await all(backupChunks(a.id));
    const parsed = parseBackup(JSON.parse(text));
    expect(parsed.success).toBe(true);
    const row = (JSON.parse(text) as { posts: { slug: string }[] }).posts.findIndex((p) => p.slug === 'cio-club-april') + 1;
    const note = `posts ${row}, status: “CIO Club in April” names Tom Secret, who asked not to be named in public, so it was restored as a draft; publish it again to confirm.`;
    const b = await createTestUser();
    const restored = () =>
      db.select({ slug: posts.slug, status: posts.status, publishedAt: posts.publishedAt }).from(posts).where(eq(posts.userId, b.id)).orderBy(posts.slug);

    // The dry run (the import's preview) says so already, and writes nothing.
    expect(await restoreBackup(b.id, parsed.data!, { dryRun: true })).toMatchObject({ notes: [note] });
    expect(await restored()).toEqual([]);
    // As the import page and the API see it: the preview, then the summary, carry the note.
    const c = await createTestUser();
    expect(await previewImport(c.id, 'backup', text)).toMatchObject({ notes: [note] });
    expect(await runImport(c.id, 'backup', text)).toMatchObject({ notes: [note] });

    expect(await restoreBackup(b.id, parsed.data!)).toMatchObject({ notes: [note] });
    // As unpublishing does, the draft keeps its first publication date.
    expect(await restored()).toEqual([
      { slug: 'cio-club-april', status: 'draft', publishedAt },
      { slug: 'notes-from-cio-club', status: 'published', publishedAt },
    ]);
    // Restoring again finds both posts already there by their addresses: nothing to report, and they stay as they are.
    expect(await restoreBackup(b.id, parsed.data!)).toMatchObject({ notes: [] });
    expect(await restored()).toEqual([
      { slug: 'cio-club-april', status: 'draft', publishedAt },
      { slug: 'notes-from-cio-club', status: 'published', publishedAt },
    ]);
  });

  it('a published post whose address quotes an off-the-record fact comes back a draft, and publishing it again gives a new one', async () => {
    const a = await createTestUser();
    const secret = 'Zqaddr Acme is to be bought by Globex';
    const event = await makeEvent(a.id, { title: 'Dealmakers', insights: [{ text: secret, offTheRecord: true }] });
    // Published before the fact was marked, its address made from a title that quoted it.
    await db.insert(posts).values({
      userId: a.id,
      eventId: event.id,
      status: 'published',
      publishedAt,
      title: `Heard: ${secret}`,
      slug: 'heard-zqaddr-acme-is-to-be-bought-by-globex',
      bodyMarkdown: 'Notes.',
    });
    const b = await createTestUser();
    const summary = await runImport(b.id, 'backup', await all(backupChunks(a.id)));
    expect(summary).toMatchObject({ notes: [expect.stringContaining('posts 1, slug: The address of “Heard: Zqaddr')] });
    const [restored] = await db.select().from(posts).where(eq(posts.userId, b.id));
    expect(restored).toMatchObject({ status: 'draft', slug: 'heard-zqaddr-acme-is-to-be-bought-by-globex', publishedAt });
    expect((await publishPost(b.id, restored!.id)).slug).toBe('heard');
  });

  it('the check is of the people as restored: who asked not to be named is read from the backup, not from where it came from', async () => {
    const { a, tom, jane } = await accountWithPosts();
    const lines = (await all(backupChunks(a.id))).split('\n');
    // Tom no longer minds; Jane now asks not to be named.
    const flip = (id: string, keepPrivate: boolean) => {
      const at = lines.findIndex((l) => l.includes(`"id":"${id}"`));
      lines[at] = lines[at]!.replace(/"keepPrivate":(true|false)/, `"keepPrivate":${keepPrivate}`);
    };
    flip(tom.id, false);
    flip(jane.id, true);
    const b = await createTestUser();
    const { notes } = await restoreBackup(b.id, parseBackup(JSON.parse(lines.join('\n'))).data!);
    // In the backup's order, which is by (random) id.
    expect(notes).toHaveLength(2);
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^posts [12], status: “CIO Club in April” names Jane Smith, who asked/),
        expect.stringMatching(/^posts [12], status: “Notes from CIO Club” names Jane Smith, who asked/),
      ]),
    );
    expect(await db.select({ status: posts.status }).from(posts).where(eq(posts.userId, b.id))).toEqual([{ status: 'draft' }, { status: 'draft' }]);
  });
});
