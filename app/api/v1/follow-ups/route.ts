import { apiRoute, respond } from '@/lib/api/handler';
import { readJson, searchParamsObject } from '@/lib/api/request';
import { createFollowUp } from '@/lib/follow-ups/mutations';
import { followUpListResponse, followUpResponse } from '@/lib/follow-ups/openapi';
import { getFollowUp, listFollowUpsPage } from '@/lib/follow-ups/queries';
import { createFollowUpSchema, listQuerySchema } from '@/lib/follow-ups/validation';
import { onceForKey } from '@/lib/idempotency';
import { todayIn } from '@/lib/dates';

/**
 * Lists follow-ups: `status`, `due` (relative to the user's today), `person`, `event`, `sector`; `limit` (default
 * 200) a page, and `nextCursor` when there is more (keyset: items changed meanwhile never repeat or go missing).
 */
export const GET = apiRoute(async (request, user) => {
  const { limit = 200, cursor, ...filters } = listQuerySchema.parse(searchParamsObject(request.url));
  return respond(followUpListResponse, await listFollowUpsPage(user.id, todayIn(user.timeZone), { ...filters, limit, after: cursor }));
});

/** Creates a follow-up; an `Idempotency-Key` makes retries safe. */
export const POST = apiRoute(async (request, user) => {
  const input = createFollowUpSchema.parse(await readJson(request));
  const result = await onceForKey(
    user.id,
    request.headers.get('idempotency-key'),
    'follow-ups.create',
    input,
    async (tx) => {
      const item = await createFollowUp(user.id, input, tx);
      return { status: 201, body: item, resourceId: item.id };
    },
    (tx, id) => getFollowUp(user.id, id, tx),
  );
  return respond(followUpResponse, result.body, result.status, result.replayed ? { 'Idempotent-Replayed': 'true' } : {});
});
