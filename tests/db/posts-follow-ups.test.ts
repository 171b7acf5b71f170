import { describe, expect, it, vi } from 'vitest';
import { POST as createFromEventRoute } from '@/app/api/v1/events/[id]/post/route';
import { buildOpenApi } from '@/lib/api/openapi';
import { endpoints } from '@/lib/api/registry';
import { createApiToken } from '@/lib/api/tokens';
import type { CurrentUser } from '@/lib/auth/users';
import { NamesPrivatePeopleError } from '@/lib/errors';
import { namedIn } from '@/lib/posts/mentions';
import { peopleToCheck } from '@/lib/posts/named';
import { createPostFromEventOnce, getPost, previewRegeneration, publishPost, updatePost } from '@/lib/posts/queries';
import { POST_STYLES } from '@/lib/posts/types';
import { makeEvent, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

// The server actions get the signed-in user from this stand-in for the session (next-auth does not load outside Next).
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock('@/lib/dal', () => ({
  getCurrentUser: async () => null,
  requireUser: async () => {
    if (!session.user) throw new Error('signed out');
    return session.user;
  },
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { regenerateAction } = await import('@/app/(app)/posts/actions');

const TZ = 'Europe/London';
// What the follow-ups say, and the frames the composer tells them in.
const FOLLOW_UP_TEXT = /vendor shortlist|payments pilot|On my list|Next, I’m going to|One thing to follow up|Already done|I’ve already|Follow-ups/;

/** The evening of the report: Hannah and Priya met there, Raj named only in a follow-up. */
async function fintechSupper(raj: { keepPrivate?: boolean } = {}) {
  const user = await createTestUser();
  const hannah = await makePerson(user.id, { name: 'Hannah Reid', role: 'CISO' });
  const priya = await makePerson(user.id, { name: 'Priya Shah', role: 'Head of Payments' });
  const rajPatel = await makePerson(user.id, { name: 'Raj Patel', role: 'Founder', keepPrivate: raj.keepPrivate });
  const event = await makeEvent(user.id, {
    title: 'Fintech supper',
    venue: 'The Ivy',
    startsAt: new Date('2026-04-21T18:00:00Z'),
    people: [{ personId: hannah.id }, { personId: priya.id }],
    followUps: [
      { action: 'Send Hannah the vendor shortlist', personId: hannah.id },
      { action: 'Intro Raj to Priya about payments pilot', personId: priya.id, dueOn: '2026-04-28' },
    ],
  });
  return { user, raj: rajPatel, event };
}

/** Whom the publish question lists for the saved post, as the editor works it out. */
async function namedOnPublish(userId: string, postId: string) {
  const post = await getPost(userId, postId);
  const { met, others } = await peopleToCheck(userId, post);
  return namedIn(`${post.title}\n${post.bodyMarkdown}`, met, others).map((p) => p.name);
}

async function apiCreate(userId: string, eventId: string, body: unknown) {
  const { token } = await createApiToken(userId, 'test');
  const request = new Request(`https://rapport.example/api/v1/events/${eventId}/post`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return createFromEventRoute(request, { params: Promise.resolve({ id: eventId }) });
}

describe('follow-ups are the user’s private to-do list', () => {
  it('a default draft, in every style and by the API, holds no follow-up and no one named only in one', async () => {
    const { user, event } = await fintechSupper();
    for (const style of POST_STYLES) {
      const { post } = await createPostFromEventOnce(user.id, event.id, { style, timeZone: TZ });
      expect(post.bodyMarkdown, style).not.toMatch(FOLLOW_UP_TEXT);
      expect(post.bodyMarkdown, style).not.toContain('Raj');
      expect(await namedOnPublish(user.id, post.id)).not.toContain('Raj Patel');
    }
    const res = await apiCreate(user.id, event.id, {});
    expect(res.status).toBe(201);
    expect(((await res.json()) as { markdown: string }).markdown).not.toMatch(FOLLOW_UP_TEXT);
  });

  it('asked for, they appear: creating by lib or API, and regenerating', async () => {
    const { user, event } = await fintechSupper();
    const { post } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', includeFollowUps: true, timeZone: TZ });
    expect(post.bodyMarkdown).toContain('On my list now:\n\n- Send Hannah the vendor shortlist\n- Intro Raj to Priya about payments pilot by Tuesday 28 April');
    const summary = await createPostFromEventOnce(user.id, event.id, { style: 'summary', includeFollowUps: true, timeZone: TZ });
    expect(summary.post.bodyMarkdown).toContain('## Follow-ups');

    const res = await apiCreate(user.id, event.id, { includeFollowUps: true });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { markdown: string }).markdown).toContain('Intro Raj to Priya');
    expect((await apiCreate(user.id, event.id, { includeFollowUps: 'yes' })).status).toBe(400);

    expect((await previewRegeneration(user.id, post.id, { style: 'narrative', timeZone: TZ })).markdown).not.toMatch(FOLLOW_UP_TEXT);
    session.user = user;
    expect((await regenerateAction(post.id, 'narrative', false)).data?.markdown).not.toMatch(FOLLOW_UP_TEXT);
    expect((await regenerateAction(post.id, 'narrative', false, true)).data?.markdown).toContain('Send Hannah the vendor shortlist');
    session.user = null;
  });

  it('the API document offers the choice, off by default', () => {
    const doc = buildOpenApi(endpoints) as unknown as {
      paths: Record<string, { post: { requestBody: { content: Record<string, { schema: { properties: Record<string, { default?: unknown }> } }> } } }>;
    };
    const body = doc.paths['/api/v1/events/{id}/post']!.post.requestBody.content['application/json']!.schema;
    expect(body.properties.includeFollowUps).toMatchObject({ default: false });
  });
});

describe('the publish check names everyone of the user’s the post names, not only those met there', () => {
  it('with follow-ups asked for, Raj, named only in one, is listed with the people met there', async () => {
    const { user, event } = await fintechSupper();
    const { post } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', includeFollowUps: true, timeZone: TZ });
    expect(await namedOnPublish(user.id, post.id)).toEqual(['Hannah Reid', 'Priya Shah', 'Raj Patel']);
  });

  it('a Raj who asked not to be named stops publishing until confirmed, whether a follow-up or the user’s own words name him', async () => {
    const { user, raj, event } = await fintechSupper({ keepPrivate: true });
    const { post } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', includeFollowUps: true, timeZone: TZ });
    const refused = await publishPost(user.id, post.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NamesPrivatePeopleError);
    expect((refused as NamesPrivatePeopleError).named).toEqual([{ id: raj.id, name: 'Raj Patel' }]);
    expect((await getPost(user.id, post.id)).status).toBe('draft');

    // Without the follow-ups nothing names him; typed in by hand, the server still finds him.
    const plain = (await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ })).post;
    await updatePost(user.id, plain.id, { markdown: `${plain.bodyMarkdown}\nLunch with Raj next week.`, version: plain.version });
    await expect(publishPost(user.id, plain.id)).rejects.toBeInstanceOf(NamesPrivatePeopleError);
    expect((await publishPost(user.id, plain.id, { confirmNamed: true })).status).toBe('published');
  });

  it('finds a private person by a hyphenated surname alone, and by a full name in any case, but not by a shared first name', async () => {
    const { user, event } = await fintechSupper();
    const anita = await makePerson(user.id, { name: 'Anita Patel-Smith', keepPrivate: true });
    await makePerson(user.id, { name: 'Owen Chen', keepPrivate: true });
    await makePerson(user.id, { name: 'Owen Park' });
    const plain = (await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: TZ })).post;
    const publishWith = async (line: string) => {
      const now = await getPost(user.id, plain.id);
      await updatePost(user.id, plain.id, { markdown: `${plain.bodyMarkdown}\n${line}`, version: now.version, confirmNamed: true });
      return publishPost(user.id, plain.id).then(
        () => [],
        (e: unknown) => (e as NamesPrivatePeopleError).named.map((p) => p.name),
      );
    };
    expect(await publishWith('Ms Patel-Smith made the case for open banking.')).toEqual([anita.name]);
    expect(await publishWith('later i had a word with owen chen.')).toEqual(['Owen Chen']);
    // Two Owens: "Owen" alone names neither.
    expect(await publishWith('Owen said the same.')).toEqual([]);
  });
});
