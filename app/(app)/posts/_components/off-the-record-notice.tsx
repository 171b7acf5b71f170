'use client';

import { EyeOff } from 'lucide-react';
import { useState, useTransition } from 'react';
import { Button } from '@/app/_components/ui/button';
import { cutOffTheRecordAction } from '../actions';

/** "a fact you marked off the record" or "facts you marked off the record, in 3 places". */
export function offTheRecordPhrase(places: number): string {
  return places === 1 ? 'a fact you marked off the record' : `facts you marked off the record, in ${places} places`;
}

/**
 * Said above the editor while the saved text quotes an off-the-record fact (marked after the draft was written): the
 * public page, the feed and the downloads cut it, but the editor, the preview and what is copied still have it.
 */
export function OffTheRecordNotice({
  places,
  title,
  markdown,
  onCut,
  published = false,
}: {
  places: number;
  /** Out already: said of "this post", not "this draft". */
  published?: boolean;
  title: string;
  markdown: string;
  /** Puts the cut text in place of the draft, if the draft is still what was sent; false when it was typed on meanwhile. */
  onCut: (sent: { title: string; markdown: string }, cut: { title: string; markdown: string }) => boolean;
}) {
  const [message, setMessage] = useState('');
  const [pending, startTransition] = useTransition();
  const them = places === 1 ? 'it' : 'them';
  function cut() {
    setMessage('');
    startTransition(async () => {
      const sent = { title, markdown };
      const result = await cutOffTheRecordAction(title, markdown).catch(() => null);
      if (!result?.ok || !result.data) return setMessage(result?.message ?? 'Not cut: the connection dropped. Your text is unchanged.');
      if (!onCut(sent, { title: result.data.title, markdown: result.data.markdown })) return setMessage('You typed meanwhile, so nothing was cut: tap again.');
      setMessage(result.data.cuts ? '“[…]” now marks each place: rework the sentence around it.' : '');
    });
  }
  return (
    <div
      role="note"
      className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <p className="flex gap-2">
        <EyeOff aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>
          This {published ? 'post' : 'draft'} quotes {offTheRecordPhrase(places)}. The public page, the feed and downloads leave {places === 1 ? 'it' : 'them'}{' '}
          out: “[…]” in {places === 1 ? 'its' : 'their'} place, or the whole sentence gone where it says nothing else. The text here, and what you copy, still{' '}
          {places === 1 ? 'has it' : 'have them'}.
        </span>
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="secondary" onClick={cut} disabled={pending}>
          {pending ? 'Cutting…' : `Cut ${them} from the ${published ? 'post' : 'draft'}`}
        </Button>
        <span aria-live="polite">{message}</span>
      </div>
    </div>
  );
}
