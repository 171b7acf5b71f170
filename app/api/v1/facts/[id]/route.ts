import { apiRoute, parseId, respond } from '@/lib/api/handler';
import { readJson } from '@/lib/api/request';
import { factMarkedResponse, factResponse } from '@/lib/facts/openapi';
import { getFact, setOffTheRecord } from '@/lib/facts/queries';
import { offTheRecordSchema } from '@/lib/facts/validation';

type Params = { id: string };

/** One fact. */
export const GET = apiRoute<Params>(async (_request, user, { params }) => {
  return respond(factResponse, await getFact(user.id, parseId((await params).id)));
});

/** Sets `offTheRecord`; the same request twice leaves the same fact. Marked, no published address quotes it after. */
export const PATCH = apiRoute<Params>(async (request, user, { params }) => {
  const id = parseId((await params).id);
  const { offTheRecord } = offTheRecordSchema.parse(await readJson(request));
  return respond(factMarkedResponse, await setOffTheRecord(user.id, id, offTheRecord));
});
