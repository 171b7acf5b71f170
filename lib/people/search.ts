import { deletedWithinWindow } from '@/lib/restore-window';
import { sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import { displayName } from './display-name';
import { peoplePerSector } from './sector-counts';
import { listPage, termsQuery, textMatch, tieredPage, titleFormsOf, vectorMatch, withTitleForms, type ListOrder, type Term } from './search-list';
import { decodeCursor, encodeCursor, fuzzyEligible, searchTerms } from './search-terms';
import type { LastMet, SearchParams } from './validation';
import { isUuid } from '@/lib/ids';
import { aliasContains } from '@/lib/organisations/find-or-create';
import { cadenceFromColumns, type Cadence } from '@/lib/people/cadence';
import { normaliseTopic } from '@/lib/topics/normalise';

export interface PersonListItem {
  id: string;
  name: string | null;
  displayName: string;
  role: string | null;
  email: string | null;
  lastMetAt: Date | null;
  addedAt: Date;
  /** The person's own keep-in-touch cadence (null: their sector's default). */
  keepInTouch: Cadence | null;
  nextContactDue: string | null;
  lastContactOn: string | null;
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
  /** True when more than `total` people match: show "500+". */
  totalCapped: boolean;
  /** True when the facet counts stopped at the first COUNT_LIMIT matches found: each is then a lower bound. */
  facetsCapped: boolean;
  /** True when no one matched every word and the list shows people matching some of them. */
  loose: boolean;
  /**
   * Each typed word with what it was taken to mean (the whole words it begins, or its corrections, and a job title
   * written out: "chief information officer" for "cio"), for matchReasons.
   */
  matchWords: string[][];
}

/** The pseudo-sector for people whose own and organisation's sector are both unset. */
export const NO_SECTOR = 'none';

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** More words than this begin with a typed prefix: it is matched as a prefix instead of listed ("d"). */
const MAX_EXPANSION = 32;
/** At most this many corrections of a typo, and none much further from it than the closest. */
const MAX_CORRECTIONS = 3;
const CORRECTION_SPREAD = 0.8;

/** The next string after every string that begins with `prefix`, in code-point (C collation) order. */
function prefixEnd(prefix: string): string {
  const points = [...prefix];
  const last = points.pop()!;
  return points.join('') + String.fromCodePoint(last.codePointAt(0)! + 1);
}

/** The word with each pair of neighbouring letters swapped in turn, without repeats or the word itself. */
function adjacentSwaps(word: string): string[] {
  // By code point, so a character outside the Basic Multilingual Plane is never split into broken halves.
  const chars = [...word];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    if (chars[i] === chars[i + 1]) continue;
    out.add([...chars.slice(0, i), chars[i + 1], chars[i], ...chars.slice(i + 2)].join(''));
  }
  return [...out];
}

/**
 * Looks each typed word up in the user's vocabulary: the whole words it begins, or, for a word that begins
 * none and is long enough for trigrams, the closest words to it (a typo), a swap of two letters first.
 */
async function expandTerms(conn: DbOrTx, userId: string, typedWords: string[]): Promise<Term[]> {
  // "chief information officer" is one term, which "cio" matches too; "cio" is looked up, and matches the title too.
  const { words: typed, titles } = withTitleForms(typedWords);
  if (typed.length === 0) return titles;
  const texts = sql.join(
    typed.map((w) => sql`${w}`),
    sql`, `,
  );
  const ends = sql.join(
    typed.map((w) => sql`${prefixEnd(w)}`),
    sql`, `,
  );
  const found = await rows<{ term: string; words: string[] }>(
    conn,
    sql`select t.term, array(
              select w.word from search_words w
               where w.user_id = ${userId}::uuid and w.word ~>=~ t.term and w.word ~<~ t.term_end
               order by w.word limit ${MAX_EXPANSION + 1}) as words
          from unnest(array[${texts}]::text[], array[${ends}]::text[]) as t(term, term_end)`,
  );
  const begun = new Map(found.map((r) => [r.term, r.words]));
  const terms: Term[] = typed.map((text) => {
    const words = begun.get(text) ?? [];
    const also = titleFormsOf(text);
    return { text, words: words.length > MAX_EXPANSION ? null : words, ...(also.length ? { also } : {}) };
  });
  // A short form nobody wrote ("cio") is no typo: the title it stands for is looked for instead.
  const typos = terms.filter((t) => t.words?.length === 0 && !t.also && fuzzyEligible(t.text));
  if (typos.length === 0) return [...terms, ...titles];
  // Two neighbouring letters swapped ("pirya") share too few trigrams with the word meant ("priya") to pass
  // the similarity threshold, so each swap is also looked up as it is: exact, indexed, and counted as a
  // perfect match.
  const swaps = typos.flatMap((t) => adjacentSwaps(t.text).map((swap) => ({ term: t.text, swap })));
  const [close, swapped] = await Promise.all([
    rows<{ term: string; word: string; sim: number }>(
      conn,
      sql`select t.term, c.word, c.sim from unnest(array[${sql.join(
        typos.map((t) => sql`${t.text}`),
        sql`, `,
      )}]::text[]) as t(term)
          cross join lateral (
            select w.word, similarity(w.word, t.term) as sim from search_words w
             where w.user_id = ${userId}::uuid and strpos(w.word, '@') = 0 and w.word % t.term
             order by sim desc, w.word limit ${MAX_CORRECTIONS}) c`,
    ),
    swaps.length
      ? rows<{ term: string; word: string }>(
          conn,
          sql`select s.term, w.word from unnest(array[${sql.join(
            swaps.map((s) => sql`${s.term}`),
            sql`, `,
          )}]::text[],
                                                array[${sql.join(
                                                  swaps.map((s) => sql`${s.swap}`),
                                                  sql`, `,
                                                )}]::text[]) as s(term, swap)
              join search_words w on w.user_id = ${userId}::uuid and w.word = s.swap`,
        )
      : Promise.resolve([]),
  ]);
  close.unshift(...swapped.map((s) => ({ ...s, sim: 1 })));
  for (const t of typos) {
    const mine = close.filter((c) => c.term === t.text);
    const best = mine[0]?.sim ?? 0;
    t.words = mine.filter((c) => c.sim >= best * CORRECTION_SPREAD).map((c) => c.word);
    t.corrected = t.words.length > 0;
  }
  return [...terms, ...titles];
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

/**
 * Ids of the user's sectors (exact names or ids) or organisations (names, or names merged into them, containing the
 * text; or ids).
 */
async function resolveIds(conn: DbOrTx, userId: string, table: 'sectors' | 'organisations', values: string[]) {
  if (values.length === 0) return [];
  const uuids = values.filter((v) => isUuid(v));
  const names = values.map((v) => v.toLowerCase());
  const found = await rows<{ id: string }>(
    conn,
    sql`select id from ${sql.identifier(table)}
        where user_id = ${userId}::uuid and deleted_at is null
          and (${
            table === 'organisations'
              ? sql.join(
                  // By its name, or a name merged into it.
                  names.map((n) => sql`(strpos(lower(name), ${n}) > 0 or ${aliasContains(sql`${sql.identifier(table)}`, n)})`),
                  sql` or `,
                )
              : sql`lower(name) in (${sql.join(
                  names.map((n) => sql`${n}`),
                  sql`, `,
                )})`
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

/** The same, one condition per sector. */
function sectorEach(ids: string[], none: boolean): SQL[] {
  return [...ids.map((id) => sql`p.effective_sector_id = ${id}::uuid`), ...(none ? [sql`p.effective_sector_id is null`] : [])];
}

interface Plan {
  base: SQL[];
  sector: SQL | null;
  /** The sector filter as one condition per chosen sector. */
  sectorEach: SQL[];
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
    // Any topic whose name, or a name merged into it, holds what was typed: the box filters as one types ("AI gov"
    // finds "AI governance"), and a topic's old name finds it still.
    const typed = normaliseTopic(params.topic);
    const topicIds = sql`(select x.id from topics x where x.user_id = ${userId}::uuid
      and (strpos(x.normalised_name, ${typed}) > 0
           or (jsonb_array_length(x.aliases) > 0 and exists (select 1 from jsonb_array_elements_text(x.aliases) a(alias) where strpos(a.alias, ${typed}) > 0))))`;
    base.push(sql`p.id in (
      select e.person_id from encounters e
        join events ev on ev.id = e.event_id and ev.user_id = ${userId}::uuid and ev.deleted_at is null
        join encounter_topics et on et.encounter_id = e.id and et.user_id = ${userId}::uuid
        join topics t on t.id = et.topic_id
       where e.user_id = ${userId}::uuid and t.user_id = ${userId}::uuid and t.id in ${topicIds}
      union
      select e.person_id from encounters e
        join events ev on ev.id = e.event_id and ev.user_id = ${userId}::uuid and ev.deleted_at is null
        join event_topics evt on evt.event_id = e.event_id and evt.user_id = ${userId}::uuid
        join topics t on t.id = evt.topic_id
       where e.user_id = ${userId}::uuid and t.user_id = ${userId}::uuid and t.id in ${topicIds}
      union
      select pt.person_id from person_topics pt
        join topics t on t.id = pt.topic_id
       where pt.user_id = ${userId}::uuid and t.user_id = ${userId}::uuid and t.id in ${topicIds})`);
  }
  if (params.met) base.push(lastMetFilter(params.met));
  if (params.imported) {
    // While it can be undone (the purge forgets it later): after that, no one, as the page says.
    base.push(sql`p.id in (select unnest(u.created) from import_undos u where u.user_id = ${userId}::uuid and u.id = ${params.imported}::uuid
      and ${deletedWithinWindow(sql`u.created_at`)})`);
  }
  const none = params.sector.some((s) => s.toLowerCase() === NO_SECTOR);
  const sectorIds = await resolveIds(
    conn,
    userId,
    'sectors',
    params.sector.filter((s) => s.toLowerCase() !== NO_SECTOR),
  );
  const sector = params.sector.length ? sectorFilter(sectorIds, none) : null;
  return { base, sector, sectorEach: sector ? sectorEach(sectorIds, none) : [], sectorIds, none };
}

/**
 * How many matches are counted one by one. Past this, facet counts and the total are lower bounds ("500+"):
 * counting the 35,000 people who were at the CIO Club would read 35,000 rows for every keystroke.
 */
export const COUNT_LIMIT = 500;

/** Title matches in a broad search's sample from which walking for them beats the title index (see run). */
const TITLE_WALK_HITS = 25;

/**
 * Runs a statement that must stop early without caring in what order it finds its rows, with Postgres told not
 * to read the whole table for it: a sequential scan would be "fast" for a word most people have, but its cost
 * grows with the table. It then takes the rows from the word index (fewer matches), or walks an index for a
 * word that most people have.
 */
async function withoutSeqScan<T extends Record<string, unknown>>(conn: DbOrTx, query: SQL): Promise<T[]> {
  return conn.transaction(async (tx) => {
    const [was] = await rows<{ seq: string }>(tx, sql`select current_setting('enable_seqscan') as seq, set_config('enable_seqscan', 'off', true)`);
    const out = await rows<T>(tx, query);
    // Inside a caller's transaction the setting would outlive this savepoint: put it back.
    if (conn !== db && was) await tx.execute(sql`select set_config('enable_seqscan', ${was.seq}, true)`);
    return out;
  });
}

interface Facets {
  facets: SectorFacet[];
  /** The counts stopped at COUNT_LIMIT matches: each is a lower bound. */
  capped: boolean;
  /** Of the matches counted, how many meet `hit` (see searchPeople). */
  hits: number;
}

/** Per-sector counts of the matches, whether they were cut off at COUNT_LIMIT matches, and how many were hits. */
async function sectorFacets(conn: DbOrTx, userId: string, where: SQL[], p: Plan, hasText: boolean, hit: SQL | null): Promise<Facets> {
  // With no text and no filter but the user (the page as first opened), the exact counts come from an
  // index-only scan of people_user_effective_sector_count_idx; anything else is counted up to the limit.
  const unfiltered = where.length === p.base.length && p.base.length === 2;
  const all = sql.join(where, sql` and `);
  type Count = { sector_id: string | null; n: number | string; hits: number | string };
  const counting: Promise<Count[]> = unfiltered
    ? peoplePerSector(conn, userId).then((bySector) => Object.entries(bySector).map(([id, n]) => ({ sector_id: id === '' ? null : id, n, hits: 0 })))
    : hasText
      ? // Words: the first matches the word index yields, in no particular order, so that a broad word stops
        // after COUNT_LIMIT rows instead of reading and sorting thousands. Past the limit, the counts are a
        // sample of the matches: lower bounds in proportion to the whole.
        withoutSeqScan<Count>(
          conn,
          sql`select m.sector_id, count(*) as n, count(*) filter (where m.hit) as hits from (
                select p.effective_sector_id as sector_id, ${hit ?? sql`false`} as hit from people p
                 where ${all} limit ${COUNT_LIMIT + 1}) m
              group by 1`,
        )
      : // Filters only: the most recently met matches, an index walk that stops early.
        rows<Count>(
          conn,
          sql`select m.sector_id, count(*) as n, 0 as hits from (
                select p.effective_sector_id as sector_id from people p where ${all}
                 order by p.last_met_at desc nulls last, p.id limit ${COUNT_LIMIT + 1}) m
              group by 1`,
        );
  const [counts, names] = await Promise.all([
    counting,
    rows<{ id: string; name: string }>(conn, sql`select id, name from sectors where user_id = ${userId}::uuid and deleted_at is null order by lower(name)`),
  ]);
  const capped = !unfiltered && counts.reduce((n, c) => n + Number(c.n), 0) > COUNT_LIMIT;
  const byId = new Map(counts.map((c) => [c.sector_id, Number(c.n)]));
  const facets: SectorFacet[] = names.map((s) => ({
    id: s.id,
    name: s.name,
    count: byId.get(s.id) ?? 0,
    selected: p.sectorIds.includes(s.id),
  }));
  const noneCount = byId.get(null) ?? 0;
  if (noneCount > 0 || p.none) facets.push({ id: null, name: 'No sector', count: noneCount, selected: p.none });
  return { facets, capped, hits: counts.reduce((n, c) => n + Number(c.hits), 0) };
}

/**
 * Searches one user's people by what the user remembers (every word, found exactly or with typos, in name,
 * role, organisation, sector, notes, topics and events), combined with filters; ranked by relevance then
 * last met; one keyset page at a time, with per-sector counts for the same query and filters.
 */
export async function searchPeople(userId: string, params: SearchParams, conn: DbOrTx = db): Promise<PeopleSearchResult> {
  const [p, terms] = await Promise.all([plan(conn, userId, params), expandTerms(conn, userId, searchTerms(params.q))]);
  const order: ListOrder = params.sort ?? (terms.length === 0 ? 'met' : 'score');
  // A cursor of another order (the sort changed, with the old page's link) starts the list again.
  const read = decodeCursor(params.cursor);
  const cursor = read && (read.o === order || (read.o === undefined && (order === 'score' || order === 'met'))) ? read : null;
  const limit = params.limit;
  const run = async (terms: Term[], loose: boolean) => {
    const text = (walk: boolean) => [textMatch(terms, loose, walk)].filter((x): x is SQL => x !== null);
    // Every word required: the page need not rank every match (see tieredPage).
    const tiered = terms.length > 0 && !loose && termsQuery(terms, false) !== null;
    // A hit is a match the page ranks first: a word in the title, in a chosen sector.
    const titleQuery = termsQuery(terms, true);
    const hit = tiered && titleQuery ? sql`(${vectorMatch('title_vector', titleQuery, true)} and ${p.sector ?? sql`true`})` : null;
    // Without words the page does not depend on the counts: on a pool both run side by side.
    const [{ facets, capped, hits }, unworded] = await Promise.all([
      sectorFacets(conn, userId, [...p.base, ...text(false)], p, terms.length > 0, hit),
      terms.length === 0 ? listPage(conn, [...p.base, ...(p.sector ? [p.sector] : [])], terms, loose, cursor, limit, order) : null,
    ]);
    // Past COUNT_LIMIT matches the words are broad: walking people in last-met order and checking each finds a
    // page after a few hundred rows, where gathering every match would read thousands (see vectorMatch). The
    // ranked title matches are walked for too when the sample holds plenty of them; when it holds few ("cio" in
    // Higher education, where CIOs are rare but the CIO Club was crowded), the title index finds them directly.
    const where = [...p.base, ...text(capped), ...(p.sector ? [p.sector] : [])];
    const walkTitles = capped && hits >= TITLE_WALK_HITS;
    const found = unworded
      ? unworded
      : tiered && order === 'score'
        ? await tieredPage(conn, where, terms, cursor, limit, p.sectorEach, walkTitles)
        : await listPage(conn, where, terms, loose, cursor, limit, order);
    const sum = facets.reduce((n, f) => n + (p.sector === null || f.selected ? f.count : 0), 0);
    let total = capped ? COUNT_LIMIT : sum;
    let totalCapped = capped;
    if (capped && p.sector) {
      // The counts were a sample: in the chosen sectors, a first page with no more after it is the exact
      // answer; anything else is at least what the sample and the page show.
      const exhausted = !cursor && found.length <= limit;
      total = exhausted ? found.length : Math.min(Math.max(sum, found.length), COUNT_LIMIT);
      totalCapped = !exhausted;
    }
    return { facets, capped, found, total, totalCapped };
  };
  const none = (r: { facets: SectorFacet[] }) => r.facets.every((f) => f.count === 0);

  // Every word must match (as typed, as the start of a word, or corrected). When no one matches them all, any
  // word will do, ranked by how many match: straight away when a word is one no one has, even corrected.
  let loose = cursor?.l ?? false;
  const hopeless = terms.length > 1 && termsQuery(terms, false) === null;
  if (!cursor && hopeless) loose = true;
  let r = await run(terms, loose);
  if (!loose && !cursor && terms.length > 1 && none(r)) {
    loose = true;
    r = await run(terms, true);
  }
  const { facets, found, total } = r;

  const page = found.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    found.length > limit && last
      ? encodeCursor(
          order === 'name' || order === 'added'
            ? { s: null, m: null, i: last.id, l: loose || undefined, o: order, k: last.sort_key ?? null }
            : {
                s: order === 'score' && last.score !== null ? String(last.score) : null,
                m: last.met_key,
                i: last.id,
                l: loose || undefined,
                t: last.lower || undefined,
                o: order,
              },
        )
      : null;

  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      displayName: displayName({ name: r.name, role: r.role, organisationName: r.organisation_name }),
      role: r.role,
      email: r.email,
      lastMetAt: r.last_met_ms === null ? null : new Date(Number(r.last_met_ms)),
      addedAt: new Date(Number(r.added_ms)),
      keepInTouch: cadenceFromColumns(r.kit_unit, r.kit_every === null ? null : Number(r.kit_every)),
      nextContactDue: r.next_contact_due,
      lastContactOn: r.last_contact_on,
      organisation: r.organisation_id ? { id: r.organisation_id, name: r.organisation_name ?? '' } : null,
      sector: r.sector_id ? { id: r.sector_id, name: r.sector_name ?? '' } : null,
    })),
    nextCursor,
    facets,
    total,
    facetsCapped: r.capped,
    totalCapped: r.totalCapped,
    loose,
    matchWords: terms.map((t) => [...new Set([t.text, ...(t.words ?? []), ...(t.also ?? []).map((run) => run.join(' '))])]),
  };
}
