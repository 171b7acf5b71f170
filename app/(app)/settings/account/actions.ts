'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction, formSubmit } from '@/lib/actions/form-action';
import {
  changeEmail,
  changeEmailSchema,
  changePassword,
  changePasswordSchema,
  deleteAccount,
  deleteAccountSchema,
  profileSchema,
  updateProfile,
} from '@/lib/account/account';
import { releaseFormerHandle } from '@/lib/auth/handles';
import { getSessionId } from '@/lib/dal';

/**
 * Changes the password (the current one first), signs out every other device, and revokes API tokens and the private
 * calendar address if asked.
 */
export const changePasswordAction = formAction(changePasswordSchema, async ({ user, input }) => changePassword(user.id, await getSessionId(), input), {
  name: 'account.change-password',
  after: ({ devicesSignedOut: d, tokensRevoked: r, tokensStillWorking: w, calendarFeedRevoked: c }) => {
    revalidatePath('/settings');
    const parts = [
      'Password changed.',
      d ? `${d} other device${d === 1 ? ' was' : 's were'} signed out.` : '',
      r ? `${r} API token${r === 1 ? ' was' : 's were'} revoked.` : '',
      c ? 'Your private calendar address was turned off: make a new one under Calendar and subscribe to it again.' : '',
      w
        ? `${w === 1 ? 'Your API token still works' : `Your ${w} API tokens still work`}: revoke ${w === 1 ? 'it' : 'them'} under API tokens if one may have leaked.`
        : '',
    ];
    return { ok: true, message: parts.filter(Boolean).join(' ') };
  },
});

/** Stops a handle given up from leading here: its links answer 404 and anyone may take it. */
export const releaseHandleAction = formSubmit(
  z.object({ handle: z.string().max(63).catch('') }),
  async ({ user, input }) => (input.handle ? releaseFormerHandle(user.id, input.handle) : false),
  {
    name: 'account.release-handle',
    after: () => {
      revalidatePath('/settings');
      redirect('/settings#profile');
    },
  },
);

/** Changes the name (the byline of posts) and the public handle (their address). */
export const updateProfileAction = formAction(profileSchema, async ({ user, input }) => ({ ...(await updateProfile(user.id, input)), before: user.handle }), {
  name: 'account.profile',
  after: ({ name, handle, forwarded, before }) => {
    revalidatePath('/', 'layout');
    return {
      ok: true,
      message:
        handle === before
          ? 'Saved.'
          : forwarded
            ? `Saved. Your posts are now at /u/${handle}; links to /u/${before} lead there.`
            : `Saved. Your posts will be at /u/${handle}.`,
      values: { name, handle, wasName: name, wasHandle: handle },
    };
  },
});

/** Changes the sign-in email, with the password. */
export const changeEmailAction = formAction(
  changeEmailSchema,
  async ({ user, input }) => {
    await changeEmail(user.id, input);
    return input.email;
  },
  {
    name: 'account.change-email',
    after: (email) => {
      revalidatePath('/settings');
      return { ok: true, message: `You now sign in as ${email}.`, values: { email } };
    },
  },
);

/** Deletes the account and all its data, once the email is typed and the password given. */
export const deleteAccountAction = formAction(deleteAccountSchema, async ({ user, input }) => deleteAccount(user.id, input), {
  name: 'account.delete',
  after: () => redirect('/sign-in?deleted=1'),
});
