import { apiRoute, parseId, respond } from '@/lib/api/handler';
import { readJson } from '@/lib/api/request';
import { postJson } from '@/lib/posts/api';
import { postResponse } from '@/lib/posts/openapi';
import { siteOrigin } from '@/lib/posts/public';
import { createPostFromEventOnce } from '@/lib/posts/queries';
import { createFromEventSchema } from '@/lib/posts/validation';

/** Writes a draft post from one of the user's events; an Idempotency-Key makes retries create it once. */
export const POST = apiRoute<{ id: string }>(async (request, user, { params }) => {
  const eventId = parseId((await params).id);
  const body = createFromEventSchema.parse(await readJson(request));
  const { post, replayed } = await createPostFromEventOnce(user.id, eventId, { ...body, timeZone: user.timeZone }, request.headers.get('idempotency-key'));
  const out = postJson(post, siteOrigin(request.headers), user.handle);
  return respond(postResponse, out, 201, { Location: `/api/v1/posts/${post.id}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) });
});
