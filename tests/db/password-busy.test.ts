import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { apiRoute } from '@/lib/api/handler';
import { authorizeCredentials, SignInRefused } from '@/lib/auth/authorize';
import { inPasswordSlot, PASSWORD_BUSY_MESSAGE, verifyPassword } from '@/lib/auth/password';
import type { CurrentUser } from '@/lib/auth/users';
import { createTestUser, TEST_PASSWORD } from '../support/users';

/*
 * A full password hasher (every argon2 slot running and the short line behind them full) refuses instead of
 * queueing. The API and next-auth's sign-in endpoint answer 503 problem+json with Retry-After; a form answers a
 * "busy, try again in a moment" message beside it, keeping what was typed (never the password), and writes nothing.
 */

// One slot and one place in line, read when lib/auth/password.ts loads: two held tasks fill the hasher.
vi.hoisted(() => {
  process.env.PASSWORD_HASH_CONCURRENCY = '1';
  process.env.PASSWORD_HASH_QUEUE = '1';
  process.env.AUTH_SECRET ??= 'password-busy-test-secret-password-busy';
  process.env.AUTH_TRUST_HOST = 'true';
});

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock('@/lib/dal', () => ({
  getCurrentUser: async () => session.user,
  getSessionId: async () => undefined,
  requireUser: async () => session.user,
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));
// Sign-up reads the client's address; no request is in flight here.
vi.mock('next/headers', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined, set: () => {}, getAll: () => [] }),
}));

let release: (() => void) | undefined;
/** Takes every password slot until the test ends. */
function fillHasher() {
  const held = new Promise<void>((resolve) => (release = resolve));
  const tasks = [inPasswordSlot(() => held), inPasswordSlot(() => held)];
  return tasks;
}
afterEach(async () => {
  release?.();
  release = undefined;
});

let user: CurrentUser;
beforeAll(async () => {
  user = await createTestUser();
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe('a busy password hasher', () => {
  it('the API answers 503 problem+json with Retry-After', async () => {
    const route = apiRoute(async () => Response.json({ ok: await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$bm90$bm90', 'x') }));
    session.user = user;
    const held = fillHasher();
    const response = await route(new Request('http://rapport.test/api/v1/check', { headers: { host: 'rapport.test' } }), {
      params: Promise.resolve({}),
    } as never);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ status: 503, detail: PASSWORD_BUSY_MESSAGE });
    release!();
    await Promise.all(held);
    // With room again, the same request goes through.
    const after = await route(new Request('http://rapport.test/api/v1/check', { headers: { host: 'rapport.test' } }), { params: Promise.resolve({}) } as never);
    expect(after.status).toBe(200);
  });

  it('a sign-in is refused as busy, not as a wrong password, and next-auth’s endpoint answers 503 with Retry-After', async () => {
    fillHasher();
    await expect(authorizeCredentials({ email: user.email, password: TEST_PASSWORD }, new Headers())).rejects.toEqual(new SignInRefused('busy'));

    const { GET, POST } = await import('@/app/api/auth/[...nextauth]/route');
    const csrf = await GET(new NextRequest('http://rapport.test/api/auth/csrf'));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const signIn = (password: string) =>
      POST(
        new NextRequest('http://rapport.test/api/auth/callback/credentials', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
          body: new URLSearchParams({ email: user.email, password, csrfToken, callbackUrl: '/' }),
        }),
      );
    const busy = await signIn(TEST_PASSWORD);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await busy.json()).toMatchObject({ status: 503, detail: PASSWORD_BUSY_MESSAGE });

    release!();
    // With room again, a wrong password is still next-auth's redirect back to the form, not a 503.
    const wrong = await signIn('not the password');
    expect(wrong.status).toBe(302);
    expect(new URL(wrong.headers.get('location')!, 'http://rapport.test').searchParams.get('code')).not.toBe('busy');
  });

  it('the sign-up form says busy, keeps what was typed but the password, and creates no account', async () => {
    const { signUpAction } = await import('@/app/(auth)/actions');
    const email = `busy-${crypto.randomUUID()}@example.test`;
    fillHasher();
    const result = await signUpAction({}, form({ name: 'Ada Busy', email, password: 'a long enough password' }));
    expect(result).toMatchObject({ ok: false, status: 503, message: PASSWORD_BUSY_MESSAGE, values: { name: 'Ada Busy', email } });
    expect(result.values).not.toHaveProperty('password');
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
  });

  it('a signed-in form that checks the password (change password) says busy instead of "something went wrong"', async () => {
    const { changePasswordAction } = await import('@/app/(app)/settings/account/actions');
    session.user = user;
    fillHasher();
    const result = await changePasswordAction(
      {},
      form({ currentPassword: TEST_PASSWORD, newPassword: 'another long password', confirmPassword: 'another long password' }),
    );
    expect(result).toMatchObject({ ok: false, status: 503, message: PASSWORD_BUSY_MESSAGE });
    release!();
    // Nothing changed: the old password still signs in.
    expect(await authorizeCredentials({ email: user.email, password: TEST_PASSWORD }, new Headers())).toMatchObject({ id: user.id });
  });
});
