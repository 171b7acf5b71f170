import { apiRoute, json } from '@/lib/api/handler';
import { searchParamsObject } from '@/lib/api/request';
import { suggest } from '@/lib/events/lookup';
import { suggestQuerySchema } from '@/lib/events/validation';

export const GET = apiRoute(async (request, user) => {
  const { kind, q } = suggestQuerySchema.parse(searchParamsObject(request.url));
  return json({ items: await suggest(user.id, kind, q) });
});
