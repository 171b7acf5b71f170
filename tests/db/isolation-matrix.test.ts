import path from 'node:path';
import { runImport } from '@/lib/import/run';
import { undoImport } from '@/lib/import/undo';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '@/lib/api/tokens';
import { createSession, type CurrentUser } from '@/lib/auth/users';
import { sessionHandle } from '@/lib/auth/sessions';
import { regenerateCalendarSecret } from '@/lib/calendar/feed';
import { listTopicSummaries } from '@/lib/topics/pages';
import { BASE, callRoute, type Handler, routeHandlers, serverActionFiles, snapshotUser } from '../support/api';
import { createTestUser } from '../support/users';
import { markInTouch } from '@/lib/keep-in-touch/queries';
import { markNotDuplicate } from '@/lib/people/not-duplicates';
import { markOrganisationsNotDuplicate } from '@/lib/organisations/duplicates';
import { sql } from 'drizzle-orm';
import { rows } from '@/db/rows';
import { createPerson } from '@/lib/people/queries';
import { createPersonSchema } from '@/lib/people/validation';
import { siteOrigin } from '@/lib/site-origin';
import { setOffTheRecord } from '@/lib/facts/queries';
import { db } from '@/db/client';
import { formerHandles } from '@/db/schema';

const recordFormerHandle = (userId: string, handle: string) => db.insert(formerHandles).values({ userId, handle });

/*
 * The isolation matrix: every route handler, every exported server action (and, in tests/e2e/isolation-pages,
 * every page) is found by walking app/, and each must have a case here. A second user aiming at the first
 * user's ids gets what a missing id gets and changes nothing (the first user's rows are compared before and
 * after each case); the second user's lists, searches, counts, suggestions and feeds hold none of the first
 * user's ids or words; signed out, nothing private answers.
 */

const session = vi.hoisted(() => ({ user: null as null | { id: string }, sid: undefined as string | undefined }));

// Server actions and cookie-authenticated routes ask the data-access layer who is signed in; here the test says.
vi.mock('@/lib/dal', async () => {
  const { redirect } = await import('next/navigation');
  return {
    getCurrentUser: async () => session.user,
    getSessionId: async () => session.sid,
    requireUser: async () => {
      if (!session.user) redirect('/sign-in');
      return session.user;
    },
  };
});
// Cache invalidation needs a Next request store; it has nothing to do with who may do what.
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));

const root = path.resolve(__dirname, '../..');
const MARK = `zqxmark${Math.random().toString(36).slice(2, 8)}`;
/** One of A's facts, marked off the record: the cut action must never cut it from B's words. */
const OFF_RECORD = 'Globex will buy Initech before March';

interface Owner {
  user: CurrentUser;
  token: string;
  tokenId: string;
  sessionId: string;
  calendarSecret: string;
  event: { id: string; version: number };
  deletedEvent: string;
  person: { id: string; version: number };
  deletedPerson: string;
  organisation: string;
  sector: string;
  followUp: string;
  interaction: string;
  /** A's "Done" on a due contact, just tapped (what unmarkInTouchAction removes). */
  markedInTouch: string;
  fact: string;
  offRecordFact: string;
  topic: string;
  deletedFollowUp: string;
  draftPost: string;
  publishedPost: string;
  deletedPost: string;
  publishedSlug: string;
  draftSlug: string;
  /** A's contacts import, which B must not undo. */
  importUndo: string;
  /** A's import undone, whose people (in Deleted) B must not bring back. */
  undoneImport: string;
  /** Two of A's people A said are not one person: B may neither say it of A's people nor take it back. */
  notSame: [string, string];
  orgNotSame: [string, string];
}

let a: Owner;
let b: { user: CurrentUser; token: string; person: { id: string; version: number }; organisation: string; orgName: string; sector: string; event: string };
/** Every id and marker word of A's, which B must never see. */
let secrets: string[];

const route = (file: string) => import(path.join(root, file)) as Promise<Record<string, Handler>>;
const events = () => route('app/api/v1/events/route.ts');

async function ok(res: Response, status = 200) {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return text ? JSON.parse(text) : null;
}

async function makeOwner(): Promise<Owner> {
  const user = await createTestUser({ name: `Owner ${MARK}` });
  const { token, id: tokenId } = await createApiToken(user.id, `token ${MARK}`);
  const ev = await ok(
    await callRoute((await events()).POST!, 'POST', '/api/v1/events', {
      token,
      body: {
        title: `Breakfast ${MARK}`,
        startsAt: '2026-05-12T08:00:00+01:00',
        venue: `Hall ${MARK}`,
        series: `Series ${MARK}`,
        topics: [`topic ${MARK}`],
        people: [{ name: `Lin ${MARK}`, organisation: `Org ${MARK}`, sector: `Sector ${MARK}`, relation: 'spoke', notes: `note ${MARK}` }],
        // The second is marked off the record below: words B may send to be cut, which B's own facts do not hold.
        insights: [{ text: `insight ${MARK}`, personIndex: 0 }, { text: OFF_RECORD }],
        followUps: [{ action: `Email ${MARK}`, due: '2026-05-19', personIndex: 0 }],
      },
    }),
    201,
  );
  const personId = ev.people[0].id as string;
  const people = await route('app/api/v1/people/[id]/route.ts');
  const person = await ok(await callRoute(people.GET!, 'GET', `/api/v1/people/${personId}`, { token, params: { id: personId } }));
  const deleted = async (routeFile: string, url: string, body: unknown, itemRoute: string) => {
    const created = await ok(await callRoute((await route(routeFile)).POST!, 'POST', url, { token, body }), 201);
    const id = (created.id ?? created.post?.id) as string;
    await callRoute((await route(itemRoute)).DELETE!, 'DELETE', `${url}/${id}`, { token, params: { id } });
    return id;
  };
  const deletedEvent = await deleted(
    'app/api/v1/events/route.ts',
    '/api/v1/events',
    { title: `Gone ${MARK}`, startsAt: '2026-04-01T18:00:00Z' },
    'app/api/v1/events/[id]/route.ts',
  );
  const deletedPerson = await deleted(
    'app/api/v1/people/route.ts',
    '/api/v1/people',
    { name: `Gone ${MARK}`, email: `gone-${MARK}@example.test` },
    'app/api/v1/people/[id]/route.ts',
  );
  const followUps = await route('app/api/v1/follow-ups/route.ts');
  const fu = await ok(
    await callRoute(followUps.POST!, 'POST', '/api/v1/follow-ups', { token, body: { action: `Call ${MARK}`, due: '2026-06-01', personId } }),
    201,
  );
  // A keeps in touch with Lin: a cadence, and a coffee logged.
  await ok(
    await callRoute(people.PATCH!, 'PATCH', `/api/v1/people/${personId}`, {
      token,
      params: { id: personId },
      body: { keepInTouch: { unit: 'days', every: 7 }, version: person.version },
    }),
  );
  const interaction = await ok(
    await callRoute((await route('app/api/v1/interactions/route.ts')).POST!, 'POST', '/api/v1/interactions', {
      token,
      body: { personId, kind: 'coffee', occurredOn: '2026-01-05', note: `coffee ${MARK}` },
    }),
    201,
  );
  const deletedFollowUp = await deleted(
    'app/api/v1/follow-ups/route.ts',
    '/api/v1/follow-ups',
    { action: `Gone ${MARK}` },
    'app/api/v1/follow-ups/[id]/route.ts',
  );
  const fromEvent = await route('app/api/v1/events/[id]/post/route.ts');
  const slugs: Record<string, string> = {};
  const newPost = async () => {
    const post = await ok(await callRoute(fromEvent.POST!, 'POST', `/api/v1/events/${ev.id}/post`, { token, body: {}, params: { id: ev.id } }), 201);
    slugs[post.id] = post.slug;
    return post.id as string;
  };
  const draftPost = await newPost();
  const publishedPost = await newPost();
  await ok(await callRoute((await route('app/api/v1/posts/[id]/publish/route.ts')).POST!, 'POST', `/x`, { token, params: { id: publishedPost } }));
  const deletedPost = await newPost();
  await callRoute((await route('app/api/v1/posts/[id]/route.ts')).DELETE!, 'DELETE', '/x', { token, params: { id: deletedPost } });
  // A handle A gave up, which still leads to A's posts: B may not let it go.
  await recordFormerHandle(user.id, `gone-${MARK}`);
  return {
    user,
    token,
    tokenId,
    sessionId: await createSession(user.id, 'Owner browser'),
    calendarSecret: await regenerateCalendarSecret(user.id),
    event: { id: ev.id, version: ev.version },
    deletedEvent,
    person: { id: personId, version: person.version + 1 },
    deletedPerson,
    organisation: ev.people[0].organisation.id,
    sector: person.sector.id,
    followUp: fu.id,
    interaction: interaction.id as string,
    markedInTouch: (await markInTouch(user.id, personId)).id,
    fact: ev.insights[0].id as string,
    offRecordFact: (await setOffTheRecord(user.id, ev.insights[1].id as string, true)).id,
    topic: (await listTopicSummaries(user.id))[0]!.id,
    deletedFollowUp,
    draftPost,
    publishedPost,
    deletedPost,
    publishedSlug: slugs[publishedPost]!,
    draftSlug: slugs[draftPost]!,
    importUndo: (await runImport(user.id, 'vcard', `BEGIN:VCARD\nVERSION:3.0\nFN:Imported ${MARK}\nEND:VCARD\n`)).undoId!,
    undoneImport: await (async () => {
      const undone = (await runImport(user.id, 'vcard', `BEGIN:VCARD\nVERSION:3.0\nFN:Undone ${MARK}\nEND:VCARD\n`)).undoId!;
      await undoImport(user.id, undone);
      return undone;
    })(),
    notSame: await (async () => {
      const twin = (await createPerson(user.id, createPersonSchema.parse({ name: `Lin ${MARK}`, organisationName: `Org ${MARK}` }))).id;
      await markNotDuplicate(user.id, personId, twin);
      return [personId, twin] as [string, string];
    })(),
    // Two of A's organisations A said are two: the event's, and one whose initials it may be.
    orgNotSame: await (async () => {
      const [initials] = await rows<{ id: string }>(db, sql`insert into organisations (user_id, name) values (${user.id}::uuid, 'OM') returning id`);
      await markOrganisationsNotDuplicate(user.id, ev.people[0].organisation.id, initials!.id);
      return [ev.people[0].organisation.id as string, initials!.id];
    })(),
  };
}

beforeAll(async () => {
  a = await makeOwner();
  const user = await createTestUser({ name: 'Second User' });
  const { token } = await createApiToken(user.id, 'second');
  const orgName = `Own Org ${Math.random().toString(36).slice(2, 6)}`;
  const ev = await ok(
    await callRoute((await events()).POST!, 'POST', '/api/v1/events', {
      token,
      body: { title: 'Own evening', startsAt: '2026-05-13T18:00:00Z', people: [{ name: 'Own Person', organisation: orgName, sector: 'Own Sector' }] },
    }),
    201,
  );
  const pid = ev.people[0].id as string;
  const person = await ok(await callRoute((await route('app/api/v1/people/[id]/route.ts')).GET!, 'GET', '/x', { token, params: { id: pid } }));
  b = {
    user,
    token,
    person: { id: pid, version: person.version },
    organisation: ev.people[0].organisation.id,
    orgName,
    sector: person.sector.id,
    event: ev.id,
  };
  const snap = JSON.stringify(await snapshotUser(a.user.id));
  secrets = [MARK, a.user.id, a.user.email, ...new Set(snap.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g))];
  secrets = secrets.filter((s) => s !== b.user.id);
}, 120_000);

/** Runs `attempt` and proves A's rows are byte-for-byte what they were. */
async function unchanged<T>(attempt: () => Promise<T>): Promise<T> {
  const before = await snapshotUser(a.user.id);
  const result = await attempt();
  expect(await snapshotUser(a.user.id)).toEqual(before);
  return result;
}

function expectNoSecrets(text: string, what: string) {
  for (const s of secrets) expect(text.includes(s), `${what} shows A's ${s}`).toBe(false);
}

/** What a missing id answers, to compare another user's id with. */
async function missingLike(res: Response, missing: Response) {
  expect(res.status).toBe(404);
  expect(missing.status).toBe(404);
  expect(await res.json()).toEqual(await missing.json());
}

type RouteCase =
  | { kind: 'public'; why: string; check?: () => Promise<void> }
  | { kind: 'owned'; param: () => string; url?: string; body?: () => unknown }
  | { kind: 'list'; urls: () => string[]; body?: () => unknown };

const randomId = () => crypto.randomUUID();
// Cookie writes must come from the site's own origin, scheme included: for the host the requests name, with no
// AUTH_URL, that is https://rapport.test (lib/site-origin.ts), not the http:// of the in-process URL.
const ORIGIN = siteOrigin(new Headers({ host: new URL(BASE).host }));

/** One case per method of every route handler in app/. */
const ROUTES: Record<string, RouteCase> = {
  'GET /api/health': { kind: 'public', why: 'liveness, no data' },
  'GET /api/v1/openapi.json': { kind: 'public', why: 'the API description, no data' },
  'GET /api/auth/[...nextauth]': { kind: 'public', why: "next-auth's own endpoints (sign-in forms, CSRF, session)" },
  'POST /api/auth/[...nextauth]': { kind: 'public', why: "next-auth's own endpoints; sign-in is tested in auth.test.ts" },
  ...Object.fromEntries(
    (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method) => [
      `${method} /api/[...missing]`,
      {
        kind: 'public',
        why: 'an address with no API: 404 problem+json for anyone, reading nothing',
        check: async () => {
          const handler = (await route('app/api/[...missing]/route.ts'))[method]!;
          const res = await callRoute(handler, method, '/api/v1/nope');
          expect(res.status).toBe(404);
          expect(res.headers.get('content-type')).toContain('application/problem+json');
          expect(await res.json()).toMatchObject({ status: 404, title: 'Not found' });
        },
      } satisfies RouteCase,
    ]),
  ),
  'GET /calendar/[file]': {
    kind: 'public',
    why: 'the secret in the address is the credential',
    check: async () => {
      const { GET } = await route('app/calendar/[file]/route.ts');
      const guess = await callRoute(GET!, 'GET', '/calendar/x.ics', { params: { file: `${'0'.repeat(43)}.ics` } });
      expect(guess.status).toBe(404);
      const own = await callRoute(GET!, 'GET', '/calendar/x.ics', { params: { file: `${a.calendarSecret}.ics` } });
      expect(own.status).toBe(200);
    },
  },
  'GET /u/[handle]/feed.xml': {
    kind: 'public',
    why: 'published posts only, by design; drafts and deleted posts stay out',
    check: async () => {
      const { GET } = await route('app/u/[handle]/feed.xml/route.ts');
      const feed = await (await callRoute(GET!, 'GET', '/x', { params: { handle: a.user.handle } })).text();
      expect(feed).toContain(`/${a.publishedSlug}`);
      expect(feed).not.toMatch(new RegExp(`/${a.draftSlug}["<]`));
    },
  },
  'GET /api/v1/calendar.ics': { kind: 'list', urls: () => ['/api/v1/calendar.ics'] },
  'GET /api/v1/review': { kind: 'list', urls: () => ['/api/v1/review', '/api/v1/review?week=2026-W17'] },
  'GET /api/v1/review/markdown': { kind: 'list', urls: () => ['/api/v1/review/markdown', '/api/v1/review/markdown?week=2026-W17'] },
  'GET /api/v1/events': { kind: 'list', urls: () => ['/api/v1/events', `/api/v1/events?q=${MARK}`, '/api/v1/events?year=2026'] },
  'POST /api/v1/events': {
    kind: 'list',
    urls: () => ['/api/v1/events'],
    body: () => ({ title: 'Borrowing', startsAt: '2026-05-14T18:00:00Z', people: [{ id: a.person.id }] }),
  },
  'GET /api/v1/events/suggest': {
    kind: 'list',
    urls: () =>
      ['organisations', 'sectors', 'series', 'topics', 'people'].flatMap((k) => [
        `/api/v1/events/suggest?kind=${k}&q=${MARK}`,
        `/api/v1/events/suggest?kind=${k}`,
      ]),
  },
  'GET /api/v1/events/[id]': { kind: 'owned', param: () => a.event.id },
  'PATCH /api/v1/events/[id]': { kind: 'owned', param: () => a.event.id, body: () => ({ version: a.event.version, title: 'Hijacked' }) },
  'DELETE /api/v1/events/[id]': { kind: 'owned', param: () => a.event.id },
  'POST /api/v1/events/[id]/post': { kind: 'owned', param: () => a.event.id, body: () => ({}) },
  'GET /api/v1/facts': {
    kind: 'list',
    urls: () => [
      '/api/v1/facts',
      `/api/v1/facts?q=${MARK}`,
      `/api/v1/facts?q=insight`,
      `/api/v1/facts?speaker=${a.person.id}`,
      `/api/v1/facts?event=${a.event.id}`,
      `/api/v1/facts?organisation=${a.organisation}`,
      `/api/v1/facts?sector=${a.sector}`,
    ],
  },
  'GET /api/v1/facts/filters': {
    kind: 'list',
    urls: () => ['/api/v1/facts/filters', `/api/v1/facts/filters?speaker=${a.person.id}&event=${a.event.id}&organisation=${a.organisation}&sector=${a.sector}`],
  },
  'GET /api/v1/facts/[id]': { kind: 'owned', param: () => a.fact },
  'PATCH /api/v1/facts/[id]': { kind: 'owned', param: () => a.fact, body: () => ({ offTheRecord: true }) },
  'GET /api/v1/topics': { kind: 'list', urls: () => ['/api/v1/topics', `/api/v1/topics?q=${MARK}`, '/api/v1/topics?sort=used'] },
  'GET /api/v1/topics/[id]': { kind: 'owned', param: () => a.topic },
  'PATCH /api/v1/topics/[id]': { kind: 'owned', param: () => a.topic, body: () => ({ name: 'Hijacked' }) },
  'POST /api/v1/topics/[id]/merge': {
    kind: 'owned',
    param: () => a.topic,
    body: () => ({ into: a.topic }),
  },
  'GET /api/v1/follow-ups': {
    kind: 'list',
    urls: () => [
      '/api/v1/follow-ups',
      '/api/v1/follow-ups?status=done',
      `/api/v1/follow-ups?person=${a.person.id}`,
      `/api/v1/follow-ups?event=${a.event.id}`,
      `/api/v1/follow-ups?sector=${a.sector}`,
    ],
  },
  'POST /api/v1/follow-ups': {
    kind: 'list',
    urls: () => ['/api/v1/follow-ups'],
    body: () => ({ action: 'Borrow', personId: a.person.id, eventId: a.event.id }),
  },
  'GET /api/v1/follow-ups/[id]': { kind: 'owned', param: () => a.followUp },
  'PATCH /api/v1/follow-ups/[id]': { kind: 'owned', param: () => a.followUp, body: () => ({ action: 'Hijacked', version: 1 }) },
  'DELETE /api/v1/follow-ups/[id]': { kind: 'owned', param: () => a.followUp },
  'GET /api/v1/follow-ups/[id]/calendar.ics': { kind: 'owned', param: () => a.followUp },
  'GET /api/v1/interactions': {
    kind: 'list',
    urls: () => ['/api/v1/interactions', `/api/v1/interactions?personId=${a.person.id}`],
  },
  'POST /api/v1/interactions': { kind: 'list', urls: () => ['/api/v1/interactions'], body: () => ({ personId: a.person.id, kind: 'call' }) },
  'GET /api/v1/interactions/[id]': { kind: 'owned', param: () => a.interaction },
  'PATCH /api/v1/interactions/[id]': { kind: 'owned', param: () => a.interaction, body: () => ({ note: 'Hijacked', version: 1 }) },
  'DELETE /api/v1/interactions/[id]': { kind: 'owned', param: () => a.interaction },
  'GET /api/v1/organisations': { kind: 'list', urls: () => ['/api/v1/organisations', `/api/v1/organisations?q=${MARK}`] },
  'GET /api/v1/organisations/[id]': { kind: 'owned', param: () => a.organisation },
  'GET /api/v1/people': {
    kind: 'list',
    urls: () => [
      '/api/v1/people',
      `/api/v1/people?q=${MARK}`,
      `/api/v1/people?q=Lin`,
      `/api/v1/people?sector=${a.sector}`,
      '/api/v1/people?sort=name',
      '/api/v1/people?sort=added',
      // A's import, by its undo id: who it added is A's to list.
      `/api/v1/people?imported=${a.importUndo}`,
    ],
  },
  'POST /api/v1/people': { kind: 'list', urls: () => ['/api/v1/people'], body: () => ({ name: 'Borrowing', sectorId: a.sector }) },
  'GET /api/v1/people/[id]': { kind: 'owned', param: () => a.person.id },
  'PATCH /api/v1/people/[id]': { kind: 'owned', param: () => a.person.id, body: () => ({ version: a.person.version, name: 'Hijacked' }) },
  'DELETE /api/v1/people/[id]': { kind: 'owned', param: () => a.person.id },
  'GET /api/v1/people/[id]/vcard': { kind: 'owned', param: () => a.person.id },
  'GET /api/v1/posts': { kind: 'list', urls: () => ['/api/v1/posts', '/api/v1/posts?status=published'] },
  'GET /api/v1/posts/[id]': { kind: 'owned', param: () => a.draftPost },
  'PATCH /api/v1/posts/[id]': { kind: 'owned', param: () => a.draftPost, body: () => ({ version: 1, title: 'Hijacked' }) },
  'DELETE /api/v1/posts/[id]': { kind: 'owned', param: () => a.publishedPost },
  'POST /api/v1/posts/[id]/publish': { kind: 'owned', param: () => a.draftPost },
  'POST /api/v1/posts/[id]/unpublish': { kind: 'owned', param: () => a.publishedPost },
  'POST /api/v1/posts/[id]/revert': { kind: 'owned', param: () => a.publishedPost, body: () => ({ version: 1 }) },
  'GET /api/v1/sectors': { kind: 'list', urls: () => ['/api/v1/sectors'] },
  // B's export never holds A's rows; B's import matches only B's people and writes only B's rows.
  'GET /api/v1/export': { kind: 'list', urls: () => ['/api/v1/export?format=json', '/api/v1/export?format=vcard', '/api/v1/export?format=csv'] },
  'POST /api/v1/import': { kind: 'list', urls: () => ['/api/v1/import?dryRun=true'], body: () => ({ format: 'rapport-backup', version: 1 }) },
  'POST /api/v1/import/[id]/undo': { kind: 'owned', param: () => a.importUndo },
  // Undone: A could bring its person back; B answers as for a missing import, and nothing of A's comes back.
  'POST /api/v1/import/[id]/restore': { kind: 'owned', param: () => a.undoneImport },
  'POST /api/v1/import/stream': {
    kind: 'list',
    urls: () => ['/api/v1/import/stream'],
    body: () => ({ kind: 'vcard', content: `BEGIN:VCARD\nVERSION:3.0\nFN:Borrowing\nEMAIL:borrowing@example.test\nEND:VCARD\n` }),
  },
  'GET /posts/[id]/export': { kind: 'owned', param: () => a.draftPost, url: '?format=html' },
};

const handlers = routeHandlers();
const routeKeys = handlers.flatMap((h) => h.methods.map((m) => ({ key: `${m} ${h.route}`, file: h.file, method: m })));

describe('isolation matrix: route handlers', () => {
  it('has a case for every method of every route handler in app/, and for every documented endpoint', async () => {
    const found = routeKeys.map((r) => r.key).sort();
    expect(found.length).toBeGreaterThan(30);
    expect(Object.keys(ROUTES).sort()).toEqual(found);
    const { endpoints } = await import('@/lib/api/registry');
    for (const ep of endpoints) {
      // The calendar feed is documented by its address, `/calendar/{secret}.ics`; the route's folder is [file].
      const route = ep.path.replace('/calendar/{secret}.ics', '/calendar/[file]').replace(/\{(\w+)\}/g, '[$1]');
      const key = `${ep.method.toUpperCase()} ${route}`;
      expect(ROUTES[key], `the registry documents ${key}`).toBeDefined();
    }
  });

  for (const { key, file, method } of routeKeys) {
    const c = ROUTES[key];
    if (!c) continue;
    if (c.kind === 'public') {
      it(`${key} is public: ${c.why}`, async () => {
        await unchanged(async () => c.check?.());
      });
      continue;
    }
    it(`${key}: signed out is 401 and changes nothing`, async () => {
      session.user = null;
      const handler = (await route(file))[method]!;
      const params: Record<string, string> = c.kind === 'owned' ? { id: c.param() } : {};
      const urls = c.kind === 'list' ? c.urls() : [`/x/${c.kind === 'owned' ? c.param() : ''}${c.url ?? ''}`];
      for (const url of urls) {
        const res = await unchanged(() => callRoute(handler, method, url, { params, body: c.body?.(), headers: { origin: ORIGIN } }));
        expect(res.status, url).toBe(401);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
    });
    if (c.kind === 'owned') {
      it(`${key}: another user's id answers like a missing one and changes nothing`, async () => {
        const handler = (await route(file))[method]!;
        for (const auth of ['token', 'cookie'] as const) {
          session.user = auth === 'cookie' ? b.user : null;
          const opts = (id: string) => ({
            params: { id },
            body: c.body?.(),
            token: auth === 'token' ? b.token : null,
            headers: { origin: ORIGIN },
          });
          const res = await unchanged(() => callRoute(handler, method, `/x/${c.param()}${c.url ?? ''}`, opts(c.param())));
          const missing = await callRoute(handler, method, `/x/missing${c.url ?? ''}`, opts(randomId()));
          await missingLike(res, missing);
        }
        session.user = null;
      });
    } else {
      it(`${key}: B's answers hold none of A's rows, and nothing of A's changes`, async () => {
        const handler = (await route(file))[method]!;
        for (const url of c.urls()) {
          const res = await unchanged(() => callRoute(handler, method, url, { token: b.token, body: c.body?.() }));
          const text = await res.text();
          expect(res.status, `${url}: ${text.slice(0, 200)}`).toBeLessThan(500);
          expectNoSecrets(text, `${key} ${url}`);
        }
      });
    }
  }

  it("A's own token, after all of the above, still reads A's data (the cases above really aimed at live rows)", async () => {
    const { GET } = await route('app/api/v1/events/[id]/route.ts');
    expect((await callRoute(GET!, 'GET', '/x', { token: a.token, params: { id: a.event.id } })).status).toBe(200);
  });
});

/**
 * `answers`: what the action must answer B, where "nothing of A's changed" cannot tell on its own (an action that
 * creates a row of B's own against A's person would leave A's rows as they were).
 */
type ActionCase = { public: string } | { run: () => Promise<unknown>; answers?: Record<string, unknown> };
type Action = (...args: unknown[]) => Promise<unknown>;

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

const actionModules: Record<string, Record<string, Action>> = {};
const act = (file: string, name: string) => actionModules[file]![name]!;

const E = 'app/(app)/events/actions.ts';
const F = 'app/(app)/follow-ups/actions.ts';
const FA = 'app/(app)/facts/actions.ts';
const T = 'app/(app)/topics/actions.ts';
const O = 'app/(app)/organisations/actions.ts';
const P = 'app/(app)/people/actions.ts';
const W = 'app/(app)/posts/actions.ts';
const S = 'app/(app)/settings';
const K = 'app/(app)/people/contact-actions.ts';

const validEvent = () => ({ title: 'Hijacked', startsAt: '2026-05-12T08:00:00Z', people: [{ id: a.person.id }] });

/** One case per exported server action: as B, aimed at A's ids. */
const ACTIONS: Record<string, ActionCase> = {
  [`${E}#saveEventAction`]: {
    run: async () => {
      await act(
        E,
        'saveEventAction',
      )({ eventId: a.event.id, version: a.event.version, idempotencyKey: 'k-1234567890', payload: { title: 'Hijacked', startsAt: '2026-05-12T08:00:00Z' } });
      return act(E, 'saveEventAction')({ idempotencyKey: `k-${randomId()}`, payload: validEvent() });
    },
  },
  [`${E}#deleteEventAction`]: { run: () => act(E, 'deleteEventAction')(form({ eventId: a.event.id })) },
  [`${E}#restoreEventAction`]: { run: () => act(E, 'restoreEventAction')(form({ eventId: a.deletedEvent })) },
  [`${T}#renameTopicAction`]: { run: () => act(T, 'renameTopicAction')(a.topic, {}, form({ name: 'Hijacked' })) },
  [`${T}#mergeTopicAction`]: { run: () => act(T, 'mergeTopicAction')(a.topic, {}, form({ into: a.topic })) },
  [`${FA}#setOffTheRecordAction`]: { run: () => act(FA, 'setOffTheRecordAction')(a.fact, true) },
  [`${F}#createFollowUpAction`]: { run: () => act(F, 'createFollowUpAction')({}, form({ action: 'Borrow', personId: a.person.id, eventId: a.event.id })) },
  [`${F}#updateFollowUpAction`]: { run: () => act(F, 'updateFollowUpAction')(a.followUp, {}, form({ action: 'Hijacked', due: '', version: '1' })) },
  [`${F}#completeFollowUpAction`]: { run: () => act(F, 'completeFollowUpAction')(a.followUp) },
  [`${F}#reopenFollowUpAction`]: { run: () => act(F, 'reopenFollowUpAction')(a.followUp) },
  [`${F}#deleteFollowUpAction`]: { run: () => act(F, 'deleteFollowUpAction')(a.followUp) },
  [`${F}#restoreFollowUpAction`]: { run: () => act(F, 'restoreFollowUpAction')(a.deletedFollowUp) },
  [`${F}#snoozeFollowUpAction`]: { run: () => act(F, 'snoozeFollowUpAction')(a.followUp, 'next-week') },
  [`${F}#setDueAction`]: { run: () => act(F, 'setDueAction')(a.followUp, null) },
  [`${O}#updateOrganisationAction`]: {
    run: () => act(O, 'updateOrganisationAction')(a.organisation, {}, form({ name: 'Hijacked', version: '1', sectorId: '' })),
  },
  [`${O}#mergeOrganisationAction`]: {
    run: async () => {
      await act(O, 'mergeOrganisationAction')(a.organisation, {}, form({ otherName: b.orgName }));
      // The one-tap merge of a possible duplicate, by id: A's organisation into B's own.
      expect(await act(O, 'mergeOrganisationAction')(b.organisation, {}, form({ otherId: a.organisation }))).toMatchObject({ ok: false, status: 404 });
      return act(O, 'mergeOrganisationAction')(b.organisation, {}, form({ otherName: `Org ${MARK}` }));
    },
  },
  // A's two organisations, and one of A's with B's own: neither is B's to answer for.
  [`${O}#notSameOrganisationAction`]: {
    run: async () => {
      expect(await act(O, 'notSameOrganisationAction')(a.organisation, b.organisation)).toMatchObject({ ok: false, status: 404 });
      return act(O, 'notSameOrganisationAction')(...a.orgNotSame);
    },
    answers: { ok: false, status: 404 },
  },
  [`${O}#sameOrganisationAgainAction`]: { run: () => act(O, 'sameOrganisationAgainAction')(...a.orgNotSame), answers: { ok: false, status: 404 } },
  [`${P}#createPersonAction`]: {
    // Both of its writes: a new person in A's sector, and "Add these details to" A's person.
    run: async () => {
      await act(P, 'createPersonAction')({}, form({ name: 'Borrowing', sectorId: a.sector, createAnyway: '1' }));
      return act(P, 'createPersonAction')({}, form({ name: 'Borrowing', email: 'b@example.test', addTo: a.person.id }));
    },
    answers: { ok: false, status: 404 },
  },
  [`${P}#updatePersonAction`]: { run: () => act(P, 'updatePersonAction')(a.person.id, {}, form({ name: 'Hijacked', version: String(a.person.version) })) },
  [`${P}#deletePersonAction`]: { run: () => act(P, 'deletePersonAction')(form({ id: a.person.id })) },
  [`${P}#restorePersonAction`]: { run: () => act(P, 'restorePersonAction')(form({ id: a.deletedPerson })) },
  // A's two people, and one of A's with one of B's own: neither is B's to answer for.
  [`${P}#notSamePersonAction`]: {
    run: async () => {
      const mixed = await act(P, 'notSamePersonAction')(a.person.id, b.person.id);
      expect(mixed).toMatchObject({ ok: false, status: 404 });
      return act(P, 'notSamePersonAction')(a.notSame[1], a.person.id);
    },
    answers: { ok: false, status: 404 },
  },
  [`${P}#sameAgainAction`]: { run: () => act(P, 'sameAgainAction')(...a.notSame), answers: { ok: false, status: 404 } },
  [`${P}#mergePeopleAction`]: {
    run: async () => {
      const pair = (keep: { id: string; version: number }, other: { id: string; version: number }) =>
        form({ keepId: keep.id, otherId: other.id, keepVersion: String(keep.version), otherVersion: String(other.version) });
      await act(P, 'mergePeopleAction')({}, pair(b.person, a.person));
      return act(P, 'mergePeopleAction')({}, pair(a.person, b.person));
    },
  },
  [`${K}#logContactAction`]: {
    run: () => act(K, 'logContactAction')(a.person.id, {}, form({ kind: 'call', occurredOn: '', note: 'Borrow' })),
    answers: { ok: false, status: 404 },
  },
  [`${K}#deleteInteractionAction`]: { run: () => act(K, 'deleteInteractionAction')(a.interaction) },
  [`${K}#restoreInteractionAction`]: { run: () => act(K, 'restoreInteractionAction')(a.interaction) },
  [`${K}#markInTouchAction`]: { run: () => act(K, 'markInTouchAction')(a.person.id), answers: { ok: false, status: 404 } },
  [`${K}#unmarkInTouchAction`]: { run: () => act(K, 'unmarkInTouchAction')(a.markedInTouch), answers: { ok: false, status: 404 } },
  [`${K}#snoozeContactAction`]: { run: () => act(K, 'snoozeContactAction')(a.person.id, 'week') },
  [`${K}#setContactSnoozeAction`]: { run: () => act(K, 'setContactSnoozeAction')(a.person.id, '2030-01-01') },
  [`${K}#setCadenceAction`]: {
    run: () => act(K, 'setCadenceAction')(a.person.id, {}, form({ version: String(a.person.version), keepInTouch: 'none', keepInTouchDays: '' })),
  },
  [`${S}/sectors/actions.ts#setSectorCadenceAction`]: {
    run: () => act(`${S}/sectors/actions.ts`, 'setSectorCadenceAction')({}, form({ id: a.sector, version: '1', keepInTouch: 'monthly', keepInTouchDays: '' })),
  },
  [`${W}#createPostAction`]: { run: () => act(W, 'createPostAction')({}, form({ eventId: a.event.id, style: 'narrative' })) },
  [`${W}#savePostAction`]: { run: () => act(W, 'savePostAction')(a.draftPost, { title: 'Hijacked', version: 1 }) },
  // Cuts what it is sent by the caller's own facts; A's off-the-record words are A's to cut, not B's to learn of.
  [`${W}#cutOffTheRecordAction`]: {
    run: () => act(W, 'cutOffTheRecordAction')('Title', `A draft of my own: ${OFF_RECORD}.`),
    answers: { ok: true, data: { title: 'Title', markdown: `A draft of my own: ${OFF_RECORD}.`, cuts: 0 } },
  },
  [`${W}#regenerateAction`]: { run: () => act(W, 'regenerateAction')(a.draftPost, 'narrative', true) },
  [`${W}#setPublishedAction`]: {
    run: async () => {
      await act(W, 'setPublishedAction')(a.draftPost, true);
      return act(W, 'setPublishedAction')(a.publishedPost, false);
    },
  },
  [`${W}#revertPostAction`]: { run: () => act(W, 'revertPostAction')(a.publishedPost, 1) },
  [`${W}#deletePostAction`]: { run: () => act(W, 'deletePostAction')(form({ postId: a.draftPost })) },
  [`${W}#restorePostAction`]: { run: () => act(W, 'restorePostAction')(form({ postId: a.deletedPost })) },
  [`${S}/api-tokens/actions.ts#createApiTokenAction`]: { run: () => act(`${S}/api-tokens/actions.ts`, 'createApiTokenAction')({}, form({ name: 'mine' })) },
  // Account changes act on the caller's own account only; B's password is not A's, so nothing of A's moves.
  [`${S}/account/actions.ts#changePasswordAction`]: {
    run: () =>
      act(`${S}/account/actions.ts`, 'changePasswordAction')(
        {},
        form({ currentPassword: 'not-the-password', newPassword: 'a new long password', confirmPassword: 'a new long password' }),
      ),
  },
  [`${S}/account/actions.ts#changeEmailAction`]: {
    run: () => act(`${S}/account/actions.ts`, 'changeEmailAction')({}, form({ email: 'taken-by-nobody@example.test', currentPassword: 'not-the-password' })),
  },
  // The caller's own name and handle only; A's handle is taken, so asking for it changes nothing of A's.
  [`${S}/account/actions.ts#updateProfileAction`]: {
    run: () => act(`${S}/account/actions.ts`, 'updateProfileAction')({}, form({ name: 'B renamed', handle: a.user.handle, wasName: '', wasHandle: '' })),
  },
  [`${S}/account/actions.ts#releaseHandleAction`]: {
    run: () => act(`${S}/account/actions.ts`, 'releaseHandleAction')(form({ handle: `gone-${MARK}` })),
  },
  [`${S}/account/actions.ts#deleteAccountAction`]: {
    run: () => act(`${S}/account/actions.ts`, 'deleteAccountAction')({}, form({ confirmEmail: 'a@example.test', currentPassword: 'not-the-password' })),
  },
  [`${S}/writing/actions.ts#updateWritingAction`]: { run: () => act(`${S}/writing/actions.ts`, 'updateWritingAction')({}, form({ length: 'short' })) },
  [`${S}/api-tokens/actions.ts#revokeAllApiTokensAction`]: { run: () => act(`${S}/api-tokens/actions.ts`, 'revokeAllApiTokensAction')(form({})) },
  [`${S}/deleted/actions.ts#undoMergeAction`]: {
    run: () => act(`${S}/deleted/actions.ts`, 'undoMergeAction')({}, form({ mergeId: '00000000-0000-4000-8000-00000000abcd', then: 'list' })),
  },
  [`${S}/api-tokens/actions.ts#revokeApiTokenAction`]: { run: () => act(`${S}/api-tokens/actions.ts`, 'revokeApiTokenAction')(form({ tokenId: a.tokenId })) },
  [`${S}/calendar/actions.ts#calendarFeedAction`]: {
    run: async () => {
      await act(`${S}/calendar/actions.ts`, 'calendarFeedAction')({}, form({ intent: 'new' }));
      return act(`${S}/calendar/actions.ts`, 'calendarFeedAction')({}, form({ intent: 'off' }));
    },
  },
  [`${S}/calendar/actions.ts#weeklyReviewFeedAction`]: {
    run: () => act(`${S}/calendar/actions.ts`, 'weeklyReviewFeedAction')({}, form({ weeklyReview: 'off' })),
  },
  [`${S}/deleted/actions.ts#restoreDeletedAction`]: {
    run: async () => {
      const restore = act(`${S}/deleted/actions.ts`, 'restoreDeletedAction');
      for (const [kind, id] of [
        ['person', a.deletedPerson],
        ['event', a.deletedEvent],
        ['post', a.deletedPost],
        ['follow-up', a.deletedFollowUp],
      ] as const) {
        await restore(form({ kind, id })).catch((err) => {
          if (nextControlFlow(err).includes('/sign-in')) throw err;
        });
      }
    },
  },
  [`${S}/preferences/actions.ts#updateTimeZoneAction`]: {
    run: () => act(`${S}/preferences/actions.ts`, 'updateTimeZoneAction')({}, form({ timeZone: 'Asia/Tokyo' })),
  },
  [`${S}/sectors/actions.ts#addSectorAction`]: { run: () => act(`${S}/sectors/actions.ts`, 'addSectorAction')({}, form({ name: 'Own new sector' })) },
  [`${S}/sectors/actions.ts#renameSectorAction`]: {
    run: () => act(`${S}/sectors/actions.ts`, 'renameSectorAction')({}, form({ id: a.sector, name: 'Hijacked' })),
  },
  [`${S}/sectors/actions.ts#deleteSectorAction`]: {
    run: async () => {
      const del = act(`${S}/sectors/actions.ts`, 'deleteSectorAction');
      await del({}, form({ id: a.sector, reassignTo: '' }));
      await del({}, form({ id: a.sector, reassignTo: b.sector }));
      return del({}, form({ id: b.sector, reassignTo: a.sector }));
    },
  },
  [`${S}/sessions/actions.ts#endSessionAction`]: {
    run: () => act(`${S}/sessions/actions.ts`, 'endSessionAction')(form({ session: sessionHandle(a.sessionId) })),
  },
  [`${S}/sessions/actions.ts#endOtherSessionsAction`]: { run: () => act(`${S}/sessions/actions.ts`, 'endOtherSessionsAction')(form({})) },
  'app/(auth)/actions.ts#signInAction': { public: 'signing in is how one gets a session (tests/db/auth, sign-in-limits)' },
  'app/(auth)/actions.ts#signUpAction': { public: 'signing up makes a new account, touching no other (tests/db/auth)' },
  'app/(auth)/actions.ts#signOutAction': { public: "ends the caller's own session only (tests/db/sessions)" },
};

/** redirect() and notFound() end an action by throwing; that is how they answer, not a failure. */
function nextControlFlow(err: unknown) {
  const digest = (err as { digest?: unknown })?.digest;
  if (typeof digest === 'string' && /^NEXT_(REDIRECT|HTTP_ERROR_FALLBACK)/.test(digest)) return digest;
  throw err;
}

const actionFiles = serverActionFiles();

describe('isolation matrix: server actions', () => {
  beforeAll(async () => {
    for (const { file } of actionFiles) {
      if (file.startsWith('app/(auth)/')) continue; // cookies() and signIn() need a real request: see the public notes
      actionModules[file] = (await import(path.join(root, file))) as Record<string, Action>;
    }
  });

  it('has a case for every export of every "use server" file', () => {
    const found = actionFiles.flatMap((f) => f.exports.map((e) => `${f.file}#${e}`)).sort();
    expect(found.length).toBeGreaterThan(30);
    expect(Object.keys(ACTIONS).sort()).toEqual(found);
  });

  for (const [key, c] of Object.entries(ACTIONS)) {
    if ('public' in c) {
      it.skip(`${key} is public: ${c.public}`, () => {});
      continue;
    }
    it(`${key}: signed out redirects to sign-in and changes nothing`, async () => {
      session.user = null;
      const digest = await unchanged(() => c.run().then(() => 'returned', nextControlFlow));
      expect(digest).toMatch(/^NEXT_REDIRECT;[^;]*;\/sign-in;/);
    });
    it(`${key}: as another user, aimed at A's ids, changes nothing of A's and shows nothing of A's`, async () => {
      session.user = b.user;
      session.sid = await createSession(b.user.id, 'B browser');
      try {
        const result = await unchanged(() => c.run().then((r) => r, nextControlFlow));
        if (c.answers) expect(result).toMatchObject(c.answers);
        // Forms echo back what was typed (`values`) and redirects name the id asked for: B's own input, not A's.
        const shown = JSON.stringify(result ?? null, (k, v) => (k === 'values' ? undefined : v));
        expectNoSecrets(typeof result === 'string' ? '' : shown, key);
      } finally {
        session.user = null;
        session.sid = undefined;
      }
    });
  }

  it("A's token, calendar address and session survive every action B tried", async () => {
    const { userForToken } = await import('@/lib/api/tokens');
    const { userIdForCalendarSecret } = await import('@/lib/calendar/feed');
    const { getSessionUser } = await import('@/lib/auth/users');
    expect((await userForToken(a.token))?.id).toBe(a.user.id);
    expect(await userIdForCalendarSecret(a.calendarSecret)).toBe(a.user.id);
    expect((await getSessionUser(a.sessionId))?.id).toBe(a.user.id);
  });
});
