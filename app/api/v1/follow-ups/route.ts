import { apiRoute, json } from '@/lib/api/handler';
import { readJson, searchParamsObject } from '@/lib/api/request';
import { todayIn } from '@/lib/follow-ups/counts';
import { createFollowUp } from '@/lib/follow-ups/mutations';
import { listFollowUps, type FollowUpItem } from '@/lib/follow-ups/queries';
import { createFollowUpSchema, listFiltersSchema } from '@/lib/follow-ups/validation';
import { fingerprint, idempotent } from '@/lib/idempotency';

/** Lists follow-ups: `status`, `due` (relative to the user's today), `person`, `event`, `sector`. */
export const GET = apiRoute(async (request, user) => {
  const filters = listFiltersSchema.parse(searchParamsObject(request.url));
  const items = await listFollowUps(user.id, todayIn(user.timeZone), filters);
  return json({ items });
});

/** Creates a follow-up; an `Idempotency-Key` makes retries safe. */
export const POST = apiRoute(async (request, user) => {
  const input = createFollowUpSchema.parse(await readJson(request));
  const key = request.headers.get('idempotency-key');
  if (!key) return json(await createFollowUp(user.id, input), 201);
  const result = await idempotent<FollowUpItem>(user.id, key, 'follow-ups:create', fingerprint(input), async (tx) => {
    const item = await createFollowUp(user.id, input, tx);
    return { status: 201, body: item, resourceId: item.id };
  });
  return json(result.body, result.status, result.replayed ? { 'Idempotent-Replayed': 'true' } : {});
});
