import { z } from 'zod';
import type { EndpointDoc } from '@/lib/api/openapi';
import { INTERACTION_KINDS } from '@/lib/interactions/kinds';
import { reviewQuerySchema } from './week';

/** The weekly review as the API answers it. */
export const reviewResponse = z.object({
  week: z.string().describe('ISO week, e.g. 2026-W23'),
  from: z.string().describe('Monday, YYYY-MM-DD in the user’s time zone'),
  to: z.string().describe('Sunday, YYYY-MM-DD'),
  previousWeek: z.string(),
  nextWeek: z.string(),
  timeZone: z.string(),
  events: z.array(
    z.object({ id: z.uuid(), title: z.string(), startsAt: z.string(), venue: z.string().nullable(), series: z.string().nullable(), people: z.number().int() }),
  ),
  people: z.array(z.object({ id: z.uuid(), displayName: z.string(), events: z.array(z.string()) })),
  contacts: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(INTERACTION_KINDS),
      occurredOn: z.string().describe('YYYY-MM-DD'),
      note: z.string().nullable().describe('The note’s first line'),
      person: z.object({ id: z.uuid(), displayName: z.string() }),
    }),
  ),
  done: z.array(z.object({ id: z.uuid(), action: z.string(), doneAt: z.string(), person: z.string().nullable() })),
  slipped: z.array(z.object({ id: z.uuid(), action: z.string(), dueOn: z.string(), person: z.string().nullable() })),
  dueContacts: z.array(z.object({ id: z.uuid(), displayName: z.string(), dueOn: z.string() })).describe('The first 50; totals.dueContacts counts them all'),
  totals: z
    .object({
      events: z.number().int(),
      people: z.number().int(),
      contacts: z.number().int(),
      done: z.number().int(),
      slipped: z.number().int(),
      dueContacts: z.number().int(),
    })
    .describe('How many each list holds in all'),
  olderOverdue: z.number().int().describe('Follow-ups due before the week (and before today) still open: overdue, but not the week’s to have slipped'),
});

const tags = ['Review'];

export const reviewEndpoints: EndpointDoc[] = [
  {
    method: 'get',
    path: '/api/v1/review',
    summary:
      'The weekly review: `week` (2026-W23, or any day of the week), else last week (on a Sunday, the week ending that day); events, people met or spoken with at them, contacts logged (calls, coffees…) on its days, follow-ups done and slipped (due that week before today, still open), people due a contact (the first 50, with the total). Weeks start on Monday in the user’s time zone',
    tags,
    query: reviewQuerySchema,
    responses: { 200: { description: 'The review', schema: reviewResponse } },
  },
  {
    method: 'get',
    path: '/api/v1/review/markdown',
    summary: 'The same review as a Markdown download (text/markdown, with a filename)',
    tags,
    query: reviewQuerySchema,
    responses: { 200: { description: 'Markdown', schema: z.string(), contentType: 'text/markdown' } },
  },
];
