import { apiRoute, parseId, respond } from '@/lib/api/handler';
import { readJson } from '@/lib/api/request';
import { renameTopic, renameTopicSchema } from '@/lib/topics/merge';
import { topicSummaryResponse } from '@/lib/topics/openapi';
import { getTopicSummary } from '@/lib/topics/pages';

type Params = { id: string };

/** One topic with its counts. */
export const GET = apiRoute<Params>(async (_request, user, { params }) => {
  return respond(topicSummaryResponse, await getTopicSummary(user.id, parseId((await params).id)));
});

/** Renames; a name another topic has is a 409 naming it, so the client can offer a merge. */
export const PATCH = apiRoute<Params>(async (request, user, { params }) => {
  const id = parseId((await params).id);
  const { name } = renameTopicSchema.parse(await readJson(request));
  await renameTopic(user.id, id, name);
  return respond(topicSummaryResponse, await getTopicSummary(user.id, id));
});
