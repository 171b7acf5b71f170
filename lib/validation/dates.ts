import { z } from 'zod';
import { isIsoDay } from '@/lib/dates';

/**
 * The years a date typed into Rapport may fall in. Postgres refuses year 0 and JavaScript reaches year 275760, so
 * without a range a typo (0026, 20266) becomes a 500 or a date nobody meant.
 */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;
export const YEAR_RANGE_MESSAGE = `Choose a date between ${FIRST_YEAR} and ${LAST_YEAR}`;

/** True for a year inside the range above. */
export function yearInRange(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** True for an instant inside the years above. */
function inYearRange(d: Date): boolean {
  return !Number.isNaN(d.getTime()) && yearInRange(d.getUTCFullYear());
}

/** A calendar day, YYYY-MM-DD, real and within [from, to] (by default the years above). */
export function dayInput(opts: { from?: string; to?: string; rangeMessage?: string } = {}) {
  const from = opts.from ?? `${FIRST_YEAR}-01-01`;
  const to = opts.to ?? `${LAST_YEAR}-12-31`;
  return z
    .string({ error: 'Enter a date like 2026-04-23' })
    .trim()
    .refine(isIsoDay, 'Enter a date like 2026-04-23')
    .refine((d) => !isIsoDay(d) || (d >= from && d <= to), opts.rangeMessage ?? YEAR_RANGE_MESSAGE);
}

/** An instant with its offset (ISO 8601, e.g. 2026-04-23T18:30:00+01:00), within the years above, as a Date. */
export const instantInput = z.iso
  .datetime({ offset: true, local: false, error: 'Use a date and time like 2026-04-23T18:30:00+01:00' })
  .refine((s) => inYearRange(new Date(s)), YEAR_RANGE_MESSAGE)
  .transform((s) => new Date(s));

/** An instant as a cursor or an export writes it (any ISO form Date understands), within the years above. */
export const instantString = z
  .string()
  .max(40)
  .refine((s) => inYearRange(new Date(s)), YEAR_RANGE_MESSAGE);
