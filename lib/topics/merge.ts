import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Tx } from '@/db/client';
import { jsonValue, rows } from '@/db/rows';
import { isUniqueViolation, NotFoundError, UserFacingError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { recordMerge, reinsertRow, type RowJson } from '@/lib/merge-record';
import { outdateForms } from '@/lib/stale-forms';
import { requiredText } from '@/lib/validation/text';
import { normaliseTopic } from './normalise';

export const renameTopicSchema = z.object({ name: requiredText(60, 'Enter the topic’s new name', { oneLine: true }) });
export const mergeTopicSchema = z.object({ into: z.uuid({ error: 'Choose the topic to merge into' }) });

/** A rename whose name another topic already has (normalised): merge into that one instead. */
export class TopicNameTakenError extends UserFacingError {
  constructor(readonly existing: { id: string; name: string }) {
    super(`You already have the topic “${existing.name}”. Merge into it instead?`, 409, { name: [`“${existing.name}” already exists: merge into it instead`] });
    this.name = 'TopicNameTakenError';
  }
}

/** The three link tables a topic has, by their other column; names from here only, never from input. */
const LINKS = [
  { table: 'event_topics', column: 'event_id' },
  { table: 'encounter_topics', column: 'encounter_id' },
  { table: 'person_topics', column: 'person_id' },
] as const;

/** The people and evenings whose forms show topic `topicId` by its name (see outdateForms). */
function showingTopic(userId: string, topicId: string) {
  const u = sql`${userId}::uuid`;
  const t = sql`${topicId}::uuid`;
  return {
    people: sql`select person_id from person_topics where user_id = ${u} and topic_id = ${t}`,
    events: sql`select event_id from event_topics where user_id = ${u} and topic_id = ${t}
                union
                select x.event_id from encounter_topics xt join encounters x on x.id = xt.encounter_id and x.user_id = ${u}
                 where xt.user_id = ${u} and xt.topic_id = ${t}`,
  };
}

interface TopicMergeSnapshot {
  label: string;
  merged: RowJson;
  /** The names the kept topic took on as aliases (the merged one's, and its own aliases); absent in older merges. */
  addedAliases?: string[];
  /** Per link table: the rows of the merged topic, and whether the kept topic had that row already. */
  links: Record<string, { id: string; had: boolean }[]>;
}

/** Renames one of the user's topics; a name another topic has (normalised) is a TopicNameTakenError. */
export async function renameTopic(userId: string, id: string, name: string): Promise<{ id: string; name: string }> {
  if (!isUuid(id)) throw new NotFoundError('topic');
  const clean = name.normalize('NFC').trim().replace(/\s+/g, ' ');
  const normalised = normaliseTopic(clean);
  return db.transaction(async (tx) => {
    const [clash] = await rows<{ id: string; name: string }>(
      tx,
      sql`select id, name from topics where user_id = ${userId}::uuid and normalised_name = ${normalised} and id <> ${id}::uuid`,
    );
    if (clash) throw new TopicNameTakenError(clash);
    try {
      const [row] = await tx.transaction((sp) =>
        rows<{ id: string; name: string; before: string }>(
          sp,
          sql`update topics t set name = ${clean}, normalised_name = ${normalised}
                from topics o where o.id = t.id
                 and t.user_id = ${userId}::uuid and t.id = ${id}::uuid returning t.id, t.name, o.normalised_name as before`,
        ),
      );
      if (!row) throw new NotFoundError('topic');
      // Forms find topics by their normalised name: a change of case or spacing alone outdates none of them.
      if (row.before !== normalised) await outdateForms(tx, userId, showingTopic(userId, id));
      return { id: row.id, name: row.name };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const [now] = await rows<{ id: string; name: string }>(
        tx,
        sql`select id, name from topics where user_id = ${userId}::uuid and normalised_name = ${normalised}`,
      );
      throw new TopicNameTakenError(now ?? { id, name: clean });
    }
  });
}

/**
 * Merges topic `fromId` into `intoId`: every event, encounter and person link moves to `intoId` (one link where
 * both had it), and `fromId` is removed; its row and every link are recorded so undoMerge puts them back.
 * The people_search triggers (migration 0014) re-index the people whose links changed.
 */
export async function mergeTopics(userId: string, fromId: string, intoId: string): Promise<{ id: string; name: string; mergeId: string }> {
  if (!isUuid(fromId) || !isUuid(intoId)) throw new NotFoundError('topic');
  return db.transaction(async (tx) => {
    const locked = await rows<{ id: string; name: string; normalised_name: string; aliases: string[] | string; j: RowJson | string }>(
      tx,
      sql`select id, name, normalised_name, aliases, to_jsonb(t) as j from topics t
           where user_id = ${userId}::uuid and id in (${fromId}::uuid, ${intoId}::uuid)
           order by id for update`,
    );
    const from = locked.find((t) => t.id === fromId);
    const into = locked.find((t) => t.id === intoId);
    if (!from || !into) throw new NotFoundError('That topic was not found.');
    // After the lookup, so another user's id is a 404 whatever the other id is.
    if (fromId === intoId) throw new UserFacingError('Choose a different topic to merge into.', 400, { into: ['Choose a different topic'] });
    await outdateForms(tx, userId, showingTopic(userId, fromId));
    const links: TopicMergeSnapshot['links'] = {};
    for (const { table, column } of LINKS) {
      const t = sql.raw(table);
      const c = sql.raw(column);
      const found = await rows<{ id: string; had: boolean }>(
        tx,
        sql`select l.${c} as id, exists (select 1 from ${t} k where k.${c} = l.${c} and k.topic_id = ${intoId}::uuid) as had
              from ${t} l where l.user_id = ${userId}::uuid and l.topic_id = ${fromId}::uuid order by l.${c}`,
      );
      links[table] = found.map((r) => ({ id: r.id, had: r.had }));
      await tx.execute(
        sql`insert into ${t} (user_id, ${c}, topic_id)
              select user_id, ${c}, ${intoId}::uuid from ${t} where user_id = ${userId}::uuid and topic_id = ${fromId}::uuid
            on conflict do nothing`,
      );
    }
    await tx.execute(sql`delete from topics where user_id = ${userId}::uuid and id = ${fromId}::uuid`);
    // The merged name, typed again later, means the kept topic (upsertTopics).
    const had = jsonValue(into.aliases);
    const addedAliases = [...new Set([from.normalised_name, ...jsonValue(from.aliases)])].filter((a) => a !== into.normalised_name && !had.includes(a));
    await tx.execute(
      sql`update topics set aliases = ${JSON.stringify([...had, ...addedAliases])}::jsonb where user_id = ${userId}::uuid and id = ${intoId}::uuid`,
    );
    const merged = jsonValue(from.j);
    const snapshot: TopicMergeSnapshot = { label: `${from.name} into ${into.name}`, merged, links, addedAliases };
    const mergeId = await recordMerge(tx, userId, 'topic', intoId, fromId, snapshot as unknown as Record<string, unknown>);
    return { id: into.id, name: into.name, mergeId };
  });
}

/** Puts a merged topic back with every link it had; links it brought to the kept topic leave it again. */
export async function undoTopicMerge(tx: Tx, userId: string, keptId: string, mergedId: string, raw: Record<string, unknown>): Promise<void> {
  const snapshot = raw as unknown as TopicMergeSnapshot;
  await reinsertRow(tx, 'topics', { ...snapshot.merged, user_id: userId }, 'topic');
  for (const { table, column } of LINKS) {
    const items = snapshot.links[table] ?? [];
    if (items.length === 0) continue;
    const t = sql.raw(table);
    const c = sql.raw(column);
    const ids = sql.join(
      items.map((i) => sql`${i.id}::uuid`),
      sql`, `,
    );
    // Only links that still have their event, encounter or person come back (a deleted one cascaded away).
    await tx.execute(
      sql`insert into ${t} (user_id, ${c}, topic_id)
            select ${userId}::uuid, k.${c}, ${mergedId}::uuid from ${t} k
             where k.user_id = ${userId}::uuid and k.topic_id = ${keptId}::uuid and k.${c} in (${ids})
          on conflict do nothing`,
    );
    const moved = items.filter((i) => !i.had);
    if (moved.length) {
      await tx.execute(
        sql`delete from ${t} where user_id = ${userId}::uuid and topic_id = ${keptId}::uuid and ${c} in (${sql.join(
          moved.map((i) => sql`${i.id}::uuid`),
          sql`, `,
        )})`,
      );
    }
  }
  if (snapshot.addedAliases?.length) {
    // The merged topic's names are its own again.
    await tx.execute(sql`
      update topics set aliases = coalesce((select jsonb_agg(a) from jsonb_array_elements_text(aliases) a
                                             where a <> all(array(select jsonb_array_elements_text(${JSON.stringify(snapshot.addedAliases)}::jsonb)))), '[]')
       where user_id = ${userId}::uuid and id = ${keptId}::uuid`);
  }
  // The people and evenings it links again show its name once more: a copy opened meanwhile shows the kept one.
  await outdateForms(tx, userId, showingTopic(userId, mergedId));
}
