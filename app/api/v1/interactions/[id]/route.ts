import { apiRoute, parseId, respond } from '@/lib/api/handler';
import { readJson } from '@/lib/api/request';
import { interactionResponse } from '@/lib/interactions/openapi';
import { deleteInteraction, getInteraction, updateInteraction } from '@/lib/interactions/queries';
import { patchInteractionSchema } from '@/lib/interactions/validation';

type Params = { id: string };

/** One logged contact. */
export const GET = apiRoute<Params>(async (_request, user, { params }) => {
  return respond(interactionResponse, await getInteraction(user.id, parseId((await params).id)));
});

/** Changes `kind`, `occurredOn` or `note` from the `version` read; a stale copy is a 409 with the current one. */
export const PATCH = apiRoute<Params>(async (request, user, { params }) => {
  const id = parseId((await params).id);
  const patch = patchInteractionSchema.parse(await readJson(request));
  return respond(interactionResponse, await updateInteraction(user.id, id, patch));
});

/** Soft-deletes a logged contact. */
export const DELETE = apiRoute<Params>(async (_request, user, { params }) => {
  await deleteInteraction(user.id, parseId((await params).id));
  return new Response(null, { status: 204 });
});
