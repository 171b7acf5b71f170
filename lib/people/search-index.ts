import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';

export type RefreshScope =
  | { personIds: string[] }
  | { organisationId: string }
  | { sectorId: string }
  | { eventId: string }
  | { all: true };

function scopeFilter(userId: string, scope: RefreshScope): SQL | null {
  if ('personIds' in scope) {
    if (scope.personIds.length === 0) return null;
    return sql`p.id in (${sql.join(
      scope.personIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`;
  }
  if ('organisationId' in scope) return sql`p.organisation_id = ${scope.organisationId}::uuid`;
  if ('sectorId' in scope) {
    return sql`(p.sector_id = ${scope.sectorId}::uuid or p.organisation_id in
      (select o.id from organisations o where o.user_id = ${userId}::uuid and o.sector_id = ${scope.sectorId}::uuid))`;
  }
  if ('eventId' in scope) {
    return sql`p.id in (select e.person_id from encounters e where e.user_id = ${userId}::uuid and e.event_id = ${scope.eventId}::uuid)`;
  }
  return sql`true`;
}

/**
 * Recomputes the denormalised search and title texts, effective sector (own, else the organisation's) and
 * last-met date of some of a user's people from their own fields, organisation, sector, encounter topics and
 * events, and keeps the user's search vocabulary in step (their new words added, words no one has any more removed). Call it in the same transaction as any write that changes one of those (saving an event, renaming or
 * re-filing an organisation, merging sectors…), so search and sector filters never go stale.
 * Set-based (aggregates joined by person) rather than a subquery per person, so refreshing a whole address
 * book of 100,000 people stays a few hash joins, even on tables just bulk-loaded and not yet analysed.
 */
export async function refreshPeopleSearch(conn: DbOrTx, userId: string, scope: RefreshScope): Promise<void> {
  const filter = scopeFilter(userId, scope);
  if (!filter) return;
  // Whatever changed, the kept counts of people per sector are out of date (see peopleStats).
  await conn.execute(sql`
    insert into people_stats (user_id, version) values (${userId}::uuid, 1)
    on conflict (user_id) do update set version = people_stats.version + 1`);
  if ('all' in scope) {
    // A whole address book is refreshed right after bulk loads (seed, import), when the planner's statistics
    // still describe empty tables and it would pick nested loops over thousands of rows. Fresh statistics
    // (which count this transaction's own rows) keep it to hash joins.
    await conn.execute(sql`analyze people, organisations, sectors, encounters, events, encounter_topics, topics`);
    // Rewriting 100,000 rows and their word indexes legitimately outlasts the app's 15 s statement limit.
    await conn.execute(sql`set local statement_timeout = '10min'`);
  }
  // The words these people had, to forget afterwards those that no one has any more (a whole address book is
  // only ever refreshed after a bulk load, which adds words).
  const before =
    'all' in scope
      ? []
      : await rows<{ word: string }>(
          conn,
          sql`select distinct w.word from people p, unnest(tsvector_to_array(p.search_vector)) as w(word)
               where p.user_id = ${userId}::uuid and ${filter}`,
        );
  await conn.execute(sql`
    with target as (
      select p.id, p.organisation_id, p.sector_id from people p where p.user_id = ${userId}::uuid and ${filter}
    ),
    met as (
      select e.person_id, max(ev.starts_at) as last_met,
             string_agg(distinct concat_ws(' ', ev.title, ev.series), ' ') as events
        from encounters e
        join events ev on ev.id = e.event_id and ev.user_id = ${userId}::uuid and ev.deleted_at is null
       where e.user_id = ${userId}::uuid and e.person_id in (select id from target)
       group by e.person_id
    ),
    talked as (
      select e.person_id, string_agg(distinct t.name, ' ') as topics
        from encounters e
        join events ev on ev.id = e.event_id and ev.user_id = ${userId}::uuid and ev.deleted_at is null
        join encounter_topics et on et.encounter_id = e.id and et.user_id = ${userId}::uuid
        join topics t on t.id = et.topic_id and t.user_id = ${userId}::uuid
       where e.user_id = ${userId}::uuid and e.person_id in (select id from target)
       group by e.person_id
    ),
    computed as (
      select target.id, o.name as organisation, s.id as sector_id, s.name as sector, talked.topics, met.events, met.last_met
        from target
        left join organisations o on o.id = target.organisation_id and o.user_id = ${userId}::uuid
        left join sectors s on s.id = coalesce(target.sector_id, o.sector_id) and s.user_id = ${userId}::uuid
        left join met on met.person_id = target.id
        left join talked on talked.person_id = target.id
    )
    update people p set
      search_text = concat_ws(' ', p.name, p.role, p.email, p.notes, c.organisation, c.sector, c.topics, c.events),
      title_text = concat_ws(' ', p.name, p.role, c.organisation),
      last_met_at = c.last_met,
      effective_sector_id = c.sector_id
    from computed c
    where p.id = c.id and p.user_id = ${userId}::uuid`);
  // New words join the user's vocabulary, which search expands prefixes and corrects typos against.
  await conn.execute(sql`
    insert into search_words (user_id, word)
    select distinct ${userId}::uuid, w.word
      from people p, unnest(tsvector_to_array(p.search_vector)) as w(word)
     where p.user_id = ${userId}::uuid and p.deleted_at is null and ${filter}
    on conflict do nothing`);
  if (before.length === 0) return;
  // Words these people no longer have, and no one else has either (a renamed or deleted person's old name): the
  // vocabulary should neither suggest them nor keep them. Each is looked up in the word index. Only plain words:
  // for an e-mail address or a web address the lookup could miss a holder, and a word wrongly forgotten could
  // not be searched for, while one wrongly kept only finds no one.
  await conn.execute(sql`
    delete from search_words sw
     where sw.user_id = ${userId}::uuid
       and sw.word = any(array[${sql.join(before.map((b) => sql`${b.word}`), sql`, `)}]::text[])
       and sw.word ~ '^[[:alnum:]]+$'
       and sw.word not in (select w.word from people p, unnest(tsvector_to_array(p.search_vector)) as w(word)
                            where p.user_id = ${userId}::uuid and p.deleted_at is null and ${filter})
       and not exists (select 1 from people p
                        where p.user_id = ${userId}::uuid and p.deleted_at is null
                          and p.search_vector @@ to_tsquery('simple', sw.word))`);
}
