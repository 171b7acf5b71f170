import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getToken } from 'next-auth/jwt';
import { sessionCookieSecure } from '@/lib/auth/session-cookie';
import { getSessionUser, type CurrentUser } from '@/lib/auth/users';

/**
 * The session id the request's session cookie names, or undefined. The cookie is a JWT encrypted with
 * AUTH_SECRET; this decrypts and checks it (expiry included) once. next-auth's auth() would do the same and then
 * encrypt a fresh copy to set as a cookie, which a page cannot set anyway: twice the work on every request for
 * nothing. Only the cookie is read (getToken would also take a Bearer header, which pages never accept), and only
 * under the one name the site's scheme gives it (lib/auth/session-cookie.ts).
 */
async function sessionIdFromCookie(): Promise<string | undefined> {
  const all = await headers();
  const cookie = all.get('cookie');
  if (!cookie) return undefined;
  const req = { headers: new Headers({ cookie }) };
  const token = await getToken({ req, secret: process.env.AUTH_SECRET, secureCookie: sessionCookieSecure(all) });
  return typeof token?.sid === 'string' ? token.sid : undefined;
}

/** The current session id (sign-out, Settings → Signed-in devices). Cached for one request. */
export const getSessionId = cache(sessionIdFromCookie);

/**
 * The signed-in user, or null. The JWT only names a session; the session row in Postgres decides, so a
 * signed-out or revoked session is refused on every server. Cached for one request, and the cookie is
 * decrypted once however many of these two a request asks for.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const sid = await getSessionId();
  if (!sid) return null;
  return getSessionUser(sid);
});

/** The signed-in user; pages and server actions call this first. Signed out, it redirects to /sign-in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    const here = (await headers()).get('x-pathname');
    redirect(here && here !== '/' ? `/sign-in?callbackUrl=${encodeURIComponent(here)}` : '/sign-in');
  }
  return user;
}
