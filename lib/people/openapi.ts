import { z } from 'zod';
import type { EndpointDoc } from '@/lib/api/openapi';
import { organisationsQuerySchema } from '@/lib/organisations/queries';
import { cadenceResponse } from '@/lib/people/cadence-schema';
import { createPersonSchema, patchPersonSchema, searchParamsSchema } from './validation';

const ref = z.object({ id: z.uuid(), name: z.string() });
const keepInTouch = cadenceResponse
  .nullable()
  .describe(
    "The person's own keep-in-touch cadence ({unit: 'months', every: 1|3|6|12}, {unit: 'days', every: 1..3650} or {unit: 'none'}); null follows their sector's default",
  );
const contactFields = {
  keepInTouch,
  nextContactDue: z.string().nullable().describe('YYYY-MM-DD in the user’s time zone: last contact + cadence, never before a snooze; null without a cadence'),
  lastContactAt: z
    .string()
    .nullable()
    .describe(
      'YYYY-MM-DD in the user’s time zone: the last real contact (met or spoke at an event that has started, a follow-up with them done, a logged interaction)',
    ),
};
const listItem = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  displayName: z.string().describe('The name, or "Role, Organisation" for someone known only by those'),
  role: z.string().nullable(),
  organisation: ref.nullable(),
  sector: z.string().nullable().describe("Effective sector: the person's own, else their organisation's"),
  email: z.string().nullable(),
  lastMetAt: z.string().nullable().describe('The latest event that has started where they were met or spoke (never only mentioned)'),
  ...contactFields,
});
/** A person as the API answers: the serializer of every route that returns one. */
export const personResponse = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  displayName: z.string(),
  role: z.string().nullable(),
  organisation: ref.nullable(),
  sector: ref.nullable(),
  ownSectorId: z.uuid().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  links: z.array(z.string()),
  notes: z.string().nullable(),
  topics: z.array(z.string()).describe('Topics the person is known for, apart from any event (vCard CATEGORIES)'),
  keepPrivate: z.boolean().describe('Never named in public posts'),
  lastMetAt: z.string().nullable().describe('The latest event that has started where they were met or spoke (never only mentioned)'),
  ...contactFields,
  effectiveKeepInTouch: cadenceResponse.nullable().describe('The cadence that applies: their own, else their sector’s default'),
  contactSnoozedUntil: z.string().nullable().describe('YYYY-MM-DD: not due before this day'),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** One page of a people search. */
export const personSearchResponse = z.object({
  items: z.array(listItem),
  nextCursor: z.string().nullable(),
  total: z.number().int().describe('Matches, counted up to 500; with `totalCapped`, a lower bound'),
  totalCapped: z.boolean().describe('True when more people match than `total` says'),
  facetsCapped: z.boolean().describe('True when the sector counts stopped at the first 500 matches found: each is a lower bound'),
  loose: z.boolean().describe('True when no one matched every word and the items match some of them'),
  facets: z.object({ sector: z.array(z.object({ id: z.uuid().nullable(), name: z.string(), count: z.number().int() })) }),
});
const organisation = z.object({
  id: z.uuid(),
  name: z.string(),
  sector: ref.nullable(),
  people: z.number().int(),
  lastMetAt: z.string().nullable(),
});
const sector = z.object({ id: z.uuid(), name: z.string(), people: z.number().int(), organisations: z.number().int() });
/** The user's organisations. */
export const organisationListResponse = z.object({ items: z.array(organisation) });
/** One organisation with its people, the events where the user met them, and open follow-ups. */
export const organisationDetailResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  sector: ref.nullable(),
  website: z.string().nullable(),
  notes: z.string().nullable(),
  aliases: z.array(z.string()).describe('Names of organisations merged into this one: typed again (a guest, an import), they mean this one'),
  version: z.number().int(),
  people: z.array(z.object({ id: z.uuid(), displayName: z.string(), role: z.string().nullable(), lastMetAt: z.string().nullable() })),
  events: z.array(z.object({ id: z.uuid(), title: z.string(), startsAt: z.string(), people: z.number().int() })),
  openFollowUps: z.array(
    z.object({ id: z.uuid(), action: z.string(), dueOn: z.string().nullable(), person: z.object({ id: z.uuid(), displayName: z.string() }) }),
  ),
});
/** The user's sectors with their counts. */
export const sectorListResponse = z.object({ items: z.array(sector) });
const tags = ['People'];

export const peopleEndpoints: EndpointDoc[] = [
  {
    method: 'get',
    path: '/api/v1/people',
    summary: 'Search people by anything remembered (typos allowed), with filters, sector facets and a keyset cursor',
    tags,
    query: searchParamsSchema.omit({ organisation: true, sector: true }).extend({
      sector: z.string().optional().describe('A sector name or id; repeat for several; "none" for no sector'),
      organisation: z.string().optional().describe('An organisation id, or text its name contains'),
    }),
    responses: { 200: { description: 'One page of people', schema: personSearchResponse } },
  },
  {
    method: 'post',
    path: '/api/v1/people',
    summary: 'Add a person (organisation by id, or by name: found or created)',
    tags,
    body: createPersonSchema,
    idempotent: true,
    responses: { 201: { description: 'Created', schema: personResponse } },
  },
  { method: 'get', path: '/api/v1/people/{id}', summary: 'One person', tags, responses: { 200: { description: 'The person', schema: personResponse } } },
  {
    method: 'patch',
    path: '/api/v1/people/{id}',
    summary: 'Change some fields; send the version you read (409 with the current copy if stale)',
    tags,
    body: patchPersonSchema,
    responses: { 200: { description: 'Saved', schema: personResponse }, 409: { description: 'Changed since read; `current` holds the saved copy' } },
  },
  { method: 'delete', path: '/api/v1/people/{id}', summary: 'Delete a person (soft: the app can undo)', tags, responses: { 204: { description: 'Deleted' } } },
  {
    method: 'get',
    path: '/api/v1/people/{id}/vcard',
    summary: 'The person as a vCard 4.0',
    tags,
    responses: { 200: { description: 'vCard', schema: z.string(), contentType: 'text/vcard' } },
  },
  {
    method: 'get',
    path: '/api/v1/organisations',
    summary: 'Organisations by name, optionally matching q (typos allowed)',
    tags: ['Organisations'],
    query: organisationsQuerySchema,
    responses: { 200: { description: 'Organisations', schema: organisationListResponse } },
  },
  {
    method: 'get',
    path: '/api/v1/organisations/{id}',
    summary: 'One organisation with its people, the events where you met them and open follow-ups',
    tags: ['Organisations'],
    responses: { 200: { description: 'The organisation', schema: organisationDetailResponse } },
  },
  {
    method: 'get',
    path: '/api/v1/sectors',
    summary: 'Sectors with people and organisation counts',
    tags: ['Sectors'],
    responses: { 200: { description: 'Sectors', schema: sectorListResponse } },
  },
];
