import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { db, type Tx } from '@/db/client';
import { formerHandles, posts, users } from '@/db/schema';

/**
 * A public handle is held by one account at a time, as its current handle or as one it gave up: links to a handle
 * given up forward to the account's new one, so another account taking it would put a stranger's posts behind
 * links its first owner shared. Two tables hold handles, so no one index can keep them apart; every write that
 * takes or gives up a handle holds a transaction lock on it first (sorted, so two writers never wait on each other
 * in a circle), and the check below then sees the other writer's committed answer (each statement of a READ
 * COMMITTED transaction, PostgreSQL's default and the app's, reads what was committed before it began).
 */
export async function lockHandles(tx: Tx, ...handles: string[]): Promise<void> {
  for (const handle of [...new Set(handles.map((h) => h.toLowerCase()))].sort()) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`handle:${handle}`}, 0))`);
  }
}

/** Whether an account other than `userId` gave this handle up (its links forward there, so it is not free). */
export async function isFormerHandleOfAnother(tx: Tx, handle: string, userId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ one: sql`1` })
    .from(formerHandles)
    .where(and(sql`lower(${formerHandles.handle}) = lower(${handle})`, userId ? ne(formerHandles.userId, userId) : undefined))
    .limit(1);
  return row !== undefined;
}

/** How many handles given up an account keeps forwarding; past them the oldest is free for anyone again. */
export const FORMER_HANDLES_KEPT = 5;

/**
 * Records that the user moved from `from` to `to`, and answers whether `from` now forwards to them. Only a handle
 * something was ever published under does: links to it may be out there. One never public (the handle sign-up made
 * from the user's real name, changed before the first post) is simply let go, so it never leads to the new one.
 * `to`, if it was one of theirs before, is current again rather than former. Call inside the transaction that changes
 * users.handle, after lockHandles(from, to).
 */
export async function recordHandleMove(tx: Tx, userId: string, from: string, to: string): Promise<boolean> {
  await tx.delete(formerHandles).where(and(eq(formerHandles.userId, userId), sql`lower(${formerHandles.handle}) = lower(${to})`));
  if (from.toLowerCase() === to.toLowerCase()) return false;
  const [published] = await tx
    .select({ one: sql`1` })
    .from(posts)
    .where(and(eq(posts.userId, userId), sql`${posts.publishedAt} is not null`))
    .limit(1);
  if (!published) return false;
  await tx
    .insert(formerHandles)
    .values({ userId, handle: from.toLowerCase() })
    .onConflictDoUpdate({ target: [formerHandles.userId, formerHandles.handle], set: { releasedAt: sql`now()` } });
  await keepLatest(tx, userId);
  return true;
}

/** Past the latest FORMER_HANDLES_KEPT, a handle given up stops forwarding and is free for anyone. */
async function keepLatest(tx: Tx, userId: string): Promise<void> {
  await tx.execute(sql`
    delete from ${formerHandles} where ${formerHandles.userId} = ${userId} and ${formerHandles.handle} not in (
      select f.handle from ${formerHandles} f where f.user_id = ${userId} order by f.released_at desc, f.handle limit ${FORMER_HANDLES_KEPT})`);
}

/** A public handle: up to 40 lower-case letters, digits and dashes, starting and ending with a letter or digit. */
export const HANDLE = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/**
 * On restoring a backup that published something: the handles its posts were public under (the account's handle
 * then, and those it had given up, latest first) forward to this account, as if it had given them up, so links shared
 * before lead to the restored posts. A handle another account has, now or as one it gave up, stays theirs, and so do
 * the account's own: only the places left of its FORMER_HANDLES_KEPT are taken, never one of its own handles evicted.
 * Answers those that forward here now and did not before. Call inside the restore's transaction.
 */
export async function adoptHandles(tx: Tx, userId: string, handles: string[]): Promise<string[]> {
  const current = (await currentHandleForUpdate(tx, userId))?.toLowerCase();
  const own = new Set((await tx.select({ handle: formerHandles.handle }).from(formerHandles).where(eq(formerHandles.userId, userId))).map((r) => r.handle));
  const places = FORMER_HANDLES_KEPT - own.size;
  const wanted = [...new Set(handles.map((h) => h.trim().toLowerCase()))]
    .filter((h) => HANDLE.test(h) && h !== current && !own.has(h))
    .slice(0, Math.max(places, 0));
  await lockHandles(tx, ...wanted);
  const adopted: string[] = [];
  // Oldest first, each a moment later, so the latest given up is the latest here too.
  for (const handle of [...wanted].reverse()) {
    const [held] = await tx
      .select({ one: sql`1` })
      .from(users)
      .where(sql`lower(${users.handle}) = ${handle}`)
      .limit(1);
    if (held || (await isFormerHandleOfAnother(tx, handle, userId))) continue;
    const [added] = await tx
      .insert(formerHandles)
      .values({ userId, handle, releasedAt: sql`clock_timestamp()` })
      .onConflictDoNothing()
      .returning({ handle: formerHandles.handle });
    if (added) adopted.unshift(handle);
  }
  return adopted;
}

/** The handles the user gave up that still lead to them, the latest first. */
export async function listFormerHandles(userId: string): Promise<string[]> {
  const found = await db
    .select({ handle: formerHandles.handle })
    .from(formerHandles)
    .where(eq(formerHandles.userId, userId))
    .orderBy(desc(formerHandles.releasedAt), formerHandles.handle);
  return found.map((r) => r.handle);
}

/**
 * Stops a handle the user gave up from leading to them: its links answer 404 and anyone may take it. False when it
 * is not one of theirs (another user's former handle is untouched).
 */
export async function releaseFormerHandle(userId: string, handle: string): Promise<boolean> {
  const gone = await db
    .delete(formerHandles)
    .where(and(eq(formerHandles.userId, userId), sql`lower(${formerHandles.handle}) = lower(${handle})`))
    .returning({ handle: formerHandles.handle });
  return gone.length > 0;
}

/** The user's current handle, read under a row lock so two saves of the profile take turns. */
export async function currentHandleForUpdate(tx: Tx, userId: string): Promise<string | undefined> {
  const [row] = await tx.select({ handle: users.handle }).from(users).where(eq(users.id, userId)).for('update');
  return row?.handle;
}
