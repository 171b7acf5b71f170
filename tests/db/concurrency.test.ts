import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { currentDriver } from '@/db/client';
import { createApiToken } from '@/lib/api/tokens';
import { callRoute, type Handler, rowCounts } from '../support/api';
import { createTestUser } from '../support/users';

/*
 * Two devices editing one record at once: one wins, the other gets 409 with the server's current copy (its own
 * copy is what it sent), and nothing of the loser's is half-applied. Twenty submits of one request with one
 * Idempotency-Key at once make one record. On the PostgreSQL server these run on separate pooled connections,
 * really at the same time; on PGlite they interleave on its one connection.
 */

vi.mock('@/lib/dal', () => ({ getCurrentUser: async () => null }));
process.env.API_WRITE_LIMIT = '100000';

const root = path.resolve(__dirname, '../..');
const route = async (dir: string) => (await import(path.join(root, 'app/api/v1', dir, 'route.ts'))) as Record<string, Handler>;

let token: string;
let userId: string;

beforeAll(async () => {
  const user = await createTestUser();
  userId = user.id;
  token = (await createApiToken(user.id, 'concurrency')).token;
});

async function json(res: Response) {
  return { status: res.status, body: await res.json() };
}

/** Two PATCHes from the same read, sent together: exactly one wins, the other is a 409 naming the winner. */
async function race(dir: string, id: string, version: number, field: string, values: [string, string]) {
  const { PATCH, GET } = await route(dir);
  const answers = await Promise.all(values.map((v) => callRoute(PATCH!, 'PATCH', '/x', { token, params: { id }, body: { version, [field]: v } }).then(json)));
  const won = answers.filter((a) => a.status === 200);
  const lost = answers.filter((a) => a.status === 409);
  expect(answers.map((a) => a.status).sort(), JSON.stringify(answers).slice(0, 400)).toEqual([200, 409]);
  const winner = won[0]!.body;
  const conflict = lost[0]!.body;
  // The problem carries the server's copy: the winner's value at the winner's version.
  expect(conflict.current).toMatchObject({ version: winner.version, [field]: winner[field] });
  expect(winner.version).toBe(version + 1);
  const now = (await json(await callRoute(GET!, 'GET', '/x', { token, params: { id } }))).body;
  expect(now[field]).toBe(winner[field]);
  expect(now.version).toBe(version + 1);
  // Retrying the loser against the copy it was shown succeeds: nothing is stuck.
  const retry = await callRoute(PATCH!, 'PATCH', '/x', { token, params: { id }, body: { version: conflict.current.version, [field]: values[1] } });
  expect(retry.status).toBe(200);
}

async function newEvent(extra: Record<string, unknown> = {}) {
  const { POST } = await route('events');
  const res = await callRoute(POST!, 'POST', '/api/v1/events', {
    token,
    body: { title: 'Race night', startsAt: '2026-05-12T18:00:00Z', people: [{ name: 'Ria' }], followUps: [{ action: 'Write to Ria' }], ...extra },
  });
  expect(res.status).toBe(201);
  return res.json();
}

describe('two devices, one record', () => {
  it('an event: one PATCH wins, the other gets 409 with the current event', async () => {
    const ev = await newEvent();
    await race('events/[id]', ev.id, ev.version, 'title', ['Device one', 'Device two']);
  });

  it('a person: one PATCH wins, the other gets 409 with the current person', async () => {
    const ev = await newEvent();
    const { GET } = await route('people/[id]');
    const person = (await json(await callRoute(GET!, 'GET', '/x', { token, params: { id: ev.people[0].id } }))).body;
    await race('people/[id]', person.id, person.version, 'role', ['Chair', 'Treasurer']);
  });

  it('a post: one PATCH wins, the other gets 409 with the current post', async () => {
    const ev = await newEvent();
    const { POST } = await route('events/[id]/post');
    const post = (await json(await callRoute(POST!, 'POST', '/x', { token, params: { id: ev.id }, body: {} }))).body;
    await race('posts/[id]', post.id, post.version, 'title', ['From the phone', 'From the laptop']);
  });

  it('a follow-up: one PATCH wins, the other gets 409 with the current follow-up', async () => {
    const { POST, GET } = await route('follow-ups');
    const created = (await json(await callRoute(POST!, 'POST', '/x', { token, body: { action: 'Call Ria' } }))).body;
    void GET;
    await race('follow-ups/[id]', created.id, created.version, 'action', ['Call Ria today', 'Email Ria instead']);
  });

  it('an organisation (edited from its page): one save wins, the other conflicts with the current copy', async () => {
    const { updateOrganisation, getOrganisation } = await import('@/lib/organisations/queries');
    const ev = await newEvent({ people: [{ name: 'Ola', organisation: `Race Org ${crypto.randomUUID().slice(0, 6)}` }] });
    const org = await getOrganisation(userId, ev.people[0].organisation.id);
    const names = ['Race Org One', 'Race Org Two'].map((n) => `${n} ${crypto.randomUUID().slice(0, 6)}`);
    const results = await Promise.allSettled(names.map((name) => updateOrganisation(userId, org.id, { name, version: org.version, sectorId: null } as never)));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ name: string; version: number }>).value;
    expect(lost[0]!.reason.current).toMatchObject({ name: winner.name, version: org.version + 1 });
  });

  it('a follow-up PATCH without a version is refused (400 naming `version`), like every other PATCH', async () => {
    const { POST } = await route('follow-ups');
    const created = (await json(await callRoute(POST!, 'POST', '/x', { token, body: { action: 'Call Ria' } }))).body;
    const { PATCH } = await route('follow-ups/[id]');
    const res = await json(await callRoute(PATCH!, 'PATCH', '/x', { token, params: { id: created.id }, body: { action: 'Blind write' } }));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('version');
  });
});

describe('twenty submits, one Idempotency-Key', () => {
  const cases: [string, string, () => Promise<{ params?: Record<string, string>; body: unknown }>, string][] = [
    ['an event', 'events', async () => ({ body: { title: 'Once only', startsAt: '2026-05-12T18:00:00Z', people: [{ name: 'Una' }] } }), 'events'],
    ['a person', 'people', async () => ({ body: { name: 'Una Once', email: `una-${crypto.randomUUID()}@example.test` } }), 'people'],
    ['a follow-up', 'follow-ups', async () => ({ body: { action: 'Once' } }), 'follow_ups'],
    ['a post from an event', 'events/[id]/post', async () => ({ params: { id: (await newEvent()).id }, body: {} }), 'posts'],
  ];
  for (const [what, dir, input, table] of cases) {
    it(`${what}: exactly one record, every answer names it`, async () => {
      const { POST } = await route(dir);
      const { params, body } = await input();
      const key = `twenty-${crypto.randomUUID()}`;
      const before = await rowCounts(userId);
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => callRoute(POST!, 'POST', '/x', { token, params, body, headers: { 'idempotency-key': key } }).then(json)),
      );
      const after = await rowCounts(userId);
      expect(
        answers.map((a) => a.status),
        JSON.stringify(answers.find((a) => a.status !== 201))?.slice(0, 300),
      ).toEqual(Array(20).fill(201));
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(after[table]! - before[table]!, `${currentDriver()}: new ${table} rows`).toBe(1);
    });
  }
});

describe('two writers of one user taking the same locks in opposite orders', () => {
  it('a transaction PostgreSQL aborts to break the deadlock runs again, whole, and both land', async () => {
    if (currentDriver() === 'pglite') return; // one connection: its transactions never run at the same time
    const { db, isDeadlock } = await import('@/db/client');
    const { sql } = await import('drizzle-orm');
    const { rows } = await import('@/db/rows');
    const u = (await createTestUser()).id;
    const [a, b] = await rows<{ id: string }>(db, sql`insert into people (user_id, name) values (${u}::uuid, 'Ann'), (${u}::uuid, 'Bea') returning id`);
    // Two devices each saving two people, in opposite orders: each holds its first row and waits for the other's.
    const save = (tag: string, first: string, second: string) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`update people set notes = ${tag} where id = ${first}::uuid`);
        await tx.execute(sql`select pg_sleep(0.3)`);
        await tx.execute(sql`update people set notes = ${tag} where id = ${second}::uuid`);
      });
    const results = await Promise.allSettled([save('one', a!.id, b!.id), save('two', b!.id, a!.id)]);
    expect(results.map((r) => (r.status === 'rejected' ? `${isDeadlock(r.reason) ? 'deadlock' : 'error'}: ${r.reason}` : 'ok'))).toEqual(['ok', 'ok']);
    // The one run again ran whole, after the other: both rows carry its notes, none half of each.
    const notes = await rows<{ notes: string }>(db, sql`select notes from people where id in (${a!.id}::uuid, ${b!.id}::uuid)`);
    expect(new Set(notes.map((n) => n.notes)).size).toBe(1);
  });
});
