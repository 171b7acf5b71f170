'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Suggestions fetched as the user types: a pause of `delay` ms before asking, each newer keystroke cancelling
 * the question before it, and nothing asked for an empty box. `url` builds the request from the text; `read`
 * turns the JSON answer into items. Offline, the box simply suggests nothing.
 */
export function useLiveSearch<T>(url: (q: string) => string, read: (body: unknown) => T[], delay = 150) {
  const [items, setItems] = useState<T[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      latest.current?.abort();
    },
    [],
  );

  const search = useCallback(
    (value: string) => {
      clearTimeout(timer.current);
      const q = value.trim();
      if (!q) {
        latest.current?.abort();
        return setItems([]);
      }
      timer.current = setTimeout(async () => {
        latest.current?.abort();
        const request = new AbortController();
        latest.current = request;
        try {
          const res = await fetch(url(q), { headers: { accept: 'application/json' }, signal: request.signal });
          if (res.ok) setItems(read(await res.json()));
        } catch {
          // Offline, or superseded by a newer keystroke.
        }
      }, delay);
    },
    [url, read, delay],
  );

  return { items, search, clear: () => setItems([]) };
}
