import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import type { SearchCursor } from './search-terms';
import { TITLE_FORMS } from './job-titles';

/**
 * The list half of people search: one keyset page of matches, best first. Facets, filters and the choice of
 * terms live in search.ts.
 */

/**
 * How each typed word is matched. Search first looks the word up in the user's vocabulary (search_words): the
 * whole words it begins ("offic" → officer, officers) or, when none does, the closest words to a typo
 * ("departmnt" → department). The people index is then probed for those whole words only, which GIN answers
 * from its posting lists; a prefix match (`offic:*`) would gather every posting of every word it begins into a
 * bitmap first, several times slower for common words. Only a prefix so short that it begins too many words to
 * list ("d") is matched as a prefix.
 */
export interface Term {
  /** The word as typed (normalised by searchTerms). */
  text: string;
  /** The whole words it stands for; empty when no one has it; null when too many to list (matched as a prefix). */
  words: string[] | null;
  /** True when `words` are corrections of a typo rather than words that begin with it. */
  corrected?: boolean;
  /** Other ways to write it, each a run of words all required: "cio" is also "chief information officer". */
  also?: string[][];
}

/**
 * The typed words with each job title written out ("chief information officer") taken together as one term that its
 * short form also matches, and each short form ("cio") given the titles it stands for. Only whole titles: "chief"
 * alone stays a word of its own.
 */
export function withTitleForms(typed: string[]): { words: string[]; titles: Term[] } {
  const titles: Term[] = [];
  const words = [...typed];
  for (const [short, longs] of Object.entries(TITLE_FORMS)) {
    // Longest first: "chief executive officer" before "chief executive".
    for (const long of [...longs].sort((a, b) => b.length - a.length)) {
      const parts = long.split(' ');
      const at = words.findIndex((_, i) => parts.every((p, j) => words[i + j] === p));
      if (at < 0) continue;
      words.splice(at, parts.length);
      titles.push({ text: long, words: [short], also: [parts] });
    }
  }
  return { words, titles };
}

/** The titles a typed short form stands for, as runs of words; none for any other word. */
export function titleFormsOf(word: string): string[][] {
  return (TITLE_FORMS[word] ?? []).map((long) => long.split(' '));
}

/** A tsquery literal of one lexeme: quoted, with quotes and backslashes escaped. */
const lexeme = (word: string) => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** The tsquery text for one term, or null when no one has it. */
function termQuery(t: Term): string | null {
  const also = (t.also ?? []).map((run) => `(${run.map(lexeme).join(' & ')})`);
  const own = t.words === null ? [`${lexeme(t.text)}:*`] : t.words.map(lexeme);
  const all = [...own, ...also];
  return all.length ? `(${all.join(' | ')})` : null;
}

/** A tsquery needing every term (or, loose, any), or null when it can match no one. */
export function termsQuery(terms: Term[], loose: boolean): string | null {
  const parts = terms.map(termQuery);
  if (!loose && parts.some((q) => q === null)) return null;
  const known = parts.filter((q): q is string => q !== null);
  return known.length ? known.join(loose ? ' | ' : ' & ') : null;
}

/**
 * A tsquery condition on one of the person's vectors. Probed through its GIN index, unless `walk`: then it is
 * written so that no index can answer it, and is checked row by row while an index is walked in last-met order.
 * Postgres estimates a query of several words as if the words were unrelated, so for "chief digital officer"
 * it expects a few hundred people where thousands match, and gathers and sorts them all; the caller knows
 * better (it has counted) and says which way to go.
 */
export function vectorMatch(vector: 'search_vector' | 'title_vector', query: string, walk: boolean): SQL {
  const match = sql`${sql.raw(`p.${vector}`)} @@ ${query}::tsquery`;
  return walk ? sql`coalesce(${match}, false)` : match;
}

/** The condition that a person has every term (or, loose, any). */
export function textMatch(terms: Term[], loose: boolean, walk = false): SQL | null {
  if (terms.length === 0) return null;
  const q = termsQuery(terms, loose);
  return q === null ? sql`false` : vectorMatch('search_vector', q, walk);
}

/** The text looked for in name, organisation and role to rank a match: the best correction of a typo. */
const fieldText = (t: Term) => (t.corrected && t.words?.[0] ? t.words[0] : t.text);

/**
 * Relevance, cheap enough to compute for thousands of matches: each word found counts 1; words in the name
 * count most, then the organisation, then the role; ties go to last met.
 */
function score(terms: Term[], loose: boolean): SQL {
  const perTerm = terms.map((t) => {
    const q = termQuery(t);
    if (!loose) return sql`1`;
    return q === null ? sql`0` : sql`(case when p.search_vector @@ ${q}::tsquery then 1 else 0 end)`;
  });
  const inField = (field: SQL, weight: number) =>
    sql`(${sql.join(
      terms.map((t) => sql`(case when strpos(lower(coalesce(${field}, '')), ${fieldText(t)}) > 0 then 1 else 0 end)`),
      sql` + `,
    )}) * ${String(weight / terms.length)}::numeric`;
  return sql`round((${sql.join(perTerm, sql` + `)} + ${inField(sql`p.name`, 1.5)} + ${inField(sql`o.name`, 0.75)} + ${inField(sql`p.role`, 0.5)})::numeric, 6)`;
}

function metKeyset(c: SearchCursor, t: 'x' | 'p'): SQL {
  const col = (name: string) => sql.raw(`${t}.${name}`);
  const id = sql`${col('id')} > ${c.i}::uuid`;
  return c.m === null
    ? sql`(${col('last_met_at')} is null and ${id})`
    : sql`(${col('last_met_at')} < ${c.m}::timestamptz or ${col('last_met_at')} is null
          or (${col('last_met_at')} = ${c.m}::timestamptz and ${id}))`;
}

/**
 * How a page is ordered: by relevance then last met (a search by words), by last met, by name (else role) A to Z, or
 * newest added first.
 */
export type ListOrder = 'score' | 'met' | 'name' | 'added';

/** SQL: the key a list sorted by name or by when added is ordered by (null: a person with no name or role). */
function sortKey(order: ListOrder): SQL {
  if (order === 'name') return sql`lower(coalesce(p.name, p.role))`;
  if (order === 'added') return sql`p.created_at::text`;
  return sql`null::text`;
}

/**
 * The name order's three keys: those with neither name nor role last, then the name (else role) lower-cased in ICU's
 * root collation (alphabetical whatever the database's own collation, "C" in PGlite: "Émile" before "Emma"), then id,
 * exactly as people_user_name_order_idx holds them, so the planner walks it and a page's start is a row comparison
 * the index answers (x's columns are p's: the subquery is flattened).
 */
const NAME_KEYS = sql`coalesce(x.name, x.role) is null, lower(coalesce(x.name, x.role, '')) collate "und-x-icu", x.id`;

function keyset(c: SearchCursor, order: ListOrder): SQL {
  if (order === 'name') return sql`(${NAME_KEYS}) > (${c.k == null}::boolean, ${c.k ?? ''}::text, ${c.i}::uuid)`;
  if (order === 'added') return sql`(x.created_at, x.id) < (${c.k}::timestamptz, ${c.i}::uuid)`;
  const met = metKeyset(c, 'x');
  if (order !== 'score' || c.s === null) return met;
  return sql`(x.score < ${c.s}::numeric or (x.score = ${c.s}::numeric and ${met}))`;
}

const ORDER_BY: Record<ListOrder, SQL> = {
  score: sql`x.score desc, x.last_met_at desc nulls last, x.id`,
  met: sql`x.last_met_at desc nulls last, x.id`,
  name: NAME_KEYS,
  // As people_user_created_idx holds them.
  added: sql`x.created_at desc nulls last, x.id desc nulls last`,
};

export interface ListRow extends Record<string, unknown> {
  id: string;
  name: string | null;
  role: string | null;
  email: string | null;
  last_met_ms: number | string | null;
  met_key: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  sector_id: string | null;
  sector_name: string | null;
  next_contact_due: string | null;
  last_contact_on: string | null;
  kit_unit: string | null;
  kit_every: number | null;
  score: string | number | null;
  /** When they were added, in milliseconds. */
  added_ms: number | string;
  /** The row's key in a list sorted by name or by when added (see sortKey); absent otherwise. */
  sort_key?: string | null;
  /** From the lower tier of a tiered search (no word in name, role or organisation). */
  lower: boolean;
}

/** The keep-in-touch columns a list row carries (the API's people list shows them). */
const CONTACT_COLUMNS = sql`p.next_contact_due::text as next_contact_due, p.last_contact_on::text as last_contact_on,
  p.keep_in_touch_unit::text as kit_unit, p.keep_in_touch_every as kit_every`;

/** One page of matches (plus one, to know whether there is more), in the order asked for: by default best first. */
export function listPage(
  conn: DbOrTx,
  where: SQL[],
  terms: Term[],
  loose: boolean,
  cursor: SearchCursor | null,
  limit: number,
  order: ListOrder = terms.length > 0 ? 'score' : 'met',
) {
  return rows<ListRow>(
    conn,
    sql`select x.id, x.name, x.role, x.email, x.last_met_ms, x.met_key, x.organisation_id, x.organisation_name,
               x.sector_id, x.sector_name, x.next_contact_due, x.last_contact_on, x.kit_unit, x.kit_every, x.score,
               x.added_ms, x.sort_key, false as lower from (
          select p.id, p.name, p.role, p.email, p.last_met_at, p.created_at, ${CONTACT_COLUMNS},
                 (extract(epoch from p.last_met_at) * 1000)::float8 as last_met_ms, p.last_met_at::text as met_key,
                 (extract(epoch from p.created_at) * 1000)::float8 as added_ms, ${sortKey(order)} as sort_key,
                 p.organisation_id, o.name as organisation_name,
                 s.id as sector_id, s.name as sector_name,
                 ${order === 'score' ? score(terms, loose) : sql`null::numeric`} as score
            from people p
            left join organisations o on o.id = p.organisation_id and o.user_id = p.user_id
            left join sectors s on s.id = p.effective_sector_id and s.user_id = p.user_id
           where ${sql.join(where, sql` and `)}
        ) x
        ${cursor ? sql`where ${keyset(cursor, order)}` : sql``}
        order by ${ORDER_BY[order]}
        limit ${limit + 1}`,
  );
}

/** How many of the most recently met title matches a tiered search ranks by relevance. */
export const RANKED_LIMIT = 50;

function selectRow(score: SQL, lower: boolean): SQL {
  return sql`p.id, p.name, p.role, p.email, ${CONTACT_COLUMNS},
             (extract(epoch from p.last_met_at) * 1000)::float8 as last_met_ms, p.last_met_at::text as met_key,
             (extract(epoch from p.created_at) * 1000)::float8 as added_ms,
             p.organisation_id, o.name as organisation_name, s.id as sector_id, s.name as sector_name,
             ${score} as score, ${sql.raw(lower ? 'true' : 'false')} as lower`;
}

/**
 * A page for exact words (no typo, every word required) that never ranks more than RANKED_LIMIT people, however
 * broad the words. Only a word in the name, role or organisation lifts a person above the rest, so the order is:
 * the RANKED_LIMIT most recently met people with a word in their title (name, role, organisation), by relevance;
 * then every other match (a word only in notes, topics or events, or a title match met longer ago) by last met.
 * For "cio", that ranks the few hundred CIOs, then reads the 35,000 people met at the CIO Club in last-met order,
 * through an index, just far enough to fill the page. On a small address book it is the same as ranking all.
 * The cursor says which part it stopped in.
 */
export async function tieredPage(
  conn: DbOrTx,
  where: SQL[],
  terms: Term[],
  cursor: SearchCursor | null,
  limit: number,
  /** When several sectors are chosen, one condition per sector (the sector filter in `where` is their union). */
  sectors: SQL[] = [],
  /** Find the title matches by walking people in last-met order, not through the title index (see vectorMatch). */
  walkTitles = false,
) {
  // Every term is known here (tiered searches need all of them), so the any-term query is never null.
  const inTitle = vectorMatch('title_vector', termsQuery(terms, true) ?? '', walkTitles);
  const all = sql.join(where, sql` and `);
  // The n most recently met people meeting a condition, as (id, last_met_at). With several sectors, the n most
  // recent of each sector merged: each is a walk of the sector index in last-met order that stops early, where
  // one sector list could only be gathered whole and sorted.
  const mostRecent = (condition: SQL, n: number) => {
    const one = (extra: SQL) => sql`select p.id, p.last_met_at from people p where ${all} and ${condition}${extra}
                                     order by p.last_met_at desc nulls last, p.id limit ${n}`;
    if (sectors.length < 2) return one(sql``);
    return sql`select r.id, r.last_met_at from (${sql.join(
      sectors.map((each) => sql`(${one(sql` and ${each}`)})`),
      sql` union all `,
    )}) r order by r.last_met_at desc nulls last, r.id limit ${n}`;
  };
  const recent = mostRecent(inTitle, RANKED_LIMIT);
  // Each ranked row also carries how many were ranked and the last of them in last-met order (the edge): title
  // matches met after it were ranked above, the rest come below. A window over at most RANKED_LIMIT rows.
  const upper = cursor?.t
    ? []
    : await rows<ListRow & { ranked_n: number | string; edge_m: string | null; edge_id: string }>(
        conn,
        sql`select x.* from (
              select ${selectRow(score(terms, false), false)}, p.last_met_at,
                     count(*) over () as ranked_n,
                     last_value(p.last_met_at::text) over edge as edge_m, last_value(p.id) over edge as edge_id
                from (${recent}) r
                join people p on p.id = r.id
                left join organisations o on o.id = p.organisation_id and o.user_id = p.user_id
                left join sectors s on s.id = p.effective_sector_id and s.user_id = p.user_id
              window edge as (order by p.last_met_at desc nulls last, p.id
                              rows between unbounded preceding and unbounded following)) x
            ${cursor ? sql`where ${keyset(cursor, 'score')}` : sql``}
            order by x.score desc, x.last_met_at desc nulls last, x.id
            limit ${limit + 1}`,
      );
  if (upper.length > limit) return upper;
  let edge: { m: string | null; id: string } | undefined;
  const first = upper[0];
  if (first) {
    if (Number(first.ranked_n) >= RANKED_LIMIT) edge = { m: first.edge_m, id: first.edge_id };
  } else if (cursor) {
    // Past the ranked people already: find the edge again.
    [edge] = await rows<{ m: string | null; id: string }>(
      conn,
      sql`select r.last_met_at::text as m, r.id from (${recent}) r
           order by r.last_met_at desc nulls last, r.id offset ${RANKED_LIMIT - 1} limit 1`,
    );
  }
  const notRanked = edge ? sql`(not (${inTitle}) or ${metKeyset({ s: null, m: edge.m, i: edge.id }, 'p')})` : sql`not (${inTitle})`;
  const after = cursor?.t ? sql` and ${metKeyset(cursor, 'p')}` : sql``;
  const rest = limit + 1 - upper.length;
  const lower = await rows<ListRow>(
    conn,
    sql`select ${selectRow(sql`round(${terms.length}::numeric, 6)`, true)}
          from (${mostRecent(sql`${notRanked}${after}`, rest)}) r
          join people p on p.id = r.id
          left join organisations o on o.id = p.organisation_id and o.user_id = p.user_id
          left join sectors s on s.id = p.effective_sector_id and s.user_id = p.user_id
         order by p.last_met_at desc nulls last, p.id`,
  );
  return [...upper, ...lower];
}
