import { apiRoute, respond } from '@/lib/api/handler';
import { searchParamsObject } from '@/lib/api/request';
import { factListResponse } from '@/lib/facts/openapi';
import { searchFacts } from '@/lib/facts/queries';
import { factSearchSchema } from '@/lib/facts/validation';

/** The user's facts: search `q`, filter by speaker, organisation, sector, topic or event, page with `cursor`. */
export const GET = apiRoute(async (request, user) => {
  const query = factSearchSchema.parse(searchParamsObject(request.url));
  return respond(factListResponse, await searchFacts(user.id, query));
});
