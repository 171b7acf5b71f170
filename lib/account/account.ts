import { and, eq, like, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { rateLimits, sessions, users } from '@/db/schema';
import { countWorkingApiTokens, revokeAllApiTokens } from '@/lib/api/tokens';
import { confirmPassword, TOO_MANY_WRONG_PASSWORDS } from '@/lib/auth/confirm-password';
import { hashPassword } from '@/lib/auth/password';
import { storedSessionId } from '@/lib/auth/sessions';
import { revokeCalendarSecret } from '@/lib/calendar/feed';
import { isUniqueViolation, UserFacingError } from '@/lib/errors';
import { currentHandleForUpdate, HANDLE, isFormerHandleOfAnother, lockHandles, recordHandleMove } from '@/lib/auth/handles';
import { signUpSchema } from '@/lib/auth/validation';

const currentPassword = z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password').max(200);
const email = z
  .string({ error: 'Enter an email address' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter an email address')
  .max(254, 'That email address is too long')
  .pipe(z.email({ error: 'Enter an email address like name@example.com' }));

/** A public handle: the `/u/<handle>` of every published post. */
const handle = z
  .string({ error: 'Choose a public handle' })
  .trim()
  .toLowerCase()
  // Sign-up makes handles of one letter and more ("jo"), and the public pages take up to 63 characters.
  .regex(HANDLE, 'Use up to 40 lower-case letters, digits and dashes, starting and ending with a letter or digit');

/**
 * The byline and the public address. `was*` are the values the form was opened with: only a field the user changed
 * is written, so a change made meanwhile on another device to the other field is kept.
 */
export const profileSchema = z.object({
  name: signUpSchema.shape.name,
  handle,
  wasName: z.string().max(200).optional(),
  wasHandle: z.string().max(200).optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword,
    newPassword: z.string({ error: 'Choose a new password' }).min(10, 'Use at least 10 characters').max(200, 'Use at most 200 characters'),
    confirmPassword: z.string().max(200),
    /** The form's checkbox: also revoke every API token (a script using one stops working) and the private calendar
     * address. Not named "token": a form's fields so named are never echoed back, and the box must stay ticked after
     * a refusal. */
    revokeApiAccess: z.literal('on').optional(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The two new passwords differ' });

export const changeEmailSchema = z.object({ email, currentPassword });

export const deleteAccountSchema = z.object({
  confirmEmail: z.string({ error: 'Type your email address to confirm' }).trim().toLowerCase().max(254),
  currentPassword,
});

/**
 * The current password again, through the same per-user counter as creating an API token (confirmPassword), so a
 * stolen session cannot guess at it here instead; both answers sit beside the password field.
 */
async function checkPassword(userId: string, password: string): Promise<void> {
  const confirmed = await confirmPassword(userId, password);
  if (confirmed === 'limited') {
    throw new UserFacingError(TOO_MANY_WRONG_PASSWORDS, 429, { currentPassword: [TOO_MANY_WRONG_PASSWORDS] });
  }
  if (confirmed === 'wrong') {
    throw new UserFacingError('That is not your current password', 400, { currentPassword: ['That is not your current password'] });
  }
}

/**
 * What changing the password ended: the other devices signed out, the API tokens revoked or still working, and
 * whether the private calendar address was turned off.
 */
export interface PasswordChanged {
  devicesSignedOut: number;
  tokensRevoked: number;
  tokensStillWorking: number;
  calendarFeedRevoked: boolean;
}

/**
 * Changes the password after checking the current one, and signs out every other device (their sessions end on
 * every server at once); this one stays signed in. When the user asks to revoke API access, the API tokens go and so
 * does the private calendar address: after a leak either would otherwise keep working, as neither is a password, and
 * the address shows anyone who has it the follow-ups and who is due a contact. Either way the answer says what ended.
 */
export async function changePassword(
  userId: string,
  keepSessionId: string | undefined,
  input: z.output<typeof changePasswordSchema>,
): Promise<PasswordChanged> {
  await checkPassword(userId, input.currentPassword);
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
    const gone = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), keepSessionId ? ne(sessions.id, storedSessionId(keepSessionId)) : undefined))
      .returning({ id: sessions.id });
    if (input.revokeApiAccess) {
      const tokensRevoked = await revokeAllApiTokens(userId, tx);
      return { devicesSignedOut: gone.length, tokensRevoked, tokensStillWorking: 0, calendarFeedRevoked: await revokeCalendarSecret(userId, tx) };
    }
    return { devicesSignedOut: gone.length, tokensRevoked: 0, tokensStillWorking: await countWorkingApiTokens(userId, tx), calendarFeedRevoked: false };
  });
}

/**
 * Saves the name and public handle the user changed. A handle another account has, now or as one it gave up, is
 * refused beside the field; the handle given up here forwards to the new one if anything was ever published under it
 * (`forwarded`; lib/auth/handles.ts).
 */
export async function updateProfile(userId: string, input: z.output<typeof profileSchema>): Promise<{ name: string; handle: string; forwarded: boolean }> {
  const set = {
    ...(input.name !== input.wasName ? { name: input.name } : {}),
    ...(input.handle !== input.wasHandle ? { handle: input.handle } : {}),
  };
  const taken = () => new UserFacingError('Another account has that handle', 409, { handle: ['Another account has that handle. Try another.'] });
  try {
    return await db.transaction(async (tx) => {
      const from = await currentHandleForUpdate(tx, userId);
      let forwarded = false;
      if (set.handle !== undefined && from !== undefined && set.handle !== from.toLowerCase()) {
        await lockHandles(tx, from, set.handle);
        if (await isFormerHandleOfAnother(tx, set.handle, userId)) throw taken();
        forwarded = await recordHandleMove(tx, userId, from, set.handle);
      }
      const [row] = await tx
        .update(users)
        .set({ ...set, updatedAt: new Date() })
        .where(eq(users.id, userId))
        .returning({ name: users.name, handle: users.handle });
      return { ...row!, forwarded };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'users_handle_lower_key')) throw taken();
    throw err;
  }
}

/** Changes the sign-in email after checking the password; an address another account uses is refused beside the field. */
export async function changeEmail(userId: string, input: z.output<typeof changeEmailSchema>): Promise<void> {
  await checkPassword(userId, input.currentPassword);
  try {
    await db.update(users).set({ email: input.email, updatedAt: new Date() }).where(eq(users.id, userId));
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_lower_key')) {
      throw new UserFacingError('Another account uses that email address', 409, { email: ['Another account uses that email address'] });
    }
    throw err;
  }
}

/**
 * Deletes the account and everything in it, once the user has typed their email and password. Every user-owned
 * table references users with ON DELETE CASCADE, so one delete removes it all in one statement (sessions and
 * API tokens included); the rate-limit counters, keyed by text, are removed beside it in the same transaction.
 */
export async function deleteAccount(userId: string, input: z.output<typeof deleteAccountSchema>): Promise<void> {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!row) return;
  if (input.confirmEmail !== row.email.toLowerCase()) {
    throw new UserFacingError('Type your email address exactly to confirm', 400, { confirmEmail: [`Type ${row.email} to confirm`] });
  }
  await checkPassword(userId, input.currentPassword);
  await db.transaction(async (tx) => {
    const failKey = `sign-in:fail:${row.email.toLowerCase()}`;
    await tx
      .delete(rateLimits)
      .where(or(like(rateLimits.key, `%${userId}%`), eq(rateLimits.key, failKey), sql`starts_with(${rateLimits.key}, ${`${failKey}:`})`));
    await tx.delete(users).where(eq(users.id, userId));
  });
}
