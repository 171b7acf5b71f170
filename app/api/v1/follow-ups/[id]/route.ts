import { apiRoute, parseId, respond } from '@/lib/api/handler';
import { readJson } from '@/lib/api/request';
import { deleteFollowUp, updateFollowUp } from '@/lib/follow-ups/mutations';
import { followUpResponse } from '@/lib/follow-ups/openapi';
import { getFollowUp } from '@/lib/follow-ups/queries';
import { patchFollowUpSchema } from '@/lib/follow-ups/validation';

type Params = { id: string };

/** One follow-up. */
export const GET = apiRoute<Params>(async (_request, user, { params }) => {
  return respond(followUpResponse, await getFollowUp(user.id, parseId((await params).id)));
});

/** Changes `action`, `due` (null clears it), `personId` or `status` from the `version` read; a stale copy is a 409. */
export const PATCH = apiRoute<Params>(async (request, user, { params }) => {
  const id = parseId((await params).id);
  const patch = patchFollowUpSchema.parse(await readJson(request));
  return respond(followUpResponse, await updateFollowUp(user.id, id, patch));
});

/** Soft-deletes a follow-up. */
export const DELETE = apiRoute<Params>(async (_request, user, { params }) => {
  await deleteFollowUp(user.id, parseId((await params).id));
  return new Response(null, { status: 204 });
});
