import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';
import { getSessionUser, type CurrentUser } from '@/lib/auth/users';

/**
 * The signed-in user, or null. The JWT only names a session; the session row in Postgres decides, so a
 * signed-out or revoked session is refused on every server. Cached for one request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  if (!session?.sid) return null;
  return getSessionUser(session.sid);
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

/** The current session id, for sign-out. */
export const getSessionId = cache(async (): Promise<string | undefined> => (await auth())?.sid);
