'use client';

import { Check } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '@/app/_components/ui/button';

/**
 * The main action, fixed to the bottom of the screen while typing. On a phone it takes the tab bar's place (the
 * capture page has no use for it), so the two never stack.
 */
export function SaveBar({ pending, savedAt, label, cancel }: { pending: boolean; savedAt: number | null; label: string; cancel: ReactNode }) {
  return (
    <div className="fixed inset-x-0 bottom-0 z-40 border-t border-zinc-200 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur md:left-60 dark:border-zinc-800 dark:bg-zinc-900/95">
      <div className="mx-auto flex max-w-5xl items-center gap-2 px-4 py-2 md:px-8">
        <p className="line-clamp-2 min-w-0 flex-1 text-xs leading-tight text-zinc-500" aria-live="polite">
          {savedAt ? (
            <>
              <Check aria-hidden className="mr-1 inline size-3.5" />
              Draft kept on this device
            </>
          ) : (
            'Kept on this device as you type'
          )}
        </p>
        {cancel}
        <Button type="submit" disabled={pending} aria-disabled={pending || undefined} className="min-h-12 px-5">
          {pending ? 'Saving…' : label}
        </Button>
      </div>
    </div>
  );
}
