import { eq, sql, type SQL } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { DEFAULT_SECTORS, sectors, sessions, users, type UserRow } from '@/db/schema';
import { isUniqueViolation, UserFacingError } from '@/lib/errors';
import { slugify } from '@/lib/slug';
import { isFormerHandleOfAnother, lockHandles } from './handles';
import { storedSessionId } from './sessions';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import type { SignUpInput } from './validation';

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** What the app knows about the signed-in user; never the password hash. */
export type CurrentUser = Pick<UserRow, 'id' | 'email' | 'name' | 'handle' | 'timeZone' | 'locale'>;

/** The columns of a CurrentUser, for every query that returns one. */
export const currentUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  handle: users.handle,
  timeZone: users.timeZone,
  locale: users.locale,
};

/**
 * Lower-case letters, digits and dashes from the name, for the public handle. Never from the email: a handle is
 * public, and the part before the @ is not.
 */
export function handleBase(name: string): string {
  return slugify(name, 30) || 'member';
}

class HandleTaken extends Error {}

/**
 * Creates an account with the default sectors, in one transaction. Throws a UserFacingError with a field
 * error when the email is taken.
 */
export async function createUser(input: SignUpInput): Promise<CurrentUser> {
  const passwordHash = await hashPassword(input.password);
  const base = handleBase(input.name);
  for (let attempt = 0; attempt < 6; attempt++) {
    // A short suffix first ("ada-3f9c"); a longer one if those are taken, so a crowded name never fails sign-up.
    const handle = attempt === 0 ? base : `${base}-${randomBytes(attempt < 4 ? 2 : 6).toString('hex')}`;
    try {
      return await db.transaction(async (tx) => {
        // A handle another account gave up still forwards there (lib/auth/handles.ts): try the next one.
        await lockHandles(tx, handle);
        if (await isFormerHandleOfAnother(tx, handle)) throw new HandleTaken();
        const [user] = await tx
          .insert(users)
          .values({
            email: input.email,
            name: input.name,
            passwordHash,
            handle,
            timeZone: input.timeZone,
            locale: input.locale,
          })
          .returning(currentUserColumns);
        await tx.insert(sectors).values(DEFAULT_SECTORS.map((name) => ({ userId: user!.id, name })));
        return user!;
      });
    } catch (err) {
      if (isUniqueViolation(err, 'users_email_lower_key')) {
        throw new UserFacingError('An account with this email already exists', 409, {
          email: ['An account with this email already exists. Sign in instead?'],
        });
      }
      if (err instanceof HandleTaken || isUniqueViolation(err, 'users_handle_lower_key')) continue;
      throw err;
    }
  }
  throw new Error('Could not find a free handle');
}

/** The user with this email and password, or null; takes as long either way. */
export async function verifyCredentials(email: string, password: string): Promise<CurrentUser | null> {
  const [row] = await db
    .select({ ...currentUserColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  if (!row) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  const { passwordHash, ...user } = row;
  return (await verifyPassword(passwordHash, password)) ? user : null;
}

/** Starts a server-side session and returns its id, which the JWT carries. */
export async function createSession(userId: string, userAgent?: string | null): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    id: storedSessionId(id),
    userId,
    userAgent: userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
  });
  return id;
}

/**
 * The user behind a live session id, or null when the session ended or expired. In the same round trip the
 * session is marked as seen, at most every five minutes (Settings lists devices by when they were last used).
 */
export async function getSessionUser(sessionId: string): Promise<CurrentUser | null> {
  const [row] = await rows<CurrentUser>(
    db,
    sql`with touched as (
          update ${sessions} set last_seen_at = now()
           where id = ${storedSessionId(sessionId)} and expires_at > now() and last_seen_at < now() - interval '5 minutes'
        )
        select u.id, u.email, u.name, u.handle, u.time_zone as "timeZone", u.locale
          from ${liveSessionUser(sessionId)}
         limit 1`,
  );
  return row ?? null;
}

/**
 * `sessions s join users u`, the one row of a live session (not ended, not expired): what decides that a session id
 * is signed in, for every read that starts from one.
 */
export function liveSessionUser(sessionId: string): SQL {
  return sql`${sessions} s join ${users} u on u.id = s.user_id where s.id = ${storedSessionId(sessionId)} and s.expires_at > now()`;
}

/** Ends one session: its JWT stops working on every server at once. */
export async function deleteSession(sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, storedSessionId(sessionId)));
}
