import { z } from 'zod';
import { CADENCE_CHOICES, CHOICE_MONTHS, MAX_DAYS, type Cadence } from './cadence';

/** The zod side of keep-in-touch cadences (lib/people/cadence.ts holds the plain rules, which pages in the browser use). */

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
