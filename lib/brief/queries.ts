import { sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { NotFoundError } from '@/lib/errors';
import { shiftInstant } from '@/lib/dates';
import type { InteractionKind } from '@/lib/interactions/kinds';
import { displayName } from '@/lib/people/display-name';

/** Rows here carry the organisation's name as `organisation`. */
const personLabel = (p: { name: string | null; role: string | null; organisation: string | null }) =>
  displayName({ name: p.name, role: p.role, organisationName: p.organisation });

/**
 * The "Role, Organisation" line under a person's heading, or null when there is nothing to say or it would only repeat
 * the heading (someone known by role and organisation alone is already headed "IT Director, HMRC"). It is worded by
 * displayName itself, so that the two strings compared are the ones the card shows, spaces tidied alike.
 */
function aboutLine(p: { role: string | null; organisation: string | null }, heading: string): string | null {
  if (!p.role?.trim() && !p.organisation?.trim()) return null;
  const about = displayName({ role: p.role, organisationName: p.organisation });
  return about === heading ? null : about;
}

/** How many earlier evenings count as "the latest ones": someone missing from all of them is "not seen since". */
export const RECENT_EVENINGS = 2;
/** "Not in a long while": no meeting anywhere in this many days. */
export const LONG_WHILE_DAYS = 180;
/** At most this many people on one brief (the most recently met first). */
const PEOPLE_LIMIT = 100;
/** Per person: at most this many conversations and facts. */
const PER_PERSON = 5;
/** Per person: at most this many logged contacts, on the first view and on "Show all" alike. */
const INTERACTIONS_PER_PERSON = 3;

/**
 * Where the brief's people come from: earlier evenings of the same series (matched case-insensitively), or for an
 * upcoming event outside any series, people already added to it ("expecting to see") and people met at earlier
 * events of the same host.
 */
export type BriefBasis = 'series' | 'host' | 'added' | 'none';

export interface BriefConversation {
  eventId: string;
  eventTitle: string;
  startsAt: Date;
  notes: string | null;
  topics: string[];
}

export interface BriefPerson {
  id: string;
  displayName: string;
  role: string | null;
  organisation: string | null;
  /** "Role, Organisation" to show under displayName, or null when empty or the same words as displayName. */
  about: string | null;
  /** Earlier evenings (of the series, or of the host) where the user met or spoke with them. */
  times: number;
  /** The last of those evenings, or null for someone only added to this event. */
  lastSeenAt: Date | null;
  /** The last real meeting anywhere (people.last_met_at). */
  lastMetAnywhere: Date | null;
  /** Already on this event's list: the user expects to see them. */
  expected: boolean;
  /** Met at earlier evenings but not at the latest ones, or not met anywhere in a long while. */
  notSeenSince: boolean;
  conversations: BriefConversation[];
  followUps: { id: string; action: string; dueOn: string | null }[];
  facts: { id: string; text: string; eventTitle: string; startsAt: Date }[];
  /**
   * Their latest contacts logged outside any event (a call, a coffee, …), newest first: what was said over coffee last
   * week is often the freshest thing to know. `occurredOn` is a calendar day (YYYY-MM-DD) in the user's time zone.
   */
  interactions: { id: string; kind: InteractionKind; occurredOn: string; note: string | null }[];
}

export interface Brief {
  event: { id: string; title: string; startsAt: Date; series: string | null; host: string | null; venue: string | null };
  upcoming: boolean;
  basis: BriefBasis;
  /** The latest of the earlier evenings the brief draws on (up to EVENINGS_LISTED), newest first. */
  evenings: { id: string; title: string; startsAt: Date }[];
  /** How many earlier evenings it draws on in all. */
  eveningCount: number;
  /** The people shown (all of them, or the first of each group when `first` was given), with their details. */
  people: BriefPerson[];
  /** How many people each group holds in all (at most PEOPLE_LIMIT together): "Show all" when more than shown. */
  totals: { seen: number; notSeen: number };
}

/**
 * The brief page's first view: the first 20 of "who you will see" and 10 of "not seen since", each with their latest
 * three conversations and facts; "Show all" lists everyone the brief found (up to PEOPLE_LIMIT) with up to PER_PERSON.
 */
export const FIRST_SHOWN: BriefOptions['first'] = { seen: 20, notSeen: 10, perPerson: 3 };

export interface BriefOptions {
  /**
   * Show only the first this many of "who you will see" and of "not seen since" (the ranking is the same): their
   * conversations, follow-ups and facts are read, nobody else's. Unset: everyone the brief finds.
   */
  first?: { seen: number; notSeen: number; perPerson: number };
}

type When = string | Date;
const at = (v: When) => new Date(v);
const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

/** Earlier evenings read at first when looking for the people a brief lists; more are read while too few are found. */
const FIRST_EVENINGS = 3;
/**
 * Earlier evenings read by their ids (the latest; all of them are counted): a series of a thousand evenings is not
 * sent to the app to list twelve. Past these, the people of every evening are read at once (recentPeople).
 */
export const EVENINGS_LISTED = 48;

/**
 * The person of encounter `en` (one of the user's) is still in the address book: checked against the user's few
 * deleted people (people_user_deleted_idx) rather than by looking up each of a hundred and more candidates. Whoever is
 * listed is read from people with its owner checked (rankPeople's `listed`).
 */
const personInBook = (userId: string) =>
  sql`not exists (select 1 from people d where d.user_id = ${userId} and d.deleted_at is not null and d.id = en.person_id)`;

/**
 * The people met or spoken with (and still in the address book) at the most recent of `evenings` (newest first),
 * starting from the latest `k`: enough evenings to find PEOPLE_LIMIT people, or all of them. The brief lists people
 * by the last evening they were seen at, so its first PEOPLE_LIMIT are all among these; a long series (hundreds of
 * evenings, tens of thousands of encounters) is then read from its latest evenings instead of whole. Evenings that
 * start at the same moment as the last one read are read with it, so a tie on "last seen" is decided among everyone
 * who shares it. `evenings` are the latest EVENINGS_LISTED (`all`: there are no more); past them, the people of every
 * evening of `prior` are read. The brief's first statement does this for the latest FIRST_EVENINGS itself; this
 * goes on from there when those held too few people.
 */
async function recentPeople(userId: string, evenings: { id: string; starts_at: When }[], all: boolean, prior: SQL, k: number): Promise<string[]> {
  k = Math.min(k, evenings.length);
  for (;;) {
    while (k < evenings.length && at(evenings[k]!.starts_at).getTime() === at(evenings[k - 1]!.starts_at).getTime()) k++;
    // Past the evenings read by id (more exist than were read), every evening of the series at once.
    const whole = k >= evenings.length && !all;
    const found = await rows<{ person_id: string }>(
      db,
      sql`select distinct en.person_id from encounters en
          where en.user_id = ${userId} and en.relation <> 'mentioned' and ${personInBook(userId)}
            and ${whole ? sql`en.event_id in (${prior})` : sql`en.event_id = any(${uuidArray(evenings.slice(0, k).map((e) => e.id))}::uuid[])`}`,
    );
    if (found.length >= PEOPLE_LIMIT || k >= evenings.length) return found.map((r) => r.person_id);
    k = Math.min(evenings.length, k * 2);
  }
}

type RankedRow = {
  id: string;
  name: string | null;
  role: string | null;
  organisation: string | null;
  times: number;
  last_seen: When | null;
  last_met_at: When | null;
  expected: boolean;
  recent: boolean;
};

/**
 * The brief's people, ranked, with the earlier evenings they come from, in one statement: the earlier evenings
 * (`prior`, the latest EVENINGS_LISTED listed and all counted), the candidates (people met at the latest
 * FIRST_EVENINGS, or `candidates` when those were too few, and everyone already added to this event), each
 * candidate's meetings at the earlier evenings (found by person, through encounters_person_idx, not by reading all
 * the user's encounters), ranked before the people are read so that only the PEOPLE_LIMIT listed are looked up.
 */
async function rankPeople(userId: string, eventId: string, prior: SQL, candidates?: string[]) {
  const [row] = await rows<{
    evening_count: number;
    first_evenings: number;
    found: number;
    evenings: { id: string; title: string; starts_at: string }[];
    people: RankedRow[];
  }>(
    db,
    sql`
      with prior as materialized (select e.id, e.title, e.starts_at from events e where ${prior}),
      latest as materialized (select id, title, starts_at from prior order by starts_at desc, id desc limit ${EVENINGS_LISTED}),
      recent_evenings as (select id from latest order by starts_at desc, id desc limit ${RECENT_EVENINGS}),
      -- The latest FIRST_EVENINGS, and any that start at the same moment as the last of them.
      first_evenings as (
        select id from latest
        where starts_at >= coalesce((select starts_at from latest order by starts_at desc, id desc offset ${FIRST_EVENINGS - 1} limit 1), '-infinity')
      ),
      found as (${
        candidates
          ? sql`select unnest(${uuidArray(candidates)}::uuid[]) as person_id`
          : sql`select distinct en.person_id from encounters en
                where en.user_id = ${userId} and en.relation <> 'mentioned' and ${personInBook(userId)}
                  and en.event_id in (select id from first_evenings)`
      }),
      expected as (
        select en.person_id from encounters en
        join people p on p.id = en.person_id and p.user_id = ${userId} and p.deleted_at is null
        where en.user_id = ${userId} and en.event_id = ${eventId}
      ),
      -- People already added to this event are counted too, though they may have missed the latest evenings.
      candidate as (select person_id from found union select person_id from expected),
      met as (
        select en.person_id, count(*)::int as times, max(prior.starts_at) as last_seen, bool_or(r.id is not null) as recent
        from candidate c
        join encounters en on en.person_id = c.person_id
        join prior on prior.id = en.event_id
        left join recent_evenings r on r.id = en.event_id
        where en.user_id = ${userId} and en.relation <> 'mentioned'
        group by en.person_id
      ),
      ranked as (
        select ev.person_id, coalesce(met.times, 0)::int as times, met.last_seen, coalesce(met.recent, false) as recent,
               (x.person_id is not null) as expected
        from (select person_id from met union select person_id from expected) ev
        left join met on met.person_id = ev.person_id
        left join expected x on x.person_id = ev.person_id
        order by (x.person_id is not null) desc, met.last_seen desc nulls last, met.times desc nulls last, ev.person_id
        limit ${PEOPLE_LIMIT}
      ),
      listed as (
        select p.id, p.name, p.role, o.name as organisation, r.times, r.last_seen, p.last_met_at, r.expected, r.recent
        from ranked r
        join people p on p.id = r.person_id and p.user_id = ${userId} and p.deleted_at is null
        left join organisations o on o.id = p.organisation_id and o.user_id = ${userId}
      )
      select (select count(*) from prior)::int as evening_count,
             (select count(*) from first_evenings)::int as first_evenings,
             (select count(*) from found)::int as found,
             coalesce((select json_agg(json_build_object('id', id, 'title', title, 'starts_at', starts_at) order by starts_at desc, id desc)
                         from latest), '[]') as evenings,
             coalesce((select json_agg(l order by l.expected desc, l.last_seen desc nulls last, l.times desc nulls last, l.id) from listed l), '[]')
               as people`,
  );
  return row!;
}

/**
 * The "Before you go" brief of one of user's events (NotFoundError for any other id), in three statements, each
 * filtered by user_id: the event itself; its earlier evenings with the people ranked (rankPeople); and the listed
 * people's conversations, open follow-ups, facts and logged contacts together (personDetails). A long series whose latest evenings hold too few people
 * reads more of them first (recentPeople).
 */
export async function getBrief(userId: string, eventId: string, now = new Date(), options: BriefOptions = {}): Promise<Brief> {
  const [event] = await rows<{ id: string; title: string; starts_at: When; series: string | null; host: string | null; venue: string | null }>(
    db,
    sql`select id, title, starts_at, series, host, venue from events
        where id = ${eventId} and user_id = ${userId} and deleted_at is null`,
  );
  if (!event) throw new NotFoundError('No such event');
  const startsAt = at(event.starts_at);
  const upcoming = startsAt.getTime() > now.getTime();
  const series = event.series?.trim() || null;
  const host = event.host?.trim() || null;
  const basis: BriefBasis = series ? 'series' : host ? 'host' : 'added';
  const match = basis === 'series' ? sql`lower(e.series) = lower(${series})` : basis === 'host' ? sql`lower(e.host) = lower(${host})` : sql`false`;
  const longAgo = shiftInstant(now, -LONG_WHILE_DAYS).toISOString();

  // The earlier evenings the brief draws on (events e).
  const prior = sql`e.user_id = ${userId} and e.deleted_at is null and e.id <> ${eventId}
        and e.starts_at < ${startsAt.toISOString()}::timestamptz and ${match}`;
  let ranking = await rankPeople(userId, eventId, prior);
  const evenings = ranking.evenings;
  const eveningCount = Number(ranking.evening_count);
  // The latest evenings held too few people: read further back, and rank those.
  if (Number(ranking.found) < PEOPLE_LIMIT && Number(ranking.first_evenings) < eveningCount) {
    const more = await recentPeople(
      userId,
      evenings,
      eveningCount <= evenings.length,
      sql`select e.id from events e where ${prior}`,
      Number(ranking.first_evenings) * 2,
    );
    ranking = await rankPeople(userId, eventId, prior, more);
  }
  const byPerson = new Map<string, BriefPerson>();
  const everyone = ranking.people.map((r): BriefPerson => {
    // people.last_met_at counts only events that had started when it was last refreshed (migration 0019); one whose
    // start passed since is picked up by housekeeping. A brief asked about a past `now` still never shows a later date.
    const lastMet = r.last_met_at ? at(r.last_met_at) : null;
    const lastMetAnywhere = lastMet && lastMet.getTime() <= now.getTime() ? lastMet : null;
    const label = personLabel(r);
    const p: BriefPerson = {
      id: r.id,
      displayName: label,
      role: r.role,
      organisation: r.organisation,
      about: aboutLine(r, label),
      times: Number(r.times),
      lastSeenAt: r.last_seen ? at(r.last_seen) : null,
      lastMetAnywhere,
      expected: Boolean(r.expected),
      notSeenSince:
        Number(r.times) > 0 && ((!r.recent && eveningCount > RECENT_EVENINGS) || (lastMetAnywhere !== null && lastMetAnywhere.toISOString() < longAgo)),
      conversations: [],
      followUps: [],
      facts: [],
      interactions: [],
    };
    byPerson.set(p.id, p);
    return p;
  });
  const seenAll = everyone.filter((p) => !p.notSeenSince);
  const notSeenAll = everyone.filter((p) => p.notSeenSince);
  const shownIds = new Set(
    options.first ? [...seenAll.slice(0, options.first.seen), ...notSeenAll.slice(0, options.first.notSeen)].map((p) => p.id) : everyone.map((p) => p.id),
  );
  const people = everyone.filter((p) => shownIds.has(p.id));
  const ids = people.map((p) => p.id);
  if (ids.length) {
    const details = await personDetails(userId, eventId, startsAt, now, ids, options.first?.perPerson ?? PER_PERSON);
    for (const c of details.conversations) {
      byPerson
        .get(c.person_id)
        ?.conversations.push({ eventId: c.event_id, eventTitle: c.title, startsAt: at(c.starts_at), notes: c.notes, topics: c.topics ?? [] });
    }
    for (const f of details.follow_ups) byPerson.get(f.person_id)?.followUps.push({ id: f.id, action: f.action, dueOn: f.due_on });
    for (const f of details.facts) byPerson.get(f.person_id)?.facts.push({ id: f.id, text: f.text, eventTitle: f.title, startsAt: at(f.starts_at) });
    for (const i of details.interactions) {
      byPerson.get(i.person_id)?.interactions.push({ id: i.id, kind: i.kind, occurredOn: i.occurred_on, note: i.note });
    }
  }

  return {
    event: { id: event.id, title: event.title, startsAt, series, host, venue: event.venue },
    upcoming,
    basis: basis === 'added' && people.length === 0 ? 'none' : basis,
    evenings: evenings.map((e) => ({ id: e.id, title: e.title, startsAt: at(e.starts_at) })),
    eveningCount,
    people,
    totals: { seen: seenAll.length, notSeen: notSeenAll.length },
  };
}

/**
 * What the brief shows of each listed person, in one statement: their latest `perPerson` conversations at earlier
 * evenings (with topics), their open follow-ups, their latest `perPerson` facts, and their latest
 * INTERACTIONS_PER_PERSON logged contacts. A contact counts up to the day of the event and of `now` in the user's time
 * zone, whichever is earlier: the brief of a past evening, or one read as of a past `now`, shows nothing logged after.
 */
async function personDetails(userId: string, eventId: string, startsAt: Date, now: Date, ids: string[], perPerson: number) {
  const idArray = uuidArray(ids);
  const [row] = await rows<{
    conversations: { person_id: string; event_id: string; title: string; starts_at: string; notes: string | null; topics: string[] | null }[];
    follow_ups: { id: string; person_id: string; action: string; due_on: string | null }[];
    facts: { id: string; person_id: string; text: string; title: string; starts_at: string }[];
    interactions: { id: string; person_id: string; kind: InteractionKind; occurred_on: string; note: string | null }[];
  }>(
    db,
    sql`
      with conversations as (
        select person_id, event_id, title, starts_at, notes, topics from (
          select en.person_id, e.id as event_id, e.title, e.starts_at, en.notes,
                 (select array_agg(t.name order by lower(t.name), t.name) from encounter_topics et
                    join topics t on t.id = et.topic_id and t.user_id = ${userId}
                  where et.encounter_id = en.id and et.user_id = ${userId}) as topics,
                 row_number() over (partition by en.person_id order by e.starts_at desc, e.id) as n
          from encounters en
          join events e on e.id = en.event_id and e.user_id = ${userId} and e.deleted_at is null
          where en.user_id = ${userId} and en.person_id = any(${idArray}::uuid[]) and en.event_id <> ${eventId}
            and e.starts_at < ${startsAt.toISOString()}::timestamptz and en.relation <> 'mentioned'
        ) c where n <= ${perPerson}
      ),
      follow_ups as (
        select f.id, f.person_id, f.action, f.due_on::text as due_on, f.created_at from follow_ups f
        where f.user_id = ${userId} and f.person_id = any(${idArray}::uuid[]) and f.status = 'open' and f.deleted_at is null
      ),
      facts as (
        select id, person_id, text, title, starts_at from (
          select i.id, i.person_id, i.text, e.title, e.starts_at,
                 row_number() over (partition by i.person_id order by e.starts_at desc, i.position) as n
          from insights i join events e on e.id = i.event_id and e.user_id = ${userId} and e.deleted_at is null
          where i.user_id = ${userId} and i.person_id = any(${idArray}::uuid[])
        ) f where n <= ${perPerson}
      ),
      logged as (
        select id, person_id, kind, occurred_on, note from (
          select i.id, i.person_id, i.kind, i.occurred_on::text as occurred_on, i.note,
                 row_number() over (partition by i.person_id order by i.occurred_on desc, i.id desc) as n
          from interactions i
          where i.user_id = ${userId} and i.person_id = any(${idArray}::uuid[]) and i.deleted_at is null
            and i.occurred_on <= (select least((${startsAt.toISOString()}::timestamptz at time zone u.time_zone)::date,
                                               (${now.toISOString()}::timestamptz at time zone u.time_zone)::date)
                                    from users u where u.id = ${userId})
        ) l where n <= ${INTERACTIONS_PER_PERSON}
      )
      select
        coalesce((select json_agg(c order by c.starts_at desc) from conversations c), '[]') as conversations,
        coalesce((select json_agg(json_build_object('id', f.id, 'person_id', f.person_id, 'action', f.action, 'due_on', f.due_on)
                                  order by f.due_on asc nulls last, f.created_at) from follow_ups f), '[]') as follow_ups,
        coalesce((select json_agg(f order by f.starts_at desc) from facts f), '[]') as facts,
        coalesce((select json_agg(l order by l.occurred_on desc, l.id desc) from logged l), '[]') as interactions`,
  );
  return row!;
}

/** The next few upcoming events (after `now`), soonest first: the dashboard's "Coming up". */
export async function upcomingEvents(userId: string, now = new Date(), limit = 3) {
  const found = await rows<{ id: string; title: string; starts_at: When; venue: string | null; series: string | null }>(
    db,
    sql`select id, title, starts_at, venue, series from events
        where user_id = ${userId} and deleted_at is null and starts_at > ${now.toISOString()}::timestamptz
        order by starts_at asc, id limit ${limit}`,
  );
  return found.map((e) => ({ id: e.id, title: e.title, startsAt: at(e.starts_at), venue: e.venue, series: e.series }));
}

/** An event created ahead of time: it starts after `now`. */
export function isUpcoming(startsAt: Date, now = new Date()): boolean {
  return startsAt.getTime() > now.getTime();
}
