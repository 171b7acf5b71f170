'use client';

import { useState, useTransition } from 'react';
import { setOffTheRecordAction } from '@/app/(app)/facts/actions';
import { PostLinks } from '@/app/_components/posts/post-links';

/**
 * One tap marks a fact off the record, another puts it back: a toggle that always reads "Off the record", drawn as a
 * tick box, ticked (and amber) when it is. Its name is what it shows and then the fact, so a voice command of the
 * words on screen works, and a screen reader hears which fact and whether it is pressed.
 */
export function OffTheRecordButton({ id, offTheRecord, label }: { id: string; offTheRecord: boolean; label: string }) {
  const [pending, start] = useTransition();
  const [value, setValue] = useState(offTheRecord);
  const [error, setError] = useState<string | null>(null);
  // Published posts whose address quoted the fact: given a new one as it was marked, and said here, for links shared.
  const [moved, setMoved] = useState<{ id: string; title: string; deleted: boolean }[]>([]);
  const toggle = () => {
    const next = !value;
    setError(null);
    setMoved([]);
    start(async () => {
      const result = await setOffTheRecordAction(id, next);
      if (result.ok) {
        setValue(next);
        setMoved(result.data?.postsMoved ?? []);
      } else setError(result.message ?? 'Could not change this fact. Try again.');
    });
  };
  return (
    <>
      <div className="flex flex-col items-end gap-1">
        {/* Its tick box (empty, or ticked when off the record) is drawn by the stylesheet: .otr-btn in app/globals.css.
            Busy rather than disabled while it saves: a disabled button drops the keyboard's focus to the page. */}
        <button
          type="button"
          onClick={() => pending || toggle()}
          aria-busy={pending || undefined}
          aria-pressed={value}
          aria-label={`Off the record: ${label}`}
          className="otr-btn"
        >
          Off the record
        </button>
        {error ? (
          <p role="alert" className="text-xs text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </div>
      {/* Always there, so that what it comes to say is read out; the row's own line under the fact (its list is
          flex-wrap, its rows spaced across only), not a narrow column that would squeeze the fact's words. */}
      <p role="status" className="basis-full pt-1 text-xs text-amber-900 empty:pt-0 dark:text-amber-200">
        {moved.length ? (
          <>
            {moved.length === 1 ? 'Your published post ' : 'Your published posts '}
            <PostLinks posts={moved} />
            {moved.length === 1
              ? ' has a new address: its old one quoted a fact you marked off the record.'
              : ' have new addresses: their old ones quoted a fact you marked off the record.'}
          </>
        ) : null}
      </p>
    </>
  );
}
