import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { apiTokens, users } from '@/db/schema';
import { changeEmailAction, changePasswordAction, deleteAccountAction } from '@/app/(app)/settings/account/actions';
import { createApiTokenAction } from '@/app/(app)/settings/api-tokens/actions';
import { createApiToken, userForToken } from '@/lib/api/tokens';
import type { CurrentUser } from '@/lib/auth/users';
import { verifyCredentials } from '@/lib/auth/users';
import { createTestUser, TEST_PASSWORD } from '../support/users';

/*
 * Changing the email or the password, and deleting the account, ask for the current password again. A stolen
 * session must not be able to guess at it there any faster than when creating an API token: all of them share one
 * per-user counter of wrong passwords (10 per 15 minutes).
 */

let signedIn: CurrentUser | null = null;
vi.mock('@/lib/dal', () => ({ getCurrentUser: async () => signedIn, getSessionId: async () => undefined, requireUser: async () => signedIn }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const LIMITED = 'Too many wrong passwords. Wait 15 minutes, then try again.';

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

const emailOf = async (id: string) => (await db.select({ email: users.email }).from(users).where(eq(users.id, id)))[0]?.email;

describe('re-typing the password in account settings', () => {
  it('after 10 wrong passwords across the account forms, even the right one is refused beside the field, for this user only', async () => {
    const user = await createTestUser();
    const bystander = await createTestUser();
    signedIn = user;
    const wrongs = [
      () => changeEmailAction({}, form({ email: `guess-${user.id}@example.test`, currentPassword: 'guess 1' })),
      () => changePasswordAction({}, form({ currentPassword: 'guess 2', newPassword: 'a new long password', confirmPassword: 'a new long password' })),
      () => deleteAccountAction({}, form({ confirmEmail: user.email, currentPassword: 'guess 3' })),
    ];
    for (let i = 0; i < 10; i++) {
      const wrong = await wrongs[i % wrongs.length]!();
      expect(wrong).toMatchObject({ ok: false, status: 400, fieldErrors: { currentPassword: ['That is not your current password'] } });
    }

    const fresh = `new-${user.id}@example.test`;
    const refused = await changeEmailAction({}, form({ email: fresh, currentPassword: TEST_PASSWORD }));
    // Beside the password field, with the address the user typed still in the form (and never the password).
    expect(refused).toMatchObject({ ok: false, status: 429, fieldErrors: { currentPassword: [LIMITED] }, values: { email: fresh } });
    expect(refused.values).not.toHaveProperty('currentPassword');
    expect(await emailOf(user.id)).toBe(user.email);

    const passwordRefused = await changePasswordAction(
      {},
      form({ currentPassword: TEST_PASSWORD, newPassword: 'a new long password', confirmPassword: 'a new long password' }),
    );
    expect(passwordRefused).toMatchObject({ ok: false, status: 429, fieldErrors: { currentPassword: [LIMITED] } });
    expect((await verifyCredentials(user.email, TEST_PASSWORD))?.id).toBe(user.id);
    const deleteRefused = await deleteAccountAction({}, form({ confirmEmail: user.email, currentPassword: TEST_PASSWORD }));
    expect(deleteRefused).toMatchObject({ ok: false, status: 429, fieldErrors: { currentPassword: [LIMITED] } });
    expect(await emailOf(user.id)).toBe(user.email);
    // One counter: creating an API token is refused too.
    const token = await createApiTokenAction({}, form({ name: 'script', access: 'read', expires: '30', password: TEST_PASSWORD }));
    expect(token).toMatchObject({ ok: false, status: 429 });

    // Someone else's counter is their own.
    signedIn = bystander;
    const other = `new-${bystander.id}@example.test`;
    expect(await changeEmailAction({}, form({ email: other, currentPassword: TEST_PASSWORD }))).toMatchObject({ ok: true });
    expect(await emailOf(bystander.id)).toBe(other);
  });

  it('the right password clears the count, so a few typos over time never lock the user out', async () => {
    const user = await createTestUser();
    signedIn = user;
    for (let i = 0; i < 9; i++) {
      expect(await changeEmailAction({}, form({ email: `x-${user.id}@example.test`, currentPassword: 'typo' }))).toMatchObject({ status: 400 });
    }
    const fresh = `new-${user.id}@example.test`;
    expect(await changeEmailAction({}, form({ email: fresh, currentPassword: TEST_PASSWORD }))).toMatchObject({ ok: true });
    for (let i = 0; i < 9; i++) {
      expect(await changeEmailAction({}, form({ email: `y-${user.id}@example.test`, currentPassword: 'typo' }))).toMatchObject({ status: 400 });
    }
    const again = `again-${user.id}@example.test`;
    expect(await changeEmailAction({}, form({ email: again, currentPassword: TEST_PASSWORD }))).toMatchObject({ ok: true });
    expect(await emailOf(user.id)).toBe(again);
  });

  it('a new password says which API tokens still work, and revokes them when the box is ticked (kept ticked after a refusal)', async () => {
    const user = await createTestUser();
    signedIn = user;
    const first = await createApiToken(user.id, 'script');
    const reader = await createApiToken(user.id, 'phone shortcut', { scope: 'read' });
    const old = await createApiToken(user.id, 'old script');
    await db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, old.id));
    const bystander = await createTestUser();
    const theirs = await createApiToken(bystander.id, 'their script');
    const changed = await changePasswordAction(
      {},
      form({ currentPassword: TEST_PASSWORD, newPassword: 'second password 1', confirmPassword: 'second password 1' }),
    );
    expect(changed).toMatchObject({
      ok: true,
      message: 'Password changed. Your 2 API tokens still work: revoke them under API tokens if one may have leaked.',
    });
    expect((await userForToken(first.token))?.id).toBe(user.id);

    const wrong = await changePasswordAction(
      {},
      form({ currentPassword: 'not it', newPassword: 'third password 12', confirmPassword: 'third password 12', revokeApiAccess: 'on' }),
    );
    expect(wrong).toMatchObject({ ok: false, values: { revokeApiAccess: 'on' } });
    expect((await userForToken(first.token))?.id).toBe(user.id);
    const revoked = await changePasswordAction(
      {},
      form({ currentPassword: 'second password 1', newPassword: 'third password 12', confirmPassword: 'third password 12', revokeApiAccess: 'on' }),
    );
    expect(revoked).toMatchObject({ ok: true, message: 'Password changed. 2 API tokens were revoked.' });
    expect(await userForToken(first.token)).toBeNull();
    expect(await userForToken(reader.token)).toBeNull();
    expect((await userForToken(theirs.token))?.id).toBe(bystander.id);
  });
});
