'use client';

import { Copy, KeyRound } from 'lucide-react';
import { useActionState, useState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { Field, inputClass, TextField } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { createApiTokenAction, type TokenFormState } from './actions';

/**
 * Names and creates a token, then shows it once with a copy button, for as long as it is among `liveTokenIds`
 * (revoked straight away, it is gone from here too).
 */
export function CreateTokenForm({ liveTokenIds }: { liveTokenIds: string[] }) {
  const [state, action] = useActionState<TokenFormState, FormData>(createApiTokenAction, {});
  const [copied, setCopied] = useState(false);
  const created = state.data;
  return (
    <div className="space-y-3">
      {created && liveTokenIds.includes(created.tokenId) ? (
        <div role="status" className="space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950/40">
          <p className="font-medium">Token “{created.tokenName}” created. Copy it now: it will not be shown again.</p>
          <label htmlFor="new-token" className="sr-only">
            New API token
          </label>
          <input id="new-token" readOnly value={created.token} className={`${inputClass} font-mono text-sm`} onFocus={(e) => e.target.select()} />
          <Button
            type="button"
            variant="secondary"
            onClick={() =>
              navigator.clipboard?.writeText(created.token).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            <Copy aria-hidden className="size-4" /> {copied ? 'Copied' : 'Copy token'}
          </Button>
        </div>
      ) : null}
      {state.message ? (
        <p role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {state.message}
        </p>
      ) : null}
      {/* key: after a token is made, the form starts afresh (and forgets the password). */}
      <form key={state.data?.tokenId ?? 'new'} action={action} className="grid gap-3 sm:grid-cols-2" noValidate>
        <TextField
          id="token-name"
          name="name"
          label="New token name"
          className="sm:col-span-2"
          defaultValue={state.values?.name}
          errors={state.fieldErrors?.name}
          placeholder="e.g. Shortcuts on my phone"
          autoComplete="off"
        />
        <Field id="token-access" label="It may" errors={state.fieldErrors?.access}>
          {(describedBy, invalid) => (
            // key: a select keeps its first default through React's form reset; a refused save must keep the choice.
            <select
              key={state.values?.access ?? 'write'}
              id="token-access"
              name="access"
              defaultValue={state.values?.access ?? 'write'}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              className={inputClass}
            >
              <option value="write">Read and change data</option>
              <option value="read">Only read data</option>
            </select>
          )}
        </Field>
        <Field id="token-expires" label="Expires" errors={state.fieldErrors?.expires}>
          {(describedBy, invalid) => (
            <select
              key={state.values?.expires ?? '90'}
              id="token-expires"
              name="expires"
              defaultValue={state.values?.expires ?? '90'}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              className={inputClass}
            >
              <option value="30">In 30 days</option>
              <option value="90">In 90 days</option>
              <option value="365">In a year</option>
              <option value="never">Never</option>
            </select>
          )}
        </Field>
        <TextField
          id="token-password"
          name="password"
          type="password"
          label="Your password, to create the token"
          hint="A token is a key to your account: confirm it is you."
          className="sm:col-span-2"
          errors={state.fieldErrors?.password}
          autoComplete="current-password"
        />
        <div>
          <SubmitButton pendingText="Creating…">
            <KeyRound aria-hidden className="size-4" /> Create token
          </SubmitButton>
        </div>
      </form>
    </div>
  );
}
