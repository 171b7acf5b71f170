'use client';

import { Undo2, X } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, useTransition } from 'react';

/**
 * How the toast now on the page goes, whichever list put it up. One toast at a time: two lists on one page (the
 * dashboard's follow-ups and "Get back in touch") each have their own, and the newer, drawn in the same place, would
 * cover the older's Undo while it stayed live. (This page's memory only: nothing a server keeps.)
 */
let hideShown: (() => void) | null = null;

export interface Toast {
  message: string;
  /** Takes the change back; where focus then goes is its own to say (undoKeepingFocus in ./refocus.ts). */
  undo?: () => Promise<unknown>;
}

/**
 * The one undo toast: a message at the foot of the screen (announced politely) with Undo and Dismiss; `show`
 * replaces it. Undo stays on offer for 12 s, and for as long as the keyboard or pointer is on it.
 */
export function useToast() {
  const [toast, setToast] = useState<Toast | null>(null);
  const [undoing, startUndo] = useTransition();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!toast) return;
    // Undo stays on offer for a while, and for as long as the keyboard or pointer is on it.
    const timer = setInterval(() => {
      const el = ref.current;
      if (el && (el.contains(document.activeElement) || el.matches(':hover'))) return;
      setToast((current) => (current === toast ? null : current));
    }, 12_000);
    return () => clearInterval(timer);
  }, [toast]);
  const hide = useCallback(() => setToast(null), []);
  const show = useCallback(
    (t: Toast) => {
      if (hideShown !== hide) hideShown?.();
      hideShown = hide;
      setToast(t);
    },
    [hide],
  );
  const view = (
    <div role="status" aria-live="polite" data-toast className="pointer-events-none fixed inset-x-0 bottom-20 z-40 flex justify-center px-4 md:bottom-6">
      {toast ? (
        <div
          ref={ref}
          className="pointer-events-auto flex max-w-md min-w-0 items-center gap-2 rounded-xl bg-zinc-900 py-1.5 pr-1.5 pl-4 text-sm text-white shadow-lg dark:bg-zinc-100 dark:text-zinc-900"
        >
          <span className="line-clamp-2 min-w-0 flex-1">{toast.message}</span>
          {toast.undo ? (
            <button
              type="button"
              disabled={undoing}
              onClick={() =>
                startUndo(async () => {
                  await toast.undo?.();
                  // Only this toast: an undo that failed has put up its own message in its place.
                  setToast((current) => (current === toast ? null : current));
                })
              }
              className="inline-flex min-h-11 items-center gap-1.5 rounded-lg px-3 font-semibold text-accent-200 hover:bg-white/10 dark:text-accent-700 dark:hover:bg-black/5"
            >
              <Undo2 aria-hidden className="size-4" />
              Undo
            </button>
          ) : null}
          <button type="button" onClick={() => setToast(null)} className="grid size-11 place-items-center rounded-lg hover:bg-white/10 dark:hover:bg-black/5">
            <X aria-hidden className="size-4" />
            <span className="sr-only">Dismiss</span>
          </button>
        </div>
      ) : null}
    </div>
  );
  return { show, hide, view };
}
