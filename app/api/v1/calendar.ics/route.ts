import { apiRoute } from '@/lib/api/handler';
import { followUpsCalendar } from '@/lib/calendar/feed';
import { calendarHeaders, requestOrigin } from '@/lib/calendar/ics';

/** The signed-in user's open, dated follow-ups as iCalendar. */
export const GET = apiRoute(async (request, user) => {
  const body = await followUpsCalendar(user.id, requestOrigin(request));
  return new Response(body, { headers: calendarHeaders('rapport-follow-ups.ics') });
});
