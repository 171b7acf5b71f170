import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { posts } from '@/db/schema';
import { POST as publishRoute } from '@/app/api/v1/posts/[id]/publish/route';
import { PATCH as patchRoute } from '@/app/api/v1/posts/[id]/route';
import { POST as revertRoute } from '@/app/api/v1/posts/[id]/revert/route';
import { createApiToken } from '@/lib/api/tokens';
import type { CurrentUser } from '@/lib/auth/users';
import { getPublishedPost } from '@/lib/posts/public';
import { createPostFromEventOnce, getPost, unpublishPost } from '@/lib/posts/queries';
import { makeEvent, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

// next-auth does not load outside Next: the API authenticates by bearer token (real), the server actions get
// the signed-in user from this stand-in for the session.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock('@/lib/dal', () => ({
  getCurrentUser: async () => null,
  requireUser: async () => {
    if (!session.user) throw new Error('signed out');
    return session.user;
  },
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { revertPostAction, savePostAction, setPublishedAction } = await import('@/app/(app)/posts/actions');

async function postNamingPrivate() {
  const user = await createTestUser();
  const tom = await makePerson(user.id, { name: 'Tom Secret', role: 'CTO', keepPrivate: true });
  const jane = await makePerson(user.id, { name: 'Jane Smith', role: 'CDO' });
  const event = await makeEvent(user.id, { title: 'CIO Club', people: [{ personId: tom.id }, { personId: jane.id }] });
  const { post } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: 'Europe/London' });
  await db.update(posts).set({ bodyMarkdown: 'I met Tom Secret and Jane Smith.' }).where(eq(posts.id, post.id));
  const { token } = await createApiToken(user.id, 'test');
  const call = (method: string, path: string, body?: unknown) =>
    new Request(`https://rapport.example/api/v1/posts/${post.id}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { user, tom, jane, post, call, params: { params: Promise.resolve({ id: post.id }) } };
}

describe('publishing a post that names someone who asked not to be named', () => {
  it('API: 409 listing only the private names, nothing published; then 200 with confirmNamed', async () => {
    const { tom, post, call, params, user } = await postNamingPrivate();
    const refused = await publishRoute(call('POST', '/publish'), params);
    expect(refused.status).toBe(409);
    const problem = (await refused.json()) as { named: { id: string; name: string }[] };
    expect(problem.named).toEqual([{ id: tom.id, name: 'Tom Secret' }]);
    expect((await getPost(user.id, post.id)).status).toBe('draft');

    const also = await publishRoute(call('POST', '/publish', { confirmNamed: false }), params);
    expect(also.status).toBe(409);
    const ok = await publishRoute(call('POST', '/publish', { confirmNamed: true }), params);
    expect(ok.status).toBe(200);
    expect((await getPost(user.id, post.id)).status).toBe('published');
  });

  it('API: an edit of a published post is held from readers; publishing it asks about only the private people it newly names', async () => {
    const { post, call, params, user } = await postNamingPrivate();
    await db.update(posts).set({ bodyMarkdown: 'I met Jane Smith.' }).where(eq(posts.id, post.id));
    expect((await publishRoute(call('POST', '/publish'), params)).status).toBe(200);
    const { version: v, slug } = await getPost(user.id, post.id);
    const seen = async () => (await getPublishedPost(user.id, slug))!.bodyMarkdown;
    // Saved, and the author's, but readers keep the text as published: naming Tom asks nothing yet.
    const saved = await patchRoute(call('PATCH', '', { markdown: 'Tom Secret said hi.', version: v }), params);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ markdown: 'Tom Secret said hi.', unpublishedChanges: true, version: v + 1 });
    expect(await seen()).toBe('I met Jane Smith.');
    // Putting it out asks about Tom, whom the edit newly names (not Jane, who is not private), and changes nothing.
    const refused = await publishRoute(call('POST', '/publish', { version: v + 1 }), params);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { named: { name: string }[] }).named.map((p) => p.name)).toEqual(['Tom Secret']);
    expect(await seen()).toBe('I met Jane Smith.');
    // A version from before the edit is someone else's copy: refused with the current one, as GET shows it.
    const stale = await publishRoute(call('POST', '/publish', { version: v, confirmNamed: true }), params);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ current: { markdown: 'Tom Secret said hi.', version: v + 1, unpublishedChanges: true } });
    expect((await publishRoute(call('POST', '/publish', { version: v + 1, confirmNamed: true }), params)).status).toBe(200);
    expect(await seen()).toBe('Tom Secret said hi.');
    expect(await getPost(user.id, post.id)).toMatchObject({ version: v + 1, unpublishedChanges: false });
    // Named when it went out: a later edit naming him again needs no new answer.
    expect((await patchRoute(call('PATCH', '', { markdown: 'Tom Secret said hello.', version: v + 1 }), params)).status).toBe(200);
    expect((await publishRoute(call('POST', '/publish'), params)).status).toBe(200);
    expect(await seen()).toBe('Tom Secret said hello.');
    // Edits dropped: the text becomes what readers see, as a new version; a stale version is refused.
    expect((await patchRoute(call('PATCH', '', { markdown: 'Half a sentence', version: v + 2 }), params)).status).toBe(200);
    expect((await revertRoute(call('POST', '/revert', { version: v + 2 }), params)).status).toBe(409);
    const back = await revertRoute(call('POST', '/revert', { version: v + 3 }), params);
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ markdown: 'Tom Secret said hello.', version: v + 4, unpublishedChanges: false });
    expect(await seen()).toBe('Tom Secret said hello.');
    // An edit that comes back to the published text leaves nothing held.
    await patchRoute(call('PATCH', '', { markdown: 'Typo', version: v + 4 }), params);
    const undone = await patchRoute(call('PATCH', '', { markdown: 'Tom Secret said hello.', version: v + 5 }), params);
    expect(await undone.json()).toMatchObject({ unpublishedChanges: false });
    expect((await revertRoute(call('POST', '/revert', {}), params)).status).toBe(400);
  });

  it('server actions: publishing asks without confirmation; an edit of a published post waits for "Update the public page"', async () => {
    const { post, user } = await postNamingPrivate();
    session.user = user;
    const refused = await setPublishedAction(post.id, true);
    expect(refused).toMatchObject({ ok: false, status: 409 });
    expect(refused.message).toContain('Tom Secret');
    expect((await getPost(user.id, post.id)).status).toBe('draft');
    expect(await setPublishedAction(post.id, true, true)).toMatchObject({ ok: true, data: { status: 'published' } });

    await unpublishPost(user.id, post.id);
    await db.update(posts).set({ bodyMarkdown: 'Nobody named.', status: 'published' }).where(eq(posts.id, post.id));
    const { version, slug } = await getPost(user.id, post.id);
    const save = await savePostAction(post.id, { markdown: 'Tom Secret again.', version });
    expect(save).toMatchObject({ ok: true, data: { unpublishedChanges: true, version: version + 1 } });
    expect((await getPublishedPost(user.id, slug))!.bodyMarkdown).toBe('Nobody named.');
    const update = await setPublishedAction(post.id, true, false, version + 1);
    expect(update).toMatchObject({ ok: false, status: 409, message: expect.stringContaining('Tom Secret') });
    expect(await setPublishedAction(post.id, true, true, version)).toMatchObject({ ok: false, status: 409, conflict: { markdown: 'Tom Secret again.' } });
    expect(await setPublishedAction(post.id, true, true, version + 1)).toMatchObject({ ok: true, data: { status: 'published', version: version + 1 } });
    expect((await getPublishedPost(user.id, slug))!.bodyMarkdown).toBe('Tom Secret again.');

    await savePostAction(post.id, { markdown: 'Draft thoughts', version: version + 1 });
    expect(await revertPostAction(post.id, version + 1)).toMatchObject({ ok: false, status: 409 });
    expect(await revertPostAction(post.id, version + 2)).toMatchObject({ ok: true, data: { markdown: 'Tom Secret again.', version: version + 3 } });
    // Unpublished, the edits held are simply the draft: published again, readers see the text as it stands.
    await savePostAction(post.id, { markdown: 'Rewritten in private.', version: version + 3 });
    await unpublishPost(user.id, post.id);
    expect(await getPost(user.id, post.id)).toMatchObject({ status: 'draft', unpublishedChanges: false, bodyMarkdown: 'Rewritten in private.' });
    await setPublishedAction(post.id, true, true);
    expect((await getPublishedPost(user.id, slug))!.bodyMarkdown).toBe('Rewritten in private.');
    session.user = null;
  });
});

describe('a private name typed in lower case, as on a phone', () => {
  it('publishing asks about "coffee with jo" for a private Jo met there or not, and the person page lists the post', async () => {
    const { publishedPostsNaming } = await import('@/lib/posts/named');
    const user = await createTestUser();
    const jo = await makePerson(user.id, { name: 'Jo Li', role: 'CTO', keepPrivate: true });
    const mark = await makePerson(user.id, { name: 'Mark Hill', role: 'CIO', keepPrivate: true });
    const event = await makeEvent(user.id, { title: 'CIO Club', people: [{ personId: jo.id }] });
    const { post } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: 'Europe/London' });
    session.user = user;
    const save = (markdown: string) => db.update(posts).set({ bodyMarkdown: markdown }).where(eq(posts.id, post.id));

    // Jo was there; Mark was not, and is one of the user's other people.
    await save('Coffee with jo next week, and I must send mark the deck.');
    const refused = await setPublishedAction(post.id, true);
    expect(refused).toMatchObject({ ok: false, status: 409 });
    expect(refused.message).toContain('Jo Li');
    expect(refused.message).toContain('Mark Hill');
    expect((await getPost(user.id, post.id)).status).toBe('draft');

    // "to mark the launch" is a verb: nothing to ask.
    await save('A drink to mark the launch.');
    expect(await setPublishedAction(post.id, true)).toMatchObject({ ok: true });
    await unpublishPost(user.id, post.id);

    // Published anyway, confirmed: Mark's page lists the post that names him.
    await save('Lunch with mark soon.');
    expect(await setPublishedAction(post.id, true, true)).toMatchObject({ ok: true });
    expect((await publishedPostsNaming(user.id, { id: mark.id, name: 'Mark Hill' })).map((p) => p.id)).toEqual([post.id]);
    session.user = null;
  });
});

describe('someone marked private after a post went out', () => {
  it('their page lists the published posts that still name them, and only those', async () => {
    const { publishedPostsNaming } = await import('@/lib/posts/named');
    const { patchPerson, getPerson } = await import('@/lib/people/queries');
    const { publishPost } = await import('@/lib/posts/queries');
    const user = await createTestUser();
    const dana = await makePerson(user.id, { name: 'Dana Scully', role: 'Agent' });
    const event = await makeEvent(user.id, { title: 'Bureau drinks', people: [{ personId: dana.id }] });
    const { post } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: 'Europe/London' });
    await db.update(posts).set({ bodyMarkdown: 'I met Dana Scully, who doubted everything.' }).where(eq(posts.id, post.id));
    await publishPost(user.id, post.id);
    // A draft naming her is not public: not listed.
    await db.insert(posts).values({ userId: user.id, title: 'Notes', slug: 'notes', bodyMarkdown: 'Dana Scully again, in a draft.' });

    // Not private yet: nothing to say.
    expect(await publishedPostsNaming(user.id, { ...dana, name: 'Dana Scully' })).toEqual([]);
    await patchPerson(user.id, dana.id, { keepPrivate: true, version: (await getPerson(user.id, dana.id)).version });
    expect((await publishedPostsNaming(user.id, { id: dana.id, name: 'Dana Scully' })).map((p) => p.id)).toEqual([post.id]);
    // Another user's post naming a Dana Scully of theirs is not this one's business.
    const stranger = await createTestUser();
    expect(await publishedPostsNaming(stranger.id, { id: dana.id, name: 'Dana Scully' })).toEqual([]);
    await unpublishPost(user.id, post.id);
    expect(await publishedPostsNaming(user.id, { id: dana.id, name: 'Dana Scully' })).toEqual([]);
  });
});
