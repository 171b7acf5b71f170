import { apiRoute, respond } from '@/lib/api/handler';
import { readJson, searchParamsObject } from '@/lib/api/request';
import { listEvents } from '@/lib/events/list';
import { eventListResponse, eventResponse } from '@/lib/events/openapi';
import { eventInputSchema, eventListQuerySchema } from '@/lib/events/validation';
import { createEvent } from '@/lib/events/write';

export const GET = apiRoute(async (request, user) => {
  const query = eventListQuerySchema.parse(searchParamsObject(request.url));
  return respond(eventListResponse, await listEvents(user.id, query, user.timeZone));
});

export const POST = apiRoute(async (request, user) => {
  const input = eventInputSchema.parse(await readJson(request));
  const key = request.headers.get('idempotency-key') ?? undefined;
  const { event, replayed } = await createEvent(user.id, input, { idempotencyKey: key, onDuplicate: 'link' });
  return respond(eventResponse, event, 201, {
    Location: `/api/v1/events/${event.id}`,
    ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
  });
});
