'use client';

import { Trash2 } from 'lucide-react';
import { useRef, useState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { deleteEventAction } from '../actions';

/** Delete asks first; the list then offers Undo. */
export function DeleteEvent({ eventId, title }: { eventId: string; title: string }) {
  const [asking, setAsking] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  // Escape answers "keep it", as it would in any dialog, and focus goes back to the Delete button.
  const keep = () => {
    setAsking(false);
    requestAnimationFrame(() => opener.current?.focus());
  };
  if (!asking) {
    return (
      <Button ref={opener} type="button" variant="secondary" onClick={() => setAsking(true)}>
        <Trash2 aria-hidden className="size-4" /> Delete
      </Button>
    );
  }
  return (
    <form
      action={deleteEventAction}
      role="alertdialog"
      aria-labelledby="delete-q"
      onKeyDown={(e) => {
        if (e.key === 'Escape') keep();
      }}
      className="flex w-full flex-wrap items-center gap-2 rounded-lg border border-red-200 bg-red-50 p-3 text-sm dark:border-red-900 dark:bg-red-950/40"
    >
      <input type="hidden" name="eventId" value={eventId} />
      <p id="delete-q" className="min-w-0 flex-1">
        Delete “{title}”? You can undo this for 30 days.
      </p>
      <Button type="button" variant="ghost" onClick={keep} autoFocus>
        Keep it
      </Button>
      <SubmitButton variant="danger" pendingText="Deleting…">
        Delete event
      </SubmitButton>
    </form>
  );
}
