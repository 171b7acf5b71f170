'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Button } from '@/app/_components/ui/button';
import { countOf } from '@/lib/import/words';

type Undone = { removed: number; reverted: number; kept: number; organisations: number; restored?: number };
type Restored = { restored: number };

/**
 * What an undo did, in words: who went to Deleted, who got back what they had, who was left as they are, and how many of
 * the organisations it added went with them.
 */
function undoneWords(u: Undone): string {
  const parts = [
    u.removed && u.restored
      ? `${countOf(u.removed, 'person', 'people')} it added went to Deleted, and ${u.restored === u.removed ? (u.removed === 1 ? 'is' : 'all are') : `${u.restored.toLocaleString('en-GB')} ${u.restored === 1 ? 'is' : 'are'}`} back since`
      : u.removed
        ? `${countOf(u.removed, 'person', 'people')} it added ${u.removed === 1 ? 'is' : 'are'} in Deleted`
        : '',
    u.reverted ? `${countOf(u.reverted, 'person', 'people')} it updated ${u.reverted === 1 ? 'has' : 'have'} what they had before` : '',
    u.kept ? `${countOf(u.kept, 'person', 'people')} you have changed or met since ${u.kept === 1 ? 'was' : 'were'} left as they are` : '',
    u.organisations ? `${countOf(u.organisations, 'organisation')} it added ${u.organisations === 1 ? 'has' : 'have'} gone with them` : '',
  ].filter(Boolean);
  return parts.length ? `Undone: ${parts.join('; ')}.` : 'Undone: nothing it wrote was left to take back.';
}

/**
 * "Undo this import", under an import's result and above the list of the people it added: it asks first (an undo
 * cannot itself be undone, only its people restored from Deleted one by one), is done once, and says what it did.
 * `onUndone` lets the page around it follow; without one, the page is read again.
 */
export function UndoImport({
  undoId,
  onUndone,
  available = true,
  undone,
  describedBy,
}: {
  undoId: string;
  onUndone?: () => void;
  available?: boolean;
  /** Undone already (read with the page): what the undo did, said in place of the button, with the way back. */
  undone?: Undone | null;
  /** What tells this import from others listed beside it (its file and date), for a screen reader. */
  describedBy?: string;
}) {
  const router = useRouter();
  // What it did stays on screen, and focus goes to it, in place of the button that is gone.
  const said = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const question = useId();
  const [state, setState] = useState<{ step: 'ready' | 'asking' | 'undoing' } | { step: 'undone'; undone: Undone } | { step: 'failed'; message: string }>(
    undone ? { step: 'undone', undone } : { step: 'ready' },
  );
  // "Keep it", or Escape as in any dialog: the question goes, and focus goes back to the button that asked it.
  const keep = () => {
    flushSync(() => setState({ step: 'ready' }));
    opener.current?.focus();
  };

  async function undo() {
    setState({ step: 'undoing' });
    const answer = await post<Undone>(`/api/v1/import/${undoId}/undo`, 'It could not be undone');
    if ('message' in answer) return setState({ step: 'failed', message: answer.message });
    flushSync(() => setState({ step: 'undone', undone: answer.body }));
    said.current?.focus();
    if (onUndone) onUndone();
    else router.refresh();
  }

  if (state.step === 'undone') {
    return (
      <>
        <p ref={said} tabIndex={-1} role="status" className="mt-3 text-sm outline-none">
          {undoneWords(state.undone)}{' '}
          {state.undone.removed > (state.undone.restored ?? 0) ? (
            <Link href="/settings/deleted" className="font-medium text-accent-700 underline-offset-2 hover:underline dark:text-accent-400">
              See Deleted
            </Link>
          ) : null}
        </p>
        {/* A change of mind: the people it removed come back together, as each would from Deleted. */}
        {state.undone.removed > (state.undone.restored ?? 0) ? (
          <RestoreImport
            undoId={undoId}
            inDeleted={state.undone.removed - (state.undone.restored ?? 0)}
            describedBy={describedBy}
            onRestored={onUndone ? undefined : () => router.refresh()}
          />
        ) : null}
      </>
    );
  }
  // Read again after an undo elsewhere (or past its 30 days): nothing left to undo here.
  if (!available && state.step === 'ready') return null;
  if (state.step === 'asking') {
    return (
      <div
        role="alertdialog"
        aria-labelledby={question}
        onKeyDown={(e) => {
          if (e.key === 'Escape') keep();
        }}
        className="mt-3 flex flex-wrap items-center gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-900 dark:bg-amber-950/40"
      >
        <p id={question} className="min-w-0 basis-full">
          Undo this import? The people it added go to Deleted, where you can restore them for 30 days, and those it updated get back what they had. Anyone you
          have changed or met since stays as they are.
        </p>
        <Button type="button" variant="ghost" onClick={keep} autoFocus>
          Keep it
        </Button>
        <Button type="button" variant="danger" onClick={undo}>
          Undo the import
        </Button>
      </div>
    );
  }
  return (
    <div className="mt-3">
      <Button
        ref={opener}
        type="button"
        variant="secondary"
        onClick={() => setState({ step: 'asking' })}
        disabled={state.step === 'undoing'}
        aria-describedby={describedBy}
      >
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

/** POSTs to one of the import's ways back: its answer, or what to say when it failed (the problem's detail, else `failed`). */
async function post<T>(url: string, failed: string): Promise<{ body: T } | { message: string }> {
  try {
    const res = await fetch(url, { method: 'POST' });
    const body = await res.json().catch(() => ({}));
    return res.ok ? { body: body as T } : { message: body.detail ?? `${failed}.` };
  } catch {
    return { message: `${failed}: check the connection and try again.` };
  }
}

/**
 * "Restore the N people", beside an undone import: the people its undo sent to Deleted and still there come back
 * together, with their organisations, as each would from Deleted (the import stays undone: those it updated keep what
 * they have). Says what it did in place of the button, and takes focus there.
 */
function RestoreImport({
  undoId,
  inDeleted,
  describedBy,
  onRestored,
}: {
  undoId: string;
  /** How many of the people it removed are still in Deleted. */
  inDeleted: number;
  describedBy?: string;
  onRestored?: () => void;
}) {
  const said = useRef<HTMLParagraphElement>(null);
  const [state, setState] = useState<{ step: 'ready' | 'restoring' } | { step: 'restored'; restored: number } | { step: 'failed'; message: string }>({
    step: 'ready',
  });
  async function restore() {
    setState({ step: 'restoring' });
    const answer = await post<Restored>(`/api/v1/import/${undoId}/restore`, 'They could not be restored');
    if ('message' in answer) return setState({ step: 'failed', message: answer.message });
    flushSync(() => setState({ step: 'restored', restored: answer.body.restored }));
    said.current?.focus();
    onRestored?.();
  }
  if (state.step === 'restored') {
    return (
      <p ref={said} tabIndex={-1} role="status" className="mt-2 text-sm outline-none">
        {state.restored
          ? `${countOf(state.restored, 'person', 'people')} ${state.restored === 1 ? 'is' : 'are'} back, with ${state.restored === 1 ? 'their organisation' : 'their organisations'}. `
          : 'Nobody was left in Deleted to bring back. '}
        <Link href={`/people?imported=${undoId}`} className="font-medium text-accent-700 underline-offset-2 hover:underline dark:text-accent-400">
          See who it added
        </Link>
      </p>
    );
  }
  return (
    <div className="mt-2">
      <Button type="button" variant="secondary" onClick={restore} disabled={state.step === 'restoring'} aria-describedby={describedBy}>
        {state.step === 'restoring'
          ? 'Restoring…'
          : inDeleted === 1
            ? 'Restore the person it removed'
            : `Restore the ${countOf(inDeleted, 'person', 'people')} it removed`}
      </Button>
      {state.step === 'failed' ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
