import { randomUUID } from 'node:crypto';
import { createUser, type CurrentUser } from '@/lib/auth/users';

export const TEST_PASSWORD = 'correct horse battery staple';

/** A fresh user for one test, so tests never see each other's data. */
export async function createTestUser(overrides: { name?: string; timeZone?: string } = {}): Promise<CurrentUser> {
  return createUser({
    name: overrides.name ?? 'Test User',
    email: `user-${randomUUID()}@example.test`,
    password: TEST_PASSWORD,
    timeZone: overrides.timeZone ?? 'Europe/London',
    locale: 'en-GB',
  });
}
