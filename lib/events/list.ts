import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { networkingEvents } from '@/db/schema';
import { normaliseTopic } from '@/lib/topics/normalise';
import { escapeLike } from '@/lib/topics/queries';
import type { EventListQuery } from './validation';
import { eventCursor } from './cursor';

export interface EventListItem {
  id: string;
  title: string;
  startsAt: Date;
  venue: string | null;
  series: string | null;
  peopleCount: number;
  openFollowUps: number;
  topics: string[];
}

/** Little words that say nothing about which evening was meant ("head of it": the "of"). */
const STOP_WORDS = new Set(['a', 'an', 'and', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/**
 * The words of a search, up to eight (an event either has each one somewhere or is not what was meant), without
 * the little ones, unless that is all there is.
 */
export function searchWords(q: string | undefined): string[] {
  const words = [
    ...new Set(
      (q ?? '')
        .toLowerCase()
        .split(/[\s,;]+/)
        .filter(Boolean),
    ),
  ];
  const telling = words.filter((w) => !STOP_WORDS.has(w));
  return (telling.length ? telling : words).slice(0, 8);
}

function filters(userId: string, query: EventListQuery, timeZone: string): SQL[] {
  const e = networkingEvents;
  const where: SQL[] = [eq(e.userId, userId), isNull(e.deletedAt)];
  // Every word must appear somewhere: in the event's own fields, a topic, or the name, role or organisation of
  // someone met there ("women data" finds "Women in Data breakfast", "priya" the evening Priya was met). The
  // topic and people parts are uncorrelated subqueries, computed once per search and hashed, not once per
  // event; people are found by the start of a word of their name, role or organisation through the title_vector
  // index, which at 100,000 people is a few milliseconds where a substring scan of them all was a second.
  for (const word of searchWords(query.q)) {
    const like = `%${escapeLike(word)}%`;
    // Words of three letters or more match the start of a word ("pri" → Priya); shorter ones ("it") whole words.
    const letters = word.replace(/[^\p{L}\p{N}]/gu, '');
    const prefix = letters.length >= 3 ? `${letters}:*` : letters;
    where.push(sql`(${e.title} ilike ${like} or ${e.venue} ilike ${like} or ${e.host} ilike ${like} or ${e.series} ilike ${like}
      or ${e.summary} ilike ${like}
      or ${e.id} in (select et.event_id from event_topics et join topics t on t.id = et.topic_id and t.user_id = ${userId}
                      where et.user_id = ${userId} and t.name ilike ${like})
      ${
        prefix
          ? sql`or ${e.id} in (select en.event_id from encounters en
                  join people p on p.id = en.person_id and p.user_id = ${userId} and p.deleted_at is null
                 where en.user_id = ${userId} and p.title_vector @@ to_tsquery('simple', ${prefix}))`
          : sql``
      })`);
  }
  if (query.series) where.push(sql`lower(${e.series}) = lower(${query.series})`);
  if (query.topic) {
    const topic = normaliseTopic(query.topic);
    where.push(sql`(exists (select 1 from event_topics et join topics t on t.id = et.topic_id and t.user_id = ${userId}
        where et.user_id = ${userId} and et.event_id = ${e.id} and t.normalised_name = ${topic})
      or exists (select 1 from encounters en join encounter_topics ct on ct.encounter_id = en.id and ct.user_id = ${userId}
        join topics t on t.id = ct.topic_id and t.user_id = ${userId}
        where en.user_id = ${userId} and en.event_id = ${e.id} and t.normalised_name = ${topic}))`);
  }
  if (query.sector) {
    where.push(sql`exists (select 1 from encounters en
        join people p on p.id = en.person_id and p.user_id = ${userId} and p.deleted_at is null
        join sectors s on s.id = p.effective_sector_id and s.user_id = ${userId}
      where en.user_id = ${userId} and en.event_id = ${e.id} and lower(s.name) = lower(${query.sector}))`);
  }
  if (query.year) {
    where.push(sql`extract(year from ${e.startsAt} at time zone ${timeZone}) = ${query.year}`);
  }
  return where;
}

/** A page of the user's events, newest first, filtered; `nextCursor` continues after the last one. */
export async function listEvents(userId: string, query: EventListQuery, timeZone = 'UTC'): Promise<{ items: EventListItem[]; nextCursor: string | null }> {
  const e = networkingEvents;
  const where = filters(userId, query, timeZone);
  const after = query.cursor ? eventCursor.decode(query.cursor) : null;
  if (after) where.push(sql`(${e.startsAt}, ${e.id}) < (${after.startsAt.toISOString()}::timestamptz, ${after.id}::uuid)`);
  const rows = await db
    .select({
      id: e.id,
      title: e.title,
      startsAt: e.startsAt,
      venue: e.venue,
      series: e.series,
      // Select-list columns are unqualified in drizzle, so the subqueries name the outer table themselves.
      peopleCount: sql<number>`(select count(*)::int from encounters en join people p on p.id = en.person_id and p.user_id = ${userId}
        where en.user_id = ${userId} and en.event_id = events.id and p.deleted_at is null)`,
      openFollowUps: sql<number>`(select count(*)::int from follow_ups f
        where f.user_id = ${userId} and f.event_id = events.id and f.status = 'open' and f.deleted_at is null)`,
      topics: sql<string[]>`coalesce((select array_agg(t.name order by lower(t.name), t.name) from event_topics et
        join topics t on t.id = et.topic_id and t.user_id = ${userId} where et.user_id = ${userId} and et.event_id = events.id), '{}')`,
    })
    .from(e)
    .where(and(...where))
    .orderBy(desc(e.startsAt), desc(e.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map((r) => ({
    ...r,
    peopleCount: Number(r.peopleCount),
    openFollowUps: Number(r.openFollowUps),
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? eventCursor.encode([last.startsAt.toISOString(), last.id]) : null };
}

/** The filter choices for the events list: the user's series, topics, sectors and years. */
export async function listEventFacets(userId: string, timeZone = 'UTC') {
  const e = networkingEvents;
  const [series, years] = await Promise.all([
    db
      .selectDistinct({ series: e.series })
      .from(e)
      .where(and(eq(e.userId, userId), isNull(e.deletedAt), sql`${e.series} is not null`))
      .orderBy(e.series)
      .limit(200),
    db
      .selectDistinct({ year: sql<number>`extract(year from ${e.startsAt} at time zone ${timeZone})::int` })
      .from(e)
      .where(and(eq(e.userId, userId), isNull(e.deletedAt)))
      .orderBy(sql`1 desc`),
  ]);
  return {
    series: series.flatMap((s) => (s.series ? [s.series] : [])),
    years: years.map((y) => Number(y.year)),
  };
}
