import { apiRoute, parseId, respond } from '@/lib/api/handler';
import { readJson } from '@/lib/api/request';
import { mergeTopics, mergeTopicSchema } from '@/lib/topics/merge';
import { topicMergeResponse } from '@/lib/topics/openapi';

/** Merges this topic into `into`; the answer names the merge, which undo takes. */
export const POST = apiRoute<{ id: string }>(async (request, user, { params }) => {
  const id = parseId((await params).id);
  const { into } = mergeTopicSchema.parse(await readJson(request));
  return respond(topicMergeResponse, await mergeTopics(user.id, id, into));
});
