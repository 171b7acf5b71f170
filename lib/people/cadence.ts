import { addDays } from '@/lib/dates';

/**
 * A keep-in-touch cadence: every so many calendar months (in the user's time zone: 31 January + 1 month is the last
 * day of February), every so many days, or 'none' (a person's own choice, which overrides their sector's default).
 * No zod here: client components import these labels (zod's schemas live in ./cadence-schema.ts, and zod probes
 * `new Function` in the browser, which the CSP reports). Stored as two columns (people/sectors.keep_in_touch_unit and _every); the database turns it into next_contact_due.
 */
export type Cadence = { unit: 'none'; every: null } | { unit: 'days'; every: number } | { unit: 'months'; every: 1 | 3 | 6 | 12 };

const MONTHS = [1, 3, 6, 12] as const;
export const MAX_DAYS = 3650;

/** The choices a form offers, in order; 'days' comes with a number of days. */
export const CADENCE_CHOICES = ['none', 'monthly', 'quarterly', 'twice-a-year', 'yearly', 'days'] as const;
export type CadenceChoice = (typeof CADENCE_CHOICES)[number];

export const CHOICE_LABELS: Record<CadenceChoice, string> = {
  none: 'None',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  'twice-a-year': 'Twice a year',
  yearly: 'Yearly',
  days: 'Every so many days',
};

export const CHOICE_MONTHS: Partial<Record<CadenceChoice, 1 | 3 | 6 | 12>> = { monthly: 1, quarterly: 3, 'twice-a-year': 6, yearly: 12 };

/** The form's choice for a cadence ('' when it follows the sector). */
export function choiceOf(c: Cadence | null): CadenceChoice | '' {
  if (!c) return '';
  if (c.unit === 'none') return 'none';
  if (c.unit === 'days') return 'days';
  return (Object.keys(CHOICE_MONTHS) as CadenceChoice[]).find((k) => CHOICE_MONTHS[k] === c.every) ?? 'monthly';
}

/** "Monthly", "Every 45 days", "None". */
export function cadenceLabel(c: Cadence): string {
  if (c.unit === 'none') return 'None';
  if (c.unit === 'days') return c.every === 1 ? 'Every day' : `Every ${c.every} days`;
  return CHOICE_LABELS[choiceOf(c) as CadenceChoice];
}

/** A cadence as one string ('' when it follows the sector): what the keep-in-touch form read, to tell if it changed since. */
export function cadenceKey(c: Cadence | null): string {
  return c ? `${c.unit}:${c.every ?? ''}` : '';
}

/** The two stored columns as a cadence (null: not set). */
export function cadenceFromColumns(unit: string | null, every: number | null): Cadence | null {
  if (unit === 'none') return { unit: 'none', every: null };
  if (unit === 'days' && every) return { unit: 'days', every };
  if (unit === 'months' && every && (MONTHS as readonly number[]).includes(every)) return { unit: 'months', every: every as 1 | 3 | 6 | 12 };
  return null;
}

/** A cadence as the columns store it (null clears it). */
export function cadenceColumns(c: Cadence | null): { keepInTouchUnit: Cadence['unit'] | null; keepInTouchEvery: number | null } {
  return { keepInTouchUnit: c?.unit ?? null, keepInTouchEvery: c?.every ?? null };
}

/** How far a snooze reaches: a week, or a month (a calendar month, like a monthly cadence). */
export const SNOOZE_TARGETS = ['week', 'month'] as const;
export type ContactSnooze = (typeof SNOOZE_TARGETS)[number];

/** The day a snooze ends, from the user's today. */
export function contactSnoozeDay(target: ContactSnooze, today: string): string {
  if (target === 'week') return addDays(today, 7);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate(); // days in the next month
  return new Date(Date.UTC(y, m, Math.min(d, last))).toISOString().slice(0, 10);
}
