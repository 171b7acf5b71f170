'use server';

import { requireUser } from '@/lib/dal';
import { regenerateCalendarSecret, revokeCalendarSecret } from '@/lib/calendar/feed';

export type CalendarSecretState = { secret?: string; revoked?: boolean; message?: string };

/**
 * `intent=new` makes a new private calendar address (returned once, to show; only its hash is kept);
 * `intent=off` turns the address off.
 */
export async function calendarFeedAction(_prev: CalendarSecretState, formData: FormData): Promise<CalendarSecretState> {
  const user = await requireUser();
  if (formData.get('intent') === 'off') return revoke(user.id);
  try {
    return { secret: await regenerateCalendarSecret(user.id) };
  } catch (err) {
    console.error('calendar secret failed', err);
    return { message: 'Something went wrong. Your old address, if any, still works.' };
  }
}

async function revoke(userId: string): Promise<CalendarSecretState> {
  try {
    await revokeCalendarSecret(userId);
    return { revoked: true };
  } catch (err) {
    console.error('calendar revoke failed', err);
    return { message: 'Something went wrong. The address still works.' };
  }
}
