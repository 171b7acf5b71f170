import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { posts } from '@/db/schema';
import { POST as publishRoute } from '@/app/api/v1/posts/[id]/publish/route';
import { PATCH as patchRoute } from '@/app/api/v1/posts/[id]/route';
import { createApiToken } from '@/lib/api/tokens';
import type { CurrentUser } from '@/lib/auth/users';
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

const { savePostAction, setPublishedAction } = await import('@/app/(app)/posts/actions');

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

  it('API: a published post edited to newly name a private person answers 409 and keeps the old text; confirmNamed saves', async () => {
    const { post, call, params, user } = await postNamingPrivate();
    await db.update(posts).set({ bodyMarkdown: 'I met Jane Smith.' }).where(eq(posts.id, post.id));
    expect((await publishRoute(call('POST', '/publish'), params)).status).toBe(200);
    const v = (await getPost(user.id, post.id)).version;
    // Not naming anyone private: saves as before.
    expect((await patchRoute(call('PATCH', '', { markdown: 'I met Jane Smith again.', version: v }), params)).status).toBe(200);
    const refused = await patchRoute(call('PATCH', '', { markdown: 'Tom Secret said hi.', version: v + 1 }), params);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { named: { name: string }[] }).named.map((p) => p.name)).toEqual(['Tom Secret']);
    expect((await getPost(user.id, post.id)).bodyMarkdown).toBe('I met Jane Smith again.');
    const ok = await patchRoute(call('PATCH', '', { markdown: 'Tom Secret said hi.', version: v + 1, confirmNamed: true }), params);
    expect(ok.status).toBe(200);
    // Already named when it went out: later edits need no new confirmation.
    expect((await patchRoute(call('PATCH', '', { markdown: 'Tom Secret said hello.', version: v + 2 }), params)).status).toBe(200);
  });

  it('server actions: setPublishedAction and savePostAction refuse without confirmation, accept with it', async () => {
    const { post, user } = await postNamingPrivate();
    session.user = user;
    const refused = await setPublishedAction(post.id, true);
    expect(refused).toMatchObject({ ok: false, status: 409 });
    expect(refused.message).toContain('Tom Secret');
    expect((await getPost(user.id, post.id)).status).toBe('draft');
    expect(await setPublishedAction(post.id, true, true)).toMatchObject({ ok: true, data: { status: 'published' } });

    await unpublishPost(user.id, post.id);
    await db.update(posts).set({ bodyMarkdown: 'Nobody named.', status: 'published' }).where(eq(posts.id, post.id));
    const { version } = await getPost(user.id, post.id);
    const save = await savePostAction(post.id, { markdown: 'Tom Secret again.', version });
    expect(save).toMatchObject({ ok: false, status: 409, message: expect.stringContaining('Tom Secret') });
    expect((await getPost(user.id, post.id)).bodyMarkdown).toBe('Nobody named.');
    expect(await savePostAction(post.id, { markdown: 'Tom Secret again.', version, confirmNamed: true })).toMatchObject({ ok: true });
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
