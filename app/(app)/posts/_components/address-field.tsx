'use client';

import { useId, useState, useTransition } from 'react';
import { Button } from '@/app/_components/ui/button';
import { inputClass } from '@/app/_components/ui/field';
import { slugify } from '@/lib/slug';

/** The post's public address (its slug), saved on demand; a published post's old address forwards to the new one. */
export function AddressField({
  handle,
  slug,
  published,
  onSave,
}: {
  handle: string;
  slug: string;
  published: boolean;
  onSave: (slug: string) => Promise<{ ok: true; slug: string } | { ok: false; message: string }>;
}) {
  const id = useId();
  const [value, setValue] = useState(slug);
  // The saved address changed under the field (the title was saved and the address follows it): show the new one,
  // unless the user is typing an address of their own.
  const [shown, setShown] = useState(slug);
  if (shown !== slug) {
    setShown(slug);
    if (value.trim() === shown) setValue(slug);
  }
  const [error, setError] = useState('');
  const [note, setNote] = useState('');
  const [pending, startTransition] = useTransition();

  function save(e: React.FormEvent) {
    e.preventDefault();
    setError('');
    setNote('');
    // Typed as words ("CIO Club, April!"), it is made an address rather than refused; one with nothing to make it of
    // goes as typed, for the server to say what an address takes.
    const typed = value.trim();
    const tidy = slugify(typed, 80) || typed.toLowerCase();
    startTransition(async () => {
      const result = await onSave(tidy);
      if (result.ok) {
        setValue(result.slug);
        setNote(result.slug === typed ? 'Address saved.' : `Saved as “${result.slug}”: an address is lower-case letters, digits and dashes.`);
      } else setError(result.message);
    });
  }

  return (
    <form onSubmit={save} className="space-y-1.5">
      <label htmlFor={`${id}-slug`} className="block text-sm font-medium">
        Public address
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <span className="w-full truncate text-sm text-zinc-500 sm:w-auto">/u/{handle}/</span>
        <input
          id={`${id}-slug`}
          className={`${inputClass} min-w-0 flex-1`}
          value={value}
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={!!error || undefined}
          aria-describedby={`${id}-slug-hint ${id}-slug-error`}
          onChange={(e) => setValue(e.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={pending || value.trim() === slug}>
          {pending ? 'Saving…' : 'Save address'}
        </Button>
      </div>
      <p id={`${id}-slug-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
        Lower-case letters, digits and dashes.{published ? ' Links to the old address will lead here.' : ''}
      </p>
      <div id={`${id}-slug-error`} aria-live="polite" className="text-sm">
        {error ? <p className="text-red-600 dark:text-red-400">{error}</p> : note ? <p className="text-zinc-600 dark:text-zinc-400">{note}</p> : null}
      </div>
    </form>
  );
}
