import { apiRoute, parseId, respond } from '@/lib/api/handler';
import { readJson } from '@/lib/api/request';
import { asPostConflict, postJson } from '@/lib/posts/api';
import { postResponse } from '@/lib/posts/openapi';
import { siteOrigin } from '@/lib/posts/public';
import { revertPost } from '@/lib/posts/queries';
import { revertPostSchema } from '@/lib/posts/validation';

/** Drops the edits made to a published post since it went out: its text becomes what readers see. */
export const POST = apiRoute<{ id: string }>(async (request, user, { params }) => {
  const id = parseId((await params).id);
  const { version } = revertPostSchema.parse(await readJson(request));
  const origin = siteOrigin(request.headers);
  try {
    return respond(postResponse, postJson(await revertPost(user.id, id, version), origin, user.handle));
  } catch (err) {
    throw asPostConflict(err, origin, user.handle);
  }
});
