'use server';

import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/dal';
import { fieldErrorsOf, formValues, type FormState } from '@/lib/forms';
import { timeZoneSchema, updateTimeZone } from '@/lib/settings/time-zone';

/** Saves the time zone that decides what "today" and "overdue" mean. */
export async function updateTimeZoneAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData);
  const parsed = timeZoneSchema.safeParse(values);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await updateTimeZone(user.id, parsed.data.timeZone);
  } catch (err) {
    console.error('update time zone failed', err);
    return { message: 'Something went wrong. Nothing was saved.', values };
  }
  revalidatePath('/', 'layout');
  return { ok: true, message: `Saved. Follow-ups now go by ${parsed.data.timeZone}.`, values: { timeZone: parsed.data.timeZone } };
}
