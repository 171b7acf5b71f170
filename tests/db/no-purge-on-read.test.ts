import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { people } from '@/db/schema';
import { authorizeCredentials } from '@/lib/auth/authorize';
import type { CurrentUser } from '@/lib/auth/users';
import { deletePerson } from '@/lib/people/queries';
import { makePerson } from '../support/fixtures';
import { createTestUser, TEST_PASSWORD } from '../support/users';

// The page under test asks the data-access layer who is signed in; here that is the test's user.
let signedIn: CurrentUser | null = null;
vi.mock('@/lib/dal', () => ({
  requireUser: async () => signedIn,
  getCurrentUser: async () => signedIn,
}));
vi.mock('next/server', async (importOriginal) => ({ ...(await importOriginal<object>()), connection: async () => {} }));

/** A person of the user's, deleted long before the restore window: due to be purged, by housekeeping only. */
async function longDeleted(userId: string) {
  const person = await makePerson(userId, { name: 'Gone long ago' });
  await deletePerson(userId, person.id);
  await db
    .update(people)
    .set({ deletedAt: sql`now() - interval '45 days'` })
    .where(eq(people.id, person.id));
  return person.id;
}

async function stillThere(id: string) {
  return (await db.select({ id: people.id }).from(people).where(eq(people.id, id))).length === 1;
}

describe('sign-in and pages never purge', () => {
  it('signing in leaves the trash to housekeeping', async () => {
    const user = await createTestUser();
    const id = await longDeleted(user.id);
    const signed = await authorizeCredentials({ email: user.email, password: TEST_PASSWORD }, new Headers());
    expect(signed?.id).toBe(user.id);
    expect(await stillThere(id)).toBe(true);
  });

  it('opening Recently deleted only reads: what is past the window stays until housekeeping removes it', async () => {
    const user = await createTestUser();
    signedIn = user;
    const id = await longDeleted(user.id);
    const { default: RecentlyDeletedPage } = await import('@/app/(app)/settings/deleted/page');
    expect(await RecentlyDeletedPage({ searchParams: Promise.resolve({}) })).toBeTruthy();
    expect(await stillThere(id)).toBe(true);
  });
});
