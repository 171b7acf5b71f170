'use client';

import { Printer } from 'lucide-react';
import { useEffect } from 'react';
import { Button } from '@/app/_components/ui/button';

/**
 * Opens the browser's print dialog (print CSS hides the navigation). `everyoneHref`: the page shows only the first
 * people, so Print opens the page with everyone first, which prints itself (`printNow`), rather than print a cut list.
 */
export function PrintButton({ everyoneHref, printNow = false }: { everyoneHref?: string; printNow?: boolean }) {
  useEffect(() => {
    if (!printNow) return;
    // Once: a reload or Back must not ask again.
    const url = new URL(window.location.href);
    url.searchParams.delete('print');
    window.history.replaceState(window.history.state, '', url);
    window.print();
  }, [printNow]);
  return (
    <Button type="button" variant="secondary" onClick={() => (everyoneHref ? window.location.assign(everyoneHref) : window.print())}>
      <Printer aria-hidden className="size-4" /> {everyoneHref ? 'Print everyone' : 'Print'}
    </Button>
  );
}
