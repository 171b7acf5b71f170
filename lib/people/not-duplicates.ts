import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { notDuplicates, people } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';

/** The pair in the order the table keeps it (the smaller id first), so one pair is one row whichever way it was said. */
function ordered(x: string, y: string): { personId: string; otherId: string } {
  // Postgres orders uuids by their bytes: as their lower-case text.
  const [a, b] = [x.toLowerCase(), y.toLowerCase()];
  return a < b ? { personId: a, otherId: b } : { personId: b, otherId: a };
}

/**
 * "Not the same person": the two are no longer offered as a possible duplicate anywhere. Both must be the user's and
 * in their address book; saying it twice is saying it once.
 */
export async function markNotDuplicate(userId: string, a: string, b: string): Promise<void> {
  if (a.toLowerCase() === b.toLowerCase()) throw new NotFoundError();
  await db.transaction(async (tx) => {
    const found = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.userId, userId), inArray(people.id, [a, b]), isNull(people.deletedAt)))
      .for('share');
    if (found.length !== 2) throw new NotFoundError();
    await tx
      .insert(notDuplicates)
      .values({ userId, ...ordered(a, b) })
      .onConflictDoNothing();
  });
}

/** The undo of markNotDuplicate: the pair may be offered again. Another user's pair, or one never marked, is not found. */
export async function unmarkNotDuplicate(userId: string, a: string, b: string): Promise<void> {
  const { personId, otherId } = ordered(a, b);
  const gone = await db
    .delete(notDuplicates)
    .where(and(eq(notDuplicates.userId, userId), eq(notDuplicates.personId, personId), eq(notDuplicates.otherId, otherId)))
    .returning({ one: sql<number>`1` });
  if (gone.length === 0) throw new NotFoundError();
}
