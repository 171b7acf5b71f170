/** When a follow-up is due, as the list groups it and people say it. A due date is a calendar day (lib/dates.ts). */

import { addDays, daysBetween, formatDay } from '@/lib/dates';

export type DueGroup = 'overdue' | 'today' | 'week' | 'later' | 'none';

/** Each group's heading, in the order the list shows them. */
export const GROUP_TITLES: Record<DueGroup, string> = {
  overdue: 'Overdue',
  today: 'Today',
  // The six days after today (weekEndFrom), not the calendar week: on a Sunday it holds the week to come.
  week: 'The week ahead',
  later: 'Later',
  none: 'No date',
};

/** The last day of "The week ahead": the six days after today, so the group never empties on a Sunday. */
export function weekEndFrom(today: string): string {
  return addDays(today, 6);
}

/**
 * The quick due dates, the same in every form: "Next week" is a week from today, whatever the day (on a Sunday,
 * "next Monday" was tomorrow, the same day as "Tomorrow").
 */
export const DUE_PRESETS = [
  { label: 'Tomorrow', days: 1 },
  { label: 'Next week', days: 7 },
  { label: 'In two weeks', days: 14 },
] as const;

/** The day a snooze target means, from the user's today: tomorrow, a week from today (as DUE_PRESETS), or the day given. */
export function snoozeDay(target: string, today: string): string {
  if (target === 'tomorrow') return addDays(today, 1);
  if (target === 'next-week') return addDays(today, 7);
  return target;
}

/** Which group an open follow-up falls in, given today in the user's time zone. */
export function dueGroup(dueOn: string | null, today: string): DueGroup {
  if (!dueOn) return 'none';
  if (dueOn < today) return 'overdue';
  if (dueOn === today) return 'today';
  if (dueOn <= weekEndFrom(today)) return 'week';
  return 'later';
}

/**
 * "Today", "Tomorrow", "Yesterday", "5 days overdue", "3 weeks overdue" (to nine weeks, so an overdue list reads one
 * way, not "Sun 22 Nov" beside "10 days overdue"), or null when a date says it better.
 */
export function relativeDue(dueOn: string, today: string): string | null {
  if (dueOn === today) return 'Today';
  if (dueOn === addDays(today, 1)) return 'Tomorrow';
  if (dueOn === addDays(today, -1)) return 'Yesterday';
  const days = daysBetween(dueOn, today);
  if (days > 1 && days < 14) return `${days} days overdue`;
  if (days >= 14 && days < 63) return `${Math.floor(days / 7)} weeks overdue`;
  return null;
}

/** A due date said on its own: "5 days overdue", "Due today", "Due Fri 12 Dec" (not "Due 5 days overdue"). */
export function dueSentence(dueOn: string, today: string, locale = 'en-GB'): string {
  const relative = relativeDue(dueOn, today);
  if (relative?.endsWith('overdue')) return relative;
  return `Due ${relative ? relative.toLowerCase() : dueLabel(dueOn, today, locale)}`;
}

/** A due date as people say it: "Today", "Tomorrow", "Yesterday", "3 days overdue", or the date. */
export function dueLabel(dueOn: string | null, today: string, locale = 'en-GB'): string {
  if (!dueOn) return 'No date';
  return relativeDue(dueOn, today) ?? formatDay(dueOn, locale, 'short') + (dueOn.slice(0, 4) !== today.slice(0, 4) ? ` ${dueOn.slice(0, 4)}` : '');
}
