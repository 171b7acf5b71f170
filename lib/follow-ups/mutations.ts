import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { followUps, networkingEvents, people } from '@/db/schema';
import { deletedWithinWindow } from '@/lib/restore-window';
import { NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { getFollowUp, type FollowUpItem } from './queries';
import type { CreateFollowUpInput, SnoozeTarget, UpdateFollowUpInput } from './validation';
import { snoozeDay } from './due';

/**
 * Refuses a person or event that is missing, deleted or someone else's, naming the field. Both rows stay locked
 * until the caller's transaction ends: a merge or delete of either waits for the follow-up, which it then moves or
 * removes with the rest, rather than leaving it on someone merged away or an evening deleted meanwhile.
 */
async function assertLinksOwned(conn: DbOrTx, userId: string, personId?: string, eventId?: string) {
  if (personId) {
    const [p] = await conn
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.id, personId), eq(people.userId, userId), isNull(people.deletedAt)))
      .for('share');
    if (!p) throw new UserFacingError('That person was not found.', 404, { personId: ['That person was not found'] });
  }
  if (eventId) {
    const [e] = await conn
      .select({ id: networkingEvents.id })
      .from(networkingEvents)
      .where(and(eq(networkingEvents.id, eventId), eq(networkingEvents.userId, userId), isNull(networkingEvents.deletedAt)))
      .for('share');
    if (!e) throw new UserFacingError('That event was not found.', 404, { eventId: ['That event was not found'] });
  }
}

/** Creates a follow-up for the user; pass a transaction to make it part of a bigger write. */
export async function createFollowUp(userId: string, input: CreateFollowUpInput, conn: DbOrTx = db): Promise<FollowUpItem> {
  return conn.transaction(async (tx) => {
    await assertLinksOwned(tx, userId, input.personId, input.eventId);
    const [row] = await tx
      .insert(followUps)
      .values({
        userId,
        action: input.action,
        dueOn: input.due ?? null,
        personId: input.personId ?? null,
        eventId: input.eventId ?? null,
      })
      .returning({ id: followUps.id });
    return getFollowUp(userId, row!.id, tx);
  });
}

/** What an update does to the snooze count: `'count'` one more snooze; a value, put back as it was (undo). */
/**
 * 'count': a snooze, counted when it puts the follow-up off; 'later': a snooze to a set day ("tomorrow", "a week"),
 * which never brings a later due day forward; or the count and first day to put back (the undo).
 */
type Snooze = 'count' | 'later' | { snoozes: number; firstDue: string | null };

/** Whether moving the follow-up to `due` puts it off: later than it was due, or a day for one that had none. */
const putOff = (due: string | null | undefined) => sql`(${followUps.dueOn} is null or ${followUps.dueOn} < ${due ?? null}::date)`;

/**
 * Applies a partial edit inside one transaction, with the row locked, and returns the copy before and after.
 * With `version`, a copy saved by someone else since is a VersionConflictError carrying the current copy.
 * Marking done stamps doneAt; reopening clears it.
 */
async function applyUpdate(userId: string, id: string, patch: UpdateFollowUpInput, snooze?: Snooze) {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ version: followUps.version, status: followUps.status })
      .from(followUps)
      .where(and(eq(followUps.id, id), eq(followUps.userId, userId), isNull(followUps.deletedAt)))
      .for('update');
    if (!current) throw new NotFoundError('Follow-up not found');
    const before = await getFollowUp(userId, id, tx);
    if (patch.version !== undefined && patch.version !== current.version) throw new VersionConflictError(before);
    if (patch.personId) await assertLinksOwned(tx, userId, patch.personId);
    const statusChanges = patch.status !== undefined && patch.status !== current.status;
    await tx
      .update(followUps)
      .set({
        ...(patch.action !== undefined ? { action: patch.action } : {}),
        ...(patch.due !== undefined ? { dueOn: snooze === 'later' && patch.due ? sql`greatest(${followUps.dueOn}, ${patch.due}::date)` : patch.due } : {}),
        ...(patch.personId !== undefined ? { personId: patch.personId } : {}),
        ...(statusChanges ? { status: patch.status, doneAt: patch.status === 'done' ? new Date() : null } : {}),
        // A snooze that puts it off counts, and the first one remembers the day it was due (none, for one with no day);
        // one that moves nothing on (a retried request, a second tab) does not. Its undo puts both back as they were.
        ...(snooze === 'count' || snooze === 'later'
          ? {
              snoozes: sql`case when ${putOff(patch.due)} then ${followUps.snoozes} + 1 else ${followUps.snoozes} end`,
              firstDueOn: sql`case when ${putOff(patch.due)} and ${followUps.snoozes} = 0 then ${followUps.dueOn} else ${followUps.firstDueOn} end`,
            }
          : snooze
            ? { snoozes: snooze.snoozes, firstDueOn: snooze.firstDue }
            : {}),
        version: sql`${followUps.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(followUps.id, id), eq(followUps.userId, userId)));
    return { before, after: await getFollowUp(userId, id, tx) };
  });
}

/** Applies a partial edit (see applyUpdate) and returns the saved copy. */
export async function updateFollowUp(userId: string, id: string, patch: UpdateFollowUpInput): Promise<FollowUpItem> {
  return (await applyUpdate(userId, id, patch)).after;
}

/** Marks a follow-up done (one tap); undo is reopenFollowUp. */
export function completeFollowUp(userId: string, id: string) {
  return updateFollowUp(userId, id, { status: 'done' });
}

/** Marks a follow-up open again. */
export function reopenFollowUp(userId: string, id: string) {
  return updateFollowUp(userId, id, { status: 'open' });
}

/** Moves a follow-up's due date (and reopens it if it was done), counting the snooze. Returns the copy before, for undo. */
export function snoozeFollowUp(userId: string, id: string, target: SnoozeTarget, today: string) {
  // The undo copy is read in the same locked transaction as the write, so a concurrent snooze cannot slip between.
  // "Tomorrow" and "a week" put it off to that day at the latest: one due later already keeps its day (a menu opened
  // before a change elsewhere, a retried request). A day chosen on the calendar is the user's.
  const preset = target === 'tomorrow' || target === 'next-week';
  return applyUpdate(userId, id, { due: snoozeDay(target, today), status: 'open' }, preset ? 'later' : 'count');
}

/**
 * The undo of a snooze: the due day, and the count and first day, as they were before it. With `version` (the snooze's
 * own), a change made since, on another device or in the edit form, is a VersionConflictError, not undone unseen.
 */
export async function unsnoozeFollowUp(userId: string, id: string, before: { due: string | null; snoozes: number; firstDue: string | null }, version?: number) {
  return (await applyUpdate(userId, id, { due: before.due, version }, { snoozes: before.snoozes, firstDue: before.firstDue })).after;
}

/** Soft-deletes a follow-up; restoreFollowUp undoes it. */
export async function deleteFollowUp(userId: string, id: string): Promise<void> {
  const done = await db
    .update(followUps)
    .set({ deletedAt: new Date(), updatedAt: new Date(), version: sql`${followUps.version} + 1` })
    .where(and(eq(followUps.id, id), eq(followUps.userId, userId), isNull(followUps.deletedAt)))
    .returning({ id: followUps.id });
  if (done.length === 0) throw new NotFoundError('Follow-up not found');
}

/** Brings back a follow-up deleted within the restore window. */
export async function restoreFollowUp(userId: string, id: string): Promise<FollowUpItem> {
  const done = await db
    .update(followUps)
    .set({ deletedAt: null, updatedAt: new Date(), version: sql`${followUps.version} + 1` })
    .where(and(eq(followUps.id, id), eq(followUps.userId, userId), isNotNull(followUps.deletedAt), deletedWithinWindow(followUps.deletedAt)))
    .returning({ id: followUps.id });
  if (done.length === 0) throw new NotFoundError('Follow-up not found');
  return getFollowUp(userId, id);
}
