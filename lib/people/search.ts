import { sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import { displayName } from './display-name';
import { decodeCursor, encodeCursor, fuzzyEligible, searchTerms, type SearchCursor } from './search-terms';
import type { LastMet, SearchParams } from './validation';

export interface PersonListItem {
  id: string;
  name: string | null;
  displayName: string;
  role: string | null;
  email: string | null;
  lastMetAt: Date | null;
  organisation: { id: string; name: string } | null;
  sector: { id: string; name: string } | null;
}

export interface SectorFacet {
  /** Sector id, or null for people with no sector at all. */
  id: string | null;
  name: string;
  count: number;
  selected: boolean;
}

export interface PeopleSearchResult {
  items: PersonListItem[];
  nextCursor: string | null;
  facets: SectorFacet[];
  /** How many people match the query and every filter. */
  total: number;
  /** True when no one matched every word and the list shows people matching some of them. */
  loose: boolean;
}

/** The pseudo-sector for people whose own and organisation's sector are both unset. */
export const NO_SECTOR = 'none';

const uuidList = (ids: string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
const prefixQuery = (term: string) => sql`to_tsquery('simple', ${`${term}:*`})`;

/**
 * How each word is matched. A word that some of the user's people have (as a word prefix) is matched exactly
 * through the full-text index; only a word nobody has, most likely a typo, falls back to trigram similarity.
 * Trying trigrams for every word would compare 100,000 long texts for a word as common as "head".
 */
interface Term {
  text: string;
  fuzzy: boolean;
}

async function resolveTerms(conn: DbOrTx, userId: string, allWords: string[]): Promise<Term[]> {
  // Words too short for trigrams are only ever matched exactly: no need to ask whether anyone has them.
  const words = allWords.filter(fuzzyEligible);
  if (words.length === 0) return allWords.map((w) => ({ text: w, fuzzy: false }));
  const found = await rows<{ term: string; known: boolean }>(
    conn,
    sql`select t.term, exists (
          select 1 from people p
           where p.user_id = ${userId}::uuid and p.deleted_at is null
             and p.search_vector @@ to_tsquery('simple', t.term || ':*')) as known
        from unnest(array[${sql.join(words.map((w) => sql`${w}`), sql`, `)}]::text[]) as t(term)`,
  );
  const known = new Map(found.map((r) => [r.term, r.known]));
  return allWords.map((w) => ({ text: w, fuzzy: known.get(w) === false }));
}

function termMatch(term: Term): SQL {
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

function lastMetFilter(met: LastMet): SQL {
  switch (met) {
    case '30d':
      return sql`p.last_met_at >= now() - interval '30 days'`;
    case '90d':
      return sql`p.last_met_at >= now() - interval '3 months'`;
    case '12m':
      return sql`p.last_met_at >= now() - interval '12 months'`;
    case 'older':
      return sql`p.last_met_at < now() - interval '12 months'`;
    case 'never':
      return sql`p.last_met_at is null`;
  }
}

/** Ids of the user's sectors (exact names or ids) or organisations (names containing the text, or ids). */
async function resolveIds(conn: DbOrTx, userId: string, table: 'sectors' | 'organisations', values: string[]) {
  if (values.length === 0) return [];
  const uuids = values.filter((v) => /^[0-9a-f-]{36}$/i.test(v));
  const names = values.map((v) => v.toLowerCase());
  const found = await rows<{ id: string }>(
    conn,
    sql`select id from ${sql.identifier(table)}
        where user_id = ${userId}::uuid
          and (${
            table === 'organisations'
              ? sql.join(names.map((n) => sql`strpos(lower(name), ${n}) > 0`), sql` or `)
              : sql`lower(name) in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})`
          }
               ${uuids.length ? sql`or id in (${uuidList(uuids)})` : sql``})`,
  );
  return found.map((r) => r.id);
}

/**
 * People whose effective sector is one of these (or none, with `none`): their own sector, else their
 * organisation's (a hashed subplan over the user's organisations in those sectors).
 */
function sectorFilter(userId: string, ids: string[], none: boolean): SQL {
  const parts: SQL[] = [];
  if (ids.length) {
    parts.push(sql`p.sector_id in (${uuidList(ids)})`);
    parts.push(sql`(p.sector_id is null and p.organisation_id in (
      select o2.id from organisations o2 where o2.user_id = ${userId}::uuid and o2.sector_id in (${uuidList(ids)})))`);
  }
  if (none) {
    parts.push(sql`(p.sector_id is null and (p.organisation_id is null or p.organisation_id in (
      select o2.id from organisations o2 where o2.user_id = ${userId}::uuid and o2.sector_id is null)))`);
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

interface Plan {
  base: SQL[];
  sector: SQL | null;
  sectorIds: string[];
  none: boolean;
}

async function plan(conn: DbOrTx, userId: string, params: SearchParams): Promise<Plan> {
  const base: SQL[] = [sql`p.user_id = ${userId}::uuid`, sql`p.deleted_at is null`];
  if (params.organisation.length) {
    const orgIds = await resolveIds(conn, userId, 'organisations', params.organisation);
    base.push(orgIds.length ? sql`p.organisation_id in (${uuidList(orgIds)})` : sql`false`);
  }
  if (params.role) base.push(sql`position(lower(${params.role}) in lower(coalesce(p.role, ''))) > 0`);
  if (params.event) {
    base.push(sql`p.id in (select e.person_id from encounters e
      where e.user_id = ${userId}::uuid and e.event_id = ${params.event}::uuid)`);
  }
  if (params.topic) {
    const normalised = params.topic.toLowerCase().replace(/\s+/g, ' ');
    base.push(sql`p.id in (
      select e.person_id from encounters e
        join events ev on ev.id = e.event_id and ev.deleted_at is null
        join encounter_topics et on et.encounter_id = e.id
        join topics t on t.id = et.topic_id
       where e.user_id = ${userId}::uuid and t.user_id = ${userId}::uuid and t.normalised_name = ${normalised}
      union
      select e.person_id from encounters e
        join events ev on ev.id = e.event_id and ev.deleted_at is null
        join event_topics evt on evt.event_id = e.event_id
        join topics t on t.id = evt.topic_id
       where e.user_id = ${userId}::uuid and t.user_id = ${userId}::uuid and t.normalised_name = ${normalised})`);
  }
  if (params.met) base.push(lastMetFilter(params.met));
  const none = params.sector.some((s) => s.toLowerCase() === NO_SECTOR);
  const sectorIds = await resolveIds(
    conn,
    userId,
    'sectors',
    params.sector.filter((s) => s.toLowerCase() !== NO_SECTOR),
  );
  const sector = params.sector.length ? sectorFilter(userId, sectorIds, none) : null;
  return { base, sector, sectorIds, none };
}

function textMatch(terms: Term[], loose: boolean): SQL | null {
  if (terms.length === 0) return null;
  return sql`(${sql.join(terms.map(termMatch), loose ? sql` or ` : sql` and `)})`;
}

async function sectorFacets(conn: DbOrTx, userId: string, where: SQL[], p: Plan): Promise<SectorFacet[]> {
  const counts = await rows<{ sector_id: string | null; n: number | string }>(
    conn,
    sql`select coalesce(p.sector_id, o.sector_id) as sector_id, count(*) as n
          from people p left join organisations o on o.id = p.organisation_id
         where ${sql.join(where, sql` and `)}
         group by 1`,
  );
  const byId = new Map(counts.map((c) => [c.sector_id, Number(c.n)]));
  const names = await rows<{ id: string; name: string }>(
    conn,
    sql`select id, name from sectors where user_id = ${userId}::uuid order by lower(name)`,
  );
  const facets: SectorFacet[] = names.map((s) => ({
    id: s.id,
    name: s.name,
    count: byId.get(s.id) ?? 0,
    selected: p.sectorIds.includes(s.id),
  }));
  const noneCount = byId.get(null) ?? 0;
  if (noneCount > 0 || p.none) facets.push({ id: null, name: 'No sector', count: noneCount, selected: p.none });
  return facets;
}

function keyset(c: SearchCursor, ranked: boolean): SQL {
  const id = sql`x.id > ${c.i}::uuid`;
  const met =
    c.m === null
      ? sql`(x.last_met_at is null and ${id})`
      : sql`(x.last_met_at < ${c.m}::timestamptz or x.last_met_at is null
            or (x.last_met_at = ${c.m}::timestamptz and ${id}))`;
  if (!ranked || c.s === null) return met;
  return sql`(x.score < ${c.s}::numeric or (x.score = ${c.s}::numeric and ${met}))`;
}

interface ListRow extends Record<string, unknown> {
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
}

/** One page of matches (plus one, to know whether there is more), best first. */
function listPage(conn: DbOrTx, where: SQL[], terms: Term[], loose: boolean, cursor: SearchCursor | null, limit: number) {
  const ranked = terms.length > 0;
  return rows<ListRow>(
    conn,
    sql`select x.id, x.name, x.role, x.email, x.last_met_ms, x.met_key, x.organisation_id, x.organisation_name,
               x.sector_id, x.sector_name, x.score from (
          select p.id, p.name, p.role, p.email, p.last_met_at,
                 (extract(epoch from p.last_met_at) * 1000)::float8 as last_met_ms, p.last_met_at::text as met_key,
                 p.organisation_id, o.name as organisation_name,
                 s.id as sector_id, s.name as sector_name,
                 ${ranked ? score(terms, loose) : sql`null::numeric`} as score
            from people p
            left join organisations o on o.id = p.organisation_id
            left join sectors s on s.id = coalesce(p.sector_id, o.sector_id)
           where ${sql.join(where, sql` and `)}
        ) x
        ${cursor ? sql`where ${keyset(cursor, ranked)}` : sql``}
        order by ${ranked ? sql`x.score desc,` : sql``} x.last_met_at desc nulls last, x.id
        limit ${limit + 1}`,
  );
}

/**
 * Searches one user's people by what the user remembers (every word, found exactly or with typos, in name,
 * role, organisation, sector, notes, topics and events), combined with filters; ranked by relevance then
 * last met; one keyset page at a time, with per-sector counts for the same query and filters.
 */
export async function searchPeople(userId: string, params: SearchParams, conn: DbOrTx = db): Promise<PeopleSearchResult> {
  const p = await plan(conn, userId, params);
  const terms = await resolveTerms(conn, userId, searchTerms(params.q));
  const cursor = decodeCursor(params.cursor);

  const ranked = terms.length > 0;
  const limit = params.limit;
  const run = (loose: boolean) => {
    const facetWhere = [...p.base, ...[textMatch(terms, loose)].filter((x): x is SQL => x !== null)];
    const where = p.sector ? [...facetWhere, p.sector] : facetWhere;
    // Facets and the page are independent: on a pool they run side by side.
    return Promise.all([sectorFacets(conn, userId, facetWhere, p), listPage(conn, where, terms, loose, cursor, limit)]);
  };
  let loose = cursor?.l ?? false;
  let [facets, found] = await run(loose);
  if (!cursor && !loose && terms.length > 1 && facets.every((f) => f.count === 0)) {
    loose = true;
    [facets, found] = await run(true);
  }
  const total = facets.reduce((n, f) => n + (p.sector === null || f.selected ? f.count : 0), 0);

  const page = found.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    found.length > limit && last
      ? encodeCursor({
          s: ranked && last.score !== null ? String(last.score) : null,
          m: last.met_key,
          i: last.id,
          l: loose || undefined,
        })
      : null;

  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      displayName: displayName({ name: r.name, role: r.role, organisationName: r.organisation_name }),
      role: r.role,
      email: r.email,
      lastMetAt: r.last_met_ms === null ? null : new Date(Number(r.last_met_ms)),
      organisation: r.organisation_id ? { id: r.organisation_id, name: r.organisation_name ?? '' } : null,
      sector: r.sector_id ? { id: r.sector_id, name: r.sector_name ?? '' } : null,
    })),
    nextCursor,
    facets,
    total,
    loose,
  };
}
