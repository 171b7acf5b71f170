import { z } from 'zod';
import { isIsoDay } from '@/lib/dates';
import { cursorCodec } from '@/lib/validation/cursor';
import { dayInput, YEAR_RANGE_MESSAGE, yearInRange } from '@/lib/validation/dates';
import { requiredText } from '@/lib/validation/text';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const actionText = requiredText(500, 'Say what you will do', { tooLong: 'Keep it to 500 characters' });

/** A due day: a real calendar day, 2000 to 2100. */
export const dueDay = dayInput({ from: '2000-01-01', to: '2100-12-31', rangeMessage: 'Choose a date between 2000 and 2100' });

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

/** PATCH /api/v1/follow-ups/{id}: like every other PATCH, it names the version it read. */
export const patchFollowUpSchema = updateFollowUpSchema.extend({
  version: z.int({ error: 'Send the version you read (an integer)' }).positive(),
});

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

/** An instant as PostgreSQL prints it (microseconds kept, so the next page starts exactly after the last row). */
const keyInstant = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d\d-\d\d[0-9T:. +-]{0,30}$/)
  .refine((t) => yearInRange(Number(t.slice(0, 4))), YEAR_RANGE_MESSAGE);

/**
 * Where a page of follow-ups stopped: for open ones the last row's due day, creation and id (the list's order);
 * for done ones, when it was done and its id.
 */
export const followUpCursor = cursorCodec(
  z.union([z.strictObject({ d: z.string().refine(isIsoDay).nullable(), c: keyInstant, i: z.uuid() }), z.strictObject({ t: keyInstant, i: z.uuid() })]),
);
export type FollowUpCursor = z.output<typeof followUpCursor.input>;

/** The API's list query: the filters plus a page size and the cursor from the previous page. */
export const listQuerySchema = listFiltersSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: followUpCursor.input,
});
