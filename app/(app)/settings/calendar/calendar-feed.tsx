'use client';

import { Check, Copy, RefreshCw } from 'lucide-react';
import { useActionState, useState, useSyncExternalStore } from 'react';
import { inputClass } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { calendarFeedAction, type CalendarSecretState } from './actions';

const noSubscribe = () => () => {};

/** Creates, shows once, replaces or turns off the private subscription address. */
export function CalendarFeed({ hasSecret }: { hasSecret: boolean }) {
  const [state, action] = useActionState<CalendarSecretState, FormData>(calendarFeedAction, {});
  const [copied, setCopied] = useState(false);
  const origin = useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => '',
  );
  const address = state.data?.secret ? `${origin}/calendar/${state.data.secret}.ics` : null;
  const active = address ? true : state.data?.revoked ? false : hasSecret;

  return (
    <div className="space-y-3">
      {address ? (
        <div className="space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-3 dark:border-emerald-800 dark:bg-emerald-950">
          <label htmlFor="calendar-address" className="block text-sm font-medium">
            Your private calendar address
          </label>
          <div className="flex gap-2">
            <input id="calendar-address" readOnly value={address} className={`${inputClass} font-mono text-sm`} onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              onClick={async () => {
                await navigator.clipboard?.writeText(address);
                setCopied(true);
              }}
              className="inline-flex min-h-11 shrink-0 items-center gap-1.5 rounded-lg border border-zinc-300 bg-white px-3 text-sm font-medium dark:border-zinc-700 dark:bg-zinc-900"
            >
              {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
          <a
            href={address.replace(/^https?:/, 'webcal:')}
            className="inline-flex min-h-11 items-center text-sm font-medium text-accent-700 underline-offset-2 hover:underline dark:text-accent-200"
          >
            Open in your calendar app
          </a>
          <p className="text-xs text-zinc-700 dark:text-zinc-300">
            Copy it now: it is shown only once. In your calendar app choose “Subscribe to calendar” or “Add by URL”. Anyone with this address can see your
            follow-ups, so keep it to yourself.
          </p>
        </div>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" role="status">
          {active
            ? 'Your private address is active. For safety it is not shown again; make a new one if you need it (the old one then stops working).'
            : 'No private address yet.'}
        </p>
      )}
      <form action={action} className="flex flex-wrap gap-2">
        <SubmitButton name="intent" value="new" variant={active ? 'secondary' : 'primary'} pendingText="Making…">
          <RefreshCw aria-hidden className="size-4" />
          {active ? 'Make a new address' : 'Create subscription address'}
        </SubmitButton>
        {active ? (
          <SubmitButton name="intent" value="off" variant="ghost">
            Turn off
          </SubmitButton>
        ) : null}
      </form>
      {state.message ? (
        <p role="alert" className="text-sm text-red-600">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
