import { logError } from '@/lib/log';
import { problem } from '@/lib/api/problem';
import { followUpsCalendar, userIdForCalendarSecret } from '@/lib/calendar/feed';
import { calendarHeaders, requestOrigin } from '@/lib/calendar/ics';

/**
 * The private subscription feed `/calendar/<secret>.ics`. Calendar apps send no cookies, so the secret in the
 * address is the credential; an unknown or revoked one is a plain 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  try {
    const { file } = await params;
    const secret = file.endsWith('.ics') ? file.slice(0, -4) : '';
    const userId = secret ? await userIdForCalendarSecret(secret) : null;
    if (!userId) return problem(404, 'No calendar at this address. Make a new one in Settings → Calendar.');
    const body = await followUpsCalendar(userId, requestOrigin(request));
    return new Response(body, { headers: calendarHeaders('rapport-follow-ups.ics') });
  } catch (err) {
    logError('GET /calendar/[file]', err);
    return problem(500, 'The calendar could not be made just now.');
  }
}
