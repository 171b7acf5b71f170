import { apiRoute, parseId, respond } from '@/lib/api/handler';
import { readJson } from '@/lib/api/request';
import { asPostConflict, postJson } from '@/lib/posts/api';
import { postResponse } from '@/lib/posts/openapi';
import { siteOrigin } from '@/lib/posts/public';
import { deletePost, getPost, updatePost } from '@/lib/posts/queries';
import { updatePostSchema } from '@/lib/posts/validation';

type Params = { id: string };

/** One post, with its Markdown and version. */
export const GET = apiRoute<Params>(async (request, user, { params }) => {
  const post = await getPost(user.id, parseId((await params).id));
  return respond(postResponse, postJson(post, siteOrigin(request.headers), user.handle));
});

/** Edits title, markdown or slug; `version` must be the one read, else 409 with the current copy. */
export const PATCH = apiRoute<Params>(async (request, user, { params }) => {
  const id = parseId((await params).id);
  const input = updatePostSchema.parse(await readJson(request));
  const origin = siteOrigin(request.headers);
  try {
    return respond(postResponse, postJson(await updatePost(user.id, id, input), origin, user.handle));
  } catch (err) {
    throw asPostConflict(err, origin, user.handle);
  }
});

/** Deletes a post (soft: it leaves the public page and feed at once). */
export const DELETE = apiRoute<Params>(async (_request, user, { params }) => {
  await deletePost(user.id, parseId((await params).id));
  return new Response(null, { status: 204 });
});
