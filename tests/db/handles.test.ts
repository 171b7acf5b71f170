import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { authorOrForward } from '@/app/u/[handle]/load';
import { GET as feedRoute } from '@/app/u/[handle]/feed.xml/route';
import { db } from '@/db/client';
import { formerHandles, users } from '@/db/schema';
import { deleteAccount, profileSchema, updateProfile } from '@/lib/account/account';
import { FORMER_HANDLES_KEPT, listFormerHandles, releaseFormerHandle } from '@/lib/auth/handles';
import { UserFacingError } from '@/lib/errors';
import { getForwardedHandle, getPublicAuthor } from '@/lib/posts/public';
import { createPostFromEventOnce, publishPost } from '@/lib/posts/queries';
import { backupChunks } from '@/lib/backup/write';
import { runImport } from '@/lib/import/run';
import { makeEvent } from '../support/fixtures';
import { createTestUser, TEST_PASSWORD } from '../support/users';

const all = async (gen: AsyncGenerator<string>) => {
  let s = '';
  for await (const c of gen) s += c;
  return s;
};

const unique = () => `h${Math.random().toString(36).slice(2, 10)}`;

async function handleOf(userId: string): Promise<string> {
  const [row] = await db.select({ handle: users.handle }).from(users).where(eq(users.id, userId));
  return row!.handle;
}

/** The profile form as sent: only the handle changes. */
async function moveTo(userId: string, handle: string) {
  const was = await handleOf(userId);
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return updateProfile(userId, profileSchema.parse({ name: row!.name, wasName: row!.name, handle, wasHandle: was }));
}

async function publishOne(userId: string): Promise<string> {
  const event = await makeEvent(userId, { title: 'Data Club', startsAt: new Date('2026-11-10T18:00:00Z'), summary: 'A good evening on data sharing.' });
  const { post } = await createPostFromEventOnce(userId, event.id, { style: 'narrative', timeZone: 'Europe/London' });
  return (await publishPost(userId, post.id)).slug;
}

/** Where a public page would send the reader: the redirect Next throws, or the author it renders. */
async function pageAnswer(handle: string, rest = ''): Promise<string> {
  try {
    return `author ${(await authorOrForward(handle, rest)).handle}`;
  } catch (err) {
    const digest = String((err as { digest?: string }).digest ?? err);
    const redirect = /^NEXT_REDIRECT;[a-z]+;([^;]+);(\d+);/.exec(digest);
    if (redirect) return `${redirect[2]} ${redirect[1]}`;
    if (digest.includes('404')) return '404';
    throw err;
  }
}

describe('a public handle given up', () => {
  it('forwards its pages and feed to the new handle, and no other account can take it', async () => {
    const name = `Sam ${unique()}`;
    const writer = await createTestUser({ name });
    const other = await createTestUser();
    const slug = await publishOne(writer.id);
    const old = await handleOf(writer.id);
    const now = unique();

    expect(await moveTo(writer.id, now)).toMatchObject({ handle: now, forwarded: true });
    expect(await getPublicAuthor(old)).toBeNull();
    expect(await getForwardedHandle(old.toUpperCase())).toBe(now);
    expect(await pageAnswer(old)).toBe(`308 /u/${now}`);
    expect(await pageAnswer(old, `/${slug}`)).toBe(`308 /u/${now}/${slug}`);
    expect(await pageAnswer(now)).toBe(`author ${now}`);
    const feed = await feedRoute(new Request(`http://localhost/u/${old}/feed.xml`), { params: Promise.resolve({ handle: old }) });
    expect(feed.status).toBe(308);
    expect(feed.headers.get('location')).toBe(`/u/${now}/feed.xml`);

    // Another account is refused the old handle with the same words as a current one, and sign-up passes it by.
    const refused = await moveTo(other.id, old.toUpperCase()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserFacingError);
    expect((refused as UserFacingError).fieldErrors?.handle?.[0]).toBe('Another account has that handle. Try another.');
    const namesake = await createTestUser({ name });
    expect(namesake.handle).not.toBe(old);
    expect(namesake.handle.startsWith(`${old}-`)).toBe(true);

    // Its owner can go back to it: it is current again, and the handle just left forwards instead.
    await moveTo(writer.id, old);
    expect(await pageAnswer(old)).toBe(`author ${old}`);
    expect(await getForwardedHandle(old)).toBeNull();
    expect(await getForwardedHandle(now)).toBe(old);
    const held = await db.select({ handle: formerHandles.handle }).from(formerHandles).where(eq(formerHandles.userId, writer.id));
    expect(held.map((r) => r.handle)).toEqual([now]);

    // Deleting the account frees every handle it held.
    await deleteAccount(writer.id, { confirmEmail: writer.email, currentPassword: TEST_PASSWORD });
    expect(await pageAnswer(now)).toBe('404');
    expect(await moveTo(other.id, now)).toMatchObject({ handle: now });
  });

  it('a handle nothing was published under is let go: it never leads to the one chosen after it', async () => {
    // Sign-up made the handle from the user's real name; they chose a pen name before their first post.
    const quiet = await createTestUser({ name: `Jane ${unique()}` });
    const realName = await handleOf(quiet.id);
    const penName = unique();
    expect(await moveTo(quiet.id, penName)).toMatchObject({ handle: penName, forwarded: false });
    await publishOne(quiet.id);
    expect(await getForwardedHandle(realName)).toBeNull();
    expect(await pageAnswer(realName)).toBe('404');
    expect(await pageAnswer(penName)).toBe(`author ${penName}`);
    // Free for anyone, as any handle no one holds.
    const other = await createTestUser();
    expect(await moveTo(other.id, realName)).toMatchObject({ handle: realName });
  });

  it('Settings lists the handles given up, and one let go stops leading here and is free for anyone', async () => {
    const writer = await createTestUser();
    await publishOne(writer.id);
    const first = await handleOf(writer.id);
    const second = unique();
    await moveTo(writer.id, second);
    await moveTo(writer.id, unique());
    expect(await listFormerHandles(writer.id)).toEqual([second, first]);
    // Another user cannot let it go.
    const other = await createTestUser();
    expect(await releaseFormerHandle(other.id, first)).toBe(false);
    expect(await getForwardedHandle(first)).not.toBeNull();
    expect(await releaseFormerHandle(writer.id, first.toUpperCase())).toBe(true);
    expect(await getForwardedHandle(first)).toBeNull();
    expect(await listFormerHandles(writer.id)).toEqual([second]);
    expect(await moveTo(other.id, first)).toMatchObject({ handle: first });
  });

  it('a backup carries the handles posts were public under: restored, their links lead to the posts where no one else has them', async () => {
    const writer = await createTestUser();
    const slug = await publishOne(writer.id);
    const first = await handleOf(writer.id);
    const second = unique();
    await moveTo(writer.id, second);
    const last = unique();
    await moveTo(writer.id, last);
    const backup = await all(backupChunks(writer.id));
    expect(JSON.parse(backup).account).toMatchObject({ handle: last, formerHandles: [second, first] });
    // The account is deleted, which frees them all; meanwhile a stranger takes one of them.
    await deleteAccount(writer.id, { confirmEmail: writer.email, currentPassword: TEST_PASSWORD });
    const stranger = await createTestUser();
    await moveTo(stranger.id, second);

    const back = await createTestUser();
    const summary = await runImport(back.id, 'backup', backup);
    // The stranger's is theirs: it is passed by.
    expect(summary.notes).toEqual([`Links to your posts at /u/${last} and /u/${first} now lead to them here.`]);
    const now = await handleOf(back.id);
    expect(await pageAnswer(last, `/${slug}`)).toBe(`308 /u/${now}/${slug}`);
    expect(await pageAnswer(first)).toBe(`308 /u/${now}`);
    expect(await getForwardedHandle(second)).toBeNull();
    expect(await listFormerHandles(back.id)).toEqual([last, first]);
    // Restored again, nothing changes.
    expect((await runImport(back.id, 'backup', backup)).notes).toEqual([]);
    expect(await listFormerHandles(back.id)).toEqual([last, first]);
    // Restored into an account with handles of its own given up, it takes only the places left: none of its own goes.
    const busy = await createTestUser();
    await publishOne(busy.id);
    const mine = [await handleOf(busy.id)];
    for (let i = 0; i < FORMER_HANDLES_KEPT - 1; i++) {
      const next = unique();
      await moveTo(busy.id, next);
      mine.unshift(next);
    }
    const gaveUp = mine.slice(1);
    expect(await listFormerHandles(busy.id)).toEqual(gaveUp);
    const foreign = JSON.parse(backup) as { account: { handle: string; formerHandles: string[] } };
    foreign.account = { ...foreign.account, handle: unique(), formerHandles: [unique(), unique()] };
    const restored = await runImport(busy.id, 'backup', JSON.stringify(foreign));
    expect(restored.notes).toEqual([`Links to your posts at /u/${foreign.account.handle} now lead to them here.`]);
    expect(await listFormerHandles(busy.id)).toEqual([foreign.account.handle, ...gaveUp]);
    // A backup that published nothing claims nothing, whatever handles it names.
    const quiet = await createTestUser();
    const free = unique();
    const edited = JSON.parse(backup) as { account: { formerHandles: string[] }; posts: unknown[] };
    edited.account.formerHandles = [free];
    edited.posts = [];
    await runImport(quiet.id, 'backup', JSON.stringify(edited));
    expect(await listFormerHandles(quiet.id)).toEqual([]);
    expect(await getForwardedHandle(free)).toBeNull();
  });

  it(`keeps the last ${FORMER_HANDLES_KEPT} handles given up forwarding, and frees older ones`, async () => {
    const writer = await createTestUser();
    await publishOne(writer.id);
    const given: string[] = [await handleOf(writer.id)];
    for (let i = 0; i < FORMER_HANDLES_KEPT + 1; i++) {
      const next = unique();
      await moveTo(writer.id, next);
      given.push(next);
    }
    const current = given.pop()!;
    const held = await db.select({ handle: formerHandles.handle }).from(formerHandles).where(eq(formerHandles.userId, writer.id));
    expect(held.map((r) => r.handle).sort()).toEqual(given.slice(1).sort());
    expect(await getForwardedHandle(given[0]!)).toBeNull();
    expect(await getForwardedHandle(given[1]!)).toBe(current);
  });

  it('one handle never ends up current for one account and given up by another, however the saves interleave', async () => {
    for (let round = 0; round < 8; round++) {
      const a = await createTestUser();
      const b = await createTestUser();
      await publishOne(a.id);
      const contested = await handleOf(a.id);
      // a gives the handle up while b tries to take it: either b is refused, or b got it before a let go (then a's
      // move must not leave it reserved for a).
      await Promise.allSettled([moveTo(a.id, unique()), moveTo(b.id, contested)]);
      expect(await handleOf(b.id)).not.toBe(contested);
      const [both] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .innerJoin(formerHandles, sql`lower(${formerHandles.handle}) = lower(${users.handle}) and ${formerHandles.userId} <> ${users.id}`)
        .where(sql`lower(${users.handle}) = lower(${contested})`);
      expect(both!.n).toBe(0);
    }
  });
});
