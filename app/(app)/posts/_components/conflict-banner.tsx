'use client';

import { AlertTriangle } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Button } from '@/app/_components/ui/button';
import type { Conflict } from './use-autosave';

/** Shown when the post was saved elsewhere: both copies visible, nothing overwritten until the user chooses. */
export function ConflictBanner({
  conflict,
  mine,
  onKeepMine,
  onTakeTheirs,
}: {
  conflict: Conflict;
  mine: { title: string; markdown: string };
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const titleChanged = conflict.title !== mine.title;
  const box = useRef<HTMLDivElement>(null);
  // The user may be far down a long post when this appears; bring it into view once.
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, []);
  return (
    <div
      ref={box}
      role="alert"
      className="mb-4 scroll-mt-28 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-700 dark:bg-amber-950/40"
    >
      <p className="flex items-start gap-2 font-medium text-amber-900 dark:text-amber-100">
        <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
        This post was changed in another window since you opened it. Your text is still here and has not been saved.
      </p>
      <details className="mt-3">
        <summary className="min-h-11 cursor-pointer py-2 font-medium">Show the other version{titleChanged ? ' (the title changed too)' : ''}</summary>
        <div className="mt-2 space-y-2">
          {titleChanged ? (
            <p>
              <span className="font-medium">Their title:</span> {conflict.title}
            </p>
          ) : null}
          <pre className="max-h-64 overflow-auto rounded-lg bg-white p-3 text-xs whitespace-pre-wrap dark:bg-zinc-900">{conflict.markdown}</pre>
        </div>
      </details>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="button" onClick={onKeepMine}>
          Keep my version
        </Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            if (window.confirm('Replace your text with the other version? Your unsaved edits will be lost.')) onTakeTheirs();
          }}
        >
          Use the other version
        </Button>
      </div>
    </div>
  );
}
