'use client';

import { Copy, KeyRound } from 'lucide-react';
import { useActionState, useState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { inputClass, TextField } from '@/app/_components/ui/field';
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
            onClick={() => navigator.clipboard?.writeText(created.token).then(() => setCopied(true), () => setCopied(false))}
          >
            <Copy aria-hidden className="size-4" /> {copied ? 'Copied' : 'Copy token'}
          </Button>
        </div>
      ) : null}
      <form action={action} className="flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
        <TextField id="token-name" name="name" label="New token name" className="flex-1" defaultValue={state.values?.name} errors={state.fieldErrors?.name} placeholder="e.g. Shortcuts on my phone" autoComplete="off" />
        <SubmitButton className="sm:mt-7" pendingText="Creating…">
          <KeyRound aria-hidden className="size-4" /> Create token
        </SubmitButton>
      </form>
      {state.ok === false && state.message ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
