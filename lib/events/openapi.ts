import { z } from 'zod';
import type { EndpointDoc } from '@/lib/api/openapi';
import { RELATIONS } from './relations';
import { eventInputSchema, eventListQuerySchema, eventPatchSchema, suggestQuerySchema } from './validation';

const ref = z.object({ id: z.uuid(), name: z.string() });

/** An event as the API answers it (GET, POST, PATCH, and a 409's `current`): the serializer `respond()` uses. */
export const eventResponse = z.object({
  id: z.uuid(),
  title: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime().nullable(),
  venue: z.string().nullable(),
  host: z.string().nullable(),
  series: z.string().nullable(),
  summary: z.string().nullable(),
  reflection: z.string().nullable(),
  version: z.int().describe('Send it back with PATCH; a stale one is a 409.'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  topics: z.array(z.string()),
  people: z.array(
    z.object({
      id: z.uuid(),
      name: z.string().nullable(),
      role: z.string().nullable(),
      email: z.string().nullable(),
      version: z.int().describe('The person’s version: send it with any change to their details in a PATCH'),
      organisation: ref.nullable(),
      sector: ref.nullable(),
      relation: z.enum(RELATIONS),
      notes: z.string().nullable(),
      topics: z.array(z.string()),
    }),
  ),
  insights: z.array(z.object({ id: z.uuid(), text: z.string(), personId: z.uuid().nullable() })),
  followUps: z.array(
    z.object({
      id: z.uuid(),
      action: z.string(),
      dueOn: z.iso.date().nullable(),
      status: z.enum(['open', 'done']),
      personId: z.uuid().nullable(),
      version: z.int(),
    }),
  ),
});

/** A page of events (GET /api/v1/events). */
export const eventListResponse = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      startsAt: z.iso.datetime(),
      venue: z.string().nullable(),
      series: z.string().nullable(),
      peopleCount: z.int(),
      openFollowUps: z.int(),
      topics: z.array(z.string()),
    }),
  ),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
});

const personSuggestion = z.object({
  id: z.uuid(),
  version: z.int(),
  name: z.string().nullable(),
  role: z.string().nullable(),
  email: z.string().nullable(),
  organisation: z.string().nullable(),
  sector: z.string().nullable(),
  lastMet: z.object({ eventId: z.uuid(), title: z.string(), startsAt: z.iso.datetime() }).nullable(),
  topics: z.array(z.string()),
  openFollowUps: z.array(z.object({ id: z.uuid(), action: z.string(), dueOn: z.iso.date().nullable() })),
});

/** Autocomplete matches: names (sectors, series, topics), organisations with their sector, or known people. */
export const suggestResponse = z.object({
  // People before organisations: a union takes the first that parses, and objects drop keys they do not name.
  items: z.union([z.array(z.string()), z.array(personSuggestion), z.array(z.object({ name: z.string(), sector: z.string().nullable() }))]),
});

const problem = { description: 'Problem details (RFC 9457)', contentType: 'application/problem+json' };

/** The events endpoints, for /api/v1/openapi.json. */
export const eventEndpoints: EndpointDoc[] = [
  {
    method: 'get',
    path: '/api/v1/events',
    summary: 'List events, newest first, with search and filters',
    tags: ['Events'],
    query: eventListQuerySchema,
    responses: { 200: { description: 'A page of events', schema: eventListResponse } },
  },
  {
    method: 'post',
    path: '/api/v1/events',
    summary:
      'Log a whole evening in one request: the event, its people (linked to known ones by id, email, or name and organisation), topics, facts and follow-ups. All or nothing.',
    tags: ['Events'],
    body: eventInputSchema,
    idempotent: true,
    responses: {
      201: { description: 'The event as saved (or, for a repeated Idempotency-Key, as first saved)', schema: eventResponse },
      403: { ...problem, description: 'A cookie-authenticated write from another site' },
      413: { ...problem, description: 'The body is over 1 MB' },
      422: { ...problem, description: 'The Idempotency-Key was used for a different request' },
    },
  },
  {
    method: 'get',
    path: '/api/v1/events/{id}',
    summary: 'One event with its people, topics, facts (insights) and follow-ups',
    tags: ['Events'],
    responses: { 200: { description: 'The event', schema: eventResponse } },
  },
  {
    method: 'patch',
    path: '/api/v1/events/{id}',
    summary:
      'Change an event. Send the `version` you read. `topics`, `people` and `insights` you send replace the event’s lists (send a fact’s `id` to keep it); `followUps` you send are added (no `id`) or changed (`id` and its `version`), and only those in `removeFollowUps` are removed. Changing a known person’s details needs their `version`.',
    tags: ['Events'],
    body: eventPatchSchema,
    responses: {
      200: { description: 'The event after the change', schema: eventResponse },
      409: {
        ...problem,
        description: 'The event, a follow-up or a person sent was changed since you read it; `current` holds the event as it is now, `errors` says which part',
      },
      413: { ...problem, description: 'The body is over 1 MB' },
    },
  },
  {
    method: 'delete',
    path: '/api/v1/events/{id}',
    summary: 'Delete an event (it can be restored from the app for 30 days)',
    tags: ['Events'],
    responses: { 204: { description: 'Deleted' } },
  },
  {
    method: 'get',
    path: '/api/v1/events/suggest',
    summary: 'Autocomplete for the capture form: organisations, sectors, series, topics or known people',
    tags: ['Events'],
    query: suggestQuerySchema,
    responses: { 200: { description: 'Up to a few matches', schema: suggestResponse } },
  },
];
