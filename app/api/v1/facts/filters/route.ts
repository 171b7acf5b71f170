import { apiRoute, respond } from '@/lib/api/handler';
import { searchParamsObject } from '@/lib/api/request';
import { factFilterOptionsResponse } from '@/lib/facts/openapi';
import { factFilterOptions } from '@/lib/facts/queries';
import { factFilterQuerySchema } from '@/lib/facts/validation';

/** What the /facts filters offer; /facts loads it when its filters are opened, so a search never waits for it. */
export const GET = apiRoute(async (request, user) => {
  const selected = factFilterQuerySchema.parse(searchParamsObject(request.url));
  return respond(factFilterOptionsResponse, await factFilterOptions(user.id, selected));
});
