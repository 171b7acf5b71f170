import { sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import { NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { readdressQuoting, type MovedPost } from '@/lib/posts/queries';
import { displayName } from '@/lib/people/display-name';
import { fuzzyEligible, searchTerms } from '@/lib/people/search-terms';
import { factCursor, type FactSearch } from './validation';

export interface FactItem {
  id: string;
  text: string;
  offTheRecord: boolean;
  speaker: { id: string; displayName: string } | null;
  organisation: { id: string; name: string } | null;
  sector: { id: string; name: string } | null;
  event: { id: string; title: string; startsAt: Date };
}

export interface FactPage {
  items: FactItem[];
  nextCursor: string | null;
}

const FACTS_PAGE = 30;
/** How close a typed word must be to a word of a fact (pg_trgm word similarity) to count as a typo of it. */
const WORD_SIMILARITY = 0.5;

/** Joined to `insights i`: only facts of live events count (a deleted event's facts are not found either). */
const liveEventOfFact = (u: SQL) => sql`join events fe on fe.id = i.event_id and fe.user_id = ${u} and fe.deleted_at is null`;

interface Row extends Record<string, unknown> {
  id: string;
  text: string;
  off_the_record: boolean;
  person_id: string | null;
  person_name: string | null;
  person_role: string | null;
  org_id: string | null;
  org_name: string | null;
  sector_id: string | null;
  sector_name: string | null;
  event_id: string;
  event_title: string;
  starts_at: Date | string;
  starts_key: string;
  neg_pos: number;
  score: string;
}

/**
 * A fact matches a word when its words begin with it (full text, prefix). A word that begins no word of the user's
 * facts (of evenings still in the book: a deleted evening's facts are found by no word), and is long enough to be
 * corrected (fuzzyEligible), is taken for a typo, as people search takes it: then a fact matches when a word of it is
 * close to it (pg_trgm word similarity: "twiter" finds "Twitter's"). Words are letters and digits only, so each is
 * safe inside to_tsquery. Every word must match; the score adds full-text
 * rank and each word's closeness (a fact holding the word itself: 1).
 *
 * `matches` reads the matching facts, each word's facts found through an index (full text, or trigrams for a typo).
 * Testing every one of the user's facts instead cost ~3 µs a fact and word: a common word among 10,000 facts took
 * 31 ms (docs/performance.md, section 5e). The first word's facts are read whole, with the columns the search
 * ranks and shows, and every further word keeps those among its own ids; reading only ids and then each fact again
 * by its key cost a common word (1,203 of 10,010 facts) a fifth of the search (section 5h).
 */
function matches(userId: string, terms: string[]): SQL {
  const u = sql`${userId}::uuid`;
  // A word's facts: those where a word begins with it, or, when none does (a typo), those with a word close to it.
  const word = (t: string, n: number, columns: SQL) => {
    const typed = sql.raw(`typed${n}`);
    return sql`(
      with ${typed} as materialized (
        select ${columns} from insights h where h.user_id = ${u} and h.search_vector @@ to_tsquery('simple', ${t + ':*'}))
      select * from ${typed}
      ${
        fuzzyEligible(t)
          ? sql`union all
      select ${columns} from insights h
       where h.user_id = ${u} and ${t} <% h.text
         and not exists (select 1 from ${typed} x join events e on e.id = x.event_id and e.user_id = ${u} and e.deleted_at is null)`
          : sql``
      })`;
  };
  const [first, ...rest] = terms;
  const others = rest.map((t, k) => sql` and w.id in (select id from ${word(t, k + 1, sql`h.id, h.event_id`)} w${sql.raw(String(k + 1))})`);
  const whole = sql`h.id, h.user_id, h.event_id, h.person_id, h.text, h.search_vector, h.position, h.off_the_record`;
  return sql`select w.* from ${word(first!, 0, whole)} w where true${sql.join(others, sql``)}`;
}

/** The user's facts, best match (or newest event) first, with speaker, organisation, sector and event. */
export async function searchFacts(userId: string, params: FactSearch, conn: DbOrTx = db): Promise<FactPage> {
  const limit = params.limit ?? FACTS_PAGE;
  const terms = searchTerms(params.q).filter((t) => /^[\p{L}\p{N}]+$/u.test(t));
  // Each word's closeness, measured only for the facts every word matched, and not where the fact holds the word.
  const closeness = sql.join(
    terms.map((t) => sql`(case when i.search_vector @@ to_tsquery('simple', ${t}) then 1 else word_similarity(${t}, i.text) end)`),
    sql` + `,
  );
  const score = terms.length
    ? sql`round((ts_rank(i.search_vector, to_tsquery('simple', ${terms.map((t) => t + ':*').join(' & ')})) * 4 + ${closeness})::numeric, 6)`
    : sql`0`;
  const filters: SQL[] = [];
  if (params.speaker) filters.push(sql`i.person_id = ${params.speaker}::uuid`);
  // The speaker's organisation and sector: looked up per matching fact by primary key, not by joining every person.
  if (params.organisation || params.sector) {
    filters.push(sql`exists (select 1 from people p where p.id = i.person_id and p.user_id = ${userId}::uuid and p.deleted_at is null
      ${params.organisation ? sql`and p.organisation_id = ${params.organisation}::uuid` : sql``}
      ${params.sector ? sql`and p.effective_sector_id = ${params.sector}::uuid` : sql``})`);
  }
  if (params.event) filters.push(sql`i.event_id = ${params.event}::uuid`);
  if (params.topic) filters.push(topicFilter(userId, sql`${params.topic}::uuid`));
  const cursor = params.cursor ? factCursor.read(params.cursor) : null;
  const after = cursor
    ? sql`and (m.score, m.starts_at, m.event_id, m.neg_pos, m.id) < (${cursor.s}::numeric, ${cursor.d}::timestamptz, ${cursor.e}::uuid, ${cursor.p}::int, ${cursor.i}::uuid)`
    : sql``;
  // Ranked from the matching facts and their events alone; only the page's rows then look up their speaker,
  // organisation and sector (by primary key), so the search never joins every person of the user.
  const query = sql`with m as (
          select i.id, i.text, i.off_the_record, i.person_id,
                 e.id as event_id, e.title as event_title, e.starts_at, e.starts_at::text as starts_key,
                 -i.position as neg_pos, ${score} as score
            from ${terms.length ? sql`(${matches(userId, terms)}) i` : sql`insights i`}
            join events e on e.id = i.event_id and e.user_id = ${userId}::uuid and e.deleted_at is null
           where i.user_id = ${userId}::uuid
             ${filters.length ? sql`and ${sql.join(filters, sql` and `)}` : sql``}),
        page as materialized (
          select * from m where true ${after}
           order by m.score desc, m.starts_at desc, m.event_id desc, m.neg_pos desc, m.id desc
           limit ${limit + 1})
        select page.id, page.text, page.off_the_record, page.person_id, p.name as person_name, p.role as person_role,
               o.id as org_id, o.name as org_name, s.id as sector_id, s.name as sector_name,
               page.event_id, page.event_title, page.starts_at, page.starts_key, page.neg_pos, page.score
          from page
          left join people p on p.id = page.person_id and p.user_id = ${userId}::uuid and p.deleted_at is null
          left join organisations o on o.id = p.organisation_id and o.user_id = ${userId}::uuid and o.deleted_at is null
          left join sectors s on s.id = p.effective_sector_id and s.user_id = ${userId}::uuid
         order by page.score desc, page.starts_at desc, page.event_id desc, page.neg_pos desc, page.id desc`;
  // pg_trgm's default word-similarity threshold (0.6) misses a dropped letter in a short word ("datsets" is 0.55
  // from "datasets"): lowered for this transaction only, still served by the trigram index.
  const found =
    terms.length === 0
      ? await rows<Row>(conn, query)
      : await conn.transaction(async (tx) => {
          await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY)}, true)`);
          return rows<Row>(tx, query);
        });
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor:
      found.length > limit && last
        ? factCursor.encode({ s: String(last.score), d: last.starts_key, e: last.event_id, p: Number(last.neg_pos), i: last.id })
        : null,
  };
}

/** Facts under a topic: heard at an event where the topic came up, for the event or for someone met there. */
function topicFilter(userId: string, topic: SQL): SQL {
  return sql`(exists (select 1 from event_topics et where et.user_id = ${userId}::uuid and et.event_id = i.event_id and et.topic_id = ${topic})
           or exists (select 1 from encounter_topics xt join encounters x on x.id = xt.encounter_id and x.user_id = ${userId}::uuid
                       where xt.user_id = ${userId}::uuid and x.event_id = i.event_id and xt.topic_id = ${topic}))`;
}

function toItem(r: Row): FactItem {
  return {
    id: r.id,
    text: r.text,
    offTheRecord: r.off_the_record,
    speaker: r.person_id ? { id: r.person_id, displayName: displayName({ name: r.person_name, role: r.person_role, organisationName: r.org_name }) } : null,
    organisation: r.org_id && r.org_name ? { id: r.org_id, name: r.org_name } : null,
    sector: r.sector_id && r.sector_name ? { id: r.sector_id, name: r.sector_name } : null,
    event: { id: r.event_id, title: r.event_title, startsAt: new Date(r.starts_at) },
  };
}

/** One fact of the user's, or NotFoundError (also for another user's id). */
export async function getFact(userId: string, id: string, conn: DbOrTx = db): Promise<FactItem> {
  if (!isUuid(id)) throw new NotFoundError('fact');
  const [row] = await rows<Row>(
    conn,
    sql`select i.id, i.text, i.off_the_record, i.person_id, p.name as person_name, p.role as person_role,
               o.id as org_id, o.name as org_name, s.id as sector_id, s.name as sector_name,
               e.id as event_id, e.title as event_title, e.starts_at, e.starts_at::text as starts_key, 0 as neg_pos, '0' as score
          from insights i
          join events e on e.id = i.event_id and e.user_id = ${userId}::uuid and e.deleted_at is null
          left join people p on p.id = i.person_id and p.user_id = ${userId}::uuid and p.deleted_at is null
          left join organisations o on o.id = p.organisation_id and o.user_id = ${userId}::uuid and o.deleted_at is null
          left join sectors s on s.id = p.effective_sector_id and s.user_id = ${userId}::uuid
         where i.user_id = ${userId}::uuid and i.id = ${id}::uuid`,
  );
  if (!row) throw new NotFoundError('fact');
  return toItem(row);
}

/** Marks or unmarks a fact "off the record". Setting a value (not toggling) makes a repeated tap harmless. */
export async function setOffTheRecord(userId: string, id: string, offTheRecord: boolean): Promise<FactItem & { postsMoved: MovedPost[] }> {
  if (!isUuid(id)) throw new NotFoundError('fact');
  // Marked, its words leave every published address in the same transaction (the page cuts them from the rest).
  const postsMoved = await db.transaction(async (tx) => {
    const updated = await rows<{ id: string }>(
      tx,
      sql`update insights i set off_the_record = ${offTheRecord}
           where i.user_id = ${userId}::uuid and i.id = ${id}::uuid
             and exists (select 1 from events e where e.id = i.event_id and e.user_id = ${userId}::uuid and e.deleted_at is null)
          returning i.id`,
    );
    if (updated.length === 0) throw new NotFoundError('fact');
    return offTheRecord ? readdressQuoting(tx, userId) : [];
  });
  return { ...(await getFact(userId, id)), postsMoved };
}

export type FactFilterKey = 'speaker' | 'organisation' | 'sector' | 'topic' | 'event';
type Selected = Partial<Record<FactFilterKey, string>>;

/**
 * The filters `selected` names that are the user's and have facts (the same test as factFilterOptions), with their
 * names: what /facts shows and applies before its full choices load. A filter naming anything else (another user's
 * id, a deleted event, a speaker with no facts) is missing from the answer. One round trip, at most five index
 * lookups, whatever the size of the address book.
 */
export async function factFilterSelected(userId: string, selected: Selected): Promise<Partial<Record<FactFilterKey, { id: string; name: string }>>> {
  const u = sql`${userId}::uuid`;
  const id = (k: FactFilterKey) => (selected[k] && isUuid(selected[k]) ? selected[k] : null);
  const parts: SQL[] = [];
  if (id('speaker'))
    parts.push(sql`select 'speaker' as key, p.id, p.name, p.role, o.name as org from people p
      left join organisations o on o.id = p.organisation_id and o.user_id = ${u}
      where p.id = ${id('speaker')}::uuid and p.user_id = ${u} and p.deleted_at is null
        and exists (select 1 from insights i ${liveEventOfFact(u)} where i.user_id = ${u} and i.person_id = p.id)`);
  if (id('organisation'))
    parts.push(sql`select 'organisation' as key, o.id, o.name as name, null::text as role, null::text as org from organisations o
      where o.id = ${id('organisation')}::uuid and o.user_id = ${u} and o.deleted_at is null
        and exists (select 1 from people p join insights i on i.user_id = ${u} and i.person_id = p.id ${liveEventOfFact(u)}
                     where p.user_id = ${u} and p.organisation_id = o.id and p.deleted_at is null)`);
  if (id('sector'))
    parts.push(sql`select 'sector' as key, s.id, s.name as name, null::text as role, null::text as org from sectors s
      where s.id = ${id('sector')}::uuid and s.user_id = ${u}
        and exists (select 1 from people p join insights i on i.user_id = ${u} and i.person_id = p.id ${liveEventOfFact(u)}
                     where p.user_id = ${u} and p.effective_sector_id = s.id and p.deleted_at is null)`);
  if (id('topic'))
    parts.push(sql`select 'topic' as key, t.id, t.name as name, null::text as role, null::text as org from topics t
      where t.id = ${id('topic')}::uuid and t.user_id = ${u}
        and (exists (select 1 from event_topics et join insights i on i.user_id = ${u} and i.event_id = et.event_id ${liveEventOfFact(u)}
                      where et.user_id = ${u} and et.topic_id = t.id)
          or exists (select 1 from encounter_topics xt
                       join encounters x on x.id = xt.encounter_id and x.user_id = ${u}
                       join insights i on i.user_id = ${u} and i.event_id = x.event_id ${liveEventOfFact(u)}
                      where xt.user_id = ${u} and xt.topic_id = t.id))`);
  if (id('event'))
    parts.push(sql`select 'event' as key, e.id, e.title as name, null::text as role, null::text as org from events e
      where e.id = ${id('event')}::uuid and e.user_id = ${u} and e.deleted_at is null
        and exists (select 1 from insights i where i.user_id = ${u} and i.event_id = e.id)`);
  if (parts.length === 0) return {};
  const found = await rows<{ key: FactFilterKey; id: string; name: string | null; role: string | null; org: string | null }>(
    db,
    sql.join(
      parts.map((p) => sql`(${p})`),
      sql` union all `,
    ),
  );
  return Object.fromEntries(
    found.map((r) => [r.key, { id: r.id, name: r.key === 'speaker' ? displayName({ name: r.name, role: r.role, organisationName: r.org }) : (r.name ?? '') }]),
  );
}

export interface FactFilterOptions {
  speakers: { id: string; name: string }[];
  organisations: { id: string; name: string }[];
  sectors: { id: string; name: string }[];
  topics: { id: string; name: string }[];
  events: { id: string; name: string }[];
}

/** At most this many choices per filter (a long address book has thousands of speakers and events with facts). */
const FILTER_CHOICES = 100;

/** The first `limit` of `items` by `rank` (highest first), plus the one `selected` if it is further down, by name. */
function topChoices<T extends { id: string; name: string }>(
  items: T[],
  rank: (t: T) => number,
  limit: number,
  selected?: string,
): { id: string; name: string }[] {
  const kept = [...items].sort((a, b) => rank(b) - rank(a) || a.name.localeCompare(b.name)).slice(0, limit);
  const pick = selected && !kept.some((k) => k.id === selected) ? items.find((i) => i.id === selected) : undefined;
  return [...kept, ...(pick ? [pick] : [])].map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * What the /facts filters offer: only speakers, organisations, sectors, topics and events that have facts. Speakers
 * and organisations are the FILTER_CHOICES with the most facts, events the FILTER_CHOICES latest, and whatever is
 * `selected` is always among them (so a filter chosen from a fact's link stays shown). One pass over the user's
 * facts finds the speakers and, through them, their organisations and sectors; each person is read once.
 */
export async function factFilterOptions(userId: string, selected: Selected = {}, limit = FILTER_CHOICES): Promise<FactFilterOptions> {
  const u = sql`${userId}::uuid`;
  const [speakerRows, topicRows, events] = await Promise.all([
    rows<{
      id: string;
      name: string | null;
      role: string | null;
      org_id: string | null;
      org: string | null;
      org_live: boolean;
      sector_id: string | null;
      sector: string | null;
      facts: number;
    }>(
      db,
      sql`with spoke as materialized (
            select i.person_id, count(*)::int as facts from insights i ${liveEventOfFact(u)}
             where i.user_id = ${u} and i.person_id is not null group by i.person_id)
          select p.id, p.name, p.role, o.id as org_id, o.name as org, (o.deleted_at is null) as org_live,
                 s.id as sector_id, s.name as sector, spoke.facts
            from spoke
            join people p on p.id = spoke.person_id and p.user_id = ${u} and p.deleted_at is null
            left join organisations o on o.id = p.organisation_id and o.user_id = ${u}
            left join sectors s on s.id = p.effective_sector_id and s.user_id = ${u}`,
    ),
    // Topics of the events with facts, and of the encounters at them: the same reach as the topic filter. Each topic
    // stops at its first fact (a topic's links are few; the user's facts may be thousands).
    rows<{ id: string; name: string }>(
      db,
      sql`select t.id, t.name from topics t
           where t.user_id = ${u}
             and (exists (select 1 from event_topics et join insights i on i.user_id = ${u} and i.event_id = et.event_id ${liveEventOfFact(u)}
                           where et.user_id = ${u} and et.topic_id = t.id)
               or exists (select 1 from encounter_topics xt
                            join encounters x on x.id = xt.encounter_id and x.user_id = ${u}
                            join insights i on i.user_id = ${u} and i.event_id = x.event_id ${liveEventOfFact(u)}
                           where xt.user_id = ${u} and xt.topic_id = t.id))
           order by lower(t.name), t.name`,
    ),
    rows<{ id: string; name: string }>(
      db,
      sql`(select e.id, e.title as name, e.starts_at from events e
            where e.user_id = ${u} and e.deleted_at is null
              and exists (select 1 from insights i where i.user_id = ${u} and i.event_id = e.id)
            order by e.starts_at desc, e.id desc limit ${limit})
          union
          select e.id, e.title as name, e.starts_at from events e
           where e.user_id = ${u} and e.deleted_at is null and e.id = ${selected.event && isUuid(selected.event) ? selected.event : null}::uuid
             and exists (select 1 from insights i where i.user_id = ${u} and i.event_id = e.id)
          order by starts_at desc`,
    ),
  ]);
  const speakers = speakerRows.map((r) => ({ id: r.id, name: displayName({ name: r.name, role: r.role, organisationName: r.org }), facts: Number(r.facts) }));
  const byId = <T extends { id: string; name: string; facts: number }>(list: T[]) => {
    const m = new Map<string, T>();
    for (const x of list) {
      const seen = m.get(x.id);
      m.set(x.id, seen ? { ...seen, facts: seen.facts + x.facts } : x);
    }
    return [...m.values()];
  };
  const organisations = byId(speakerRows.filter((r) => r.org_id && r.org && r.org_live).map((r) => ({ id: r.org_id!, name: r.org!, facts: Number(r.facts) })));
  const sectors = byId(speakerRows.filter((r) => r.sector_id && r.sector).map((r) => ({ id: r.sector_id!, name: r.sector!, facts: Number(r.facts) })));
  return {
    speakers: topChoices(speakers, (s) => s.facts, limit, selected.speaker),
    organisations: topChoices(organisations, (o) => o.facts, limit, selected.organisation),
    sectors: topChoices(sectors, (s) => s.facts, limit, selected.sector),
    topics: topicRows.map(({ id, name }) => ({ id, name })),
    events: events.map(({ id, name }) => ({ id, name })),
  };
}
