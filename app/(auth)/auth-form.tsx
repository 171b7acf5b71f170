'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { TextField } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import type { ActionResult } from '@/lib/forms';
import { signInAction, signUpAction } from './actions';
import { deviceTimeZone } from '@/lib/device-time-zone';

/**
 * The sign-in and sign-up form: errors beside their fields, typed values kept. The server never sends a password back:
 * a new one refused (too short) stays in its field here, in the browser, to be added to rather than typed again; a
 * sign-in's is cleared, as a wrong one should be. Only the form is a client component; its card, heading and links are
 * the server's (AuthCard), so a public page ships less script.
 */
export function AuthForm({ mode, callbackUrl }: { mode: 'sign-in' | 'sign-up'; callbackUrl?: string }) {
  const [state, action] = useActionState<ActionResult, FormData>(mode === 'sign-in' ? signInAction : signUpAction, {});
  const timeZoneRef = useRef<HTMLInputElement>(null);
  const localeRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Defaults for Settings, read from the device at sign-up.
    if (timeZoneRef.current) timeZoneRef.current.value = deviceTimeZone() ?? '';
    if (localeRef.current) localeRef.current.value = navigator.language ?? '';
  });
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  const isSignUp = mode === 'sign-up';
  const [password, setPassword] = useState('');

  return (
    <form action={action} className="space-y-4" noValidate>
      {isSignUp ? <TextField id="name" name="name" label="Name" autoComplete="name" defaultValue={v.name} errors={e.name} required /> : null}
      <TextField id="email" name="email" type="email" label="Email" autoComplete="email" inputMode="email" defaultValue={v.email} errors={e.email} required />
      <TextField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete={isSignUp ? 'new-password' : 'current-password'}
        // Said once: a refusal says it in place of the hint.
        hint={isSignUp && !e.password ? 'At least 10 characters.' : undefined}
        errors={e.password}
        {...(isSignUp ? { value: password, onChange: (ev: React.ChangeEvent<HTMLInputElement>) => setPassword(ev.target.value) } : {})}
        required
      />
      {isSignUp ? (
        <>
          <input ref={timeZoneRef} type="hidden" name="timeZone" defaultValue="" />
          <input ref={localeRef} type="hidden" name="locale" defaultValue="" />
        </>
      ) : (
        <input type="hidden" name="callbackUrl" value={callbackUrl ?? '/'} />
      )}
      <div id="form-message" role="alert" aria-live="assertive" className="min-h-5 text-sm text-red-600 dark:text-red-400">
        {state.message}
      </div>
      <SubmitButton className="w-full" pendingText={isSignUp ? 'Creating your account…' : 'Signing in…'}>
        {isSignUp ? 'Sign up' : 'Sign in'}
      </SubmitButton>
    </form>
  );
}
