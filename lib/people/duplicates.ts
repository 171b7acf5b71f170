import { sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { surnameOf } from '@/lib/surname';
import { displayName } from './display-name';

export type DuplicateReason = 'same email' | 'same name and organisation' | 'same role and organisation' | 'similar name';

export interface DuplicateSide {
  id: string;
  displayName: string;
  role: string | null;
  organisation: string | null;
  email: string | null;
  /** Events where the user met them: what tells two same-named records apart, and which one to keep. */
  encounters: number;
  lastMetAt: Date | null;
  createdAt: Date;
}

/** Two records that look like one person. `a` is the one to keep by default: the more met, else the older. */
export interface DuplicatePair {
  a: DuplicateSide;
  b: DuplicateSide;
  reason: DuplicateReason;
}

const NAME_SIMILARITY = 0.55;
/**
 * Two names at one organisation need be a little less alike: "Jon Smyth" and "Jon Smith" (0.54) at HMRC are one
 * person mistyped far more often than two; where they are two, "Not the same person" says so once.
 */
const SAME_ORG_SIMILARITY = 0.5;

/** People per name paired with a similar name (the most recently met), in the whole-book list. */
const PER_NAME = 3;

/** The last word of the name, lower-cased: the same expression as people_user_surname_idx, so that index serves it. */
const SURNAME = surnameOf(sql`p.name`);

/**
 * Every pair in the address book, by equality joins (hashed), never everyone against everyone. Very similar
 * names sharing a surname are found among the distinct names first (a few thousand, however many people
 * share them), then joined back to the most recently met few who have each name: forty "John Smith"s and
 * forty "Jon Smith"s would otherwise be 1,600 suggestions of one kind.
 */
function allPairs(userId: string): SQL {
  return sql`live as materialized (
          select p.id, p.organisation_id, lower(p.name) as lname, lower(p.email) as lemail, lower(p.role) as lrole, ${SURNAME} as surname,
                 row_number() over (partition by lower(p.name) order by p.last_met_at desc nulls last, p.id) as name_rank
            from people p where p.user_id = ${userId}::uuid and p.deleted_at is null
        ),
        names as (select distinct lname, surname from live where lname is not null),
        similar_names as (
          select a.lname as la, b.lname as lb from names a join names b on a.surname = b.surname and a.lname < b.lname
           where similarity(a.lname, b.lname) >= ${NAME_SIMILARITY}
        ),
        found as (
          select a.id as a_id, b.id as b_id, 'same email' as reason, 1 as strength
            from live a join live b on a.lemail = b.lemail and a.id < b.id
           where a.lemail is not null
          union all
          select a.id, b.id, 'same name and organisation', 2
            from live a join live b on a.lname = b.lname and a.organisation_id = b.organisation_id and a.id < b.id
           where a.lname is not null
          union all
          -- Someone logged by role alone ("Chief Executive, Hartley Council") beside the one with that role there.
          -- Driven from the nameless, who are few: 400 named engineers at one firm are not 80,000 pairs to throw away.
          select least(a.id, b.id), greatest(a.id, b.id), 'same role and organisation', 2
            from live a join live b on a.lrole = b.lrole and a.organisation_id = b.organisation_id and a.id <> b.id
           where a.lname is null and (b.lname is not null or a.id < b.id)
          union all
          select a.id, b.id, 'similar name', 3
            from live a join live b on a.organisation_id = b.organisation_id and a.id < b.id and a.lname <> b.lname
           where similarity(a.lname, b.lname) >= ${SAME_ORG_SIMILARITY}
          union all
          select least(a.id, b.id), greatest(a.id, b.id), 'similar name', 3
            from similar_names s
            join live a on a.lname = s.la and a.name_rank <= ${PER_NAME}
            join live b on b.lname = s.lb and b.name_rank <= ${PER_NAME}
        ),
        -- Found for no one in particular: one list.
        pairs as (select f.*, 1::bigint as pos from found f)`;
}

/**
 * The pairs some people are part of, for a person's page or an event's newcomers, in one statement: `who` is a query of
 * their ids and positions (id, pos). Each one's candidates come through the user's own indexes (the email, the
 * organisation, the surname), so the cost follows how many share them, not the size of the book. Each pair carries
 * the `pos` of the person it was found for.
 */
function pairsWith(userId: string, who: SQL): SQL {
  const columns = sql`p.id, p.organisation_id, lower(p.name) as lname, lower(p.email) as lemail, lower(p.role) as lrole, ${SURNAME} as surname`;
  const live = sql`p.user_id = ${userId}::uuid and p.deleted_at is null and p.id <> m.id`;
  // The same role at the same organisation, where one of the two has no name (logged by role alone).
  const sameRole = sql`(c.lrole = m.lrole and c.organisation_id = m.organisation_id and (c.lname is null or m.lname is null))`;
  return sql`me as materialized (
          select p.id, x.pos::bigint as pos, lower(p.name) as lname, lower(p.email) as lemail, lower(p.role) as lrole, p.organisation_id, ${SURNAME} as surname
            from (${who}) x
            join people p on p.user_id = ${userId}::uuid and p.id = x.id and p.deleted_at is null
        ),
        -- Materialized: left to itself, the planner pushes the pair rules below into the branches and reads the
        -- surname's people from the table, not the index (45 ms, not 3, for a Robinson at 100,000 people).
        cand as materialized (
          select m.id as me_id, c.* from me m cross join lateral (
            select ${columns} from people p where ${live} and (lower(p.email) = m.lemail or p.organisation_id = m.organisation_id)
            union
            -- The same surname counts only with a similar name. Similarity is measured once per distinct name, not per
            -- person (1,813 Robinsons in the bench's 100,000-person book have 50 names between them), and both reads
            -- come from people_user_surname_idx alone.
            select ${columns} from people p where ${live} and m.lname is not null and ${SURNAME} = m.surname
               and lower(p.name) in (
                 select n.lname from (
                   select distinct lower(q.name) as lname from people q
                    where q.user_id = ${userId}::uuid and q.deleted_at is null and ${surnameOf(sql`q.name`)} = m.surname offset 0
                 ) n
                  where n.lname <> m.lname and similarity(n.lname, m.lname) >= ${NAME_SIMILARITY})
          ) c
        ),
        pairs as (
          select least(m.id, c.id) as a_id, greatest(m.id, c.id) as b_id, m.pos,
                 case when c.lemail = m.lemail then 'same email'
                      when c.lname = m.lname and c.organisation_id = m.organisation_id then 'same name and organisation'
                      when ${sameRole} then 'same role and organisation'
                      else 'similar name' end as reason,
                 case when c.lemail = m.lemail then 1
                      when c.lname = m.lname and c.organisation_id = m.organisation_id then 2
                      when ${sameRole} then 2
                      else 3 end as strength
            from cand c join me m on m.id = c.me_id
           where c.lemail = m.lemail
              or (c.lname = m.lname and c.organisation_id = m.organisation_id)
              or ${sameRole}
              or (c.lname <> m.lname and c.organisation_id = m.organisation_id and similarity(c.lname, m.lname) >= ${SAME_ORG_SIMILARITY})
              or (c.lname <> m.lname and c.surname = m.surname and similarity(c.lname, m.lname) >= ${NAME_SIMILARITY})
        )`;
}

/**
 * Pairs of the user's people who are probably one person: the same email; the same name at the same
 * organisation; the same role there, one of them known by role alone; or very similar names ("Jon Smith" / "John
 * Smith") at the same organisation or sharing a surname. Pairs are found with equality joins (indexed or hashed), never
 * by comparing everyone with everyone. With `personId`, only pairs involving that person; with `who` (a query of ids
 * and positions), those involving any of them, `perPerson` at most for each, in their order.
 */
export async function listDuplicateSuggestions(
  userId: string,
  opts: { personId?: string; who?: SQL; perPerson?: number; limit?: number } = {},
): Promise<DuplicatePair[]> {
  const limit = Math.min(opts.limit ?? 50, 200);
  const who = opts.who ?? (opts.personId ? sql`select ${opts.personId}::uuid as id, 1 as pos` : null);
  type Side = 'a' | 'b';
  type Row = { reason: DuplicateReason } & {
    [K in `${Side}_${'id' | 'name' | 'role' | 'org' | 'email'}`]: string | null;
  } & { [K in `${Side}_${'encounters'}`]: number } & { [K in `${Side}_${'last_met_at' | 'created_at'}`]: string | Date | null };
  const found = await rows<Row>(
    db,
    sql`with ${who ? pairsWith(userId, who) : allPairs(userId)},
        best as (
          -- A pair found for two of the people (two newcomers alike) is listed once, under the first.
          select distinct on (a_id, b_id) a_id, b_id, reason, strength, pos from pairs p
           -- Not a pair the user has said are two people (not_duplicates keeps the smaller id first, as pairs do).
           where not exists (select 1 from not_duplicates n where n.user_id = ${userId}::uuid and n.person_id = p.a_id and n.other_id = p.b_id)
           order by a_id, b_id, strength, pos
        ),
        ranked as (
          select x.*, row_number() over (partition by x.pos order by x.strength, greatest(a.last_met_at, b.last_met_at) desc nulls last, a.id, b.id) as n
            from best x
            join people a on a.id = x.a_id and a.user_id = ${userId}::uuid
            join people b on b.id = x.b_id and b.user_id = ${userId}::uuid
        )
        select x.reason,
               a.id as a_id, a.name as a_name, a.role as a_role, ao.name as a_org, a.email as a_email,
               a.last_met_at as a_last_met_at, a.created_at as a_created_at,
               (select count(*)::int from encounters e where e.user_id = ${userId}::uuid and e.person_id = a.id) as a_encounters,
               b.id as b_id, b.name as b_name, b.role as b_role, bo.name as b_org, b.email as b_email,
               b.last_met_at as b_last_met_at, b.created_at as b_created_at,
               (select count(*)::int from encounters e where e.user_id = ${userId}::uuid and e.person_id = b.id) as b_encounters
          from ranked x
          join people a on a.id = x.a_id and a.user_id = ${userId}::uuid
          left join organisations ao on ao.id = a.organisation_id and ao.user_id = ${userId}::uuid
          join people b on b.id = x.b_id and b.user_id = ${userId}::uuid
          left join organisations bo on bo.id = b.organisation_id and bo.user_id = ${userId}::uuid
         where x.n <= ${opts.perPerson ?? limit}
         order by x.pos, x.n
         limit ${limit}`,
  );
  const side = (r: Row, s: Side): DuplicateSide => {
    const lastMet = r[`${s}_last_met_at`];
    return {
      id: r[`${s}_id`]!,
      displayName: displayName({ name: r[`${s}_name`], role: r[`${s}_role`], organisationName: r[`${s}_org`] }),
      role: r[`${s}_role`],
      organisation: r[`${s}_org`],
      email: r[`${s}_email`],
      encounters: Number(r[`${s}_encounters`]),
      lastMetAt: lastMet ? new Date(lastMet) : null,
      createdAt: new Date(r[`${s}_created_at`]!),
    };
  };
  return found.map((r) => {
    const [a, b] = [side(r, 'a'), side(r, 'b')];
    // Keep the record with the longer history (a typo'd copy made last night has none), else the older one.
    const keepB = b.encounters > a.encounters || (b.encounters === a.encounters && b.createdAt < a.createdAt);
    return { reason: r.reason, a: keepB ? b : a, b: keepB ? a : b };
  });
}

/** How many of an event's newcomers its page looks for twins of: a big evening's first dozen, as the form listed them. */
const NEWCOMERS_CHECKED = 12;

/**
 * Pairs in which someone first met at this event (no encounter at any other) looks like someone else in the address
 * book: after an evening logged with no signal, where the editor could not ask "Already in your contacts?", a name
 * typed a little differently ("Priya Sha") is a second record. Each newcomer's pairs as on their own page (three at
 * most each), once each, in the order the evening lists them: one statement, however many newcomers.
 */
export function duplicatesAtEvent(userId: string, eventId: string): Promise<DuplicatePair[]> {
  const newcomers = sql`select e.person_id as id, row_number() over (order by e.position, e.person_id) as pos from encounters e
         where e.user_id = ${userId}::uuid and e.event_id = ${eventId}::uuid
           and not exists (select 1 from encounters o where o.user_id = ${userId}::uuid and o.person_id = e.person_id and o.event_id <> e.event_id)
         order by e.position, e.person_id limit ${NEWCOMERS_CHECKED}`;
  return listDuplicateSuggestions(userId, { who: newcomers, perPerson: 3, limit: NEWCOMERS_CHECKED * 3 });
}
