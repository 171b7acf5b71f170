import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { setOffTheRecord } from '@/lib/facts/queries';
import { followUps, networkingEvents, people, posts, users } from '@/db/schema';
import { NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { atomFeed } from '@/lib/posts/feed';
import { getPublicAuthor, getPublishedPost, listPublishedPosts, movedPostSlug } from '@/lib/posts/public';
import {
  createPostFromEvent,
  createPostFromEventOnce,
  deletePost,
  getPost,
  listPosts,
  previewRegeneration,
  publishPost,
  restorePost,
  unpublishPost,
  updatePost,
} from '@/lib/posts/queries';
import { loadComposeInput } from '@/lib/posts/source';
import { makeEvent, makeOrganisation, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

const TZ = 'Europe/London';

async function cioEvening(userId: string) {
  const treasury = await makeOrganisation(userId, 'HM Treasury', 'Government');
  const home = await makeOrganisation(userId, 'Home Office', 'Government');
  const acme = await makeOrganisation(userId, 'Acme', 'Technology');
  const jane = await makePerson(userId, { name: 'Jane Smith', role: 'Chief Digital Officer', organisationId: treasury.id });
  const anon = await makePerson(userId, { role: 'Head of IT', organisationId: home.id });
  const secret = await makePerson(userId, { name: 'Tom Secret', role: 'CTO', organisationId: acme.id, keepPrivate: true, email: 'tom@acme.test' });
  const gone = await makePerson(userId, { name: 'Gone Person', organisationId: acme.id });
  await makeEvent(userId, { title: 'CIO Club: March', series: 'CIO Club', startsAt: new Date('2026-03-10T18:30:00Z') });
  const event = await makeEvent(userId, {
    title: 'CIO Club: April',
    series: 'cio club',
    venue: 'the Guildhall',
    startsAt: new Date('2026-04-21T17:30:00Z'),
    reflection: 'Worth the trip.',
    topics: ['open data'],
    people: [
      { personId: jane.id, relation: 'spoke', topics: ['cloud costs'] },
      { personId: anon.id },
      { personId: secret.id, notes: 'Thinking of leaving Acme' },
      { personId: gone.id },
    ],
    insights: [{ text: '40% still run COBOL', personId: jane.id }],
    followUps: [{ action: 'Send Tom the deck', personId: secret.id, dueOn: '2026-04-24' }, { action: 'Deleted follow-up' }],
  });
  await db.update(people).set({ deletedAt: new Date() }).where(eq(people.id, gone.id));
  await db.update(followUps).set({ deletedAt: new Date() }).where(eq(followUps.action, 'Deleted follow-up'));
  return { event, jane, anon, secret };
}

describe('loading an event for the composer', () => {
  it('reads people with organisation and sector, topics, facts, follow-ups and the series count; skips deleted rows', async () => {
    const user = await createTestUser();
    const { event, jane, secret } = await cioEvening(user.id);
    const input = await loadComposeInput(db, user.id, event.id, TZ, new Date('2026-04-22T09:00:00Z'));
    expect(input.event).toMatchObject({ title: 'CIO Club: April', localDate: '2026-04-21', localHour: 18 });
    expect(input.postDate).toBe('2026-04-22');
    expect(input.seriesCount).toBe(2);
    expect(input.people.map((p) => p.name)).toEqual(['Jane Smith', null, 'Tom Secret']);
    expect(input.people[0]).toMatchObject({ organisation: 'HM Treasury', sector: 'Government', relation: 'spoke', topics: ['cloud costs'] });
    expect(input.people[2]).toMatchObject({ keepPrivate: true, notes: 'Thinking of leaving Acme', sector: 'Technology' });
    expect(input.topics).toEqual(['open data']);
    expect(input.facts).toEqual([{ text: '40% still run COBOL', personId: jane.id }]);
    expect(input.followUps).toEqual([{ action: 'Send Tom the deck', personId: secret.id, dueOn: '2026-04-24', done: false }]);
  });

  it("another user's event is not found, exactly like a missing one", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const { event } = await cioEvening(owner.id);
    await expect(loadComposeInput(db, other.id, event.id, TZ)).rejects.toBeInstanceOf(NotFoundError);
    await expect(createPostFromEventOnce(other.id, event.id, { style: 'narrative', timeZone: TZ })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('posts', () => {
  it('creates a private-safe draft with a unique slug; a retried request with the same key makes one post', async () => {
    const user = await createTestUser();
    const { event } = await cioEvening(user.id);
    const first = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ }, 'key-00000001');
    expect(first.post).toMatchObject({ title: 'Reflections on CIO Club: April', slug: 'reflections-on-cio-club-april', status: 'draft', version: 1 });
    expect(first.post.bodyMarkdown).toContain('Jane Smith, chief digital officer at HM Treasury');
    expect(first.post.bodyMarkdown).toContain('the CTO at Acme');
    expect(first.post.bodyMarkdown).not.toMatch(/Tom|Secret|tom@acme|Thinking of leaving|Gone Person|Deleted follow-up/);

    const again = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ }, 'key-00000001');
    expect(again).toMatchObject({ replayed: true, post: { id: first.post.id } });
    await expect(createPostFromEventOnce(user.id, event.id, { style: 'summary', timeZone: TZ }, 'key-00000001')).rejects.toMatchObject({ status: 422 });

    const second = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ });
    expect(second.post.slug).toBe('reflections-on-cio-club-april-2');
    const notes = await createPostFromEventOnce(user.id, event.id, { style: 'summary', includeNotes: true, timeZone: TZ });
    expect(notes.post.bodyMarkdown).toContain('Thinking of leaving Acme');
    expect((await listPosts(user.id)).posts).toHaveLength(3);
  });

  it('edits carry the version: a stale one is a conflict with the current copy, and nothing is overwritten', async () => {
    const user = await createTestUser();
    const { event } = await cioEvening(user.id);
    const { post } = await createPostFromEventOnce(user.id, event.id, { style: 'social', timeZone: TZ });
    const saved = await updatePost(user.id, post.id, { markdown: 'From tab one', version: 1 });
    expect(saved.version).toBe(2);
    const conflict = await updatePost(user.id, post.id, { markdown: 'From tab two', version: 1 }).catch((e) => e);
    expect(conflict).toBeInstanceOf(VersionConflictError);
    expect((conflict as VersionConflictError<{ bodyMarkdown: string; version: number }>).current).toMatchObject({ bodyMarkdown: 'From tab one', version: 2 });
    expect((await getPost(user.id, post.id)).bodyMarkdown).toBe('From tab one');

    const other = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ });
    const taken = await updatePost(user.id, other.post.id, { slug: post.slug, version: 1 }).catch((e) => e);
    expect(taken).toBeInstanceOf(UserFacingError);
    expect((taken as UserFacingError).fieldErrors?.slug?.[0]).toContain('uses this address');
  });

  it('a draft never published takes its address from its title as the title changes; a chosen or once-public address stays', async () => {
    const user = await createTestUser();
    const { event } = await cioEvening(user.id);
    const { post } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ });
    const { post: twin } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ });
    expect(twin.slug).toBe('reflections-on-cio-club-april-2');
    // The numbered twin follows too, and a clash numbers it.
    const retitled = await updatePost(user.id, twin.id, { title: 'What the Treasury told me', version: twin.version });
    expect(retitled.slug).toBe('what-the-treasury-told-me');
    const clash = await updatePost(user.id, post.id, { title: 'What the Treasury told me!', version: post.version });
    expect(clash.slug).toBe('what-the-treasury-told-me-2');
    // An edit of the text alone leaves the address.
    expect((await updatePost(user.id, post.id, { markdown: 'New words', version: clash.version })).slug).toBe('what-the-treasury-told-me-2');

    // An address the user chose is theirs.
    const chosen = await updatePost(user.id, twin.id, { slug: 'treasury-notes', version: retitled.version });
    expect((await updatePost(user.id, twin.id, { title: 'Treasury, again', version: chosen.version })).slug).toBe('treasury-notes');

    // Once published, links may point at it: unpublished and retitled, the address stays.
    const current = await getPost(user.id, post.id);
    await publishPost(user.id, post.id);
    await unpublishPost(user.id, post.id);
    const after = await updatePost(user.id, post.id, { title: 'A new title', version: (await getPost(user.id, post.id)).version });
    expect(after.slug).toBe(current.slug);

    // A long title's address, made before addresses ended at a whole word (cut mid-word at 60), still follows it.
    const long = 'What I learnt at the CIO Club in December about cloud procurement';
    const old = 'what-i-learnt-at-the-cio-club-in-december-about-cloud-procur';
    const { post: draft } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ });
    const titled = await updatePost(user.id, draft.id, { title: long, version: draft.version });
    expect(titled.slug).toBe('what-i-learnt-at-the-cio-club-in-december-about-cloud');
    await db.update(posts).set({ slug: old }).where(eq(posts.id, draft.id));
    expect((await updatePost(user.id, draft.id, { title: 'Cloud, in December', version: titled.version })).slug).toBe('cloud-in-december');
  });

  it('a published post’s old address forwards to its new one; a draft’s, a deleted post’s and one quoting an off-the-record fact do not', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const secret = 'Acme is to be bought by Globex for two billion';
    const event = await makeEvent(user.id, { title: 'Fintech breakfast', insights: [{ text: secret }] });
    const { post } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ });
    const quoting = await updatePost(user.id, post.id, { slug: 'heard-acme-is-to-be-bought-by-globex-for-two-billion', version: post.version });
    // A draft's address was never public: changing it leaves nothing to forward.
    const draft = await updatePost(user.id, post.id, { slug: 'draft-address', version: quoting.version });
    expect(await movedPostSlug(user.id, quoting.slug)).toBeNull();
    const back = await updatePost(user.id, post.id, { slug: quoting.slug, version: draft.version });
    await publishPost(user.id, post.id);
    const moved = await updatePost(user.id, post.id, { slug: 'fintech-notes', version: (await getPost(user.id, post.id)).version });
    expect(await movedPostSlug(user.id, back.slug)).toBe('fintech-notes');
    // Moved again, both old addresses lead to the newest; another user's handle leads nowhere.
    const again = await updatePost(user.id, post.id, { slug: 'fintech-breakfast', version: moved.version });
    expect(await movedPostSlug(user.id, 'fintech-notes')).toBe('fintech-breakfast');
    expect(await movedPostSlug(user.id, back.slug)).toBe('fintech-breakfast');
    expect(await movedPostSlug(other.id, 'fintech-notes')).toBeNull();
    // A feed reader sees one entry throughout: its id is the post's own, not its address, and not the post's id.
    const [entry] = await listPublishedPosts(user.id);
    expect(entry!.slug).toBe('fintech-breakfast');
    expect(entry!.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(entry!.uid).not.toBe(post.id);
    const feedIds = async (handle: string) => [
      new XMLParser().parse(atomFeed((await getPublicAuthor(handle))!, await listPublishedPosts(user.id), 'https://rapport.example')).feed.entry.id,
    ];
    const before = await feedIds(user.handle);
    expect(before).toEqual([`urn:uuid:${entry!.uid}`]);
    await db
      .update(users)
      .set({ handle: `${user.handle}-moved` })
      .where(eq(users.id, user.id));
    await updatePost(user.id, post.id, { slug: 'fintech-breakfast-notes', version: again.version });
    expect(await feedIds(`${user.handle}-moved`)).toEqual(before);
    const renamed = await updatePost(user.id, post.id, { slug: 'fintech-breakfast', version: (await getPost(user.id, post.id)).version });
    expect(renamed.slug).toBe('fintech-breakfast');
    // An old address given to the post again is its own once more, and another post may take one: that post wins.
    const { post: second } = await createPostFromEventOnce(user.id, event.id, { style: 'summary', timeZone: TZ });
    await updatePost(user.id, second.id, { slug: 'fintech-notes', version: second.version });
    await publishPost(user.id, second.id);
    expect((await getPublishedPost(user.id, 'fintech-notes'))?.title).toBe((await getPost(user.id, second.id)).title);
    expect(await movedPostSlug(user.id, 'fintech-notes')).toBeNull();
    // The fact marked off the record: the address quoting it leads nowhere, though the other still forwards.
    const [fact] = await rows<{ id: string }>(db, sql`select id::text from insights where user_id = ${user.id}::uuid and text = ${secret}`);
    await setOffTheRecord(user.id, fact!.id, true);
    expect(await movedPostSlug(user.id, back.slug)).toBeNull();
    // Unpublished or deleted, it forwards nowhere.
    const third = await updatePost(user.id, post.id, { slug: 'fintech-breakfast-2026', version: renamed.version });
    expect(await movedPostSlug(user.id, again.slug)).toBe(third.slug);
    await unpublishPost(user.id, post.id);
    expect(await movedPostSlug(user.id, again.slug)).toBeNull();
    await publishPost(user.id, post.id);
    expect(await movedPostSlug(user.id, again.slug)).toBe(third.slug);
    await deletePost(user.id, post.id);
    expect(await movedPostSlug(user.id, again.slug)).toBeNull();
  });

  it("another user's post cannot be read, edited, published or deleted", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const { event } = await cioEvening(owner.id);
    const { post } = await createPostFromEventOnce(owner.id, event.id, { style: 'narrative', timeZone: TZ });
    await expect(getPost(other.id, post.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updatePost(other.id, post.id, { title: 'Mine now', version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(publishPost(other.id, post.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deletePost(other.id, post.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getPost(owner.id, post.id)).title).toBe('Reflections on CIO Club: April');
  });

  it('public reads see only published, non-deleted posts of that author', async () => {
    const user = await createTestUser();
    const { event } = await cioEvening(user.id);
    const a = (await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ })).post;
    const b = (await createPostFromEventOnce(user.id, event.id, { style: 'summary', timeZone: TZ })).post;
    // Nothing published yet: the handle answers like one that does not exist.
    expect(await getPublicAuthor(user.handle)).toBeNull();
    expect(await listPublishedPosts(user.id)).toEqual([]);
    expect(await getPublishedPost(user.id, a.slug)).toBeNull();

    const published = await publishPost(user.id, a.id);
    const author = await getPublicAuthor(user.handle.toUpperCase());
    expect(author).toMatchObject({ id: user.id, name: user.name });
    expect(author).not.toHaveProperty('email');
    await publishPost(user.id, b.id);
    expect(published.publishedAt).toBeInstanceOf(Date);
    expect((await listPublishedPosts(user.id)).map((p) => p.slug).sort()).toEqual([a.slug, b.slug].sort());
    const firstDate = published.publishedAt!.getTime();
    await unpublishPost(user.id, a.id);
    expect(await getPublishedPost(user.id, a.slug)).toBeNull();
    expect((await publishPost(user.id, a.id)).publishedAt!.getTime()).toBe(firstDate);

    await deletePost(user.id, b.id);
    expect(await getPublishedPost(user.id, b.slug)).toBeNull();
    expect((await listPosts(user.id)).posts.map((p) => p.id)).toEqual([a.id]);
    await restorePost(user.id, b.id);
    expect(await getPublishedPost(user.id, b.slug)).not.toBeNull();

    const feed = atomFeed(author!, await listPublishedPosts(user.id), 'https://rapport.example');
    expect(XMLValidator.validate(feed)).toBe(true);
    const entries = new XMLParser().parse(feed).feed.entry;
    expect(entries).toHaveLength(2);
    expect(feed).not.toMatch(/Tom Secret|tom@acme|Thinking of leaving/);
  });

  it('lists a page at a time with a cursor', async () => {
    const user = await createTestUser();
    const { event } = await cioEvening(user.id);
    for (let i = 0; i < 5; i++) await createPostFromEventOnce(user.id, event.id, { style: 'social', timeZone: TZ });
    const page1 = await listPosts(user.id, { limit: 2 });
    const page2 = await listPosts(user.id, { limit: 2, cursor: page1.nextCursor! });
    const page3 = await listPosts(user.id, { limit: 2, cursor: page2.nextCursor! });
    const ids = [...page1.posts, ...page2.posts, ...page3.posts].map((p) => p.id);
    expect(new Set(ids).size).toBe(5);
    expect(page3.nextCursor).toBeNull();
    await expect(listPosts(user.id, { cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(UserFacingError);
  });

  it('regenerating previews a fresh draft without saving; a deleted event says so', async () => {
    const user = await createTestUser();
    const { event } = await cioEvening(user.id);
    const { post } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ });
    await updatePost(user.id, post.id, { markdown: 'My own words', version: 1 });
    const fresh = await previewRegeneration(user.id, post.id, { style: 'summary', timeZone: TZ });
    expect(fresh.markdown).toContain('## People');
    expect((await getPost(user.id, post.id)).bodyMarkdown).toBe('My own words');
    await db.update(networkingEvents).set({ deletedAt: new Date() }).where(eq(networkingEvents.id, event.id));
    await expect(previewRegeneration(user.id, post.id, { style: 'summary', timeZone: TZ })).rejects.toThrow(/event .* deleted/);
  });

  it('says "last night" only when the draft is made the next day in the user’s time zone, else names the day', async () => {
    const user = await createTestUser();
    // 23:30 in London on Tuesday 21 April; the draft is made at 00:30 on Thursday there, still Wednesday in UTC.
    const event = await makeEvent(user.id, { title: 'Late drinks', startsAt: new Date('2026-04-21T22:30:00Z') });
    const now = new Date('2026-04-22T23:30:00Z');
    const draft = (timeZone: string) => createPostFromEvent(db, user.id, event.id, { style: 'narrative', timeZone, now }).then((p) => p.bodyMarkdown);
    expect(await draft(TZ)).toMatch(/^On Tuesday I went/);
    expect(await draft('UTC')).toMatch(/^Last night I went/);
  });
});
