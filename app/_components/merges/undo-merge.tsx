'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import type { ActionResult } from '@/lib/forms';
import { undoMergeAction } from '@/app/(app)/settings/deleted/actions';

/** Undo for one merge; a refusal (edited since, name taken…) shows beside the button. */
export function UndoMergeButton({ mergeId, label, then = 'record' }: { mergeId: string; label: string; then?: 'list' | 'record' }) {
  const [state, action] = useActionState<ActionResult, FormData>(undoMergeAction, {});
  const messageId = `undo-merge-${mergeId.slice(0, 8)}`;
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="mergeId" value={mergeId} />
      <input type="hidden" name="then" value={then} />
      <SubmitButton variant="secondary" pendingText="Undoing…" aria-label={`Undo merge: ${label}`} aria-describedby={messageId}>
        Undo merge
      </SubmitButton>
      <p id={messageId} aria-live="polite" className="w-full text-right text-sm text-red-700 empty:hidden dark:text-red-300">
        {state.message ?? ''}
      </p>
    </form>
  );
}

/** The banner right after a merge: what was merged, and the way back. */
export function MergedBanner({ mergeId, label, back }: { mergeId: string; label: string; back?: string }) {
  return (
    <div
      role="status"
      className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
    >
      <p className="min-w-0 wrap-anywhere">
        Merged <strong className="font-medium">{label}</strong>. Everything from both is here.
        {back ? (
          <>
            {' '}
            <Link href={back} className="inline-flex min-h-11 items-center font-medium underline underline-offset-2">
              Back to the event
            </Link>
          </>
        ) : null}
      </p>
      <UndoMergeButton mergeId={mergeId} label={label} />
    </div>
  );
}
