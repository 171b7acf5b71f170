'use client';

import { useEffect } from 'react';

/**
 * Takes one-time notices ("Restored X", "Signed out one device") out of the address once shown, so a reload
 * or a bookmark does not announce them again. Next's router keeps its own state; only the visible URL changes.
 */
export function ForgetParams({ names }: { names: string[] }) {
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!names.some((n) => url.searchParams.has(n))) return;
    for (const n of names) url.searchParams.delete(n);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }, [names]);
  return null;
}
