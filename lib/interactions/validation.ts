import { z } from 'zod';
import { cursorCodec } from '@/lib/validation/cursor';
import { isIsoDay } from '@/lib/dates';
import { dayInput } from '@/lib/validation/dates';
import { optionalText } from '@/lib/validation/text';
import { INTERACTION_KINDS } from './kinds';

export { MARKED_IN_TOUCH } from './kinds';

const kind = z.enum(INTERACTION_KINDS, { error: 'Choose call, coffee, email, message, meeting or other' });
/** A day the contact happened (no later than today in the user's time zone: checked where the zone is known). */
const occurredOn = dayInput();
const note = optionalText(2000, 'The note', { empty: null });

/** A new interaction, from the form or the API. */
export const createInteractionSchema = z.strictObject({
  personId: z.uuid({ error: 'Choose a person' }),
  kind,
  /** Absent: today in the user's time zone. */
  occurredOn: z.preprocess((v) => (v === '' ? undefined : v), occurredOn.optional()),
  note,
});
export type CreateInteractionInput = z.output<typeof createInteractionSchema>;

/** PATCH: the fields sent change; `version` is the copy read. */
export const patchInteractionSchema = z.strictObject({
  kind: kind.optional(),
  occurredOn: occurredOn.optional(),
  note: optionalText(2000, 'The note', { empty: null }),
  version: z.int({ error: 'Send the version you read (an integer)' }).positive(),
});
export type PatchInteractionInput = z.output<typeof patchInteractionSchema>;

/** Where a page of interactions stopped: the last one's day and id (newest first). */
export const interactionCursor = cursorCodec(z.tuple([z.string().refine(isIsoDay), z.uuid()]));

/** GET /api/v1/interactions. */
export const listInteractionsQuery = z.object({
  personId: z.uuid({ error: 'personId must be a person’s id' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().default(50),
  cursor: z.string().max(500).optional(),
});
