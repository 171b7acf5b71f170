import { and, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { topics } from '@/db/schema';
import { normaliseTopic, uniqueTopics } from './normalise';

/**
 * Finds or creates the user's topics by normalised name, in the caller's transaction; returns normalised
 * name → topic id. Existing topics keep the spelling they were first written with.
 */
export async function upsertTopics(tx: DbOrTx, userId: string, names: readonly string[]): Promise<Map<string, string>> {
  const wanted = uniqueTopics(names);
  const ids = new Map<string, string>();
  if (wanted.length === 0) return ids;
  await tx
    .insert(topics)
    .values(wanted.map((name) => ({ userId, name, normalisedName: normaliseTopic(name) })))
    .onConflictDoNothing({ target: [topics.userId, topics.normalisedName] });
  const found = await tx
    .select({ id: topics.id, normalisedName: topics.normalisedName })
    .from(topics)
    .where(and(eq(topics.userId, userId), inArray(topics.normalisedName, wanted.map(normaliseTopic))));
  for (const row of found) ids.set(row.normalisedName, row.id);
  return ids;
}

/** The user's topics whose name contains `q`, most used first, for autocomplete. */
export async function suggestTopics(conn: DbOrTx, userId: string, q: string, limit = 8): Promise<string[]> {
  const rows = await conn
    .select({ name: topics.name })
    .from(topics)
    .where(and(eq(topics.userId, userId), q ? ilike(topics.name, `%${escapeLike(q)}%`) : undefined))
    .orderBy(
      sql`(select count(*) from event_topics et where et.user_id = ${userId} and et.topic_id = ${topics.id}) +
          (select count(*) from encounter_topics ct where ct.user_id = ${userId} and ct.topic_id = ${topics.id}) desc`,
      topics.name,
    )
    .limit(limit);
  return rows.map((r) => r.name);
}

/** Escapes LIKE wildcards so user text matches literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
