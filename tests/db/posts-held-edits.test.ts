import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { insights, posts } from '@/db/schema';
import { setOffTheRecord } from '@/lib/facts/queries';
import { parseBackup, restoreBackup } from '@/lib/backup/restore';
import { backupChunks } from '@/lib/backup/write';
import { patchPerson, getPerson } from '@/lib/people/queries';
import { atomFeed } from '@/lib/posts/feed';
import { publishedPostsNaming } from '@/lib/posts/named';
import { getPublicAuthor, getPublishedPost, listPublishedPosts } from '@/lib/posts/public';
import { createPostFromEventOnce, getPost, listPosts, publishPost, revertPost, updatePost } from '@/lib/posts/queries';
import { makeEvent, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

// An edit of a published post is the author's until they publish it: readers (the page, the list, the feed) keep the
// text as last published, and nothing the author wrote is lost on the way (a backup carries both).

const TZ = 'Europe/London';
const all = async (gen: AsyncGenerator<string>) => {
  let s = '';
  for await (const c of gen) s += c;
  return s;
};

async function publishedPost(title = 'Supper with the CIOs', body = 'The first version.') {
  const user = await createTestUser();
  const event = await makeEvent(user.id, { title: 'CIO supper' });
  const { post } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ });
  const titled = await updatePost(user.id, post.id, { version: post.version, title, markdown: body });
  const out = await publishPost(user.id, titled.id);
  return { user, event, post: out };
}

describe('an edit of a published post, held until it is published', () => {
  it('readers keep the published text on the page, the list and the feed; the author keeps theirs; publishing puts it out', async () => {
    const { user, post } = await publishedPost();
    const edited = await updatePost(user.id, post.id, { version: post.version, title: 'Supper, revisited', markdown: 'Half a sent' });
    expect(edited).toMatchObject({ title: 'Supper, revisited', bodyMarkdown: 'Half a sent', unpublishedChanges: true, slug: post.slug });
    expect(await getPost(user.id, post.id)).toMatchObject({ title: 'Supper, revisited', unpublishedChanges: true });
    expect((await listPosts(user.id, { status: 'published' })).posts[0]).toMatchObject({ title: 'Supper, revisited', unpublishedChanges: true });

    // As it was when it went out, the time of its last change included (the page's and the feed's "updated").
    const seen = { title: 'Supper with the CIOs', bodyMarkdown: 'The first version.', updatedAt: post.updatedAt };
    expect(await getPublishedPost(user.id, post.slug)).toMatchObject(seen);
    expect(await listPublishedPosts(user.id)).toMatchObject([seen]);
    const author = (await getPublicAuthor(user.handle))!;
    const feed = atomFeed(author, await listPublishedPosts(user.id), 'https://rapport.example');
    expect(feed).toContain('Supper with the CIOs');
    expect(feed).not.toContain('Half a sent');

    // More edits keep the first published text held, not the edit before them.
    const more = await updatePost(user.id, post.id, { version: edited.version, markdown: 'Half a sentence, then a whole one.' });
    expect(await getPublishedPost(user.id, post.slug)).toMatchObject(seen);
    const out = await publishPost(user.id, post.id, { version: more.version });
    // The author's text did not change: an editor open on it saves on.
    expect(out).toMatchObject({ version: more.version, unpublishedChanges: false, moved: false });
    const now = await getPublishedPost(user.id, post.slug);
    expect(now).toMatchObject({ title: 'Supper, revisited', bodyMarkdown: 'Half a sentence, then a whole one.', updatedAt: out.updatedAt });
    expect(now!.updatedAt.getTime()).toBeGreaterThan(post.updatedAt.getTime());
    // Nothing held: publishing again (a retry) changes nothing, and putting back has nothing to put back.
    expect(await publishPost(user.id, post.id)).toMatchObject({ version: more.version, unpublishedChanges: false });
    expect(await revertPost(user.id, post.id, more.version)).toMatchObject({ version: more.version, bodyMarkdown: 'Half a sentence, then a whole one.' });
  });

  it('readers’ "updated" time moves only when their text does: not for edits put back, nor for an edit undone by hand', async () => {
    const { user, post } = await publishedPost();
    const seenAt = async () => (await getPublishedPost(user.id, post.slug))!.updatedAt.getTime();
    const first = await seenAt();
    const edited = await updatePost(user.id, post.id, { version: post.version, markdown: 'Not yet.' });
    const back = await revertPost(user.id, post.id, edited.version);
    expect(back).toMatchObject({ bodyMarkdown: 'The first version.', unpublishedChanges: false });
    expect(await seenAt()).toBe(first);
    const again = await updatePost(user.id, post.id, { version: back.version, markdown: 'Typo' });
    const undone = await updatePost(user.id, post.id, { version: again.version, markdown: 'The first version.' });
    expect(undone.unpublishedChanges).toBe(false);
    expect(await seenAt()).toBe(first);
    // Put out, it moves.
    await updatePost(user.id, post.id, { version: undone.version, markdown: 'The second version.' });
    await publishPost(user.id, post.id);
    expect(await seenAt()).toBeGreaterThan(first);
  });

  it('marking a fact moves the address of a post by the title readers see, not by a title still held from them', async () => {
    const { user, post, event } = await publishedPost('Heard: Zqheld Initech will close its Leeds office', 'Body.');
    expect(post.slug).toBe('heard-zqheld-initech-will-close-its-leeds-office');
    await db.insert(insights).values({ userId: user.id, eventId: event.id, text: 'Zqheld Initech will close its Leeds office', position: 0 });
    const [fact] = await db.select({ id: insights.id }).from(insights).where(eq(insights.eventId, event.id));
    await updatePost(user.id, post.id, { version: post.version, title: 'Secret plans for the Zqunpublished merger' });
    const { postsMoved } = await setOffTheRecord(user.id, fact!.id, true);
    expect(postsMoved.map((p) => p.slug)).toEqual(['heard']);
    // Published afterwards, it keeps that address; a retry with the version read before the move is as harmless as any
    // second publish.
    expect(await publishPost(user.id, post.id)).toMatchObject({ slug: 'heard', unpublishedChanges: false });
    expect(await publishPost(user.id, post.id, { version: post.version })).toMatchObject({ slug: 'heard' });
  });

  it('a change of address or style alone holds nothing; an address change is live, as before', async () => {
    const { user, post } = await publishedPost();
    const moved = await updatePost(user.id, post.id, { version: post.version, slug: 'supper-notes' });
    expect(moved).toMatchObject({ unpublishedChanges: false, slug: 'supper-notes' });
    expect(await getPublishedPost(user.id, 'supper-notes')).toMatchObject({ title: 'Supper with the CIOs' });
    expect(await updatePost(user.id, post.id, { version: moved.version, style: 'summary' })).toMatchObject({ unpublishedChanges: false });
  });

  it('the person page counts only what readers see as naming someone private', async () => {
    const { user, post } = await publishedPost('Supper', 'Nobody named.');
    const dana = await makePerson(user.id, { name: 'Dana Scully', role: 'Agent' });
    await patchPerson(user.id, dana.id, { keepPrivate: true, version: (await getPerson(user.id, dana.id)).version });
    // Named in an edit not yet out: publishing it will ask; the page readers see does not name her.
    const edited = await updatePost(user.id, post.id, { version: post.version, markdown: 'Dana Scully was there.' });
    expect(await publishedPostsNaming(user.id, { id: dana.id, name: 'Dana Scully' })).toEqual([]);
    await publishPost(user.id, post.id, { confirmNamed: true, version: edited.version });
    expect((await publishedPostsNaming(user.id, { id: dana.id, name: 'Dana Scully' })).map((p) => p.id)).toEqual([post.id]);
  });

  it('a backup carries both texts and restores them; one that holds half of them, or holds them on a draft, restores the author’s alone', async () => {
    const { user, post } = await publishedPost();
    await updatePost(user.id, post.id, { version: post.version, title: 'Supper, revisited', markdown: 'Not out yet.' });
    const text = await all(backupChunks(user.id));
    expect(text).toContain('"publishedTitle":"Supper with the CIOs"');

    const b = await createTestUser();
    await restoreBackup(b.id, parseBackup(JSON.parse(text)).data!);
    const [restored] = await db.select().from(posts).where(eq(posts.userId, b.id));
    expect(restored).toMatchObject({ title: 'Supper, revisited', bodyMarkdown: 'Not out yet.', publishedTitle: 'Supper with the CIOs', status: 'published' });
    expect(await getPublishedPost(b.id, restored!.slug)).toMatchObject({ title: 'Supper with the CIOs', bodyMarkdown: 'The first version.' });

    // Edited by hand: half a published copy (the table refuses one) is dropped, so readers see the author's text.
    const half = text.replace('"publishedBodyMarkdown":"The first version."', '"publishedBodyMarkdown":null');
    expect(text).toMatch(/"publishedUpdatedAt":"\d{4}-/);
    expect(half).not.toBe(text);
    const c = await createTestUser();
    await restoreBackup(c.id, parseBackup(JSON.parse(half)).data!);
    const [c1] = await db.select().from(posts).where(eq(posts.userId, c.id));
    expect(c1).toMatchObject({ publishedTitle: null, publishedBodyMarkdown: null, title: 'Supper, revisited' });
    // A draft has nothing public to hold.
    const draft = text.replace('"status":"published"', '"status":"draft"');
    expect(draft).not.toBe(text);
    const e = await createTestUser();
    await restoreBackup(e.id, parseBackup(JSON.parse(draft)).data!);
    expect(await db.select().from(posts).where(eq(posts.userId, e.id))).toMatchObject([{ status: 'draft', publishedTitle: null, title: 'Supper, revisited' }]);
    // A backup from before the copy existed has neither: the post restores with readers seeing its text.
    const older = JSON.parse(text) as { posts: Record<string, unknown>[] };
    for (const row of older.posts) {
      delete row.publishedTitle;
      delete row.publishedBodyMarkdown;
      delete row.publishedUpdatedAt;
    }
    const d = await createTestUser();
    await restoreBackup(d.id, parseBackup(older).data!);
    const [d1] = await db.select().from(posts).where(eq(posts.userId, d.id));
    expect(await getPublishedPost(d.id, d1!.slug)).toMatchObject({ title: 'Supper, revisited' });
  });
});
