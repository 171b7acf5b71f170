'use client';

import { Link2 } from 'lucide-react';
import { useEffect, useRef } from 'react';
import type { DuplicateCandidate } from '@/lib/events/resolve';
import { displayName } from '@/lib/people/display-name';

/**
 * "Already in your contacts?": a save the server held back because a new person looks like someone known. Shown only
 * after such an answer (so with a connection), it is loaded then, not with the form, whose script is at its budget.
 */
export function DuplicatePrompt({
  duplicates,
  answered,
  onSame,
  onNew,
}: {
  duplicates: DuplicateCandidate[];
  /** "No, save as a new person" was chosen: an answer too, so focus does not come back here. */
  answered?: boolean;
  onSame: (d: DuplicateCandidate) => void;
  onNew: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Loaded after the refused save focused its message at the top of the form, a long way up on a phone: the first
    // open question takes focus (and comes into view) where it is asked, unless a field to fix comes first.
    const form = ref.current?.closest('form');
    if (!form || form.querySelector('[data-duplicates]') !== ref.current || form.querySelector('[aria-invalid="true"]')) return;
    ref.current?.querySelector('button')?.focus();
  }, []);
  return (
    <div
      ref={ref}
      role="alert"
      data-duplicates={answered ? undefined : ''}
      className="mb-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950/40"
    >
      <p className="font-medium">Already in your contacts?</p>
      <ul className="mt-2 space-y-2">
        {duplicates.map((d) => (
          <li key={d.id} className="flex flex-wrap items-center justify-between gap-2">
            <span>
              {d.name ? [d.name, d.organisation].filter(Boolean).join(', ') : displayName({ role: d.role, organisationName: d.organisation })}{' '}
              <span className="text-zinc-500">(same {d.why})</span>
            </span>
            <button
              type="button"
              onClick={(e) => {
                onSame(d);
                // The prompt goes with the answer (its button with it): focus moves on to the first prompt still open
                // (prompts come before the save bar in the form), else to Save, rather than falling to the page.
                const form = e.currentTarget.form;
                requestAnimationFrame(() => form?.querySelector<HTMLElement>('[data-duplicates] button,[type=submit]')?.focus());
              }}
              className="inline-flex min-h-11 items-center gap-1.5 rounded-lg bg-white px-3 font-medium shadow-xs dark:bg-zinc-900"
            >
              <Link2 aria-hidden className="size-4" /> Same person
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onNew} className="mt-2 min-h-11 font-medium text-accent-700 underline dark:text-accent-200">
        No, save as a new person
      </button>
    </div>
  );
}
