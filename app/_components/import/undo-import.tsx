'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Button } from '@/app/_components/ui/button';
import { countOf } from '@/lib/import/words';

type Undone = { removed: number; reverted: number; kept: number; organisations: number };

/**
 * What an undo did, in words: who went to Deleted, who got back what they had, who was left as they are, and how many of
 * the organisations it added went with them.
 */
function undoneWords(u: Undone): string {
  const parts = [
    u.removed ? `${countOf(u.removed, 'person', 'people')} it added ${u.removed === 1 ? 'is' : 'are'} in Deleted` : '',
    u.reverted ? `${countOf(u.reverted, 'person', 'people')} it updated ${u.reverted === 1 ? 'has' : 'have'} what they had before` : '',
    u.kept ? `${countOf(u.kept, 'person', 'people')} you have changed or met since ${u.kept === 1 ? 'was' : 'were'} left as they are` : '',
    u.organisations ? `${countOf(u.organisations, 'organisation')} it added ${u.organisations === 1 ? 'has' : 'have'} gone with them` : '',
  ].filter(Boolean);
  return parts.length ? `Undone: ${parts.join('; ')}.` : 'Undone: nothing it wrote was left to take back.';
}

/**
 * "Undo this import", under an import's result and above the list of the people it added: once, and it says what it
 * did. `onUndone` lets the page around it follow; without one, the page is read again.
 */
export function UndoImport({
  undoId,
  onUndone,
  available = true,
  describedBy,
}: {
  undoId: string;
  onUndone?: () => void;
  available?: boolean;
  /** What tells this import from others listed beside it (its file and date), for a screen reader. */
  describedBy?: string;
}) {
  const router = useRouter();
  // What it did stays on screen, and focus goes to it, in place of the button that is gone.
  const said = useRef<HTMLParagraphElement>(null);
  const [state, setState] = useState<{ step: 'ready' | 'undoing' } | { step: 'undone'; undone: Undone } | { step: 'failed'; message: string }>({
    step: 'ready',
  });

  async function undo() {
    setState({ step: 'undoing' });
    try {
      const res = await fetch(`/api/v1/import/${undoId}/undo`, { method: 'POST' });
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        flushSync(() => setState({ step: 'undone', undone: body as Undone }));
        said.current?.focus();
        if (onUndone) onUndone();
        else router.refresh();
      } else setState({ step: 'failed', message: body.detail ?? 'It could not be undone.' });
    } catch {
      setState({ step: 'failed', message: 'It could not be undone: check the connection and try again.' });
    }
  }

  if (state.step === 'undone') {
    return (
      <p ref={said} tabIndex={-1} role="status" className="mt-3 text-sm outline-none">
        {undoneWords(state.undone)}{' '}
        {state.undone.removed ? (
          <Link href="/settings/deleted" className="font-medium text-accent-700 underline-offset-2 hover:underline dark:text-accent-400">
            See Deleted
          </Link>
        ) : null}
      </p>
    );
  }
  // Read again after an undo elsewhere (or past its 30 days): nothing left to undo here.
  if (!available && state.step === 'ready') return null;
  return (
    <div className="mt-3">
      <Button type="button" variant="secondary" onClick={undo} disabled={state.step === 'undoing'} aria-describedby={describedBy}>
        {state.step === 'undoing' ? 'Undoing…' : 'Undo this import'}
      </Button>
      {state.step === 'failed' ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
