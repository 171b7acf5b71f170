import { z } from 'zod';
import type { EndpointDoc } from '@/lib/api/openapi';
import { createInteractionSchema, listInteractionsQuery, patchInteractionSchema } from './validation';
import { INTERACTION_KINDS } from './kinds';

/** A logged contact as the API answers: the serializer of every route that returns one. */
export const interactionResponse = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  kind: z.enum(INTERACTION_KINDS),
  occurredOn: z.string().describe('YYYY-MM-DD, a day in the user’s time zone'),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A page of logged contacts. */
export const interactionListResponse = z.object({ items: z.array(interactionResponse), nextCursor: z.string().nullable() });

const tags = ['Interactions'];

/** The interaction endpoints, for the OpenAPI document. */
export const interactionEndpoints: EndpointDoc[] = [
  {
    method: 'get',
    path: '/api/v1/interactions',
    summary:
      'Contacts logged with people (a call, coffee, email, message, meeting or other), newest first; `personId` for one person’s; `limit` a page (default 50, at most 200) with `nextCursor` for the next',
    tags,
    query: listInteractionsQuery,
    responses: { 200: { description: 'The interactions', schema: interactionListResponse } },
  },
  {
    method: 'post',
    path: '/api/v1/interactions',
    summary: 'Log a contact with a person: it resets their keep-in-touch clock. `occurredOn` defaults to today in the user’s time zone and cannot be later',
    tags,
    body: createInteractionSchema,
    idempotent: true,
    responses: { 201: { description: 'Logged', schema: interactionResponse } },
  },
  {
    method: 'get',
    path: '/api/v1/interactions/{id}',
    summary: 'One logged contact',
    tags,
    responses: { 200: { description: 'The interaction', schema: interactionResponse } },
  },
  {
    method: 'patch',
    path: '/api/v1/interactions/{id}',
    summary: 'Change the kind, day or note, from the `version` read (required)',
    tags,
    body: patchInteractionSchema,
    responses: {
      200: { description: 'Updated', schema: interactionResponse },
      409: { description: 'Changed since `version`; `current` holds the saved copy' },
    },
  },
  {
    method: 'delete',
    path: '/api/v1/interactions/{id}',
    summary: 'Delete a logged contact',
    tags,
    responses: { 204: { description: 'Deleted' } },
  },
];
