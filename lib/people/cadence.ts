import { z } from 'zod';
import { addDays } from '@/lib/dates';

/**
 * A keep-in-touch cadence: every so many calendar months (in the user's time zone: 31 January + 1 month is the last
 * day of February), every so many days, or 'none' (a person's own choice, which overrides their sector's default).
 * Stored as two columns (people/sectors.keep_in_touch_unit and _every); the database turns it into next_contact_due.
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

const CHOICE_MONTHS: Partial<Record<CadenceChoice, 1 | 3 | 6 | 12>> = { monthly: 1, quarterly: 3, 'twice-a-year': 6, yearly: 12 };

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

const daysCount = z.int({ error: 'Enter a whole number of days' }).min(1, 'Choose at least 1 day').max(MAX_DAYS, `Choose at most ${MAX_DAYS} days (ten years)`);

/** A cadence in the API: `{ unit: 'none' }`, `{ unit: 'days', every: 1..3650 }` or `{ unit: 'months', every: 1|3|6|12 }`. */
export const cadenceSchema = z.discriminatedUnion('unit', [
  z.strictObject({
    unit: z.literal('none'),
    every: z
      .null()
      .optional()
      .transform(() => null),
  }),
  z.strictObject({ unit: z.literal('days'), every: daysCount }),
  z.strictObject({
    unit: z.literal('months'),
    every: z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)], { error: 'Months are 1, 3, 6 or 12' }),
  }),
]);

/** The cadence as it leaves the API. */
export const cadenceResponse = z.object({ unit: z.enum(['none', 'days', 'months']), every: z.number().int().nullable() });

/**
 * A form's cadence fields: `keepInTouch` (a CadenceChoice, or '' for the sector default) and `keepInTouchDays`.
 * Answers the cadence (null for the default), or field errors under those names.
 */
export const cadenceFormSchema = z
  .object({
    keepInTouch: z
      .union([z.literal(''), z.enum(CADENCE_CHOICES, { error: 'Choose how often' })])
      .optional()
      .default(''),
    keepInTouchDays: z.string().max(10).optional().default(''),
  })
  .transform((v, ctx): Cadence | null => {
    if (v.keepInTouch === '') return null;
    if (v.keepInTouch === 'none') return { unit: 'none', every: null };
    if (v.keepInTouch === 'days') {
      const n = daysCount.safeParse(/^\s*\d+\s*$/.test(v.keepInTouchDays) ? Number(v.keepInTouchDays) : NaN);
      if (!n.success) {
        ctx.addIssue({ code: 'custom', path: ['keepInTouchDays'], message: `Enter a number of days from 1 to ${MAX_DAYS}` });
        return z.NEVER;
      }
      return { unit: 'days', every: n.data };
    }
    return { unit: 'months', every: CHOICE_MONTHS[v.keepInTouch]! };
  });

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
