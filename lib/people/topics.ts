import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { personTopics, topics } from '@/db/schema';
import { normaliseTopic } from '@/lib/topics/normalise';
import { upsertTopics } from '@/lib/topics/queries';

/** A person's own topics (not those of their encounters), A to Z. */
export async function listPersonTopics(conn: DbOrTx, userId: string, personId: string): Promise<string[]> {
  const found = await conn
    .select({ name: topics.name })
    .from(personTopics)
    .innerJoin(topics, and(eq(topics.id, personTopics.topicId), eq(topics.userId, userId)))
    .where(and(eq(personTopics.userId, userId), eq(personTopics.personId, personId)))
    .orderBy(sql`lower(${topics.name})`);
  return found.map((t) => t.name);
}

/** Makes the person's topics exactly `names` (found or created by normalised name), in the caller's transaction. */
export async function setPersonTopics(tx: DbOrTx, userId: string, personId: string, names: readonly string[]): Promise<void> {
  const ids = [...(await upsertTopics(tx, userId, names)).values()];
  await tx
    .delete(personTopics)
    .where(and(eq(personTopics.userId, userId), eq(personTopics.personId, personId), ids.length ? notInArray(personTopics.topicId, ids) : undefined));
  if (ids.length) {
    await tx
      .insert(personTopics)
      .values(ids.map((topicId) => ({ userId, personId, topicId })))
      .onConflictDoNothing();
  }
}

/**
 * Adds topics to many people at once (an import): one topic upsert and one insert for the whole batch, so the
 * search triggers run once per batch. Topics a person already has are left as they are.
 */
export async function addPersonTopics(tx: DbOrTx, userId: string, wanted: { personId: string; topics: readonly string[] }[]): Promise<void> {
  const withTopics = wanted.filter((w) => w.topics.length);
  if (!withTopics.length) return;
  const ids = await upsertTopics(
    tx,
    userId,
    withTopics.flatMap((w) => w.topics),
  );
  const values = withTopics.flatMap((w) =>
    [...new Set(w.topics.map((t) => ids.get(normaliseTopic(t))).filter((id): id is string => !!id))].map((topicId) => ({
      userId,
      personId: w.personId,
      topicId,
    })),
  );
  if (values.length) await tx.insert(personTopics).values(values).onConflictDoNothing();
}
