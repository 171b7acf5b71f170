import { apiRoute, parseId, respond } from '@/lib/api/handler';
import { publishResponse } from '@/lib/posts/openapi';
import { publicUrl } from '@/lib/posts/api';
import { siteOrigin } from '@/lib/posts/public';
import { publishPost } from '@/lib/posts/queries';

/** Publishes a post and answers its public address. Publishing twice is harmless. */
export const POST = apiRoute<{ id: string }>(async (request, user, { params }) => {
  const post = await publishPost(user.id, parseId((await params).id));
  return respond(publishResponse, { url: publicUrl(siteOrigin(request.headers), user.handle, post.slug) });
});
