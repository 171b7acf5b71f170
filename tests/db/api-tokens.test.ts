import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { apiTokens, followUps } from '@/db/schema';
import { GET as listRoute, POST as createRoute } from '@/app/api/v1/follow-ups/route';
import { DELETE as deleteRoute, PATCH as patchRoute } from '@/app/api/v1/follow-ups/[id]/route';
import { createApiTokenAction } from '@/app/(app)/settings/api-tokens/actions';
import { createApiToken, listApiTokens, revokeAllApiTokens, userForToken } from '@/lib/api/tokens';
import type { CurrentUser } from '@/lib/auth/users';
import { createFollowUp } from '@/lib/follow-ups/mutations';
import { createTestUser, TEST_PASSWORD } from '../support/users';

// Bearer tokens stay real; the server action's signed-in user is the test's, and there is no page cache to refresh.
let signedIn: CurrentUser | null = null;
vi.mock('@/lib/dal', () => ({ getCurrentUser: async () => null, requireUser: async () => signedIn }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const BASE = 'https://rapport.example/api/v1/follow-ups';
const noParams = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
const req = (token: string, method: string, url: string, body?: unknown) =>
  new Request(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe('API tokens', () => {
  it('expire after 90 days unless the user chose otherwise, and an expired token gets 401', async () => {
    const user = await createTestUser();
    const standard = await createApiToken(user.id, 'default');
    const days = (standard.expiresAt!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);
    const forever = await createApiToken(user.id, 'forever', { lifetimeDays: null });
    expect(forever.expiresAt).toBeNull();
    expect((await listRoute(req(forever.token, 'GET', BASE), noParams)).status).toBe(200);

    await db
      .update(apiTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiTokens.id, standard.id));
    const refused = await listRoute(req(standard.token, 'GET', BASE), noParams);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(await userForToken(standard.token)).toBeNull();
    expect((await listApiTokens(user.id)).find((t) => t.id === standard.id)?.expired).toBe(true);
  });

  it('a read-only token reads, and gets 403 problem+json on POST, PATCH and DELETE, changing nothing', async () => {
    const user = await createTestUser();
    const { token } = await createApiToken(user.id, 'dashboard', { scope: 'read' });
    const item = await createFollowUp(user.id, { action: 'Send the deck' });
    expect((await listRoute(req(token, 'GET', BASE), noParams)).status).toBe(200);
    const answers = [
      await createRoute(req(token, 'POST', BASE, { action: 'Sneaky' }), noParams),
      await patchRoute(req(token, 'PATCH', `${BASE}/${item.id}`, { action: 'Changed', version: item.version }), idParams(item.id)),
      await deleteRoute(req(token, 'DELETE', `${BASE}/${item.id}`), idParams(item.id)),
    ];
    for (const res of answers) {
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).detail).toMatch(/read-only/);
    }
    const rows = await db.select({ action: followUps.action, deletedAt: followUps.deletedAt }).from(followUps).where(eq(followUps.userId, user.id));
    expect(rows).toEqual([{ action: 'Send the deck', deletedAt: null }]);
  });

  it('records when a token was last used, at most once a minute', async () => {
    const user = await createTestUser();
    const created = await createApiToken(user.id, 'script');
    const lastUsed = async () => (await db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, created.id)))[0]!.at;
    expect(await lastUsed()).toBeNull();
    await userForToken(created.token);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await userForToken(created.token);
    expect(await lastUsed()).toEqual(first);
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now() - interval '61 seconds'` })
      .where(eq(apiTokens.id, created.id));
    const backdated = await lastUsed();
    await userForToken(created.token);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(backdated!.getTime());
  });

  it('revoke all ends every token of the user, and no one else’s', async () => {
    const [alice, bob] = [await createTestUser(), await createTestUser()];
    const a1 = await createApiToken(alice.id, 'one');
    const a2 = await createApiToken(alice.id, 'two', { scope: 'read' });
    const b1 = await createApiToken(bob.id, 'bob');
    expect(await revokeAllApiTokens(alice.id)).toBe(2);
    expect(await userForToken(a1.token)).toBeNull();
    expect(await userForToken(a2.token)).toBeNull();
    expect((await userForToken(b1.token))?.id).toBe(bob.id);
    expect(await listApiTokens(alice.id)).toEqual([]);
    expect(await revokeAllApiTokens(alice.id)).toBe(0);
  });

  it('creating a token from Settings needs the current password, and keeps the chosen access and expiry', async () => {
    const user = await createTestUser();
    signedIn = user;
    const wrong = await createApiTokenAction({}, form({ name: 'Phone', access: 'read', expires: '30', password: 'not my password' }));
    expect(wrong.fieldErrors?.password?.[0]).toMatch(/not your password/);
    expect(wrong.values).toMatchObject({ name: 'Phone', access: 'read', expires: '30' });
    expect(wrong.values).not.toHaveProperty('password');
    const missing = await createApiTokenAction({}, form({ name: 'Phone', access: 'read', expires: '30' }));
    expect(missing.fieldErrors?.password).toBeDefined();
    expect(await listApiTokens(user.id)).toEqual([]);

    const made = await createApiTokenAction({}, form({ name: 'Phone', access: 'read', expires: 'never', password: TEST_PASSWORD }));
    expect(made.ok).toBe(true);
    const [token] = await listApiTokens(user.id);
    expect(token).toMatchObject({ name: 'Phone', scope: 'read', expiresAt: null });
    expect((await userForToken(made.data!.token))?.id).toBe(user.id);
  });
});
