import { apiRoute, parseId, respond } from '@/lib/api/handler';
import { readJson } from '@/lib/api/request';
import { asPostConflict, publicUrl } from '@/lib/posts/api';
import { publishResponse } from '@/lib/posts/openapi';
import { siteOrigin } from '@/lib/posts/public';
import { publishPost } from '@/lib/posts/queries';
import { publishPostSchema } from '@/lib/posts/validation';

/**
 * Publishes a post, or puts out the edits made since it was, and answers its public address. Publishing twice is
 * harmless. A post that names someone who asked not to be named in public answers 409 listing them (`named`) unless
 * the body says `{"confirmNamed": true}`; with `version`, a post changed since answers 409 with the current copy.
 */
export const POST = apiRoute<{ id: string }>(async (request, user, { params }) => {
  const id = parseId((await params).id);
  const hasBody = Number(request.headers.get('content-length') ?? '0') > 0 || request.headers.has('content-type');
  const body = publishPostSchema.parse(hasBody ? await readJson(request) : {});
  const origin = siteOrigin(request.headers);
  try {
    const post = await publishPost(user.id, id, { confirmNamed: body.confirmNamed, version: body.version });
    return respond(publishResponse, { url: publicUrl(origin, user.handle, post.slug) });
  } catch (err) {
    throw asPostConflict(err, origin, user.handle);
  }
});
