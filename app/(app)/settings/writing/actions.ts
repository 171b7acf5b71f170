'use server';

import { revalidatePath } from 'next/cache';
import { formAction } from '@/lib/actions/form-action';
import { updateWriting, writingFormSchema } from '@/lib/settings/writing';

/** Saves how drafts are written (Settings → Writing). */
export const updateWritingAction = formAction(writingFormSchema, async ({ user, input }) => updateWriting(user.id, input), {
  name: 'settings.writing',
  failureMessage: 'Something went wrong. Nothing was saved.',
  after: (_, { values }) => {
    revalidatePath('/settings');
    return { ok: true, message: 'Saved. New drafts will be written this way.', values };
  },
});
