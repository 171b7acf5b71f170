'use server';

import { z } from 'zod';
import { formAction, type ActionResult } from '@/lib/actions/form-action';
import { regenerateCalendarSecret, revokeCalendarSecret, setWeeklyReviewInFeed } from '@/lib/calendar/feed';

/** A new address's secret (returned once, to show), or that the address was turned off. */
export type CalendarSecret = { secret?: string; revoked?: boolean };
export type CalendarSecretState = ActionResult<CalendarSecret>;

/**
 * `intent=new` makes a new private calendar address (returned once, to show; only its hash is kept);
 * `intent=off` turns the address off.
 */
export const calendarFeedAction = formAction(
  z.object({ intent: z.enum(['new', 'off']).catch('new') }),
  async ({ user, input }): Promise<CalendarSecret> => {
    if (input.intent === 'off') {
      await revokeCalendarSecret(user.id);
      return { revoked: true };
    }
    return { secret: await regenerateCalendarSecret(user.id) };
  },
  { name: 'calendar.secret', failureMessage: 'Something went wrong. Your address, if any, is as it was.' },
);

export type WeeklyReviewState = ActionResult<{ on: boolean }>;

/** `weeklyReview=on|off`: whether the calendar feed has its recurring "Weekly review" entry. */
export const weeklyReviewFeedAction = formAction(
  z.object({ weeklyReview: z.enum(['on', 'off'], { error: 'Choose on or off' }) }),
  async ({ user, input }): Promise<{ on: boolean }> => {
    const on = input.weeklyReview === 'on';
    await setWeeklyReviewInFeed(user.id, on);
    return { on };
  },
  { name: 'calendar.weekly-review', failureMessage: 'Something went wrong. The setting is as it was.' },
);
