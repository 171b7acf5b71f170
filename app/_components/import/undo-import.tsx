'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Button } from '@/app/_components/ui/button';
import type { RestoredImport, UndoneImport } from '@/lib/import/undo';
import { countOf } from '@/lib/import/words';
import { RESTORE_WINDOW_DAYS } from '@/lib/restore-days';

const people = (n: number) => countOf(n, 'person', 'people');

/**
 * What an undo did, in words: who went to Deleted (and whether they are there still), who got back what they had, who
 * was left as they are, and how many of the organisations it added went with them.
 */
function undoneWords(u: UndoneImport, broughtBack = 0): string {
  const back = u.removed - u.inDeleted;
  const parts = [
    !u.removed
      ? ''
      : broughtBack
        ? // Just brought back here: said as what happened, not as "nobody is left there to bring back".
          `${people(u.removed)} it added went to Deleted, and ${broughtBack === u.removed ? (u.removed === 1 ? 'came' : 'all came') : `${broughtBack.toLocaleString('en-GB')} came`} back`
        : !back
          ? `${people(u.removed)} it added ${u.removed === 1 ? 'is' : 'are'} in Deleted`
          : !u.inDeleted
            ? `${people(u.removed)} it added went to Deleted, and nobody is left there to bring back`
            : `${people(u.removed)} it added went to Deleted, and ${u.inDeleted.toLocaleString('en-GB')} ${u.inDeleted === 1 ? 'is' : 'are'} there to bring back`,
    !u.reverted
      ? ''
      : !u.reapplied
        ? `${people(u.reverted)} it updated ${u.reverted === 1 ? 'has' : 'have'} what they had before`
        : // Put back since: said as what happened, as the people who came back are.
          `${people(u.reverted)} it updated got back what they had, and ${u.reapplied === u.reverted ? (u.reverted === 1 ? 'then its changes again' : 'then all its changes again') : `${u.reapplied.toLocaleString('en-GB')} of them its changes again`}`,
    u.kept ? `${people(u.kept)} you have changed or met since ${u.kept === 1 ? 'was' : 'were'} left as they are` : '',
    // Said only while none has come back: a person brought back brings their organisation with them.
    u.organisations && u.inDeleted === u.removed
      ? `${countOf(u.organisations, 'organisation')} it added ${u.organisations === 1 ? 'has' : 'have'} gone with them`
      : '',
  ].filter(Boolean);
  return parts.length ? `Undone: ${parts.join('; ')}.` : 'Undone: nothing it wrote was left to take back.';
}

/** The question before an undo: what it would do, with how many it would touch when they are known. */
function undoQuestion(counts?: { added: number; updated: number }): string {
  // An import that only filed organisations under sectors has nobody to take back.
  if (counts && !counts.added && !counts.updated) return 'Undo this import? The sectors it gave organisations are taken back.';
  const added = !counts ? 'The people it added go' : counts.added === 1 ? 'The person it added goes' : `The ${people(counts.added)} it added go`;
  const toDeleted = `${added} to Deleted, where you can restore them for ${RESTORE_WINDOW_DAYS} days`;
  const updated = !counts ? 'those it updated get' : counts.updated === 1 ? 'the person it updated gets' : `the ${people(counts.updated)} it updated get`;
  const parts = !counts
    ? `${toDeleted}, and ${updated} back what they had.`
    : counts.added && counts.updated
      ? `${toDeleted}, and ${updated} back what they had.`
      : counts.added
        ? `${toDeleted}.`
        : `${updated[0]!.toUpperCase()}${updated.slice(1)} back what they had.`;
  return `Undo this import? ${parts} Anyone you have changed or met since stays as they are.`;
}

/**
 * What bringing it back did, in words: who is back from Deleted, who it updated has its values again, and who keeps
 * what they have (changed since the undo, or given back their old values by an undo from before restores redid them).
 */
function restoredWords(r: RestoredImport, u: UndoneImport): string {
  const back = r.restored ? `${people(r.restored)} ${r.restored === 1 ? 'is' : 'are'} back in your contacts.` : '';
  const skipped = r.skipped
    ? `${people(r.skipped)} stayed in Deleted: someone with the same email, or name at the same organisation, is in your contacts now.`
    : '';
  const again = r.reapplied ? `${people(r.reapplied)} it updated ${r.reapplied === 1 ? 'has' : 'have'} its changes again.` : '';
  const changedSince = u.toRedo - r.reapplied;
  const kept = !u.toRedo
    ? u.reverted
      ? `${u.reverted === 1 ? 'The person' : `The ${people(u.reverted)}`} it updated ${u.reverted === 1 ? 'keeps' : 'keep'} what they had before it: import the file again to update them.`
      : ''
    : changedSince > 0
      ? `${people(changedSince)} it updated, changed since the undo, ${changedSince === 1 ? 'keeps' : 'keep'} what you gave them.`
      : '';
  const nothing = skipped
    ? ''
    : u.inDeleted
      ? 'Nobody was left in Deleted to bring back.'
      : 'Nothing was left to put back: those it updated have been changed since.';
  return [back || again || nothing, back ? again : '', skipped, kept].filter(Boolean).join(' ');
}

/** The way back's button: the people from Deleted (and with them the changes to those it updated), or the changes alone. */
function restoreLabel(u: UndoneImport): string {
  const changes = `its changes to ${u.toRedo === 1 ? 'the person' : `the ${people(u.toRedo)}`} it updated`;
  if (!u.inDeleted) return `Put back ${changes}`;
  const fromDeleted = u.inDeleted === 1 ? 'Bring back the person from Deleted' : `Bring back the ${people(u.inDeleted)} from Deleted`;
  return u.toRedo ? `${fromDeleted}, and ${changes}` : fromDeleted;
}

/**
 * "Undo this import", under an import's result and above the list of the people it added: it asks first, is done once,
 * and says what it did; then, while any of the people it removed are in Deleted, "Bring back the N people from Deleted"
 * brings them back together, and says so in turn. `onUndone` lets the page around it follow; without one, the page is
 * read again (and after a restore, too).
 */
export function UndoImport({
  undoId,
  onUndone,
  available = true,
  undone,
  describedBy,
  peopleLink = true,
  counts,
  live,
}: {
  undoId: string;
  /**
   * Of the people it added, how many are in the contacts now (read with the page): with none of them left in Deleted,
   * those beyond the ones the undo kept came back, and the line says so on any later visit too.
   */
  live?: number;
  /** How many people it added and updated, for the question to say what an undo would touch. */
  counts?: { added: number; updated: number };
  onUndone?: () => void;
  available?: boolean;
  /** Undone already (read with the page): what the undo did, said in place of the button, with the way back. */
  undone?: UndoneImport | null;
  /** What tells this import from others listed beside it (its file and date), for a screen reader. */
  describedBy?: string;
  /** Whether what a restore did ends with a link to the people it added (not on the page that lists them). */
  peopleLink?: boolean;
}) {
  const router = useRouter();
  // What it did stays on screen, and focus goes to it, in place of the button that is gone.
  const said = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const question = useId();
  const [state, setState] = useState<
    | { step: 'ready' | 'asking' | 'undoing' }
    | { step: 'undone'; undone: UndoneImport; restoring?: boolean; restored?: RestoredImport; before?: UndoneImport; failed?: string }
    | { step: 'failed'; message: string }
  >(undone ? { step: 'undone', undone } : { step: 'ready' });
  const restoredSaid = useRef<HTMLParagraphElement>(null);
  // "Keep it", or Escape as in any dialog: the question goes, and focus goes back to the button that asked it.
  const keep = () => {
    flushSync(() => setState({ step: 'ready' }));
    opener.current?.focus();
  };

  // Escape keeps it wherever focus has gone meanwhile (a tap beside the question takes it out).
  const asking = state.step === 'asking';
  useEffect(() => {
    if (!asking) return;
    const onKey = (e: KeyboardEvent) => {
      // Not an Escape meant for a field being typed in (a search box's own clearing).
      if (e.key === 'Escape' && !e.defaultPrevented && !(e.target as Element | null)?.closest?.('input, textarea, select')) keep();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [asking]);

  async function undo() {
    setState({ step: 'undoing' });
    const answer = await post<UndoneImport>(`/api/v1/import/${undoId}/undo`, 'It could not be undone');
    if ('message' in answer) return setState({ step: 'failed', message: answer.message });
    flushSync(() => setState({ step: 'undone', undone: answer.body }));
    said.current?.focus();
    if (onUndone) onUndone();
    else router.refresh();
  }

  if (state.step === 'undone') {
    const u = state.undone;
    async function restore() {
      if (state.step !== 'undone') return;
      const undoneNow = state.undone;
      setState({ step: 'undone', undone: undoneNow, restoring: true });
      const answer = await post<RestoredImport>(`/api/v1/import/${undoId}/restore`, 'They could not be restored');
      if ('message' in answer) return setState({ step: 'undone', undone: undoneNow, failed: answer.message });
      // A restore brings back everyone it can: nobody is left in Deleted for another (those it left are someone live now).
      flushSync(() =>
        setState({
          step: 'undone',
          undone: { ...undoneNow, inDeleted: 0, toRedo: 0, reapplied: undoneNow.reapplied + answer.body.reapplied },
          restored: answer.body,
          before: undoneNow,
        }),
      );
      restoredSaid.current?.focus();
      if (!onUndone) router.refresh();
    }
    return (
      <>
        <p ref={said} tabIndex={-1} role="status" className="mt-3 text-sm outline-none">
          {undoneWords(u, state.restored?.restored ?? (live !== undefined && !u.inDeleted ? Math.min(u.removed, Math.max(0, live - u.kept)) : 0))}{' '}
          {u.inDeleted ? (
            <Link href="/settings/deleted" className="font-medium text-accent-700 underline-offset-2 hover:underline dark:text-accent-400">
              See Deleted
            </Link>
          ) : null}
        </p>
        {state.restored ? (
          <p ref={restoredSaid} tabIndex={-1} role="status" className="mt-2 text-sm outline-none">
            {restoredWords(state.restored, state.before ?? u)}{' '}
            {state.restored.restored && peopleLink ? (
              <Link href={`/people?imported=${undoId}`} className="font-medium text-accent-700 underline-offset-2 hover:underline dark:text-accent-400">
                See who it added
              </Link>
            ) : null}
          </p>
        ) : u.inDeleted || u.toRedo ? (
          // A change of mind: the people it removed come back together, as each would from Deleted, and those it
          // updated get its values again.
          <div className="mt-2">
            <Button type="button" variant="secondary" onClick={restore} disabled={state.restoring} aria-describedby={describedBy}>
              {state.restoring ? 'Bringing back…' : restoreLabel(u)}
            </Button>
            {state.failed ? (
              <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
                {state.failed}
              </p>
            ) : null}
          </div>
        ) : null}
      </>
    );
  }
  // Read again after an undo elsewhere (or past its restore window): nothing left to undo here.
  if (!available && state.step === 'ready') return null;
  if (state.step === 'asking') {
    return (
      <div
        role="alertdialog"
        aria-labelledby={question}
        className="mt-3 flex flex-wrap items-center gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-900 dark:bg-amber-950/40"
      >
        <p id={question} className="min-w-0 basis-full">
          {undoQuestion(counts)}
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
