import { and, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import { topics } from '@/db/schema';
import { normaliseTopic, uniqueTopics } from './normalise';

/**
 * Finds or creates the user's topics by normalised name, in the caller's transaction; returns normalised
 * name → topic id. Existing topics keep the spelling they were first written with. A name merged into another
 * topic (one of its `aliases`) means that topic, unless a topic of that very name exists again: a merged name typed
 * later, or sent from a phone's outbox, does not make the merged topic anew.
 */
export async function upsertTopics(tx: DbOrTx, userId: string, names: readonly string[]): Promise<Map<string, string>> {
  const wanted = uniqueTopics(names);
  const ids = new Map<string, string>();
  if (wanted.length === 0) return ids;
  const look = async (keys: string[]) => {
    const keyList = sql`array(select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`;
    const known = await rows<{ id: string; key: string; by_name: boolean }>(
      tx,
      sql`select t.id, t.normalised_name as key, true as by_name from topics t
           where t.user_id = ${userId}::uuid and t.normalised_name = any(${keyList})
          union all
          select t.id, a.alias as key, false as by_name from topics t cross join jsonb_array_elements_text(t.aliases) a(alias)
           where t.user_id = ${userId}::uuid and t.aliases ?| ${keyList} and a.alias = any(${keyList})`,
    );
    const found = new Map<string, string>();
    for (const row of known.filter((r) => r.by_name)) found.set(row.key, row.id);
    for (const row of known.filter((r) => !r.by_name)) if (!found.has(row.key)) found.set(row.key, row.id);
    // Held until the transaction ends: a merge of one waits for this save, then moves its links too. One merged away
    // while this waited is gone when the lock is taken (the merge deletes it) and is looked up again below.
    const held = found.size
      ? await rows<{ id: string }>(
          tx,
          sql`select id::text from topics where user_id = ${userId}::uuid
               and id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify([...new Set(found.values())])}::jsonb) x)
               order by id for key share`,
        )
      : [];
    const live = new Set(held.map((r) => r.id));
    const lost = [...found].filter(([, id]) => !live.has(id)).map(([key]) => key);
    for (const key of lost) found.delete(key);
    return { found, lost };
  };
  const first = await look(wanted.map(normaliseTopic));
  for (const [key, id] of first.found) ids.set(key, id);
  // A second look, in a snapshot taken after the merge this waited for: the merged name now means the kept topic.
  if (first.lost.length) for (const [key, id] of (await look(first.lost)).found) ids.set(key, id);
  const missing = wanted.filter((name) => !ids.has(normaliseTopic(name)));
  if (missing.length === 0) return ids;
  await tx
    .insert(topics)
    .values(missing.map((name) => ({ userId, name, normalisedName: normaliseTopic(name) })))
    .onConflictDoNothing({ target: [topics.userId, topics.normalisedName] });
  const found = await tx
    .select({ id: topics.id, normalisedName: topics.normalisedName })
    .from(topics)
    .where(and(eq(topics.userId, userId), inArray(topics.normalisedName, missing.map(normaliseTopic))));
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
