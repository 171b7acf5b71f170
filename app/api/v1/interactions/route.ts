import { apiRoute, respond } from '@/lib/api/handler';
import { readJson, searchParamsObject } from '@/lib/api/request';
import { onceForKey } from '@/lib/idempotency';
import { interactionListResponse, interactionResponse } from '@/lib/interactions/openapi';
import { createInteraction, getInteraction, listInteractions } from '@/lib/interactions/queries';
import { createInteractionSchema, listInteractionsQuery } from '@/lib/interactions/validation';

/** Logged contacts, newest first (`personId` for one person's), a page at a time with `nextCursor`. */
export const GET = apiRoute(async (request, user) => {
  const query = listInteractionsQuery.parse(searchParamsObject(request.url));
  return respond(interactionListResponse, await listInteractions(user.id, query));
});

/** Logs a contact; an `Idempotency-Key` makes retries safe. */
export const POST = apiRoute(async (request, user) => {
  const input = createInteractionSchema.parse(await readJson(request));
  const result = await onceForKey(
    user.id,
    request.headers.get('idempotency-key'),
    'interactions.create',
    input,
    async (tx) => {
      const item = await createInteraction(user.id, input, tx);
      return { status: 201, body: item, resourceId: item.id };
    },
    (tx, id) => getInteraction(user.id, id, tx),
  );
  return respond(interactionResponse, result.body, result.status, result.replayed ? { 'Idempotent-Replayed': 'true' } : {});
});
