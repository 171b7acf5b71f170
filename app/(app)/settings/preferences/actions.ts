'use server';

import { revalidatePath } from 'next/cache';
import { formAction } from '@/lib/actions/form-action';
import { timeZoneSchema, updateTimeZone } from '@/lib/settings/time-zone';

/** Saves the time zone that decides what "today" and "overdue" mean. */
export const updateTimeZoneAction = formAction(
  timeZoneSchema,
  async ({ user, input }) => {
    await updateTimeZone(user.id, input.timeZone);
    return input.timeZone;
  },
  {
    name: 'preferences.time-zone',
    after: (timeZone) => {
      revalidatePath('/', 'layout');
      return { ok: true, message: `Saved. Follow-ups now go by ${timeZone}.`, values: { timeZone } };
    },
  },
);
