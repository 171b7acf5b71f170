import { apiRoute, json, parseId } from '@/lib/api/handler';
import { unpublishPost } from '@/lib/posts/queries';

/** Takes a post back to draft; it leaves the public page and feed at once. */
export const POST = apiRoute<{ id: string }>(async (_request, user, { params }) => {
  const post = await unpublishPost(user.id, parseId((await params).id));
  return json({ id: post.id, status: post.status });
});
