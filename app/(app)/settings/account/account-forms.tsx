'use client';

import { useActionState } from 'react';
import { TextField } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import type { FormState } from '@/lib/forms';
import { changeEmailAction, changePasswordAction, deleteAccountAction, updateProfileAction } from './actions';

function Status({ state }: { state: FormState }) {
  return (
    <p role="status" aria-live="polite" className={`text-sm ${state.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-600'}`}>
      {state.message}
    </p>
  );
}

/** The name that signs posts and the handle in their address; links to an old handle forward to the new one. */
export function ProfileForm({ name, handle }: { name: string; handle: string }) {
  const [state, action] = useActionState<FormState, FormData>(updateProfileAction, {});
  const e = state.fieldErrors ?? {};
  const v = state.values ?? {};
  // After a save the saved values are what the form starts from; after a refusal, what was typed stays.
  const wasName = v.wasName ?? name;
  const wasHandle = v.wasHandle ?? handle;
  return (
    <form action={action} noValidate className="space-y-3">
      <input type="hidden" name="wasName" value={wasName} />
      <input type="hidden" name="wasHandle" value={wasHandle} />
      <TextField key={`n-${v.name ?? name}`} id="profile-name" name="name" autoComplete="name" label="Name" defaultValue={v.name ?? name} errors={e.name} />
      <TextField
        key={`h-${v.handle ?? handle}`}
        id="profile-handle"
        name="handle"
        autoCapitalize="none"
        spellCheck={false}
        label="Public handle"
        hint={`Your posts are published at /u/${wasHandle}/…. Once something is published, changing it keeps old links working: they lead to the new address, and no one else can take the old one.`}
        defaultValue={v.handle ?? handle}
        errors={e.handle}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary" pendingText="Saving…">
          Save name and handle
        </SubmitButton>
        <Status state={state} />
      </div>
    </form>
  );
}

/** Change password: the current one first; other devices are signed out. */
export function ChangePasswordForm() {
  const [state, action] = useActionState<FormState, FormData>(changePasswordAction, {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="space-y-3">
      <h3 className="text-sm font-semibold">Change password</h3>
      <TextField id="pw-current" name="currentPassword" type="password" autoComplete="current-password" label="Current password" errors={e.currentPassword} />
      <TextField
        id="pw-new"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        label="New password"
        hint="At least 10 characters."
        errors={e.newPassword}
      />
      <TextField id="pw-confirm" name="confirmPassword" type="password" autoComplete="new-password" label="New password again" errors={e.confirmPassword} />
      <p className="text-xs text-zinc-500 dark:text-zinc-400">Every other device you are signed in on will be signed out.</p>
      <label className="flex items-start gap-2 text-sm">
        <input
          key={state.values?.revokeApiAccess ?? 'off'}
          type="checkbox"
          name="revokeApiAccess"
          defaultChecked={state.values?.revokeApiAccess === 'on'}
          className="mt-0.5 size-4 accent-accent-600"
        />
        <span>
          Also revoke my API tokens and calendar link
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">
            Neither is a password: without this, scripts and apps using a token, and calendars subscribed to your link, keep working.
          </span>
        </span>
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary" pendingText="Changing…">
          Change password
        </SubmitButton>
        <Status state={state} />
      </div>
    </form>
  );
}

/** Change the sign-in email, with the password. */
export function ChangeEmailForm({ email }: { email: string }) {
  const [state, action] = useActionState<FormState, FormData>(changeEmailAction, {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="space-y-3">
      <h3 className="text-sm font-semibold">Change email</h3>
      <TextField
        key={state.values?.email ?? email}
        id="new-email"
        name="email"
        type="email"
        autoComplete="email"
        label="New email"
        defaultValue={state.values?.email ?? email}
        errors={e.email}
      />
      <TextField
        id="email-password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        label="Your password, to change your email"
        errors={e.currentPassword}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary" pendingText="Changing…">
          Change email
        </SubmitButton>
        <Status state={state} />
      </div>
    </form>
  );
}

/** Delete the account and all its data, after typing the email to confirm. */
export function DeleteAccountForm({ email }: { email: string }) {
  const [state, action] = useActionState<FormState, FormData>(deleteAccountAction, {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="space-y-3 rounded-lg border border-red-300 p-3 dark:border-red-900">
      <h3 className="text-sm font-semibold text-red-700 dark:text-red-400">Delete account</h3>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        This removes your account and everything in it at once: people, events, follow-ups, posts, sessions and API tokens. It cannot be undone. Export a backup
        first if you may want it back.
      </p>
      <TextField
        key={state.values?.confirmEmail}
        id="delete-email"
        name="confirmEmail"
        autoComplete="off"
        label={`Type ${email} to confirm`}
        defaultValue={state.values?.confirmEmail}
        errors={e.confirmEmail}
      />
      <TextField
        id="delete-password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        label="Your password, to delete your account"
        errors={e.currentPassword}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="danger" pendingText="Deleting…">
          Delete my account and all its data
        </SubmitButton>
        <Status state={state} />
      </div>
    </form>
  );
}
