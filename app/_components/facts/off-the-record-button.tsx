'use client';

import { EyeOff, Eye } from 'lucide-react';
import { useState, useTransition } from 'react';
import { setOffTheRecordAction } from '@/app/(app)/facts/actions';

/** One tap marks a fact off the record (or back on it); the button says which it is and what a tap does. */
export function OffTheRecordButton({ id, offTheRecord, label }: { id: string; offTheRecord: boolean; label: string }) {
  const [pending, start] = useTransition();
  const [value, setValue] = useState(offTheRecord);
  const [error, setError] = useState<string | null>(null);
  const toggle = () => {
    const next = !value;
    setError(null);
    start(async () => {
      const result = await setOffTheRecordAction(id, next);
      if (result.ok) setValue(next);
      else setError(result.message ?? 'Could not change this fact. Try again.');
    });
  };
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        onClick={toggle}
        disabled={pending}
        aria-pressed={value}
        aria-label={`Off the record: ${label}`}
        className={`inline-flex min-h-11 shrink-0 items-center gap-1.5 rounded-lg border px-3 text-xs font-medium whitespace-nowrap disabled:opacity-60 md:min-h-9 ${
          value
            ? 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200'
            : 'border-zinc-300 text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800'
        }`}
      >
        {value ? <EyeOff aria-hidden className="size-4" /> : <Eye aria-hidden className="size-4" />}
        {value ? 'Off the record' : 'On the record'}
      </button>
      {error ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
