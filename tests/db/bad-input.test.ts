import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { GET as listEventsRoute, POST as createEventRoute } from '@/app/api/v1/events/route';
import { POST as createFollowUpRoute } from '@/app/api/v1/follow-ups/route';
import { GET as listInteractionsRoute } from '@/app/api/v1/interactions/route';
import { GET as listOrganisationsRoute } from '@/app/api/v1/organisations/route';
import { PATCH as patchPersonRoute } from '@/app/api/v1/people/[id]/route';
import { GET as listPeopleRoute, POST as createPersonRoute } from '@/app/api/v1/people/route';
import { PATCH as patchPostRoute } from '@/app/api/v1/posts/[id]/route';
import { GET as listPostsRoute } from '@/app/api/v1/posts/route';
import { GET as feedRoute } from '@/app/u/[handle]/feed.xml/route';
import { decodeParam } from '@/app/u/[handle]/load';
import { createApiToken } from '@/lib/api/tokens';
import { signUpSchema } from '@/lib/auth/validation';
import type { CurrentUser } from '@/lib/auth/users';
import { createPostFromEventOnce } from '@/lib/posts/queries';
import { getPublicAuthor, getPublishedPost } from '@/lib/posts/public';
import { makeEvent, makeOrganisation, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock('@/lib/dal', () => ({
  getCurrentUser: async () => null,
  requireUser: async () => {
    if (!session.user) throw new Error('signed out');
    return session.user;
  },
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', () => ({
  // redirect() and notFound() below answer by throwing; the action wrapper lets them through.
  unstable_rethrow: (err: unknown) => {
    if (err instanceof Error && /^(redirect |not found)/.test(err.message)) throw err;
  },
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
  notFound: () => {
    throw new Error('not found');
  },
}));

const { mergeOrganisationAction } = await import('@/app/(app)/organisations/actions');
const { addSectorAction, renameSectorAction } = await import('@/app/(app)/settings/sectors/actions');

const NUL = 'Ann\u0000Smith';
const LONE = 'Ann \ud83d Smith';
const crafted = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const UUID = '00000000-0000-4000-8000-000000000000';

/** Every row the user has, counted: a refused request must leave it as it was. */
async function counts(userId: string) {
  const [r] = await rows<Record<string, number | string>>(
    db,
    sql`select (select count(*) from people where user_id = ${userId}::uuid) as people,
               (select count(*) from events where user_id = ${userId}::uuid) as events,
               (select count(*) from follow_ups where user_id = ${userId}::uuid) as follow_ups,
               (select count(*) from organisations where user_id = ${userId}::uuid) as organisations,
               (select count(*) from sectors where user_id = ${userId}::uuid) as sectors,
               (select count(*) from merges where user_id = ${userId}::uuid) as merges,
               (select string_agg(version::text || coalesce(title, ''), ',' order by id) from posts where user_id = ${userId}::uuid) as posts,
               (select string_agg(version::text || coalesce(name, ''), ',' order by id) from people where user_id = ${userId}::uuid) as names`,
  );
  return r;
}

async function setUp() {
  const user = await createTestUser();
  const person = await makePerson(user.id, { name: 'Jane' });
  const event = await makeEvent(user.id, { title: 'Evening', people: [{ personId: person.id }] });
  await makeOrganisation(user.id, 'Acme');
  const { post } = await createPostFromEventOnce(user.id, event.id, { style: 'narrative', timeZone: 'Europe/London' });
  const { token } = await createApiToken(user.id, 'test');
  const call = (method: string, path: string, body?: unknown) =>
    new Request(`https://rapport.example/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { user, person, event, post, call };
}

type Ctx = Awaited<ReturnType<typeof setUp>>;
const none = { params: Promise.resolve({}) };
const id = (value: string) => ({ params: Promise.resolve({ id: value }) });
const event = (over: Record<string, unknown>) => ({ title: 'Evening', startsAt: '2026-04-23T18:30:00+01:00', ...over });

/** [what, request, the field path the answer must name]. */
const API_CASES: [string, (c: Ctx) => Promise<Response>, string][] = [
  ['person name with NUL', (c) => createPersonRoute(c.call('POST', '/people', { name: NUL }), none), 'name'],
  ['person name with a lone surrogate', (c) => createPersonRoute(c.call('POST', '/people', { name: LONE }), none), 'name'],
  ['person notes with NUL (PATCH)', (c) => patchPersonRoute(c.call('PATCH', `/people/${c.person.id}`, { notes: NUL, version: 1 }), id(c.person.id)), 'notes'],
  ['person link with NUL', (c) => createPersonRoute(c.call('POST', '/people', { name: 'Ann', links: ['https://a.example/\u0000'] }), none), 'links.0'],
  [
    'people search: crafted cursor',
    (c) => listPeopleRoute(c.call('GET', `/people?cursor=${crafted({ s: null, m: '0000-01-01 00:00:00+00', i: UUID })}`), none),
    'cursor',
  ],
  ['people search: garbage cursor', (c) => listPeopleRoute(c.call('GET', '/people?cursor=%00%00'), none), 'cursor'],
  ['event title with NUL', (c) => createEventRoute(c.call('POST', '/events', event({ title: NUL })), none), 'title'],
  ['event in year 0000', (c) => createEventRoute(c.call('POST', '/events', event({ startsAt: '0000-01-01T00:00:00Z' })), none), 'startsAt'],
  ['event in year 275760', (c) => createEventRoute(c.call('POST', '/events', event({ startsAt: '+275760-09-13T00:00:00Z' })), none), 'startsAt'],
  ['event ending in year 0000', (c) => createEventRoute(c.call('POST', '/events', event({ endsAt: '0000-12-31T23:59:59+01:00' })), none), 'endsAt'],
  ['event topic with NUL', (c) => createEventRoute(c.call('POST', '/events', event({ topics: [NUL] })), none), 'topics.0'],
  [
    'event follow-up due in year 0000',
    (c) => createEventRoute(c.call('POST', '/events', event({ followUps: [{ action: 'Call', due: '0000-01-01' }] })), none),
    'followUps.0.due',
  ],
  [
    'events list: crafted cursor in year 275760',
    (c) => listEventsRoute(c.call('GET', `/events?cursor=${crafted(['+275760-09-13T00:00:00.000Z', UUID])}`), none),
    'cursor',
  ],
  [
    'interactions list: crafted cursor on 45 Thirteenember',
    (c) => listInteractionsRoute(c.call('GET', `/interactions?cursor=${crafted(['2026-13-45', UUID])}`), none),
    'cursor',
  ],
  [
    'events list: crafted cursor in year 0000',
    (c) => listEventsRoute(c.call('GET', `/events?cursor=${crafted(['0000-01-01T00:00:00.000Z', UUID])}`), none),
    'cursor',
  ],
  ['follow-up action with NUL', (c) => createFollowUpRoute(c.call('POST', '/follow-ups', { action: NUL }), none), 'action'],
  ['follow-up due in year 0000', (c) => createFollowUpRoute(c.call('POST', '/follow-ups', { action: 'Call', due: '0000-01-01' }), none), 'due'],
  ['follow-up due in year 275760', (c) => createFollowUpRoute(c.call('POST', '/follow-ups', { action: 'Call', due: '275760-09-13' }), none), 'due'],
  [
    'posts list: crafted cursor in year 0000',
    (c) => listPostsRoute(c.call('GET', `/posts?cursor=${crafted({ updatedAt: '0000-01-01T00:00:00Z', id: UUID })}`), none),
    'cursor',
  ],
  [
    'posts list: crafted cursor, not an id',
    (c) => listPostsRoute(c.call('GET', `/posts?cursor=${crafted({ updatedAt: '2026-01-01T00:00:00Z', id: "1' or 1=1" })}`), none),
    'cursor',
  ],
  ['post title with NUL', (c) => patchPostRoute(c.call('PATCH', `/posts/${c.post.id}`, { title: NUL, version: 1 }), id(c.post.id)), 'title'],
  ['post body with a lone surrogate', (c) => patchPostRoute(c.call('PATCH', `/posts/${c.post.id}`, { markdown: LONE, version: 1 }), id(c.post.id)), 'markdown'],
];

describe('bad input reaching the schema: 4xx with the field path, never 500, nothing written', () => {
  it.each(API_CASES)('%s', async (_what, send, path) => {
    const c = await setUp();
    const before = await counts(c.user.id);
    const res = await send(c);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors?: { path: string; message: string }[] };
    expect(body.errors?.map((e) => e.path)).toContain(path);
    expect(await counts(c.user.id)).toEqual(before);
  });

  it('a NUL in a search or filter only reads, so it is dropped: 200, not 500', async () => {
    const c = await setUp();
    expect((await listOrganisationsRoute(c.call('GET', '/organisations?q=Ac%00me'), none)).status).toBe(200);
    expect((await listPeopleRoute(c.call('GET', '/people?q=Ja%00ne&sector=%00'), none)).status).toBe(200);
  });

  it('server actions: a merge name, a sector name and a sign-up name with NUL are field errors, nothing written', async () => {
    const c = await setUp();
    session.user = c.user;
    const [acme] = await rows<{ id: string }>(db, sql`select id from organisations where user_id = ${c.user.id}::uuid`);
    const before = await counts(c.user.id);
    const form = (entries: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(entries)) f.set(k, v);
      return f;
    };
    const merge = await mergeOrganisationAction(acme!.id, {}, form({ otherName: NUL }));
    expect(merge.fieldErrors?.otherName).toBeDefined();
    expect(merge.values?.otherName).toBe(NUL); // what was typed comes back
    expect((await addSectorAction({}, form({ name: NUL }))).fieldErrors?.name).toBeDefined();
    const [sector] = await rows<{ id: string }>(db, sql`select id from sectors where user_id = ${c.user.id}::uuid limit 1`);
    expect((await renameSectorAction({}, form({ id: sector!.id, name: NUL }))).fieldErrors?.name).toBeDefined();
    expect(await counts(c.user.id)).toEqual(before);
    const signUp = signUpSchema.safeParse({ name: NUL, email: 'a@example.test', password: 'long enough password' });
    expect(signUp.success).toBe(false);
    expect(signUp.error?.issues.map((i) => i.path.join('.'))).toEqual(['name']);
    session.user = null;
  });

  it('public pages: a NUL or otherwise invalid handle or slug is missing (404), not an error', async () => {
    const c = await setUp();
    expect(await getPublishedPost(c.user.id, decodeParam('%00'))).toBeNull();
    expect(await getPublishedPost(c.user.id, 'a\u0000b')).toBeNull();
    expect(await getPublishedPost(c.user.id, decodeParam('%E0%A4%A'))).toBeNull();
    expect(await getPublicAuthor(decodeParam('%00'))).toBeNull();
    const feed = await feedRoute(new Request('https://rapport.example/u/%00/feed.xml'), { params: Promise.resolve({ handle: '%00' }) });
    expect(feed.status).toBe(404);
  });
});
