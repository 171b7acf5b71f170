import { describe, expect, it, vi } from 'vitest';
import { changePasswordAction } from '@/app/(app)/settings/account/actions';
import type { CurrentUser } from '@/lib/auth/users';
import { regenerateCalendarSecret, userIdForCalendarSecret } from '@/lib/calendar/feed';
import { createTestUser, TEST_PASSWORD } from '../support/users';

// Changing the password with "Also revoke my API tokens and calendar link" turns the private calendar address off as well (it is a
// credential like a token); the message after the change says so, and what to do to subscribe again.

let signedIn: CurrentUser | null = null;
vi.mock('@/lib/dal', () => ({ getCurrentUser: async () => signedIn, getSessionId: async () => undefined, requireUser: async () => signedIn }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe('a new password that revokes API access', () => {
  it('says the calendar address was turned off and must be made again, when there was one', async () => {
    const user = await createTestUser();
    signedIn = user;
    const secret = await regenerateCalendarSecret(user.id);
    const changed = await changePasswordAction(
      {},
      form({ currentPassword: TEST_PASSWORD, newPassword: 'second password 1', confirmPassword: 'second password 1', revokeApiAccess: 'on' }),
    );
    expect(changed).toMatchObject({
      ok: true,
      message: 'Password changed. Your private calendar address was turned off: make a new one under Calendar and subscribe to it again.',
    });
    expect(await userIdForCalendarSecret(secret)).toBeNull();

    // No address, nothing said about one.
    const again = await changePasswordAction(
      {},
      form({ currentPassword: 'second password 1', newPassword: 'third password 12', confirmPassword: 'third password 12', revokeApiAccess: 'on' }),
    );
    expect(again).toMatchObject({ ok: true, message: 'Password changed.' });
  });
});
