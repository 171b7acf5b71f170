import { apiRoute, parseId } from '@/lib/api/handler';
import { problem } from '@/lib/api/problem';
import { followUpCalendar } from '@/lib/calendar/feed';
import { calendarHeaders, requestOrigin } from '@/lib/calendar/ics';

/** One follow-up as an .ics download, for adding it to any calendar by hand. */
export const GET = apiRoute<{ id: string }>(async (request, user, { params }) => {
  const id = parseId((await params).id);
  const body = await followUpCalendar(user.id, id, requestOrigin(request));
  if (!body) return problem(404, 'This follow-up has no due date, so there is nothing to put in a calendar.');
  return new Response(body, { headers: calendarHeaders(`follow-up-${id.slice(0, 8)}.ics`, true) });
});
