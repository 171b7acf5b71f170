'use client';

import { PencilLine } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { newDraftOnDevice } from '@/lib/events/device-draft';

/**
 * "Finish logging …": an evening left half-typed on this device (the form keeps it) is offered at the top of the
 * dashboard, where the user lands, rather than found only by opening the form again.
 */
export function UnfinishedDraft({ userId }: { userId: string }) {
  const [draft, setDraft] = useState<ReturnType<typeof newDraftOnDevice>>(null);
  useEffect(() => {
    // The device's storage is only there after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setDraft(newDraftOnDevice(userId));
  }, [userId]);
  if (!draft) return null;
  const what = draft.title ? `“${draft.title}”` : 'an event';
  return (
    <Link
      href="/events/new"
      className="mb-6 flex min-h-11 items-center gap-3 rounded-xl border border-accent-200 bg-accent-50 px-4 py-3 text-sm text-accent-900 hover:bg-accent-100 dark:border-accent-900 dark:bg-accent-950/40 dark:text-accent-100"
    >
      <PencilLine aria-hidden className="size-5 shrink-0" />
      <span className="min-w-0 flex-1">
        <span className="font-medium">Finish logging {what}</span>
        <span className="block text-xs opacity-80">
          Kept on this device{draft.people ? `, with ${draft.people === 1 ? '1 person' : `${draft.people} people`}` : ''}.
        </span>
      </span>
    </Link>
  );
}
