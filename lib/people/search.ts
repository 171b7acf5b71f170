import { sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import { displayName } from './display-name';
import { listPage, termMatch, tieredPage, type Term } from './search-list';
import { decodeCursor, encodeCursor, fuzzyEligible, searchTerms } from './search-terms';
import type { LastMet, SearchParams } from './validation';
import { isUuid } from '@/lib/ids';

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
  /** How many people match the query and every filter (at most COUNT_LIMIT: see totalCapped). */
  total: number;
  /** True when more than `total` people match: show "1,000+". */
  totalCapped: boolean;
  /** True when the facet counts stopped at the COUNT_LIMIT most recently met matches: each is then a lower bound. */
  facetsCapped: boolean;
  /** True when no one matched every word and the list shows people matching some of them. */
  loose: boolean;
}

/** The pseudo-sector for people whose own and organisation's sector are both unset. */
export const NO_SECTOR = 'none';

const uuidList = (ids: string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

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
  const uuids = values.filter((v) => isUuid(v));
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

/** People whose effective sector (their own, else their organisation's) is one of these, or none with `none`. */
function sectorFilter(ids: string[], none: boolean): SQL {
  const parts: SQL[] = [];
  if (ids.length) parts.push(sql`p.effective_sector_id in (${uuidList(ids)})`);
  if (none) parts.push(sql`p.effective_sector_id is null`);
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
  const sector = params.sector.length ? sectorFilter(sectorIds, none) : null;
  return { base, sector, sectorIds, none };
}

function textMatch(terms: Term[], loose: boolean): SQL | null {
  if (terms.length === 0) return null;
  return sql`(${sql.join(terms.map(termMatch), loose ? sql` or ` : sql` and `)})`;
}

/**
 * How many matches are counted one by one. Past this, facet counts and the total are lower bounds ("1,000+"):
 * counting the 35,000 people who were at the CIO Club would read 35,000 rows for every keystroke.
 */
export const COUNT_LIMIT = 1000;

/** Per-sector counts of the matches, and whether they were cut off at COUNT_LIMIT matches. */
async function sectorFacets(conn: DbOrTx, userId: string, where: SQL[], p: Plan): Promise<[SectorFacet[], boolean]> {
  // With no text and no filter but the user (the page as first opened), the exact counts come from an
  // index-only scan of people_user_effective_sector_idx; anything else is counted up to the limit.
  const unfiltered = where.length === p.base.length && p.base.length === 2;
  const counts = await rows<{ sector_id: string | null; n: number | string }>(
    conn,
    unfiltered
      ? sql`select p.effective_sector_id as sector_id, count(*) as n from people p
             where ${sql.join(where, sql` and `)} group by 1`
      : // The most recently met matches (an index walk that stops early, or the few matches sorted).
        sql`select m.sector_id, count(*) as n from (
              select p.effective_sector_id as sector_id from people p
               where ${sql.join(where, sql` and `)}
               order by p.last_met_at desc nulls last, p.id limit ${COUNT_LIMIT + 1}) m
             group by 1`,
  );
  const capped = !unfiltered && counts.reduce((n, c) => n + Number(c.n), 0) > COUNT_LIMIT;
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
  return [facets, capped];
}

/** Matches of the query and every filter, counted up to COUNT_LIMIT (and one more, to know it was passed). */
async function boundedCount(conn: DbOrTx, where: SQL[]): Promise<number> {
  const [row] = await rows<{ n: number | string }>(
    conn,
    sql`select count(*) as n from (select 1 from people p where ${sql.join(where, sql` and `)}
                                     order by p.last_met_at desc nulls last, p.id limit ${COUNT_LIMIT + 1}) m`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Searches one user's people by what the user remembers (every word, found exactly or with typos, in name,
 * role, organisation, sector, notes, topics and events), combined with filters; ranked by relevance then
 * last met; one keyset page at a time, with per-sector counts for the same query and filters.
 */
export async function searchPeople(userId: string, params: SearchParams, conn: DbOrTx = db): Promise<PeopleSearchResult> {
  const p = await plan(conn, userId, params);
  const words = searchTerms(params.q);
  const cursor = decodeCursor(params.cursor);
  const limit = params.limit;
  const run = async (terms: Term[], loose: boolean) => {
    const facetWhere = [...p.base, ...[textMatch(terms, loose)].filter((x): x is SQL => x !== null)];
    const where = p.sector ? [...facetWhere, p.sector] : facetWhere;
    // Exact words, every one required: the page need not rank every match (see tieredPage).
    const tiered = terms.length > 0 && !loose && terms.every((t) => !t.fuzzy);
    // Facets and the page are independent: on a pool they run side by side.
    const [[facets, capped], found] = await Promise.all([
      sectorFacets(conn, userId, facetWhere, p),
      tiered ? tieredPage(conn, where, terms, cursor, limit) : listPage(conn, where, terms, loose, cursor, limit),
    ]);
    const sum = facets.reduce((n, f) => n + (p.sector === null || f.selected ? f.count : 0), 0);
    const total = capped && p.sector ? await boundedCount(conn, where) : sum;
    const totalCapped = capped && total > COUNT_LIMIT;
    return { facets, capped, found, total: totalCapped ? COUNT_LIMIT : total, totalCapped };
  };
  const none = (r: { facets: SectorFacet[] }) => r.facets.every((f) => f.count === 0);

  // Words are first matched exactly. Only when that finds no one is each word checked (does anyone have it?),
  // to retry the ones nobody has as typos, and then, still with no one, any word instead of every word.
  let loose = cursor?.l ?? false;
  let terms: Term[] = loose ? await resolveTerms(conn, userId, words) : words.map((text) => ({ text, fuzzy: false }));
  let r = await run(terms, loose);
  if (!loose && words.length > 0 && none(r)) {
    const resolved = await resolveTerms(conn, userId, words);
    if (resolved.some((t) => t.fuzzy)) {
      terms = resolved;
      r = await run(terms, false);
    }
    if (!cursor && terms.length > 1 && none(r)) {
      loose = true;
      r = await run(terms, true);
    }
  }
  const ranked = terms.length > 0;
  const { facets, found, total } = r;

  const page = found.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    found.length > limit && last
      ? encodeCursor({
          s: ranked && last.score !== null ? String(last.score) : null,
          m: last.met_key,
          i: last.id,
          l: loose || undefined,
          t: last.lower || undefined,
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
    facetsCapped: r.capped,
    totalCapped: r.totalCapped,
    loose,
  };
}
