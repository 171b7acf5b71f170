import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { posts } from '@/db/schema';
import { createPostFromEventOnce, draftSources, previewRegeneration } from '@/lib/posts/queries';
import { getStoredWriting, getWritingFormValues, updateWriting, writingFor, writingFormSchema } from '@/lib/settings/writing';
import { makeEvent, makeOrganisation, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

const TZ = 'Europe/London';
const form = (f: Record<string, string>) =>
  writingFormSchema.parse({ length: 'usual', headings: 'auto', spelling: 'british', unnamed: 'role', timeRef: 'auto', signOff: '', ...f });

async function evening(userId: string) {
  const acme = await makeOrganisation(userId, 'Acme', 'Technology');
  const secret = await makePerson(userId, { name: 'Tom Secret', role: 'CTO', organisationId: acme.id, keepPrivate: true });
  const jane = await makePerson(userId, { name: 'Jane Smith', role: 'CIO', organisationId: acme.id });
  return makeEvent(userId, {
    title: 'Founders breakfast',
    venue: 'Google Campus',
    startsAt: new Date('2026-04-21T07:30:00Z'),
    people: [{ personId: jane.id, relation: 'spoke' }, { personId: secret.id }],
    insights: [{ text: '40% still run COBOL', personId: jane.id }],
  });
}

async function publishedPost(userId: string, body: string, n: number) {
  await db
    .insert(posts)
    .values({ userId, title: `Old ${n}`, slug: `old-${n}`, bodyMarkdown: body, status: 'published', publishedAt: new Date(Date.UTC(2026, 0, n)) });
}

describe('Settings → Writing', () => {
  it('nothing saved and nothing published: the defaults (no headings, no sign-off)', async () => {
    const user = await createTestUser();
    expect(await writingFor(db, user.id)).toEqual({});
    const event = await evening(user.id);
    const { post } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ });
    expect(post.bodyMarkdown).not.toMatch(/^##/m);
    expect(post.bodyMarkdown).toContain('the CTO at Acme');
  });

  it('saved choices shape every new draft and the regeneration preview; another user is untouched', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    await updateWriting(user.id, form({ headings: 'on', unnamed: 'guest', signOff: 'Onwards, Sam', timeRef: 'date', spelling: 'american' }));
    expect((await getStoredWriting(db, user.id)).stored).toEqual({
      length: 'usual',
      headings: true,
      spelling: 'american',
      unnamed: 'guest',
      timeRef: 'date',
      signOff: 'Onwards, Sam',
    });
    expect(await getStoredWriting(db, other.id)).toEqual({ saved: false, stored: {} });
    expect(await getWritingFormValues(user.id)).toEqual({
      length: 'usual',
      headings: 'on',
      spelling: 'american',
      timeRef: 'date',
      unnamed: 'guest',
      signOff: 'Onwards, Sam',
    });
    expect(await getWritingFormValues(other.id)).toEqual({
      length: 'usual',
      headings: 'auto',
      spelling: 'british',
      timeRef: 'auto',
      unnamed: 'role',
      signOff: '',
    });

    const event = await evening(user.id);
    const { post } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ });
    expect(post.bodyMarkdown).toMatch(/^On Tuesday, April 21, I went to the founders breakfast at Google Campus\./);
    expect(post.bodyMarkdown).toContain('## The talk');
    expect(post.bodyMarkdown).toContain('a fellow guest');
    expect(post.bodyMarkdown).not.toMatch(/Tom|Secret/);
    expect(post.bodyMarkdown.trimEnd().endsWith('Onwards, Sam')).toBe(true);
    const preview = await previewRegeneration(user.id, post.id, { style: 'narrative', timeZone: TZ });
    expect(preview.markdown.trimEnd().endsWith('Onwards, Sam')).toBe(true);
  });

  it('published posts lend their habits until the user chooses otherwise', async () => {
    const user = await createTestUser();
    const old = (open: string) => `${open}\n\n## Who I met\n\nGood people.\n\nOnwards, Sam`;
    await publishedPost(user.id, old('On Monday 2 March I went to a dinner.'), 1);
    await publishedPost(user.id, old('On Friday 6 March I was at a launch.'), 2);
    // A draft that was never published is not a habit.
    await db.insert(posts).values({ userId: user.id, title: 'Draft', slug: 'draft', bodyMarkdown: 'Last night.\n\nBye', status: 'draft' });
    expect(await writingFor(db, user.id)).toEqual({ headings: true, timeRef: 'date', signOff: 'Onwards, Sam' });

    const event = await evening(user.id);
    const { post } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ });
    expect(post.bodyMarkdown).toMatch(/^On Tuesday 21 April I went to/);
    expect(post.bodyMarkdown).toContain('## The talk');
    expect(post.bodyMarkdown.trimEnd().endsWith('Onwards, Sam')).toBe(true);

    // Once saved, the user's choices win, and an empty sign-off means none.
    await updateWriting(user.id, form({ headings: 'off', timeRef: 'relative' }));
    expect(await writingFor(db, user.id)).toMatchObject({ headings: false, timeRef: 'relative', signOff: null });
  });

  it('the editor learns which sentence came from which person and fact, as of the day the post was written', async () => {
    const user = await createTestUser();
    const event = await evening(user.id);
    const { post } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ });
    const parts = await draftSources(user.id, post, TZ);
    expect(parts).not.toBeNull();
    for (const part of parts!) expect(post.bodyMarkdown).toContain(part.text);
    const fact = parts!.find((p) => p.from.some((f) => f.kind === 'fact'))!;
    expect(fact.text).toContain('40% still run COBOL');
    expect(fact.from).toContainEqual({ kind: 'person', label: 'Jane Smith, CIO at Acme' });
    expect(JSON.stringify(parts)).not.toMatch(/Tom|Secret/);
    const other = await createTestUser();
    await expect(draftSources(other.id, post, TZ)).resolves.toBeNull();
  });
});
