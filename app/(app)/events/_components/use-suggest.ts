'use client';

import { useEffect, useState } from 'react';

type Kind = 'organisations' | 'sectors' | 'series' | 'topics' | 'people';

/** Autocomplete from the user's own data, fetched as they type (debounced; stale answers dropped). */
export function useSuggest<T = string>(kind: Kind, q: string, enabled = true, minLength = 0): T[] {
  const [items, setItems] = useState<T[]>([]);
  const active = enabled && q.trim().length >= minLength;
  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/v1/events/suggest?kind=${kind}&q=${encodeURIComponent(q.trim().slice(0, 100))}`, {
        signal: controller.signal,
        credentials: 'same-origin',
      })
        .then((r) => (r.ok ? r.json() : { items: [] }))
        .then((body: { items: T[] }) => setItems(body.items))
        .catch(() => {
          /* offline or aborted: no suggestions, typing goes on */
        });
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [kind, q, active]);
  return active ? items : [];
}
