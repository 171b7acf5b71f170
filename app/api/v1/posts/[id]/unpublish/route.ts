import { apiRoute, parseId, respond } from '@/lib/api/handler';
import { unpublishResponse } from '@/lib/posts/openapi';
import { unpublishPost } from '@/lib/posts/queries';

/** Takes a post back to draft; it leaves the public page and feed at once. */
export const POST = apiRoute<{ id: string }>(async (_request, user, { params }) => {
  const post = await unpublishPost(user.id, parseId((await params).id));
  return respond(unpublishResponse, { id: post.id, status: post.status });
});
