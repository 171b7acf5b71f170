/** Calendar-day arithmetic on 'YYYY-MM-DD' strings: a due date is a day, not an instant, so no time zone applies. */

import { dateFormat } from '@/lib/intl';

export type DueGroup = 'overdue' | 'today' | 'week' | 'later' | 'none';

/** Each group's heading, in the order the list shows them. */
export const GROUP_TITLES: Record<DueGroup, string> = {
  overdue: 'Overdue',
  today: 'Today',
  week: 'This week',
  later: 'Later',
  none: 'No date',
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar day (YYYY-MM-DD) an instant falls on in an IANA time zone. */
export function dayIn(timeZone: string, instant: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** True for a real calendar day written as YYYY-MM-DD (2026-02-30 is refused). */
export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The day `n` days after `day` (negative goes back). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The last day of "This week": the six days after today, so the group never empties on a Sunday. */
export function weekEndFrom(today: string): string {
  return addDays(today, 6);
}

/** The Monday after `today` (a week on when today is a Monday): what "snooze to next week" means. */
export function nextMonday(today: string): string {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  const ahead = (8 - weekday) % 7 || 7;
  return addDays(today, ahead);
}

/** Which group an open follow-up falls in, given today in the user's time zone. */
export function dueGroup(dueOn: string | null, today: string): DueGroup {
  if (!dueOn) return 'none';
  if (dueOn < today) return 'overdue';
  if (dueOn === today) return 'today';
  if (dueOn <= weekEndFrom(today)) return 'week';
  return 'later';
}

/** "Tuesday 23 April 2026" in the user's locale. */
export function formatDay(day: string, locale = 'en-GB', style: 'long' | 'short' = 'long'): string {
  const d = new Date(`${day}T12:00:00Z`);
  const opts: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
      : { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' };
  const fmt = dateFormat(locale, opts);
  // "Thursday 23 April 2026": the comma some ICU versions put after the weekday reads as clutter.
  return fmt
    .formatToParts(d)
    .map((p, i, all) => (p.type === 'literal' && all[i - 1]?.type === 'weekday' ? ' ' : p.value))
    .join('');
}

/** "Today", "Tomorrow", "Yesterday", "5 days overdue", or null when a date says it better. */
export function relativeDue(dueOn: string, today: string): string | null {
  if (dueOn === today) return 'Today';
  if (dueOn === addDays(today, 1)) return 'Tomorrow';
  if (dueOn === addDays(today, -1)) return 'Yesterday';
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / 86_400_000);
  return days > 1 && days < 14 ? `${days} days overdue` : null;
}

/** A due date as people say it: "Today", "Tomorrow", "Yesterday", "3 days overdue", or the date. */
export function dueLabel(dueOn: string | null, today: string, locale = 'en-GB'): string {
  if (!dueOn) return 'No date';
  return relativeDue(dueOn, today) ?? formatDay(dueOn, locale, 'short') + (dueOn.slice(0, 4) !== today.slice(0, 4) ? ` ${dueOn.slice(0, 4)}` : '');
}
