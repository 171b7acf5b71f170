import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { currentDriver, db } from '@/db/client';
import { rows } from '@/db/rows';
import { idempotencyKeys, people, rateLimits, sessions } from '@/db/schema';
import { POST as createPersonRoute } from '@/app/api/v1/people/route';
import { createApiToken } from '@/lib/api/tokens';
import { storedSessionId } from '@/lib/auth/sessions';
import { createSession } from '@/lib/auth/users';
import { runHousekeeping } from '@/lib/housekeeping/run';
import { deletePerson } from '@/lib/people/queries';
import { hit } from '@/lib/rate-limit';
import { createTestUser } from '../support/users';

// Requests authenticate by bearer token (real); next-auth does not load outside Next.
vi.mock('@/lib/dal', () => ({ getCurrentUser: async () => null }));

const noParams = { params: Promise.resolve({}) };

/** The whole row as text, to look for what the user wrote anywhere in it. */
async function keyRowsText(userId: string): Promise<string> {
  return JSON.stringify(await rows(db, sql`select * from ${idempotencyKeys} where user_id = ${userId}`));
}

describe('housekeeping', () => {
  it('deletes rate-limit counters whose window has long passed, and keeps the others', async () => {
    const [old, recent] = [`hk-old-${randomUUID()}`, `hk-recent-${randomUUID()}`];
    await hit(old, 10, 60);
    await hit(recent, 10, 3600);
    await db
      .update(rateLimits)
      .set({ windowStart: sql`now() - interval '61 minutes'` })
      .where(eq(rateLimits.key, old));
    await db
      .update(rateLimits)
      .set({ windowStart: sql`now() - interval '59 minutes'` })
      .where(eq(rateLimits.key, recent));

    const report = await runHousekeeping();
    expect(report?.rateLimits).toBeGreaterThanOrEqual(1);
    const left = await db
      .select({ key: rateLimits.key })
      .from(rateLimits)
      .where(inArray(rateLimits.key, [old, recent]));
    expect(left.map((r) => r.key)).toEqual([recent]);
  });

  it('deletes expired sessions, and keeps live ones', async () => {
    const user = await createTestUser();
    const expired = await createSession(user.id, 'old phone');
    const live = await createSession(user.id, 'laptop');
    await db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(sessions.id, storedSessionId(expired)));

    await runHousekeeping();
    const left = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
    expect(left.map((s) => s.id)).toEqual([storedSessionId(live)]);
  });

  it('forgets idempotency keys after a day, and keeps newer ones', async () => {
    const user = await createTestUser();
    await db.insert(idempotencyKeys).values([
      { userId: user.id, key: 'key-older-than-a-day', scope: 'people.create', requestHash: 'x', createdAt: sql`now() - interval '25 hours'` },
      { userId: user.id, key: 'key-from-this-morning', scope: 'people.create', requestHash: 'x', createdAt: sql`now() - interval '23 hours'` },
    ]);
    await runHousekeeping();
    const left = await db.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(eq(idempotencyKeys.userId, user.id));
    expect(left.map((k) => k.key)).toEqual(['key-from-this-morning']);
  });

  it('an idempotency key keeps nothing the user wrote, and goes when its record is purged', async () => {
    const user = await createTestUser();
    const { token } = await createApiToken(user.id, 'test');
    const key = `create-${randomUUID()}`;
    const body = { name: 'Priya Confidential', email: 'priya.secret@example.test', notes: 'Mentioned her divorce, keep private' };
    const post = () =>
      createPersonRoute(
        new Request('https://rapport.example/api/v1/people', {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
          body: JSON.stringify(body),
        }),
        noParams,
      );
    const first = await post();
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string; notes: string };
    // The replay answers the record as it is now, from the record, not from a copy.
    await db
      .update(people)
      .set({ role: 'CTO' })
      .where(and(eq(people.id, created.id), eq(people.userId, user.id)));
    const replay = await post();
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toMatchObject({ id: created.id, notes: body.notes, role: 'CTO' });

    const stored = await keyRowsText(user.id);
    expect(stored).toContain(created.id);
    for (const text of ['Priya', 'priya.secret', 'divorce']) expect(stored).not.toContain(text);

    await deletePerson(user.id, created.id);
    await db
      .update(people)
      .set({ deletedAt: sql`now() - interval '31 days'` })
      .where(eq(people.id, created.id));
    const report = await runHousekeeping();
    expect(report?.purged.person).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(people).where(eq(people.id, created.id))).toEqual([]);
    expect(await keyRowsText(user.id)).toBe('[]');
  });

  it('keeps what was deleted within the restore window, and its key', async () => {
    const user = await createTestUser();
    const { token } = await createApiToken(user.id, 'test');
    const res = await createPersonRoute(
      new Request('https://rapport.example/api/v1/people', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': `k-${randomUUID()}` },
        body: JSON.stringify({ name: 'Recently deleted' }),
      }),
      noParams,
    );
    const { id } = (await res.json()) as { id: string };
    await deletePerson(user.id, id);
    await db
      .update(people)
      .set({ deletedAt: sql`now() - interval '29 days'` })
      .where(eq(people.id, id));
    await runHousekeeping();
    expect(await db.select({ id: people.id }).from(people).where(eq(people.id, id))).toEqual([{ id }]);
    expect(await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.userId, user.id))).toHaveLength(1);
  });

  it.runIf(process.env.DATABASE_URL)('skips the run while another server holds the lock', async () => {
    expect(currentDriver()).toBe('postgres');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const other = db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${0x5241_5050}::bigint)`);
      locked();
      await held;
    });
    await isLocked;
    expect(await runHousekeeping()).toBeNull();
    release();
    await other;
    expect(await runHousekeeping()).not.toBeNull();
  });
});
