'use client';

import { Printer } from 'lucide-react';
import { Button } from '@/app/_components/ui/button';

/** Opens the browser's print dialog (print CSS hides the navigation). */
export function PrintButton() {
  return (
    <Button type="button" variant="secondary" onClick={() => window.print()}>
      <Printer aria-hidden className="size-4" /> Print
    </Button>
  );
}
