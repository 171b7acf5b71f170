import { NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { describe, expect, it, vi } from 'vitest';
import { deleteAccount } from '@/lib/account/account';
import { deleteSession, getSessionUser } from '@/lib/auth/users';
import { createTestUser, TEST_PASSWORD } from '../support/users';

/*
 * next-auth's own GET /api/auth/session answers from the session cookie alone, without the session row in Postgres
 * that decides who is signed in (lib/dal.ts). Whatever it says, it goes on saying after the session is revoked or
 * the account deleted, to any script on the page: so it says nothing about the user, and the cookie holds nothing
 * about them either.
 */

vi.hoisted(() => {
  process.env.AUTH_SECRET ??= 'auth-session-endpoint-test-secret-1234';
  process.env.AUTH_TRUST_HOST = 'true';
});

const ORIGIN = 'http://rapport.test';
const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/** Signs in through next-auth's credentials endpoint, as the sign-in form does; answers the cookie header. */
async function signIn(email: string): Promise<string> {
  const { GET, POST } = await import('@/app/api/auth/[...nextauth]/route');
  const csrf = await GET(new NextRequest(`${ORIGIN}/api/auth/csrf`));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await POST(
    new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf) },
      body: new URLSearchParams({ email, password: TEST_PASSWORD, csrfToken, callbackUrl: '/' }),
    }),
  );
  expect(res.status).toBe(302);
  const cookie = cookiesOf(res);
  expect(cookie).toMatch(/authjs\.session-token=/);
  return cookie;
}

async function sessionEndpoint(cookie: string): Promise<{ status: number; text: string }> {
  const { GET } = await import('@/app/api/auth/[...nextauth]/route');
  const res = await GET(new NextRequest(`${ORIGIN}/api/auth/session`, { headers: { cookie } }));
  return { status: res.status, text: await res.text() };
}

describe('next-auth’s /api/auth/session', () => {
  it('names no one, before or after the session is revoked or the account deleted; the cookie still names the session', async () => {
    const user = await createTestUser({ name: 'Wendy Whoever' });
    const cookie = await signIn(user.email);

    // The cookie carries the session id the app looks up, and nothing about the person.
    const token = await getToken({ req: { headers: new Headers({ cookie }) }, secret: process.env.AUTH_SECRET, secureCookie: false });
    expect(typeof token?.sid).toBe('string');
    expect(token).not.toHaveProperty('email');
    expect(token).not.toHaveProperty('name');
    expect((await getSessionUser(token!.sid!))?.id).toBe(user.id);

    const signedIn = await sessionEndpoint(cookie);
    expect(signedIn.status).toBe(200);
    expect(Object.keys(JSON.parse(signedIn.text) as object)).toEqual(['expires']);

    await deleteSession(token!.sid!);
    await deleteAccount(user.id, { confirmEmail: user.email, currentPassword: TEST_PASSWORD });
    expect(await getSessionUser(token!.sid!)).toBeNull();
    const gone = await sessionEndpoint(cookie);
    for (const answer of [signedIn, gone]) {
      expect(answer.text).not.toContain(user.email);
      expect(answer.text).not.toContain('Wendy');
      expect(answer.text).not.toContain(token!.sid!);
    }
  });
});
