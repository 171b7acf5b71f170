import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as getOne, PATCH, DELETE } from '@/app/api/v1/events/[id]/route';
import { GET as list, POST } from '@/app/api/v1/events/route';
import { GET as suggest } from '@/app/api/v1/events/suggest/route';
import { GET as openapi } from '@/app/api/v1/openapi.json/route';
import { createApiToken } from '@/lib/api/tokens';
import { createTestUser } from '../support/users';

// The session layer needs a Next request; these tests authenticate with bearer tokens, which never touch it.
vi.mock('@/lib/dal', () => ({ getCurrentUser: async () => null }));

const BASE = 'http://rapport.test';
let token: string;
let otherToken: string;

beforeAll(async () => {
  token = (await createApiToken((await createTestUser()).id, 'tests')).token;
  otherToken = (await createApiToken((await createTestUser()).id, 'other')).token;
});

function call(
  // Route handlers differ only in their params type; each reads what it needs.
  handler: (r: Request, c: never) => Promise<Response>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  as = token,
) {
  const raw = typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body);
  const request = new Request(BASE + path, {
    method,
    body: raw,
    headers: { authorization: `Bearer ${as}`, ...(raw ? { 'content-type': 'application/json' } : {}), ...headers },
  });
  const id = path.split('/')[4]?.split('?')[0] ?? '';
  return handler(request, { params: Promise.resolve({ id }) } as never);
}

const evening = {
  title: 'Open Data Breakfast',
  startsAt: '2026-05-12T08:00:00+01:00',
  topics: ['open data'],
  people: [
    { name: 'Lin Chen', organisation: 'City Council', sector: 'Government', relation: 'spoke' },
    { role: 'Data lead', organisation: 'city council' },
  ],
  insights: [{ text: 'Half of datasets are never downloaded', personIndex: 0 }],
  followUps: [{ action: 'Email Lin', due: '2026-05-19', personIndex: 0 }],
};

describe('events API', () => {
  it('creates a whole evening (201), answers a retry with the same key once, reads it back and lists it', async () => {
    const key = `k-${crypto.randomUUID()}`;
    const first = await call(POST, 'POST', '/api/v1/events', evening, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const created = await first.json();
    expect(created.people).toHaveLength(2);
    expect(created.people[1].organisation.id).toBe(created.people[0].organisation.id);
    const retry = await call(POST, 'POST', '/api/v1/events', evening, { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect((await retry.json()).id).toBe(created.id);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    const one = await call(getOne, 'GET', `/api/v1/events/${created.id}`);
    expect(await one.json()).toMatchObject({ id: created.id, topics: ['open data'], insights: [{ personId: created.people[0].id }] });
    const page = await (await call(list, 'GET', '/api/v1/events?limit=1')).json();
    expect(page.items.filter((i: { id: string }) => i.id === created.id)).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ peopleCount: 2, openFollowUps: 1 });
  });

  it('pages with a cursor, newest first', async () => {
    const user = await createTestUser();
    const t = (await createApiToken(user.id, 'paging')).token;
    for (const day of ['01', '02', '03']) {
      await call(POST, 'POST', '/api/v1/events', { title: `Day ${day}`, startsAt: `2026-06-${day}T18:00:00Z` }, {}, t);
    }
    const a = await (await call(list, 'GET', '/api/v1/events?limit=2', undefined, {}, t)).json();
    expect(a.items.map((i: { title: string }) => i.title)).toEqual(['Day 03', 'Day 02']);
    const b = await (await call(list, 'GET', `/api/v1/events?limit=2&cursor=${a.nextCursor}`, undefined, {}, t)).json();
    expect(b.items.map((i: { title: string }) => i.title)).toEqual(['Day 01']);
    expect(b.nextCursor).toBeNull();
    const bad = await call(list, 'GET', '/api/v1/events?limit=0&year=abc', undefined, {}, t);
    expect(bad.status).toBe(400);
  });

  it('PATCH with a stale version is 409 with the current copy; a fresh one changes only what it names', async () => {
    const created = await (await call(POST, 'POST', '/api/v1/events', evening)).json();
    const ok = await call(PATCH, 'PATCH', `/api/v1/events/${created.id}`, { version: created.version, venue: 'Town Hall' });
    expect(ok.status).toBe(200);
    const updated = await ok.json();
    expect(updated).toMatchObject({ venue: 'Town Hall', version: created.version + 1, title: evening.title });
    expect(updated.people.map((p: { id: string }) => p.id)).toEqual(created.people.map((p: { id: string }) => p.id));
    expect(updated.insights[0].personId).toBe(created.people[0].id);
    const stale = await call(PATCH, 'PATCH', `/api/v1/events/${created.id}`, { version: created.version, title: 'Lost update' });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect((await stale.json()).current).toMatchObject({ venue: 'Town Hall', version: created.version + 1 });
    const missingVersion = await call(PATCH, 'PATCH', `/api/v1/events/${created.id}`, { title: 'x' });
    expect(missingVersion.status).toBe(400);
  });

  it('bad payloads are 4xx problems with paths, never 500', async () => {
    const cases: [unknown, number, string[]][] = [
      [{ title: 5, startsAt: 'tomorrow' }, 400, ['title', 'startsAt']],
      [{ ...evening, people: [{ name: 'A', relation: 'dated' }] }, 400, ['people.0.relation']],
      [{ ...evening, title: 'x'.repeat(5000) }, 400, ['title']],
      [{ ...evening, venue: 'Hall\u0000' }, 400, ['venue']],
      [{ ...evening, people: [{}] }, 400, ['people.0.name']],
      [{ ...evening, followUps: [{ action: 'x', due: '2026-13-45' }] }, 400, ['followUps.0.due']],
      [{ ...evening, insights: [{ text: 'x', personIndex: 9 }] }, 400, ['insights.0.personIndex']],
      [{ ...evening, people: [{ id: 'not-a-uuid' }] }, 400, ['people.0.id']],
      [[1, 2], 400, ['']],
    ];
    for (const [body, status, paths] of cases) {
      const res = await call(POST, 'POST', '/api/v1/events', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = await res.json();
      expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(paths));
    }
    expect((await call(POST, 'POST', '/api/v1/events', '{"title":')).status).toBe(400);
    const huge = await call(POST, 'POST', '/api/v1/events', { ...evening, summary: 'x'.repeat(2_000_000) });
    expect(huge.status).toBe(413);
    const bogusPerson = await call(POST, 'POST', '/api/v1/events', { ...evening, people: [{ id: crypto.randomUUID() }] });
    expect(bogusPerson.status).toBe(400);
    expect((await bogusPerson.json()).errors[0].path).toBe('people.0.id');
  });

  it('another user’s event answers 404 like a missing one; DELETE hides it', async () => {
    const created = await (await call(POST, 'POST', '/api/v1/events', evening)).json();
    for (const id of [created.id, crypto.randomUUID(), 'nope']) {
      const as = id === created.id ? otherToken : token;
      expect((await call(getOne, 'GET', `/api/v1/events/${id}`, undefined, {}, as)).status).toBe(404);
      expect((await call(DELETE, 'DELETE', `/api/v1/events/${id}`, undefined, {}, as)).status).toBe(404);
      expect((await call(PATCH, 'PATCH', `/api/v1/events/${id}`, { version: 1, title: 'x' }, {}, as)).status).toBe(404);
    }
    expect((await call(DELETE, 'DELETE', `/api/v1/events/${created.id}`)).status).toBe(204);
    expect((await call(getOne, 'GET', `/api/v1/events/${created.id}`)).status).toBe(404);
    expect((await call(getOne, 'GET', `/api/v1/events/${created.id}`, undefined, { authorization: 'Bearer rap_wrong' })).status).toBe(401);
  });

  it('suggests known people with re-meeting context, and documents every endpoint', async () => {
    await call(POST, 'POST', '/api/v1/events', evening);
    const res = await call(suggest, 'GET', '/api/v1/events/suggest?kind=people&q=lin');
    const { items } = await res.json();
    expect(items[0]).toMatchObject({ name: 'Lin Chen', organisation: 'City Council', lastMet: { title: evening.title } });
    expect(items[0].openFollowUps[0].action).toBe('Email Lin');
    // An evening ahead where she is expected, or one where she was only talked about, is not where they last met.
    const personId = items[0].id as string;
    const ahead = { title: 'Council drinks, next month', startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), people: [{ id: personId }] };
    expect((await call(POST, 'POST', '/api/v1/events', ahead)).status).toBe(201);
    const since = {
      title: 'A talk about councils',
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      people: [{ id: personId, relation: 'mentioned' }],
    };
    expect((await call(POST, 'POST', '/api/v1/events', since)).status).toBe(201);
    const again = await (await call(suggest, 'GET', '/api/v1/events/suggest?kind=people&q=lin')).json();
    expect(again.items[0]).toMatchObject({ name: 'Lin Chen', lastMet: { title: evening.title } });
    // Someone known by role and organisation alone is found by words of both, in any order.
    const unnamed = await (await call(suggest, 'GET', `/api/v1/events/suggest?kind=people&q=${encodeURIComponent('council  lead')}`)).json();
    expect(unnamed.items.length).toBeGreaterThan(0);
    expect(new Set(unnamed.items.map((p: { name: string | null; role: string | null }) => `${p.name}, ${p.role}`))).toEqual(new Set(['null, Data lead']));
    expect((await call(suggest, 'GET', '/api/v1/events/suggest?kind=nope')).status).toBe(400);
    const doc = await (await openapi(new Request(`${BASE}/api/v1/openapi.json`))).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/events', '/api/v1/events/{id}']));
    expect(Object.keys(doc.paths['/api/v1/events/{id}'])).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
  });
});
