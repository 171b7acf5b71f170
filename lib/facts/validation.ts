import { z } from 'zod';
import { queryText } from '@/lib/validation/text';
import { cursorCodec } from '@/lib/validation/cursor';

const optionalId = (label: string) =>
  z
    .union([z.literal(''), z.uuid({ error: `Choose a valid ${label}` })])
    .optional()
    .transform((s) => s || undefined);

/** Where the list stopped: score (exact decimal, "0" without a query), event date as Postgres printed it, event, position, fact. */
const cursorShape = z.object({
  s: z.string().regex(/^-?\d{1,6}(\.\d{1,6})?$/),
  d: z.string().regex(/^\d{4}-\d\d-\d\d[0-9T:. +-]{0,30}$/),
  e: z.uuid(),
  p: z.number().int().min(-1_000_000).max(1_000_000),
  i: z.uuid(),
});
export const factCursor = cursorCodec(cursorShape);
export type FactCursor = z.infer<typeof cursorShape>;

/** The /facts filters, as GET params (shareable URLs) and as the API's query string. */
export const factSearchSchema = z.object({
  q: queryText(200),
  speaker: optionalId('speaker'),
  organisation: optionalId('organisation'),
  sector: optionalId('sector'),
  topic: optionalId('topic'),
  event: optionalId('event'),
  cursor: factCursor.input,
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export type FactSearch = z.infer<typeof factSearchSchema>;

/** The filters whose choices are asked for: the selected ones are always among the answer. */
export const factFilterQuerySchema = factSearchSchema.pick({ speaker: true, organisation: true, sector: true, topic: true, event: true });

export const offTheRecordSchema = z.object({ offTheRecord: z.boolean({ error: 'Send true or false' }) });
