'use client';

import { ChevronDown, NotebookPen } from 'lucide-react';
import { useActionState, useId, useState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import type { ActionResult } from '@/lib/forms';
import { createPostAction } from '@/app/(app)/posts/actions';

const STYLES = [
  { value: 'narrative', label: 'Narrative', hint: 'A first-person write-up of the evening, ready to edit and publish.' },
  { value: 'summary', label: 'Bullet summary', hint: 'Who, what and next steps as short lists.' },
  { value: 'social', label: 'Social post', hint: 'Under 280 characters, with hashtags from the topics.' },
] as const;

/**
 * "Write a post" for an event: choose a style, create the draft, land in the editor. Embeddable on any page
 * that shows an event; a double tap creates one draft (the form carries an idempotency key).
 */
export function WritePostButton({ eventId }: { eventId: string }) {
  const [open, setOpen] = useState(false);
  const [state, formAction] = useActionState<ActionResult, FormData>(createPostAction, {});
  const [key, setKey] = useState('');
  const id = useId();
  const chosen = state.values?.style || 'narrative';

  function toggle() {
    // One key per opening: a double tap or a retry of the same submission makes one draft.
    if (!open) setKey(crypto.randomUUID());
    setOpen(!open);
  }

  return (
    <div className="w-full sm:w-auto">
      {/* A disclosure: it keeps its name and says whether it is open; once open, "Create draft" is the main action. */}
      <Button type="button" variant={open ? 'secondary' : 'primary'} aria-expanded={open} aria-controls={`${id}-panel`} onClick={toggle}>
        <NotebookPen aria-hidden className="size-4" />
        Write a post
        <ChevronDown aria-hidden className={`size-4 transition-transform ${open ? 'rotate-180' : ''}`} />
      </Button>
      {open ? (
        <form
          id={`${id}-panel`}
          action={formAction}
          className="mt-3 space-y-4 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm sm:max-w-md dark:border-zinc-800 dark:bg-zinc-900"
        >
          <input type="hidden" name="eventId" value={eventId} />
          <input type="hidden" name="idempotencyKey" value={key} />
          <fieldset aria-describedby={`${id}-style-error`}>
            <legend className="mb-2 text-sm font-medium text-zinc-800 dark:text-zinc-200">Style of post</legend>
            <div className="space-y-2">
              {STYLES.map((s) => (
                <label
                  key={s.value}
                  className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-zinc-200 p-3 has-[:checked]:border-accent-500 has-[:checked]:bg-accent-50 dark:border-zinc-700 dark:has-[:checked]:bg-accent-900/30"
                >
                  <input type="radio" name="style" value={s.value} defaultChecked={s.value === chosen} className="mt-1 size-4 accent-accent-600" />
                  <span>
                    <span className="block text-sm font-medium">{s.label}</span>
                    <span className="block text-xs text-zinc-600 dark:text-zinc-400">{s.hint}</span>
                  </span>
                </label>
              ))}
            </div>
            <div id={`${id}-style-error`} aria-live="polite" className="mt-1 text-sm text-red-600 dark:text-red-400">
              {state.fieldErrors?.style?.map((e) => (
                <p key={e}>{e}</p>
              ))}
            </div>
          </fieldset>
          <label className="flex min-h-11 items-start gap-3 text-sm">
            <input type="checkbox" name="includeNotes" defaultChecked={state.values?.includeNotes === 'on'} className="mt-0.5 size-4 accent-accent-600" />
            <span>
              Include my private conversation notes
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">Off unless you tick it: notes stay private.</span>
            </span>
          </label>
          <label className="flex min-h-11 items-start gap-3 text-sm">
            <input
              type="checkbox"
              name="includeFollowUps"
              defaultChecked={state.values?.includeFollowUps === 'on'}
              className="mt-0.5 size-4 accent-accent-600"
            />
            <span>
              Include my follow-ups
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">What you promised, and to whom: off unless you tick it.</span>
            </span>
          </label>
          <div aria-live="polite" className="text-sm text-red-600 dark:text-red-400">
            {state.message ? <p>{state.message}</p> : null}
          </div>
          <SubmitButton pendingText="Writing the draft…" className="w-full sm:w-auto">
            Create draft
          </SubmitButton>
        </form>
      ) : null}
    </div>
  );
}
