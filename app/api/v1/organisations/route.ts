import { apiRoute, respond } from '@/lib/api/handler';
import { searchParamsObject } from '@/lib/api/request';
import { listOrganisations, organisationsQuerySchema } from '@/lib/organisations/queries';
import { organisationListResponse } from '@/lib/people/openapi';

/** The user's organisations by name, optionally matching `q`. */
export const GET = apiRoute(async (request, user) => {
  const query = organisationsQuerySchema.parse(searchParamsObject(request.url));
  const items = await listOrganisations(user.id, query);
  return respond(organisationListResponse, { items });
});
