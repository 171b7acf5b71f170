import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { followUps } from '@/db/schema';
import { GET as listRoute, POST as createRoute } from '@/app/api/v1/follow-ups/route';
import { DELETE as deleteRoute, GET as getRoute, PATCH as patchRoute } from '@/app/api/v1/follow-ups/[id]/route';
import { createApiToken } from '@/lib/api/tokens';
import { makeEvent, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';
import { addDays, todayIn } from '@/lib/dates';

// next-auth does not load outside Next; these requests authenticate by bearer token, which stays real.
vi.mock('@/lib/dal', () => ({ getCurrentUser: async () => null }));

const BASE = 'https://rapport.example/api/v1/follow-ups';

async function apiUser(timeZone = 'Europe/London') {
  const user = await createTestUser({ timeZone });
  const { token } = await createApiToken(user.id, 'test');
  const call = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    new Request(url, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { user, call };
}

const noParams = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

describe('JSON API for follow-ups', () => {
  it('pages with limit and nextCursor, in due order, without losing or repeating any', async () => {
    const { user, call } = await apiUser();
    const today = todayIn(user.timeZone);
    for (const [i, action] of ['a', 'b', 'c', 'd', 'e'].entries()) {
      await createRoute(call('POST', BASE, { action, due: i === 4 ? null : addDays(today, i) }), noParams);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await listRoute(call('GET', `${BASE}?limit=2${cursor ? `&cursor=${cursor}` : ''}`), noParams);
      const body = (await res.json()) as { items: { action: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((i) => i.action));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pages).toBe(3);
    const bad = await listRoute(call('GET', `${BASE}?cursor=abc`), noParams);
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].path).toBe('cursor');
  });

  it('pages by keyset: done or deleted meanwhile, no item repeats or goes missing; done ones page too', async () => {
    const { user, call } = await apiUser();
    const today = todayIn(user.timeZone);
    const made: { id: string; version: number; action: string }[] = [];
    // Several on one day and several with no date: the order within them is when they were added.
    for (const [i, action] of ['a', 'b', 'c', 'd', 'e', 'f', 'g'].entries()) {
      made.push(await (await createRoute(call('POST', BASE, { action, due: i < 4 ? addDays(today, i % 2) : null }), noParams)).json());
    }
    const page = async (query: string) =>
      (await (await listRoute(call('GET', `${BASE}?${query}`), noParams)).json()) as { items: { action: string }[]; nextCursor: string | null };
    const first = await page('limit=3');
    expect(first.items.map((i) => i.action)).toEqual(['a', 'c', 'b']);
    // An item of the first page is done and one ahead is deleted before the next page is read: an offset would skip one.
    const a = made[0]!;
    expect((await patchRoute(call('PATCH', `${BASE}/${a.id}`, { status: 'done', version: a.version }), { params: Promise.resolve({ id: a.id }) })).status).toBe(
      200,
    );
    expect((await deleteRoute(call('DELETE', `${BASE}/${made[4]!.id}`), { params: Promise.resolve({ id: made[4]!.id }) })).status).toBe(204);
    const seen = first.items.map((i) => i.action);
    let cursor = first.nextCursor;
    for (let pages = 0; cursor && pages < 10; pages++) {
      const next = await page(`limit=3&cursor=${cursor}`);
      seen.push(...next.items.map((i) => i.action));
      cursor = next.nextCursor;
    }
    expect(seen).toEqual(['a', 'c', 'b', 'd', 'f', 'g']);

    for (const m of made.slice(1, 4)) {
      const res = await patchRoute(call('PATCH', `${BASE}/${m.id}`, { status: 'done', version: m.version }), { params: Promise.resolve({ id: m.id }) });
      expect(res.status).toBe(200);
    }
    const doneSeen: string[] = [];
    let doneCursor: string | null = null;
    do {
      const next = await page(`status=done&limit=1${doneCursor ? `&cursor=${doneCursor}` : ''}`);
      doneSeen.push(...next.items.map((i) => i.action));
      doneCursor = next.nextCursor;
    } while (doneCursor && doneSeen.length < 10);
    expect(doneSeen.sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a tampered cursor, or one from the other status, is a 400 problem naming the cursor', async () => {
    const { call } = await apiUser();
    for (let i = 0; i < 3; i++) await createRoute(call('POST', BASE, { action: `x${i}` }), noParams);
    const { nextCursor } = await (await listRoute(call('GET', `${BASE}?limit=1`), noParams)).json();
    expect(nextCursor).toEqual(expect.any(String));
    const decoded = JSON.parse(Buffer.from(nextCursor, 'base64url').toString('utf8'));
    const forged = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
    for (const cursor of [
      '12',
      forged({ ...decoded, i: 'not-a-uuid' }),
      forged({ ...decoded, c: "2026-01-01'; drop table follow_ups; --" }),
      forged({ ...decoded, extra: 1 }),
    ]) {
      const res = await listRoute(call('GET', `${BASE}?cursor=${encodeURIComponent(cursor)}`), noParams);
      expect(res.status, cursor).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).errors[0].path).toBe('cursor');
    }
    const otherStatus = await listRoute(call('GET', `${BASE}?status=done&cursor=${nextCursor}`), noParams);
    expect(otherStatus.status).toBe(400);
    expect((await otherStatus.json()).errors[0].path).toBe('cursor');
  });

  it('creates, lists by due group and status, patches and deletes', async () => {
    const { user, call } = await apiUser('Pacific/Auckland');
    const today = todayIn(user.timeZone);
    const ann = await makePerson(user.id, { name: 'Ann' });
    const ev = await makeEvent(user.id, { title: 'CIO Club' });

    const created = await createRoute(call('POST', BASE, { action: '  Send deck ', due: today, personId: ann.id, eventId: ev.id }), noParams);
    expect(created.status).toBe(201);
    const item = await created.json();
    expect(item).toMatchObject({
      action: 'Send deck',
      due: today,
      status: 'open',
      doneAt: null,
      person: { id: ann.id, displayName: 'Ann' },
      event: { id: ev.id, title: 'CIO Club' },
    });
    await createRoute(call('POST', BASE, { action: 'Later one', due: addDays(today, 30) }), noParams);
    await createRoute(call('POST', BASE, { action: 'Undated' }), noParams);

    const list = async (q: string) => (await (await listRoute(call('GET', `${BASE}?${q}`), noParams)).json()).items.map((i: { action: string }) => i.action);
    expect(await list('due=today')).toEqual(['Send deck']);
    expect(await list('due=later')).toEqual(['Later one']);
    expect(await list('due=none')).toEqual(['Undated']);
    expect(await list(`person=${ann.id}`)).toEqual(['Send deck']);
    expect(await list(`event=${ev.id}`)).toEqual(['Send deck']);

    // Like every PATCH, it names the version it read.
    const unversioned = await patchRoute(call('PATCH', `${BASE}/${item.id}`, { status: 'done' }), idParams(item.id));
    expect(unversioned.status).toBe(400);
    expect((await unversioned.json()).errors).toEqual([expect.objectContaining({ path: 'version' })]);
    const done = await patchRoute(call('PATCH', `${BASE}/${item.id}`, { status: 'done', version: item.version }), idParams(item.id));
    expect(done.status).toBe(200);
    expect((await done.json()).doneAt).toEqual(expect.any(String));
    expect(await list('status=done')).toEqual(['Send deck']);
    expect(await list('due=today')).toEqual([]);

    const doneVersion = (await (await getRoute(call('GET', `${BASE}/${item.id}`), idParams(item.id))).json()).version;
    const cleared = await (
      await patchRoute(call('PATCH', `${BASE}/${item.id}`, { due: null, status: 'open', version: doneVersion }), idParams(item.id))
    ).json();
    expect(cleared).toMatchObject({ due: null, status: 'open', doneAt: null });

    const stale = await patchRoute(call('PATCH', `${BASE}/${item.id}`, { action: 'x', version: 1 }), idParams(item.id));
    expect(stale.status).toBe(409);
    expect((await stale.json()).current.version).toBe(cleared.version);

    expect((await deleteRoute(call('DELETE', `${BASE}/${item.id}`), idParams(item.id))).status).toBe(204);
    expect((await getRoute(call('GET', `${BASE}/${item.id}`), idParams(item.id))).status).toBe(404);
    expect((await deleteRoute(call('DELETE', `${BASE}/${item.id}`), idParams(item.id))).status).toBe(404);
  });

  it('a retried create with the same Idempotency-Key makes one follow-up', async () => {
    const { user, call } = await apiUser();
    const key = { 'Idempotency-Key': 'retry-key-123' };
    const first = await createRoute(call('POST', BASE, { action: 'Once' }, key), noParams);
    const second = await createRoute(call('POST', BASE, { action: 'Once' }, key), noParams);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await second.json()).id).toBe((await first.json()).id);
    const rowsFound = await db
      .select()
      .from(followUps)
      .where(and(eq(followUps.userId, user.id), isNull(followUps.deletedAt)));
    expect(rowsFound).toHaveLength(1);
    const reused = await createRoute(call('POST', BASE, { action: 'Different' }, key), noParams);
    expect(reused.status).toBe(422);
  });

  it('bad input is a 400 problem naming the fields, never a 500', async () => {
    const { call } = await apiUser();
    const cases: [unknown, string][] = [
      [{ action: '' }, 'action'],
      [{ action: 'ok', due: '2026-02-30' }, 'due'],
      [{ action: 'ok', personId: 'nope' }, 'personId'],
      [{ action: 'a\u0000b' }, 'action'],
    ];
    for (const [body, path] of cases) {
      const res = await createRoute(call('POST', BASE, body), noParams);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await createRoute(call('POST', BASE, '{not json'), noParams)).status).toBe(400);
    expect((await listRoute(call('GET', `${BASE}?due=someday`), noParams)).status).toBe(400);
    expect((await listRoute(call('GET', `${BASE}?person=123`), noParams)).status).toBe(400);
    expect((await getRoute(call('GET', `${BASE}/not-a-uuid`), idParams('not-a-uuid'))).status).toBe(404);
    const extra = await patchRoute(
      call('PATCH', `${BASE}/00000000-0000-4000-8000-000000000000`, { userId: 'x' }),
      idParams('00000000-0000-4000-8000-000000000000'),
    );
    expect(extra.status).toBe(400);
  });

  it('another user’s follow-ups, people and events answer 404 and never appear', async () => {
    const owner = await apiUser();
    const intruder = await apiUser();
    const person = await makePerson(owner.user.id, { name: 'Private' });
    const created = await (await createRoute(owner.call('POST', BASE, { action: 'Secret', personId: person.id }), noParams)).json();

    expect((await (await listRoute(intruder.call('GET', BASE), noParams)).json()).items).toEqual([]);
    expect((await getRoute(intruder.call('GET', `${BASE}/${created.id}`), idParams(created.id))).status).toBe(404);
    expect((await patchRoute(intruder.call('PATCH', `${BASE}/${created.id}`, { status: 'done', version: created.version }), idParams(created.id))).status).toBe(
      404,
    );
    expect((await deleteRoute(intruder.call('DELETE', `${BASE}/${created.id}`), idParams(created.id))).status).toBe(404);
    expect((await createRoute(intruder.call('POST', BASE, { action: 'x', personId: person.id }), noParams)).status).toBe(404);
    expect((await (await getRoute(owner.call('GET', `${BASE}/${created.id}`), idParams(created.id))).json()).status).toBe('open');
  });

  it('past the per-minute allowance of writes a user gets 429 with Retry-After; reads and other users go on', async () => {
    vi.stubEnv('API_WRITE_LIMIT', '3');
    try {
      const { call } = await apiUser();
      const other = await apiUser();
      for (let i = 0; i < 3; i++) expect((await createRoute(call('POST', BASE, { action: `Write ${i}` }), noParams)).status).toBe(201);
      const refused = await createRoute(call('POST', BASE, { action: 'One too many' }), noParams);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await refused.json()) as { detail: string }).detail).toMatch(/More than 3 changes in a minute/);
      const listed = (await (await listRoute(call('GET', BASE), noParams)).json()) as { items: { action: string }[] };
      expect(listed.items.map((i) => i.action).sort()).toEqual(['Write 0', 'Write 1', 'Write 2']);
      expect((await createRoute(other.call('POST', BASE, { action: 'Someone else' }), noParams)).status).toBe(201);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('without a token it is a 401 problem', async () => {
    const res = await listRoute(new Request(BASE), noParams);
    expect(res.status).toBe(401);
  });
});
