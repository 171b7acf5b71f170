'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { UndoImport } from '@/app/_components/import/undo-import';
import { useImportShown } from './shown';
import type { UndoneImport } from '@/lib/import/undo';
import { countOf } from '@/lib/import/words';

/**
 * A recent import's ways back: the people it added, and its undo; once undone, what the undo did and the way to bring
 * back the people it removed. Undone here, the row says so in place of the button without the page being read again.
 */
export function RecentImportActions({
  id,
  added,
  updated,
  live,
  undone,
  describedBy,
}: {
  id: string;
  added: number;
  updated: number;
  /** Of those it added, how many are in the contacts now. */
  live: number;
  undone: UndoneImport | null;
  describedBy: string;
}) {
  const [undoneHere, setUndoneHere] = useState(false);
  const router = useRouter();
  // Its result is on the page above: its ways back are there, once.
  const shown = useImportShown().id === id;
  if (shown) return <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">Just imported: its result is above.</p>;
  const link = (words: string) => (
    <Link
      href={`/people?imported=${id}`}
      aria-describedby={describedBy}
      className="mt-2 inline-flex min-h-11 items-center font-medium text-accent-700 hover:underline dark:text-accent-400"
    >
      {words}
    </Link>
  );
  return (
    <>
      {added && !undone && !undoneHere ? link(`See the ${countOf(added, 'person', 'people')} it added`) : null}
      {/* Drawn anew when the page, read again, finds it undone elsewhere (from the import's result just above). */}
      <UndoImport
        key={undone ? 'undone' : 'live'}
        undoId={id}
        counts={{ added, updated }}
        undone={undone}
        live={live}
        onUndone={() => {
          setUndoneHere(true);
          // Its line ("· undone …") is the server's: read again.
          router.refresh();
        }}
        describedBy={describedBy}
      />
      {/* After what the undo did: those of them in the contacts again (kept as they were, or brought back). */}
      {added && undone && live > 0 ? link(live === 1 ? 'See them in your contacts' : 'See those of them in your contacts') : null}
    </>
  );
}
