import { and, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { formerHandles, users } from '@/db/schema';

/**
 * A public handle is held by one account at a time, as its current handle or as one it gave up: links to a handle
 * given up forward to the account's new one, so another account taking it would put a stranger's posts behind
 * links its first owner shared. Two tables hold handles, so no one index can keep them apart; every write that
 * takes or gives up a handle holds a transaction lock on it first (sorted, so two writers never wait on each other
 * in a circle), and the check below then sees the other writer's committed answer.
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

/**
 * Records that the user moved from `from` to `to`: `from` now forwards to them, and `to`, if it was one of theirs
 * before, is current again rather than former. Call inside the transaction that changes users.handle, after
 * lockHandles(from, to).
 */
export async function recordHandleMove(tx: Tx, userId: string, from: string, to: string): Promise<void> {
  await tx.delete(formerHandles).where(and(eq(formerHandles.userId, userId), sql`lower(${formerHandles.handle}) = lower(${to})`));
  if (from.toLowerCase() === to.toLowerCase()) return;
  await tx.insert(formerHandles).values({ userId, handle: from.toLowerCase() }).onConflictDoNothing();
}

/** The user's current handle, read under a row lock so two saves of the profile take turns. */
export async function currentHandleForUpdate(tx: Tx, userId: string): Promise<string | undefined> {
  const [row] = await tx.select({ handle: users.handle }).from(users).where(eq(users.id, userId)).for('update');
  return row?.handle;
}
