'use server';

import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/dal';
import { fieldErrorsOf, formValues, type FormState } from '@/lib/forms';
import { updateWriting, writingFormSchema } from '@/lib/settings/writing';

/** Saves how drafts are written (Settings → Writing). */
export async function updateWritingAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData);
  const parsed = writingFormSchema.safeParse(values);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await updateWriting(user.id, parsed.data);
  } catch (err) {
    console.error('update writing settings failed', err);
    return { message: 'Something went wrong. Nothing was saved.', values };
  }
  revalidatePath('/settings');
  return { ok: true, message: 'Saved. New drafts will be written this way.', values };
}
