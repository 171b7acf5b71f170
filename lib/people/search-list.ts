import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import type { SearchCursor } from './search-terms';

/**
 * The list half of people search: one keyset page of matches, best first. Facets, filters and the choice of
 * terms live in search.ts.
 */

const prefixQuery = (term: string) => sql`to_tsquery('simple', ${`${term}:*`})`;

/**
 * How each word is matched. A word that some of the user's people have (as a word prefix) is matched exactly
 * through the full-text index; only a word nobody has, most likely a typo, falls back to trigram similarity.
 * Trying trigrams for every word would compare 100,000 long texts for a word as common as "head".
 */
export interface Term {
  text: string;
  fuzzy: boolean;
}

/** The condition that a person has this word (exactly, as a word prefix, or with a typo). */
export function termMatch(term: Term): SQL {
  return term.fuzzy ? sql`p.search_text %> ${term.text}` : sql`p.search_vector @@ ${prefixQuery(term.text)}`;
}

/**
 * Relevance, cheap enough to compute for thousands of matches: each word found counts 1 (a typo its
 * similarity); words in the name count most, then the organisation, then the role; ties go to last met.
 */
function score(terms: Term[], loose: boolean): SQL {
  const perTerm = terms.map((t) =>
    t.fuzzy
      ? sql`coalesce(word_similarity(${t.text}, p.search_text), 0)`
      : loose
        ? sql`(case when p.search_vector @@ ${prefixQuery(t.text)} then 1 else 0 end)`
        : sql`1`,
  );
  const inField = (field: SQL, weight: number) =>
    sql`(${sql.join(
      terms.map((t) => sql`(case when strpos(lower(coalesce(${field}, '')), ${t.text}) > 0 then 1 else 0 end)`),
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

function keyset(c: SearchCursor, ranked: boolean): SQL {
  const met = metKeyset(c, 'x');
  if (!ranked || c.s === null) return met;
  return sql`(x.score < ${c.s}::numeric or (x.score = ${c.s}::numeric and ${met}))`;
}

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
  score: string | number | null;
  /** From the lower tier of a tiered search (no word in name, role or organisation). */
  lower: boolean;
}

/** One page of matches (plus one, to know whether there is more), best first. */
export function listPage(conn: DbOrTx, where: SQL[], terms: Term[], loose: boolean, cursor: SearchCursor | null, limit: number) {
  const ranked = terms.length > 0;
  return rows<ListRow>(
    conn,
    sql`select x.id, x.name, x.role, x.email, x.last_met_ms, x.met_key, x.organisation_id, x.organisation_name,
               x.sector_id, x.sector_name, x.score, false as lower from (
          select p.id, p.name, p.role, p.email, p.last_met_at,
                 (extract(epoch from p.last_met_at) * 1000)::float8 as last_met_ms, p.last_met_at::text as met_key,
                 p.organisation_id, o.name as organisation_name,
                 s.id as sector_id, s.name as sector_name,
                 ${ranked ? score(terms, loose) : sql`null::numeric`} as score
            from people p
            left join organisations o on o.id = p.organisation_id
            left join sectors s on s.id = p.effective_sector_id
           where ${sql.join(where, sql` and `)}
        ) x
        ${cursor ? sql`where ${keyset(cursor, ranked)}` : sql``}
        order by ${ranked ? sql`x.score desc,` : sql``} x.last_met_at desc nulls last, x.id
        limit ${limit + 1}`,
  );
}


/** How many of the most recently met title matches a tiered search ranks by relevance. */
export const RANKED_LIMIT = 200;

function selectRow(score: SQL, lower: boolean): SQL {
  return sql`p.id, p.name, p.role, p.email,
             (extract(epoch from p.last_met_at) * 1000)::float8 as last_met_ms, p.last_met_at::text as met_key,
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
export async function tieredPage(conn: DbOrTx, where: SQL[], terms: Term[], cursor: SearchCursor | null, limit: number) {
  const inTitle = sql`p.title_vector @@ to_tsquery('simple', ${terms.map((t) => `${t.text}:*`).join(' | ')})`;
  const all = sql.join(where, sql` and `);
  const recent = sql`select p.id, p.last_met_at from people p where ${all} and ${inTitle}
                      order by p.last_met_at desc nulls last, p.id limit ${RANKED_LIMIT}`;
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
                left join organisations o on o.id = p.organisation_id
                left join sectors s on s.id = p.effective_sector_id
              window edge as (order by p.last_met_at desc nulls last, p.id
                              rows between unbounded preceding and unbounded following)) x
            ${cursor ? sql`where ${keyset(cursor, true)}` : sql``}
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
  const lower = await rows<ListRow>(
    conn,
    sql`select ${selectRow(sql`round(${terms.length}::numeric, 6)`, true)}
          from people p
          left join organisations o on o.id = p.organisation_id
          left join sectors s on s.id = p.effective_sector_id
         where ${all} and ${notRanked}${after}
         order by p.last_met_at desc nulls last, p.id
         limit ${limit + 1 - upper.length}`,
  );
  return [...upper, ...lower];
}
