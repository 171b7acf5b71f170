import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { jsonValue, rows } from '@/db/rows';
import { NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { displayName } from '@/lib/people/display-name';
import { queryText } from '@/lib/validation/text';
import { escapeLike } from './queries';

/**
 * Reads for /topics and /topics/[id]. A topic "comes up" at an event when the event has it or someone met there
 * was noted caring about it; the people who care about it are those of encounter_topics and person_topics; its
 * facts are the facts heard at events where it came up (the same rule as the /facts topic filter).
 */

export interface TopicSummary {
  id: string;
  name: string;
  events: number;
  people: number;
  facts: number;
  lastAt: Date | null;
}

export type TopicSort = 'recent' | 'used';

/** The list's query: a name to match and the order. */
export const topicListQuerySchema = z.object({ q: queryText(100), sort: z.enum(['recent', 'used']).default('recent') });

/** The events where each topic came up, as a subquery on `t.id`. */
const topicEvents = (userId: string) => sql`(
  select et.event_id from event_topics et where et.user_id = ${userId}::uuid and et.topic_id = t.id
  union
  select x.event_id from encounter_topics xt join encounters x on x.id = xt.encounter_id and x.user_id = ${userId}::uuid
   where xt.user_id = ${userId}::uuid and xt.topic_id = t.id)`;

/** Every topic of the user's with how many events, people and facts; most recent or most used first; `q` matches names. */
export async function listTopicSummaries(userId: string, opts: { q?: string; sort?: TopicSort; id?: string } = {}): Promise<TopicSummary[]> {
  const q = opts.q?.trim();
  const found = await rows<{ id: string; name: string; events: number; people: number; facts: number; last_at: string | null }>(
    db,
    sql`select t.id, t.name,
               (select count(*)::int from events e where e.user_id = ${userId}::uuid and e.deleted_at is null and e.id in ${topicEvents(userId)}) as events,
               (select count(distinct pid)::int from (
                   select x.person_id as pid from encounter_topics xt join encounters x on x.id = xt.encounter_id and x.user_id = ${userId}::uuid
                    where xt.user_id = ${userId}::uuid and xt.topic_id = t.id
                   union select pt.person_id from person_topics pt where pt.user_id = ${userId}::uuid and pt.topic_id = t.id) ps
                 join people p on p.id = ps.pid and p.user_id = ${userId}::uuid and p.deleted_at is null) as people,
               (select count(*)::int from insights i join events e on e.id = i.event_id and e.user_id = ${userId}::uuid and e.deleted_at is null
                 where i.user_id = ${userId}::uuid and i.event_id in ${topicEvents(userId)}) as facts,
               (select max(e.starts_at) from events e where e.user_id = ${userId}::uuid and e.deleted_at is null and e.id in ${topicEvents(userId)}) as last_at
          from topics t
         where t.user_id = ${userId}::uuid
           ${opts.id ? sql`and t.id = ${opts.id}::uuid` : sql``}
           ${q ? sql`and (t.name ilike ${'%' + escapeLike(q) + '%'} or t.name % ${q})` : sql``}`,
  );
  const items = found.map((r) => ({
    id: r.id,
    name: r.name,
    events: Number(r.events),
    people: Number(r.people),
    facts: Number(r.facts),
    lastAt: r.last_at ? new Date(r.last_at) : null,
  }));
  const used = (t: TopicSummary) => t.events + t.people + t.facts;
  return items.sort((a, b) =>
    opts.sort === 'used'
      ? used(b) - used(a) || a.name.localeCompare(b.name)
      : (b.lastAt?.getTime() ?? 0) - (a.lastAt?.getTime() ?? 0) || a.name.localeCompare(b.name),
  );
}

/** One topic's counts, or NotFoundError (also for another user's id). */
export async function getTopicSummary(userId: string, id: string): Promise<TopicSummary> {
  if (!isUuid(id)) throw new NotFoundError('topic');
  const [found] = await listTopicSummaries(userId, { id });
  if (!found) throw new NotFoundError('topic');
  return found;
}

export interface TopicDetail {
  id: string;
  name: string;
  /** Names of topics merged into this one, as typed again they mean it (normalised: lower case). */
  aliases: string[];
  events: { id: string; title: string; startsAt: Date }[];
  people: { id: string; displayName: string }[];
  /** Events per month (YYYY-MM), oldest first, over the months from the first to the last event. */
  months: { month: string; count: number }[];
}

/** One topic with its events and people, or NotFoundError (also for another user's id). */
export async function getTopicDetail(userId: string, id: string): Promise<TopicDetail> {
  if (!isUuid(id)) throw new NotFoundError('topic');
  const [topic] = await rows<{ id: string; name: string; aliases: string[] | string }>(
    db,
    sql`select id, name, aliases from topics t where t.user_id = ${userId}::uuid and t.id = ${id}::uuid`,
  );
  if (!topic) throw new NotFoundError('topic');
  const [events, people] = await Promise.all([
    rows<{ id: string; title: string; starts_at: string }>(
      db,
      sql`select e.id, e.title, e.starts_at from events e, (select ${id}::uuid as id) t
           where e.user_id = ${userId}::uuid and e.deleted_at is null and e.id in ${topicEvents(userId)}
           order by e.starts_at desc, e.id`,
    ),
    rows<{ id: string; name: string | null; role: string | null; org: string | null }>(
      db,
      sql`select p.id, p.name, p.role, o.name as org from people p
            left join organisations o on o.id = p.organisation_id and o.user_id = ${userId}::uuid
           where p.user_id = ${userId}::uuid and p.deleted_at is null and p.id in (
             select x.person_id from encounter_topics xt join encounters x on x.id = xt.encounter_id and x.user_id = ${userId}::uuid
              where xt.user_id = ${userId}::uuid and xt.topic_id = ${id}::uuid
             union select pt.person_id from person_topics pt where pt.user_id = ${userId}::uuid and pt.topic_id = ${id}::uuid)`,
    ),
  ]);
  const byMonth = new Map<string, number>();
  for (const e of events) {
    const month = new Date(e.starts_at).toISOString().slice(0, 7);
    byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
  }
  return {
    id: topic.id,
    name: topic.name,
    aliases: jsonValue(topic.aliases),
    events: events.map((e) => ({ id: e.id, title: e.title, startsAt: new Date(e.starts_at) })),
    people: people
      .map((p) => ({ id: p.id, displayName: displayName({ name: p.name, role: p.role, organisationName: p.org }) }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    months: monthRange([...byMonth.keys()]).map((month) => ({ month, count: byMonth.get(month) ?? 0 })),
  };
}

/** Every month from the earliest to the latest given (YYYY-MM), at most the last 24. */
export function monthRange(months: string[]): string[] {
  if (months.length === 0) return [];
  const sorted = [...months].sort();
  const out: string[] = [];
  let [y, m] = sorted[0]!.split('-').map(Number) as [number, number];
  const last = sorted.at(-1)!;
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out.slice(-24);
}
