import { apiRoute, respond } from '@/lib/api/handler';
import { searchParamsObject } from '@/lib/api/request';
import { suggest } from '@/lib/events/lookup';
import { suggestResponse } from '@/lib/events/openapi';
import { suggestQuerySchema } from '@/lib/events/validation';

export const GET = apiRoute(async (request, user) => {
  const { kind, q } = suggestQuerySchema.parse(searchParamsObject(request.url));
  return respond(suggestResponse, { items: await suggest(user.id, kind, q) });
});
