import { apiRoute, conflictAs, parseId, respond } from '@/lib/api/handler';
import { readJson } from '@/lib/api/request';
import { eventResponse } from '@/lib/events/openapi';
import { getEventJson } from '@/lib/events/queries';
import { deleteEvent, patchEvent } from '@/lib/events/write';

type Params = { id: string };

export const GET = apiRoute<Params>(async (_request, user, { params }) => {
  return respond(eventResponse, await getEventJson(user.id, parseId((await params).id)));
});

/** The merge of the body into the saved event happens in lib (`patchEvent`); a stale `version` is a 409. */
export const PATCH = apiRoute<Params>(async (request, user, { params }) => {
  const id = parseId((await params).id);
  const body = await readJson(request);
  return respond(eventResponse, await conflictAs(eventResponse, () => patchEvent(user.id, id, body)));
});

export const DELETE = apiRoute<Params>(async (_request, user, { params }) => {
  const id = parseId((await params).id);
  await deleteEvent(user.id, id);
  return new Response(null, { status: 204 });
});
