import { z } from 'zod';
import type { EndpointDoc } from '@/lib/api/openapi';
import { createFollowUpSchema, listQuerySchema, patchFollowUpSchema } from './validation';

/** A follow-up as the API answers: the serializer of every route that returns one. */
export const followUpResponse = z.object({
  id: z.uuid(),
  action: z.string(),
  due: z.string().nullable().describe('YYYY-MM-DD, a day in the user’s time zone'),
  status: z.enum(['open', 'done']),
  doneAt: z.string().nullable(),
  version: z.number().int(),
  snoozes: z.number().int().describe('How often it was snoozed from the app (an edit of `due` is not a snooze)'),
  firstDue: z.string().nullable().describe('YYYY-MM-DD: the day it was due before the first snooze; null if never snoozed'),
  person: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  event: z.object({ id: z.uuid(), title: z.string() }).nullable(),
});

/** A page of follow-ups. */
export const followUpListResponse = z.object({ items: z.array(followUpResponse), nextCursor: z.string().nullable() });
const tags = ['Follow-ups'];

/** The follow-up and calendar endpoints, for the OpenAPI document. */
export const followUpEndpoints: EndpointDoc[] = [
  {
    method: 'get',
    path: '/api/v1/follow-ups',
    summary:
      'List follow-ups (open by default, soonest due first; done ones most recently done first), `limit` a page (default 200, at most 500) with `nextCursor` for the next. `due` is relative to today in the user’s time zone: overdue, today, week (the six days after today), later, none (no date)',
    tags,
    query: listQuerySchema,
    responses: {
      200: { description: 'The follow-ups', schema: followUpListResponse },
    },
  },
  {
    method: 'post',
    path: '/api/v1/follow-ups',
    summary: 'Add a follow-up',
    tags,
    body: createFollowUpSchema,
    idempotent: true,
    responses: { 201: { description: 'Created', schema: followUpResponse } },
  },
  {
    method: 'get',
    path: '/api/v1/follow-ups/{id}',
    summary: 'One follow-up',
    tags,
    responses: { 200: { description: 'The follow-up', schema: followUpResponse } },
  },
  {
    method: 'patch',
    path: '/api/v1/follow-ups/{id}',
    summary: 'Change the action, due date (null clears it), person or status, from the `version` read (required)',
    tags,
    body: patchFollowUpSchema,
    responses: { 200: { description: 'Updated', schema: followUpResponse }, 409: { description: 'Changed since `version`; `current` holds the saved copy' } },
  },
  {
    method: 'delete',
    path: '/api/v1/follow-ups/{id}',
    summary: 'Delete a follow-up',
    tags,
    responses: { 204: { description: 'Deleted' } },
  },
  {
    method: 'get',
    path: '/api/v1/follow-ups/{id}/calendar.ics',
    summary: 'One dated follow-up as an iCalendar file',
    tags,
    responses: { 200: { description: 'iCalendar', schema: z.string(), contentType: 'text/calendar' } },
  },
  {
    method: 'get',
    path: '/api/v1/calendar.ics',
    summary: 'Every open, dated follow-up as all-day iCalendar events with a reminder',
    tags,
    responses: { 200: { description: 'iCalendar', schema: z.string(), contentType: 'text/calendar' } },
  },
  {
    method: 'get',
    path: '/calendar/{secret}.ics',
    summary:
      'Private calendar subscription (no session: the secret from Settings → Calendar authenticates; regenerating it retires the old address). Every open follow-up with a due date, as an all-day event with a reminder',
    tags,
    responses: {
      200: { description: 'iCalendar', schema: z.string(), contentType: 'text/calendar' },
      404: { description: 'Unknown or replaced secret' },
    },
  },
];
