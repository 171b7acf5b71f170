import { z } from 'zod';

/**
 * The one message for text Postgres cannot store as typed: a NUL byte (refused by Postgres) or half of an emoji
 * (a lone surrogate, which would be saved as a replacement character).
 */
export const CANNOT_STORE = 'Remove the invisible character that cannot be saved';

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when Postgres can store the text exactly as it is. */
export function storable(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** Trimmed, and for one-line values (names, roles, organisations) with runs of whitespace folded into one space. */
function tidy(s: string, oneLine: boolean): string {
  return (oneLine ? s.replace(/\s+/g, ' ') : s).trim();
}

/**
 * Optional text up to `max` characters: trimmed (one-line values folded), refused with CANNOT_STORE when it holds
 * a NUL or a lone surrogate. "", whitespace and null become `empty`: undefined unless told, null where the caller
 * means "clear this field" (an emptied form field, `""` or `null` in a PATCH). An absent field stays undefined, so
 * a write leaves it as it was.
 */
export function optionalText<E extends null | undefined = undefined>(max: number, label: string, opts: { oneLine?: boolean; empty?: E } = {}) {
  // `opts.empty ?? undefined` would turn null into undefined: an emptied field would then never clear.
  const empty = ('empty' in opts ? opts.empty : undefined) as E;
  return z
    .union([z.string(), z.null()])
    .optional()
    .refine((s) => typeof s !== 'string' || storable(s), CANNOT_STORE)
    .transform((s) => (s === undefined ? undefined : typeof s === 'string' ? tidy(s, !!opts.oneLine) : ''))
    .refine((s) => s === undefined || s.length <= max, `Keep ${label.toLowerCase()} to ${max} characters`)
    .transform((s): string | E | undefined => (s === undefined ? undefined : s || empty));
}

/** Required text up to `max` characters: trimmed (one-line values folded), `message` when empty, CANNOT_STORE as above. */
export function requiredText(max: number, message: string, opts: { oneLine?: boolean; tooLong?: string } = {}) {
  return z
    .string({ error: message })
    .refine(storable, CANNOT_STORE)
    .transform((s) => tidy(s, !!opts.oneLine))
    .pipe(
      z
        .string()
        .min(1, message)
        .max(max, opts.tooLong ?? `Keep it to ${max} characters`),
    );
}

/**
 * A search or filter word from a query string: trimmed, at most `max` characters, absent when empty. A character
 * that cannot be stored is dropped rather than refused: a search only reads, and a stale link should still work.
 */
export function queryText(max = 200) {
  return z
    .string()
    .max(max)
    .optional()
    .transform((s) => s?.replace(new RegExp(UNSTORABLE.source, 'g'), '').trim() || undefined);
}
