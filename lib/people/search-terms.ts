/**
 * Turning what the user typed into search terms. Pure, so it is tested without a database.
 */

// Words that carry no meaning in "the woman from the broadcaster who talked about audience data" or
// "who do I know in government": dropped unless the query is nothing but them.
const FILLER = new Set(
  (
    'a an and are at about by did do for from had has have he her him his i in is its know knew me met my ' +
    'of on or our she that the their them they this to was we were what when where which who whom with woman man ' +
    'guy lady person someone somebody people talked spoke said mentioned works working'
  ).split(' '),
);

/** At most this many words take part in a search: enough for any memory, bounded for the planner. */
export const MAX_TERMS = 8;

/** Lower-cased words of the query (letters and digits of any script), filler dropped, de-duplicated. */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  const words = (q.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+(?:['’.&-][\p{L}\p{N}]+)*/gu) ?? [])
    // Split as Postgres's parser splits what people wrote ("O'Brien" is the words o and brien), then drop the
    // single letters an apostrophe leaves ("it's", "d'Souza"), which would match almost anyone.
    .flatMap((w) => {
      const parts = w.split(/['’]/);
      const kept = parts.filter((p) => [...p].length > 1);
      return parts.length > 1 && kept.length ? kept : parts;
    })
    .flatMap((w) => (/[.&-]/.test(w) ? w.split(/[.&-]+/) : [w]))
    .filter(Boolean);
  const unique = [...new Set(words)];
  const meaningful = unique.filter((w) => !FILLER.has(w));
  return (meaningful.length ? meaningful : unique).slice(0, MAX_TERMS);
}

/** A term long enough to be corrected as a typo by trigram similarity (shorter ones only match as word prefixes). */
export function fuzzyEligible(term: string): boolean {
  return [...term].length >= 4;
}

export interface SearchCursor {
  /** Relevance score as a decimal string (exact), or null when the list is ordered by last met only. */
  s: string | null;
  /** last_met_at exactly as Postgres printed it (microseconds kept), or null for people never met. */
  m: string | null;
  /** The last row's id. */
  i: string;
  /** Whether the page came from the loose (any word) search. */
  l?: boolean;
  /** Whether the last row came from the lower tier of a tiered search (see search-list.ts). */
  t?: boolean;
}

/** Opaque cursor for the URL. */
export function encodeCursor(c: SearchCursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads a cursor back; anything malformed is treated as "no cursor" (first page), never an error. */
export function decodeCursor(raw: string | undefined): SearchCursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<SearchCursor>;
    if (typeof c.i !== 'string' || !UUID.test(c.i)) return null;
    const s = c.s === null || c.s === undefined ? null : String(c.s);
    if (s !== null && !/^-?\d{1,6}(\.\d{1,6})?$/.test(s)) return null;
    const m = c.m === null || c.m === undefined ? null : String(c.m);
    if (m !== null && !/^[0-9T:. +-]{10,40}$/.test(m)) return null;
    return { s, m, i: c.i, l: c.l === true, t: c.t === true || undefined };
  } catch {
    return null;
  }
}
