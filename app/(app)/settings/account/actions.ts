'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import {
  changeEmail,
  changeEmailSchema,
  changePassword,
  changePasswordSchema,
  deleteAccount,
  deleteAccountSchema,
} from '@/lib/account/account';
import { getSessionId, requireUser } from '@/lib/dal';
import { UserFacingError } from '@/lib/errors';
import { errorState, fieldErrorsOf, formValues, type FormState } from '@/lib/forms';

const SECRET_FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'];

async function run(values: Record<string, string>, work: () => Promise<FormState>): Promise<FormState> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof UserFacingError) return errorState(err, values);
    console.error('account change failed', err);
    return { message: 'Something went wrong. Nothing was changed.', values };
  }
}

/** Changes the password (the current one first) and signs out every other device. */
export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData, SECRET_FIELDS);
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  return run(values, async () => {
    const ended = await changePassword(user.id, await getSessionId(), parsed.data);
    revalidatePath('/settings');
    return { ok: true, message: `Password changed.${ended ? ` ${ended} other device${ended === 1 ? ' was' : 's were'} signed out.` : ''}` };
  });
}

/** Changes the sign-in email, with the password. */
export async function changeEmailAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData, SECRET_FIELDS);
  const parsed = changeEmailSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  return run(values, async () => {
    await changeEmail(user.id, parsed.data);
    revalidatePath('/settings');
    return { ok: true, message: `You now sign in as ${parsed.data.email}.`, values: { email: parsed.data.email } };
  });
}

/** Deletes the account and all its data, once the email is typed and the password given. */
export async function deleteAccountAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData, SECRET_FIELDS);
  const parsed = deleteAccountSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  const state = await run(values, async () => {
    await deleteAccount(user.id, parsed.data);
    return { ok: true };
  });
  if (!state.ok) return state;
  redirect('/sign-in?deleted=1');
}
