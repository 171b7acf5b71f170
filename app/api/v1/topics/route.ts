import { apiRoute, respond } from '@/lib/api/handler';
import { searchParamsObject } from '@/lib/api/request';
import { topicListResponse } from '@/lib/topics/openapi';
import { listTopicSummaries, topicListQuerySchema } from '@/lib/topics/pages';

/** The user's topics with their counts. */
export const GET = apiRoute(async (request, user) => {
  const query = topicListQuerySchema.parse(searchParamsObject(request.url));
  return respond(topicListResponse, { items: await listTopicSummaries(user.id, query) });
});
