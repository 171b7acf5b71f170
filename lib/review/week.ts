import { z } from 'zod';
import { addDays, isIsoDay, mondayOf, mondayOfIsoWeek, weekdayOf } from '@/lib/dates';

/** Weeks run Monday to Sunday (ISO 8601), in the user's time zone; the day arithmetic is lib/dates.ts. */

/** `?week=2026-W23` or `?week=2026-06-01` (any day: its week); absent, the latest week to reach its Sunday (reviewMonday). */
export const reviewQuerySchema = z.object({
  week: z
    .string()
    .trim()
    .max(20)
    .optional()
    .refine((w) => !w || mondayOfIsoWeek(w) !== null || (isIsoDay(w) && w >= '1900-01-01' && w <= '2200-12-31'), {
      message: 'Use a week like 2026-W23 or a date like 2026-06-01',
    }),
});

/**
 * The Monday the review shows: the given week, else the latest week to reach its Sunday by `today` (the user's
 * today): last week, except on a Sunday, when the week ending that day is the one to look back on.
 */
export function reviewMonday(week: string | undefined, today: string): string {
  if (week) return mondayOfIsoWeek(week) ?? mondayOf(week);
  return weekdayOf(today) === 0 ? mondayOf(today) : addDays(mondayOf(today), -7);
}
