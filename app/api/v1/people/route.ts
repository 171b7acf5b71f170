import { apiRoute, respond } from '@/lib/api/handler';
import { readJson, searchParamsObject } from '@/lib/api/request';
import { onceForKey } from '@/lib/idempotency';
import { toApiPerson, toApiListItem } from '@/lib/people/api-shape';
import { personResponse, personSearchResponse } from '@/lib/people/openapi';
import { createPerson, getPerson } from '@/lib/people/queries';
import { searchPeople } from '@/lib/people/search';
import { createPersonSchema, searchParamsSchema } from '@/lib/people/validation';

/** Searches people: the same search as the People page. */
export const GET = apiRoute(async (request, user) => {
  const params = searchParamsSchema.parse(searchParamsObject(request.url));
  const result = await searchPeople(user.id, params);
  return respond(personSearchResponse, {
    items: result.items.map(toApiListItem),
    nextCursor: result.nextCursor,
    total: result.total,
    totalCapped: result.totalCapped,
    facetsCapped: result.facetsCapped,
    loose: result.loose,
    facets: { sector: result.facets.map((f) => ({ id: f.id, name: f.name, count: f.count })) },
  });
});

/** Creates a person; an Idempotency-Key header makes retries safe. */
export const POST = apiRoute(async (request, user) => {
  const body = await readJson(request);
  const input = createPersonSchema.parse(body);
  const result = await onceForKey(
    user.id,
    request.headers.get('idempotency-key'),
    'people.create',
    input,
    async (tx) => {
      const person = await createPerson(user.id, input, tx);
      return { status: 201, body: toApiPerson(person), resourceId: person.id };
    },
    async (tx, id) => toApiPerson(await getPerson(user.id, id, { conn: tx })),
  );
  return respond(personResponse, result.body, result.status, {
    ...(result.resourceId ? { Location: `/api/v1/people/${result.resourceId}` } : {}),
    ...(result.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
  });
});
