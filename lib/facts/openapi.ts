import { z } from 'zod';
import type { EndpointDoc } from '@/lib/api/openapi';
import { factFilterQuerySchema, factSearchSchema, offTheRecordSchema } from './validation';

const ref = z.object({ id: z.uuid(), name: z.string() });

/** A fact as the API answers it. */
export const factResponse = z.object({
  id: z.uuid(),
  text: z.string(),
  offTheRecord: z.boolean().describe('Never composed into a post, and cut from published posts, the feed and exports'),
  speaker: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  organisation: ref.nullable(),
  sector: ref.nullable(),
  event: z.object({ id: z.uuid(), title: z.string(), startsAt: z.string() }),
});

/** A fact as marked: with the published posts whose address quoted it, which have a new address now. */
export const factMarkedResponse = factResponse.extend({
  postsMoved: z
    .array(z.object({ id: z.uuid(), title: z.string(), slug: z.string() }))
    .describe(
      'Published posts whose address quoted the fact (published before it was marked): each has a new address without it, and the old one finds nothing',
    ),
});

/** A page of facts. */
export const factListResponse = z.object({ items: z.array(factResponse), nextCursor: z.string().nullable() });

/** What the facts filters offer. */
export const factFilterOptionsResponse = z.object({
  speakers: z.array(ref),
  organisations: z.array(ref),
  sectors: z.array(ref),
  topics: z.array(ref),
  events: z.array(ref),
});

const tags = ['Facts'];

export const factEndpoints: EndpointDoc[] = [
  {
    method: 'get',
    path: '/api/v1/facts',
    summary: 'Facts heard at events, best match for `q` (full text, prefixes, typos) or newest event first; filters by id',
    tags,
    query: factSearchSchema,
    responses: { 200: { description: 'A page of facts', schema: factListResponse } },
  },
  {
    method: 'get',
    path: '/api/v1/facts/filters',
    summary:
      'What the facts filters offer: speakers, organisations, sectors, topics and events that have facts (the 100 most used speakers and organisations, the latest 100 events), by name, always with the ones named in the query',
    tags,
    query: factFilterQuerySchema,
    responses: { 200: { description: 'The filter choices', schema: factFilterOptionsResponse } },
  },
  {
    method: 'get',
    path: '/api/v1/facts/{id}',
    summary: 'One fact',
    tags,
    responses: { 200: { description: 'The fact', schema: factResponse } },
  },
  {
    method: 'patch',
    path: '/api/v1/facts/{id}',
    summary: 'Mark a fact off the record, or back on it (sets the value: repeating it changes nothing)',
    tags,
    body: offTheRecordSchema,
    responses: { 200: { description: 'The fact as saved, and any published post given a new address', schema: factMarkedResponse } },
  },
];
