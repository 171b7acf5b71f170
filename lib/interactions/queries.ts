import { and, desc, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { interactions, people, users } from '@/db/schema';
import { deletedWithinWindow } from '@/lib/restore-window';
import { NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { todayIn } from '@/lib/dates';
import { interactionCursor, type CreateInteractionInput, type PatchInteractionInput } from './validation';
import type { InteractionKind } from './kinds';

/** One logged contact, as the person page and the API show it. */
export interface InteractionItem {
  id: string;
  personId: string;
  kind: InteractionKind;
  /** YYYY-MM-DD, a day in the user's time zone. */
  occurredOn: string;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const columns = {
  id: interactions.id,
  personId: interactions.personId,
  kind: interactions.kind,
  occurredOn: interactions.occurredOn,
  note: interactions.note,
  version: interactions.version,
  createdAt: interactions.createdAt,
  updatedAt: interactions.updatedAt,
};

type Row = Omit<InteractionItem, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };

const toItem = (r: Row): InteractionItem => ({
  ...r,
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

/** Only interactions of the user's live people are seen: a deleted person's come back with them. */
const livePerson = (userId: string) =>
  sql`exists (select 1 from ${people} p where p.id = ${interactions.personId} and p.user_id = ${userId} and p.deleted_at is null)`;

/** One interaction of the user's, or NotFoundError. */
export async function getInteraction(userId: string, id: string, conn: DbOrTx = db): Promise<InteractionItem> {
  const [row] = await conn
    .select(columns)
    .from(interactions)
    .where(and(eq(interactions.userId, userId), eq(interactions.id, id), isNull(interactions.deletedAt), livePerson(userId)));
  if (!row) throw new NotFoundError('That contact was not found.');
  return toItem(row);
}

/** A page of interactions, newest first (by day, then id), optionally of one person; `cursor` from the last page. */
export async function listInteractions(
  userId: string,
  opts: { personId?: string; limit?: number; cursor?: string } = {},
): Promise<{ items: InteractionItem[]; nextCursor: string | null }> {
  const limit = opts.limit ?? 50;
  const after = opts.cursor ? interactionCursor.decode(opts.cursor) : null;
  const found = await db
    .select(columns)
    .from(interactions)
    .where(
      and(
        eq(interactions.userId, userId),
        isNull(interactions.deletedAt),
        opts.personId ? eq(interactions.personId, opts.personId) : undefined,
        livePerson(userId),
        after ? or(lt(interactions.occurredOn, after[0]), and(eq(interactions.occurredOn, after[0]), lt(interactions.id, after[1]))) : undefined,
      ),
    )
    .orderBy(desc(interactions.occurredOn), desc(interactions.id))
    .limit(limit + 1);
  const items = found.slice(0, limit).map(toItem);
  const last = items.at(-1);
  return { items, nextCursor: found.length > limit && last ? interactionCursor.encode([last.occurredOn, last.id]) : null };
}

async function userToday(conn: DbOrTx, userId: string, now = new Date()): Promise<string> {
  const [u] = await conn.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, userId));
  return todayIn(u?.timeZone ?? 'UTC', now);
}

function notInFuture(day: string, today: string) {
  if (day > today) throw new UserFacingError('A contact cannot be logged ahead of time.', 400, { occurredOn: ['Choose today or a day before'] });
}

/** Logs a contact with one of the user's people (the day defaults to today in the user's time zone). */
export async function createInteraction(userId: string, input: CreateInteractionInput, conn: DbOrTx = db, now = new Date()): Promise<InteractionItem> {
  const [p] = await conn
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, input.personId), eq(people.userId, userId), isNull(people.deletedAt)));
  if (!p) throw new UserFacingError('That person was not found.', 404, { personId: ['That person was not found'] });
  const today = await userToday(conn, userId, now);
  const day = input.occurredOn ?? today;
  notInFuture(day, today);
  const [row] = await conn
    .insert(interactions)
    .values({ userId, personId: input.personId, kind: input.kind, occurredOn: day, note: input.note ?? null })
    .returning({ id: interactions.id });
  return getInteraction(userId, row!.id, conn);
}

/** Changes the kind, day or note from the `version` read; a stale copy is a VersionConflictError with the saved one. */
export async function updateInteraction(userId: string, id: string, patch: PatchInteractionInput): Promise<InteractionItem> {
  return db.transaction(async (tx) => {
    const current = await getInteraction(userId, id, tx);
    if (patch.occurredOn !== undefined) notInFuture(patch.occurredOn, await userToday(tx, userId));
    const [row] = await tx
      .update(interactions)
      .set({
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.occurredOn !== undefined ? { occurredOn: patch.occurredOn } : {}),
        ...(patch.note !== undefined ? { note: patch.note } : {}),
        version: sql`${interactions.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(interactions.userId, userId), eq(interactions.id, id), eq(interactions.version, patch.version), isNull(interactions.deletedAt)))
      .returning({ id: interactions.id });
    if (!row) throw new VersionConflictError(current.version === patch.version ? await getInteraction(userId, id, tx) : current);
    return getInteraction(userId, id, tx);
  });
}

/** Soft-deletes an interaction (restoreInteraction undoes it within the restore window). */
export async function deleteInteraction(userId: string, id: string): Promise<void> {
  const done = await db
    .update(interactions)
    .set({ deletedAt: new Date(), updatedAt: new Date(), version: sql`${interactions.version} + 1` })
    .where(and(eq(interactions.userId, userId), eq(interactions.id, id), isNull(interactions.deletedAt), livePerson(userId)))
    .returning({ id: interactions.id });
  if (done.length === 0) throw new NotFoundError('That contact was not found.');
}

/** Brings back an interaction deleted within the restore window. */
export async function restoreInteraction(userId: string, id: string): Promise<InteractionItem> {
  const done = await db
    .update(interactions)
    .set({ deletedAt: null, updatedAt: new Date(), version: sql`${interactions.version} + 1` })
    .where(
      and(
        eq(interactions.userId, userId),
        eq(interactions.id, id),
        isNotNull(interactions.deletedAt),
        deletedWithinWindow(interactions.deletedAt),
        livePerson(userId),
      ),
    )
    .returning({ id: interactions.id });
  if (done.length === 0) throw new NotFoundError('That contact was not found.');
  return getInteraction(userId, id);
}
