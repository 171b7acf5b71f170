import { apiRoute, respond } from '@/lib/api/handler';
import { searchParamsObject } from '@/lib/api/request';
import { postJson } from '@/lib/posts/api';
import { postListResponse } from '@/lib/posts/openapi';
import { siteOrigin } from '@/lib/posts/public';
import { listPosts } from '@/lib/posts/queries';
import { excerpt } from '@/lib/posts/render';
import { listPostsSchema } from '@/lib/posts/validation';

/** The user's posts, most recently edited first; `nextCursor` fetches the next page. */
export const GET = apiRoute(async (request, user) => {
  const query = listPostsSchema.parse(searchParamsObject(request.url));
  const { posts, nextCursor } = await listPosts(user.id, query);
  const origin = siteOrigin(request.headers);
  return respond(postListResponse, {
    posts: posts.map((p) => {
      const { markdown, ...rest } = postJson(p, origin, user.handle);
      return { ...rest, excerpt: excerpt(markdown, 200) };
    }),
    nextCursor,
  });
});
