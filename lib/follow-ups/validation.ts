import { z } from 'zod';
import { isIsoDay } from './dates';

const noNul = (s: string) => !s.includes('\u0000');
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const actionText = z
  .string({ error: 'Say what you will do' })
  .trim()
  .min(1, 'Say what you will do')
  .max(500, 'Keep it under 500 characters')
  .refine(noNul, 'Remove the invalid character');

export const dueDay = z
  .string()
  .trim()
  .refine(isIsoDay, 'Enter a date like 2026-04-23')
  .refine((d) => d >= '2000-01-01' && d <= '2100-12-31', 'Choose a date between 2000 and 2100');

const optionalUuid = (what: string) => z.preprocess(blankToUndefined, z.uuid({ error: `Choose a ${what} from the list` }).optional());

/** A new follow-up, from a form or the API. `due` null or absent means no date; unknown keys are refused. */
export const createFollowUpSchema = z.strictObject({
  action: actionText,
  due: z.preprocess(blankToUndefined, dueDay.nullable().optional()),
  personId: optionalUuid('person'),
  eventId: optionalUuid('event'),
});
export type CreateFollowUpInput = z.infer<typeof createFollowUpSchema>;

/** A partial edit; `version` is the copy the editor read (optional for API callers that don't care). */
export const updateFollowUpSchema = z
  .object({
    action: actionText.optional(),
    due: z.preprocess(blankToUndefined, dueDay.nullable().optional()),
    status: z.enum(['open', 'done']).optional(),
    /** Who it is with; null for no one. */
    personId: z.uuid({ error: 'Choose a person from the list' }).nullable().optional(),
    version: z.coerce.number().int().positive().optional(),
  })
  .strict();
export type UpdateFollowUpInput = z.infer<typeof updateFollowUpSchema>;

/** Where a snooze moves a follow-up. */
export const snoozeSchema = z.union([z.enum(['tomorrow', 'next-week']), dueDay]);
export type SnoozeTarget = z.infer<typeof snoozeSchema>;

/** List filters, from the page's query string or the API. Unknown or malformed values are refused. */
export const listFiltersSchema = z.object({
  status: z.enum(['open', 'done']).optional(),
  due: z.enum(['overdue', 'today', 'week', 'later', 'none']).optional(),
  person: optionalUuid('person'),
  event: optionalUuid('event'),
  sector: optionalUuid('sector'),
});
export type ListFilters = z.infer<typeof listFiltersSchema>;

/** The API's list query: the filters plus a page size and the cursor from the previous page. */
export const listQuerySchema = listFiltersSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,7}$/, 'Use the nextCursor from the previous page')
    .optional(),
});
