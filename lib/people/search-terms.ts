import { z } from 'zod';
import { cursorCodec } from '@/lib/validation/cursor';
import { YEAR_RANGE_MESSAGE, yearInRange } from '@/lib/validation/dates';

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
const MAX_TERMS = 8;

/** Lower-cased words of the query (letters and digits of any script), filler dropped, de-duplicated. */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  const words = (
    q
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:['’.&-][\p{L}\p{N}]+)*/gu) ?? []
  )
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
  /**
   * The order the page was in (absent on cursors from before orders could be chosen: best match or last met), and for
   * a list sorted by name or by when added, the last row's key in it (null: no name or role).
   */
  o?: 'score' | 'met' | 'name' | 'added';
  k?: string | null;
}

/**
 * The cursor in the URL, checked with zod on the way back in: a score as an exact decimal, last met as Postgres
 * printed it (within the years Rapport accepts), the last row's id.
 */
/** A time as Postgres prints a timestamptz, within the years Rapport accepts. */
const instant = z
  .string()
  .regex(/^\d{4}-\d\d-\d\d[0-9T:. +-]{0,30}$/)
  .refine((m) => yearInRange(Number(m.slice(0, 4))), YEAR_RANGE_MESSAGE);

export const searchCursor = cursorCodec(
  z
    .object({
      s: z
        .string()
        .regex(/^-?\d{1,6}(\.\d{1,6})?$/)
        .nullable(),
      m: instant.nullable(),
      i: z.uuid(),
      l: z
        .boolean()
        .optional()
        .transform((l) => l === true),
      t: z
        .boolean()
        .optional()
        .transform((t) => t === true || undefined),
      o: z.enum(['score', 'met', 'name', 'added']).optional(),
      // A name or role lower-cased (at most 200 characters, a few more where lower-casing adds marks; null for someone with
      // neither), or a creation time as Postgres printed it: checked as the order says, below.
      k: z.string().max(400).nullable().optional(),
    })
    .refine(
      (c) => (c.o === 'name' ? c.k !== undefined : c.o === 'added' ? typeof c.k === 'string' && instant.safeParse(c.k).success : c.k === undefined),
      'A cursor’s key must be of its order',
    ),
  // Room for a name of 200 characters outside ASCII (up to 4 bytes each, then base64).
  1_600,
);

/** Opaque cursor for the URL. */
export const encodeCursor = (c: SearchCursor): string => searchCursor.encode(c);

/** Reads a cursor back; anything malformed is treated as "no cursor" (first page): the query schema refused it already. */
export function decodeCursor(raw: string | undefined): SearchCursor | null {
  return raw ? searchCursor.read(raw) : null;
}
