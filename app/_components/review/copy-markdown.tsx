'use client';

import { Copy } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/app/_components/ui/button';

/** Copies the weekly review as Markdown, and says whether it worked. */
export function CopyMarkdown({ markdown }: { markdown: string }) {
  const [said, setSaid] = useState('');
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        onClick={() =>
          navigator.clipboard?.writeText(markdown).then(
            () => setSaid('Copied as Markdown.'),
            () => setSaid('Could not copy: use the Markdown download instead.'),
          ) ?? setSaid('Could not copy: use the Markdown download instead.')
        }
      >
        <Copy aria-hidden className="size-4" /> Copy
      </Button>
      <span role="status" className="self-center text-sm text-zinc-600 dark:text-zinc-400">
        {said}
      </span>
    </>
  );
}
