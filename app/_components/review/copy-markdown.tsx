'use client';

import { Copy } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/app/_components/ui/button';

const FAILED = 'Could not copy: use the Markdown download instead.';

/**
 * Copies the weekly review as Markdown, and says whether it worked. The Markdown is fetched when asked for (the same
 * file as the download), not carried in the page: a busy week's review would otherwise send it twice with every view.
 */
export function CopyMarkdown({ week }: { week: string }) {
  const [said, setSaid] = useState('');

  async function copy() {
    if (!navigator.clipboard) return setSaid(FAILED);
    setSaid('Copying…');
    const text = fetch(`/api/v1/review/markdown?week=${encodeURIComponent(week)}`, { credentials: 'same-origin' }).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.text();
    });
    try {
      // Safari lets a tap write to the clipboard only while the tap is being handled: the write starts now, with the
      // text still on its way.
      if (typeof ClipboardItem === 'undefined' || !navigator.clipboard.write) throw new Error('no ClipboardItem');
      await navigator.clipboard.write([new ClipboardItem({ 'text/plain': text.then((t) => new Blob([t], { type: 'text/plain' })) })]);
    } catch {
      try {
        await navigator.clipboard.writeText(await text);
      } catch {
        return setSaid(FAILED);
      }
    }
    setSaid('Copied as Markdown.');
  }

  return (
    <>
      <Button type="button" variant="secondary" onClick={() => void copy()}>
        <Copy aria-hidden className="size-4" /> Copy
      </Button>
      <span role="status" className="self-center text-sm text-zinc-600 dark:text-zinc-400">
        {said}
      </span>
    </>
  );
}
