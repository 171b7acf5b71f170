import { z } from 'zod';
import { isRealDay } from '@/lib/validation/dates';

/** Weeks run Monday to Sunday (ISO 8601), in the user's time zone. Days are YYYY-MM-DD strings. */

function utc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function shiftDay(day: string, days: number): string {
  const d = utc(day);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week holding `day`. */
export function mondayOf(day: string): string {
  const weekday = (utc(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return shiftDay(day, -weekday);
}

/** The ISO week name of the week starting on `monday`, e.g. 2026-W23 (the year that holds its Thursday). */
export function isoWeekName(monday: string): string {
  const thursday = shiftDay(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const firstMonday = mondayOf(`${year}-01-04`);
  const week = Math.round((utc(monday).getTime() - utc(firstMonday).getTime()) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week name, or null when there is no such week (2026-W54). */
export function mondayOfIsoWeek(name: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(name);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > 53) return null;
  const monday = shiftDay(mondayOf(`${year}-01-04`), (week - 1) * 7);
  return isoWeekName(monday) === name ? monday : null;
}

/** `?week=2026-W23` or `?week=2026-06-01` (any day: its week); absent, the week before `today`'s. */
export const reviewQuerySchema = z.object({
  week: z
    .string()
    .trim()
    .max(20)
    .optional()
    .refine((w) => !w || mondayOfIsoWeek(w) !== null || (isRealDay(w) && w >= '1900-01-01' && w <= '2200-12-31'), {
      message: 'Use a week like 2026-W23 or a date like 2026-06-01',
    }),
});

/** The Monday the review shows: the given week, else last week relative to `today` (the user's today). */
export function reviewMonday(week: string | undefined, today: string): string {
  if (week) return mondayOfIsoWeek(week) ?? mondayOf(week);
  return shiftDay(mondayOf(today), -7);
}
