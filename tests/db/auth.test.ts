import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { DEFAULT_SECTORS, sectors, users } from '@/db/schema';
import { createApiToken, listApiTokens, revokeApiToken, userForToken } from '@/lib/api/tokens';
import { createSession, createUser, deleteSession, getSessionUser, verifyCredentials } from '@/lib/auth/users';
import { UserFacingError } from '@/lib/errors';
import { hit } from '@/lib/rate-limit';
import { createTestUser, TEST_PASSWORD } from '../support/users';

describe('accounts', () => {
  it('sign-up stores an argon2id hash, never the password, and seeds the default sectors', async () => {
    const user = await createTestUser();
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row!.passwordHash).not.toContain(TEST_PASSWORD);
    const names = (await db.select({ name: sectors.name }).from(sectors).where(eq(sectors.userId, user.id))).map((s) => s.name);
    expect(names.sort()).toEqual([...DEFAULT_SECTORS].sort());
  });

  it('refuses a second account with the same email in another case, as a field error', async () => {
    const user = await createTestUser();
    const err = await createUser({
      name: 'Twin',
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
      timeZone: 'UTC',
      locale: 'en-GB',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).fieldErrors?.email?.[0]).toMatch(/already exists/);
  });

  it('gives two users with the same name different handles', async () => {
    // A name of its own, so that a rerun on a database kept from the last run starts from the plain handle too.
    const word = Math.random()
      .toString(36)
      .replace(/[^a-z]/g, '')
      .slice(0, 8);
    const a = await createTestUser({ name: `Sam Same${word}` });
    const b = await createTestUser({ name: `Sam Same${word}` });
    expect(a.handle).toBe(`sam-same${word}`);
    expect(b.handle).not.toBe(a.handle);
  });

  it('verifies the right password only, with any email case', async () => {
    const user = await createTestUser();
    expect((await verifyCredentials(user.email.toUpperCase(), TEST_PASSWORD))?.id).toBe(user.id);
    expect(await verifyCredentials(user.email, TEST_PASSWORD + 'x')).toBeNull();
    expect(await verifyCredentials('nobody-' + user.email, TEST_PASSWORD)).toBeNull();
  });

  it('a deleted session is dead: sign-out really ends it', async () => {
    const user = await createTestUser();
    const sid = await createSession(user.id, 'test');
    expect((await getSessionUser(sid))?.id).toBe(user.id);
    await deleteSession(sid);
    expect(await getSessionUser(sid)).toBeNull();
    expect(await getSessionUser('made-up')).toBeNull();
  });
});

describe('rate limits in Postgres', () => {
  it('allows `limit` hits in a window, then refuses', async () => {
    const key = `test:${Math.random()}`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hit(key, 3, 60));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]!.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('API tokens', () => {
  it('are stored hashed, shown once, and stop working when revoked; one user cannot revoke another’s', async () => {
    const alice = await createTestUser();
    const bob = await createTestUser();
    const created = await createApiToken(alice.id, 'Shortcuts');
    expect(created.token).toMatch(/^rap_/);
    expect((await userForToken(created.token))?.id).toBe(alice.id);
    expect(await revokeApiToken(bob.id, created.id)).toBe(false);
    expect((await userForToken(created.token))?.id).toBe(alice.id);
    expect(await listApiTokens(bob.id)).toHaveLength(0);
    expect(await revokeApiToken(alice.id, created.id)).toBe(true);
    expect(await userForToken(created.token)).toBeNull();
  });
});

describe('peek', () => {
  it('reads a counter without adding to it, and forgets an expired window', async () => {
    const { peek } = await import('@/lib/rate-limit');
    const key = `test:peek:${Math.random()}`;
    expect(await peek(key, 60)).toBe(0);
    await hit(key, 3, 60);
    await hit(key, 3, 60);
    expect(await peek(key, 60)).toBe(2);
    expect(await peek(key, 60)).toBe(2);
    await db.execute(sql`update rate_limits set window_start = now() - interval '2 minutes' where key = ${key}`);
    expect(await peek(key, 60)).toBe(0);
  });
});
