/**
 * A signed-in session for the bench without the sign-in form: a session row made the way sign-in makes it, and the
 * cookie next-auth would set for it (the JWT names the session id; the row in Postgres decides, lib/dal.ts).
 * Run with DATABASE_URL pointing at the bench database. Prints `name=value` of the cookie.
 */
import { encode } from 'next-auth/jwt';
import { sql } from 'drizzle-orm';
import { closeDb, db } from '@/db/client';
import { rows } from '@/db/rows';
import { createSession } from '@/lib/auth/users';

export const SESSION_COOKIE = 'authjs.session-token';

export async function sessionCookie(email: string, secret: string): Promise<string> {
  const [user] = await rows<{ id: string }>(db, sql`select id from users where lower(email) = ${email.toLowerCase()}`);
  if (!user) throw new Error(`No user ${email}: seed first.`);
  const sid = await createSession(user.id, 'rapport-bench');
  const value = await encode({ token: { sid, sub: user.id }, secret, salt: SESSION_COOKIE, maxAge: 30 * 86_400 });
  return `${SESSION_COOKIE}=${value}`;
}

if (process.argv[1]?.endsWith('session.ts')) {
  sessionCookie(process.env.BENCH_EMAIL ?? 'bench@example.test', process.env.AUTH_SECRET!)
    .then((c) => console.log(c))
    .finally(() => closeDb());
}
