import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { hit, reset } from '@/lib/rate-limit';
import { verifyPassword } from './password';

/** Wrong passwords a signed-in user may type before confirming is refused for a while (per 15 minutes). */
const CONFIRM_LIMIT = 10;
const WINDOW_SECONDS = 15 * 60;

/** What the user is told once the limit is reached. */
export const TOO_MANY_WRONG_PASSWORDS = 'Too many wrong passwords. Wait 15 minutes, then try again.';

/**
 * Asks a signed-in user for their password again before something a stolen session should not be able to do
 * alone (creating an API token; changing the email or password; deleting the account). Failures are counted per user, so a stolen session cannot guess at leisure.
 * PasswordHasherBusy (from lib/auth/password.ts) when this process is checking all the passwords it allows.
 */
export async function confirmPassword(userId: string, password: string): Promise<'ok' | 'wrong' | 'limited'> {
  const key = `confirm-password:${userId}`;
  if (!(await hit(key, CONFIRM_LIMIT, WINDOW_SECONDS)).allowed) return 'limited';
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  if (!row || !password || !(await verifyPassword(row.passwordHash, password))) return 'wrong';
  await reset(key);
  return 'ok';
}
