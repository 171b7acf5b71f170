import { db } from '@/db/client';
import { apiRoute, json, parseId } from '@/lib/api/handler';
import { readJson } from '@/lib/api/request';
import { mergePatch } from '@/lib/events/patch';
import { eventToJson, getEventDetail } from '@/lib/events/queries';
import { eventInputSchema, eventPatchSchema } from '@/lib/events/validation';
import { deleteEvent, updateEvent } from '@/lib/events/write';

type Params = { id: string };

export const GET = apiRoute<Params>(async (_request, user, { params }) => {
  const id = parseId((await params).id);
  return json(eventToJson(await getEventDetail(db, user.id, id)));
});

export const PATCH = apiRoute<Params>(async (request, user, { params }) => {
  const id = parseId((await params).id);
  const raw = await readJson(request);
  const patch = eventPatchSchema.parse(raw);
  const current = await getEventDetail(db, user.id, id);
  const present = new Set(Object.keys(raw as object));
  // Re-validated whole, so that a patch cannot leave the event in a shape a POST would refuse.
  const input = eventInputSchema.parse(JSON.parse(JSON.stringify(mergePatch(current, patch, present))));
  return json(await updateEvent(user.id, id, patch.version, input, { onDuplicate: 'link' }));
});

export const DELETE = apiRoute<Params>(async (_request, user, { params }) => {
  const id = parseId((await params).id);
  await deleteEvent(user.id, id);
  return new Response(null, { status: 204 });
});
