import { apiRoute, json, parseId } from '@/lib/api/handler';
import { readJson } from '@/lib/api/request';
import { getEventJson } from '@/lib/events/queries';
import { deleteEvent, patchEvent } from '@/lib/events/write';

type Params = { id: string };

export const GET = apiRoute<Params>(async (_request, user, { params }) => {
  return json(await getEventJson(user.id, parseId((await params).id)));
});

export const PATCH = apiRoute<Params>(async (request, user, { params }) => {
  const id = parseId((await params).id);
  return json(await patchEvent(user.id, id, await readJson(request)));
});

export const DELETE = apiRoute<Params>(async (_request, user, { params }) => {
  const id = parseId((await params).id);
  await deleteEvent(user.id, id);
  return new Response(null, { status: 204 });
});
