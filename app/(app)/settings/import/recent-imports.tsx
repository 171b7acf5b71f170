'use client';

import Link from 'next/link';
import { useState } from 'react';
import { UndoImport } from '@/app/_components/import/undo-import';
import { countOf } from '@/lib/import/words';

/**
 * A recent import's ways back: the people it added, and its undo. Undone, the row stays with what the undo did in
 * place of the button (the page is not read again, which would drop the row and its report).
 */
export function RecentImportActions({ id, added, describedBy }: { id: string; added: number; describedBy: string }) {
  const [undone, setUndone] = useState(false);
  return (
    <>
      {added && !undone ? (
        <Link
          href={`/people?imported=${id}`}
          aria-describedby={describedBy}
          className="mt-2 inline-flex min-h-11 items-center font-medium text-accent-700 hover:underline dark:text-accent-400"
        >
          See the {countOf(added, 'person', 'people')} it added
        </Link>
      ) : null}
      <UndoImport undoId={id} onUndone={() => setUndone(true)} describedBy={describedBy} />
    </>
  );
}
