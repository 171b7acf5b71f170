import { apiRoute, parseId, respond } from '@/lib/api/handler';
import { readJson } from '@/lib/api/request';
import { toApiPerson } from '@/lib/people/api-shape';
import { personResponse } from '@/lib/people/openapi';
import { VersionConflictError } from '@/lib/errors';
import { deletePerson, getPerson, patchPerson, type PersonView } from '@/lib/people/queries';
import { patchPersonSchema } from '@/lib/people/validation';

type Params = { id: string };

export const GET = apiRoute<Params>(async (_request, user, { params }) => {
  const id = parseId((await params).id);
  return respond(personResponse, toApiPerson(await getPerson(user.id, id)));
});

/** Changes the fields sent; `version` must be the one read (409 with the current copy otherwise). */
export const PATCH = apiRoute<Params>(async (request, user, { params }) => {
  const id = parseId((await params).id);
  const patch = patchPersonSchema.parse(await readJson(request));
  try {
    return respond(personResponse, toApiPerson(await patchPerson(user.id, id, patch)));
  } catch (err) {
    // The conflict carries the saved copy in the same shape as GET, so a client can merge.
    if (err instanceof VersionConflictError) throw new VersionConflictError(personResponse.parse(toApiPerson(err.current as PersonView)));
    throw err;
  }
});

/** Soft-deletes the person; the app offers an undo. */
export const DELETE = apiRoute<Params>(async (_request, user, { params }) => {
  const id = parseId((await params).id);
  await deletePerson(user.id, id);
  return new Response(null, { status: 204 });
});
