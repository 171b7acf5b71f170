import { apiRoute, json, parseId } from '@/lib/api/handler';
import { readJson } from '@/lib/api/request';
import { toApiPerson } from '@/lib/people/api-shape';
import { deletePerson, getPerson, patchPerson } from '@/lib/people/queries';
import { patchPersonSchema } from '@/lib/people/validation';

type Params = { id: string };

export const GET = apiRoute<Params>(async (_request, user, { params }) => {
  const id = parseId((await params).id);
  return json(toApiPerson(await getPerson(user.id, id)));
});

/** Changes the fields sent; `version` must be the one read (409 with the current copy otherwise). */
export const PATCH = apiRoute<Params>(async (request, user, { params }) => {
  const id = parseId((await params).id);
  const patch = patchPersonSchema.parse(await readJson(request));
  return json(toApiPerson(await patchPerson(user.id, id, patch)));
});

/** Soft-deletes the person; the app offers an undo. */
export const DELETE = apiRoute<Params>(async (_request, user, { params }) => {
  const id = parseId((await params).id);
  await deletePerson(user.id, id);
  return new Response(null, { status: 204 });
});
