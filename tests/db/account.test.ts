import { count, eq, getTableColumns, getTableName, is, sql, type Column } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { GET as calendarFeedRoute } from '@/app/calendar/[file]/route';
import { db } from '@/db/client';
import * as schema from '@/db/schema';
import { changeEmail, changePassword, changePasswordSchema, deleteAccount, profileSchema, updateProfile } from '@/lib/account/account';
import { createApiToken, userForToken } from '@/lib/api/tokens';
import { createSession, getSessionUser, verifyCredentials } from '@/lib/auth/users';
import { regenerateCalendarSecret } from '@/lib/calendar/feed';
import { UserFacingError } from '@/lib/errors';
import { idempotent } from '@/lib/idempotency';
import { markNotDuplicate } from '@/lib/people/not-duplicates';
import { markOrganisationsNotDuplicate } from '@/lib/organisations/duplicates';
import { runImport } from '@/lib/import/run';
import { hit } from '@/lib/rate-limit';
import { makeEvent, makeOrganisation, makePerson } from '../support/fixtures';
import { createTestUser, TEST_PASSWORD } from '../support/users';

/** Every table in the drizzle schema: a table added later is counted without anyone remembering to add it here. */
const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
/** Tables that hold no user_id column, and how a user's rows in them are found. */
const keyedOtherwise: Record<string, (userId: string, email: string) => ReturnType<typeof sql>> = {
  users: (userId) => sql`id = ${userId}::uuid`,
  rate_limits: (userId, email) => sql`key like ${`%${userId}%`} or key like ${`sign-in:fail:${email}%`}`,
};

async function rowsOf(userId: string, email: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const name = getTableName(t);
    const userIdColumn = (getTableColumns(t) as Record<string, Column>).userId;
    const where = userIdColumn ? eq(userIdColumn, userId) : keyedOtherwise[name]?.(userId, email);
    if (!where) throw new Error(`${name} has no user_id: say in keyedOtherwise how a user's rows in it are found`);
    out[name] = (await db.select({ n: count() }).from(t).where(where))[0]!.n;
  }
  return out;
}

describe('account', () => {
  it('changing the password needs the current one, and signs every other device out', async () => {
    const user = await createTestUser();
    const here = await createSession(user.id, 'this');
    const phone = await createSession(user.id, 'phone');
    const laptop = await createSession(user.id, 'laptop');
    const bad = changePasswordSchema.parse({ currentPassword: 'wrong password', newPassword: 'a new password 1', confirmPassword: 'a new password 1' });
    const refused = await changePassword(user.id, here, bad).catch((e: unknown) => e);
    expect((refused as UserFacingError).fieldErrors).toEqual({ currentPassword: ['That is not your current password'] });
    expect(await getSessionUser(phone)).not.toBeNull();
    expect(changePasswordSchema.safeParse({ currentPassword: TEST_PASSWORD, newPassword: 'a new password 1', confirmPassword: 'other' }).success).toBe(false);
    const ended = await changePassword(user.id, here, { ...bad, currentPassword: TEST_PASSWORD });
    expect(ended).toEqual({ devicesSignedOut: 2, tokensRevoked: 0, tokensStillWorking: 0, calendarFeedRevoked: false });
    expect(await getSessionUser(phone)).toBeNull();
    expect(await getSessionUser(laptop)).toBeNull();
    expect((await getSessionUser(here))?.id).toBe(user.id);
    expect(await verifyCredentials(user.email, TEST_PASSWORD)).toBeNull();
    expect((await verifyCredentials(user.email, 'a new password 1'))?.id).toBe(user.id);
  });

  it('revoking API access with a new password turns the private calendar address off too; without it, the address keeps working', async () => {
    const user = await createTestUser();
    const bystander = await createTestUser();
    const feed = async (secret: string) =>
      (await calendarFeedRoute(new Request(`https://rapport.example/calendar/${secret}.ics`), { params: Promise.resolve({ file: `${secret}.ics` }) })).status;
    const secret = await regenerateCalendarSecret(user.id);
    const theirs = await regenerateCalendarSecret(bystander.id);
    expect(await feed(secret)).toBe(200);
    const input = (current: string, next: string, revoke: boolean) =>
      changePasswordSchema.parse({ currentPassword: current, newPassword: next, confirmPassword: next, ...(revoke ? { revokeApiAccess: 'on' } : {}) });

    expect(await changePassword(user.id, undefined, input(TEST_PASSWORD, 'second password 1', false))).toMatchObject({ calendarFeedRevoked: false });
    expect(await feed(secret)).toBe(200);

    expect(await changePassword(user.id, undefined, input('second password 1', 'third password 12', true))).toMatchObject({ calendarFeedRevoked: true });
    // The old calendar address now answers as an unknown one does; another user's is untouched.
    expect(await feed(secret)).toBe(404);
    expect(await feed(theirs)).toBe(200);
    // With no address to turn off, the answer says none was.
    expect(await changePassword(user.id, undefined, input('third password 12', 'fourth password 1', true))).toMatchObject({ calendarFeedRevoked: false });
  });

  it('name and handle: only what the form changed is saved; a handle another account has is refused beside the field', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const [before] = await db.select({ name: schema.users.name, handle: schema.users.handle }).from(schema.users).where(eq(schema.users.id, user.id));
    const raw = (fields: Record<string, string>) => ({
      name: before!.name,
      handle: before!.handle,
      wasName: before!.name,
      wasHandle: before!.handle,
      ...fields,
    });
    const form = (fields: Record<string, string>) => profileSchema.parse(raw(fields));

    // Another device renamed the account meanwhile; this form only changes the handle, so that name stays.
    await db.update(schema.users).set({ name: 'Renamed Elsewhere' }).where(eq(schema.users.id, user.id));
    expect(await updateProfile(user.id, form({ handle: '  Sam-Writes ' }))).toEqual({ name: 'Renamed Elsewhere', handle: 'sam-writes', forwarded: false });
    expect(await updateProfile(user.id, form({ name: 'Sam Writer', wasHandle: 'sam-writes', handle: 'sam-writes' }))).toEqual({
      name: 'Sam Writer',
      handle: 'sam-writes',
      forwarded: false,
    });

    const [theirs] = await db.select({ handle: schema.users.handle }).from(schema.users).where(eq(schema.users.id, other.id));
    const taken = await updateProfile(user.id, form({ handle: theirs!.handle.toUpperCase() })).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(UserFacingError);
    expect((taken as UserFacingError).fieldErrors?.handle?.[0]).toContain('Another account has that handle');
    expect(profileSchema.safeParse(raw({ handle: 'a b' })).success).toBe(false);
    expect(profileSchema.safeParse(raw({ handle: '-ab' })).success).toBe(false);
    // A handle sign-up made from a short name ("Jo") is one the form takes back as it is.
    expect(profileSchema.safeParse(raw({ handle: 'jo' })).success).toBe(true);
    expect(profileSchema.safeParse(raw({ name: ' ' })).success).toBe(false);
  });

  it('changing the email needs the password and refuses an address another account has', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    await expect(changeEmail(user.id, { email: 'new@example.test', currentPassword: 'nope' })).rejects.toBeInstanceOf(UserFacingError);
    const taken = await changeEmail(user.id, { email: other.email, currentPassword: TEST_PASSWORD }).catch((e: unknown) => e);
    expect((taken as UserFacingError).fieldErrors).toEqual({ email: ['Another account uses that email address'] });
    const fresh = `new-${user.id}@example.test`;
    await changeEmail(user.id, { email: fresh, currentPassword: TEST_PASSWORD });
    expect((await verifyCredentials(fresh, TEST_PASSWORD))?.id).toBe(user.id);
  });

  it('deleting the account removes its rows from every table, sessions and tokens included, and no one else’s', async () => {
    const populate = async () => {
      const user = await createTestUser();
      const org = await makeOrganisation(user.id, 'Leeds City Council', 'Government');
      const p = await makePerson(user.id, { name: 'Priya Shah', organisationId: org.id, email: 'priya@leeds.example' });
      // A namesake they said is someone else (a not_duplicates row).
      const namesake = await makePerson(user.id, { name: 'Priya Shah', email: 'p.shah@elsewhere.example' });
      await markNotDuplicate(user.id, p.id, namesake.id);
      // Its initials, which they said are another organisation (an organisation_not_duplicates row).
      await markOrganisationsNotDuplicate(user.id, org.id, (await makeOrganisation(user.id, 'LCC')).id);
      await makeEvent(user.id, {
        title: 'Council tech day',
        topics: ['cloud'],
        people: [{ personId: p.id, topics: ['procurement'] }],
        insights: [{ text: '40% of spend', personId: p.id }],
        followUps: [{ action: 'Send slides', personId: p.id }],
      });
      const [topic] = await db.select({ id: schema.topics.id }).from(schema.topics).where(eq(schema.topics.userId, user.id)).limit(1);
      await db.insert(schema.personTopics).values({ userId: user.id, personId: p.id, topicId: topic!.id });
      // Published, so the handle given up below keeps forwarding (a former_handles row).
      const [post] = await db
        .insert(schema.posts)
        .values({ userId: user.id, title: 'Evening', slug: 'evening', status: 'published', publishedAt: new Date() })
        .returning({ id: schema.posts.id });
      // An address it had before, which forwards to it (a former_post_slugs row).
      await db.insert(schema.formerPostSlugs).values({ userId: user.id, slug: 'evening-out', postId: post!.id });
      await db.insert(schema.interactions).values({ userId: user.id, personId: p.id, kind: 'coffee', occurredOn: '2026-03-01' });
      await db.insert(schema.redactedTexts).values({ userId: user.id, text: 'An off-the-record fact as it was before an edit' });
      await db.insert(schema.merges).values({ userId: user.id, kind: 'sector', keptId: user.id, mergedId: user.id, snapshot: {} });
      await updateProfile(user.id, profileSchema.parse({ name: user.name, wasName: user.name, handle: `gone-${user.id.slice(0, 8)}`, wasHandle: user.handle }));
      await createSession(user.id, 'phone');
      const token = await createApiToken(user.id, 'script');
      await idempotent(user.id, 'key-12345678', 'test', 'hash', async () => ({ status: 200, body: { id: user.id }, resourceId: user.id }));
      await hit(`api-write:${user.id}`, 100, 60);
      await hit(`sign-in:fail:${user.email}`, 100, 60);
      await runImport(user.id, 'vcard', 'BEGIN:VCARD\nVERSION:3.0\nFN:Imported Person\nEND:VCARD\n');
      return { user, token: token.token };
    };
    const { user, token } = await populate();
    const { user: bystander } = await populate();
    const before = await rowsOf(user.id, user.email);
    // Every table holds something of this user's, so that a table the delete missed would show.
    expect(Object.entries(before).filter(([, n]) => n === 0)).toEqual([]);
    const bystanderBefore = await rowsOf(bystander.id, bystander.email);

    await expect(deleteAccount(user.id, { confirmEmail: 'someone@else.test', currentPassword: TEST_PASSWORD })).rejects.toBeInstanceOf(UserFacingError);
    await expect(deleteAccount(user.id, { confirmEmail: user.email, currentPassword: 'wrong' })).rejects.toBeInstanceOf(UserFacingError);
    // Nothing changed but the count of wrong passwords (lib/auth/confirm-password.ts), which the delete removes too.
    expect(await rowsOf(user.id, user.email)).toEqual({ ...before, rate_limits: before.rate_limits! + 1 });

    await deleteAccount(user.id, { confirmEmail: user.email.toUpperCase().toLowerCase(), currentPassword: TEST_PASSWORD });
    const after = await rowsOf(user.id, user.email);
    expect(Object.entries(after).filter(([, n]) => n !== 0)).toEqual([]);
    expect(await userForToken(token)).toBeNull();
    expect(await rowsOf(bystander.id, bystander.email)).toEqual(bystanderBefore);
  });
});
