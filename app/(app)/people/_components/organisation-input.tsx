'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * The organisation filter: free text (people at organisations whose name contains it), with suggestions fetched
 * from the user's organisations as they type. Listing every organisation in the page instead made it twice the
 * size for an address book of thousands.
 */
export function OrganisationInput({ defaultValue, className }: { defaultValue: string; className: string }) {
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      latest.current?.abort();
    },
    [],
  );

  function suggest(value: string) {
    clearTimeout(timer.current);
    const q = value.trim();
    if (!q) return setSuggestions([]);
    timer.current = setTimeout(async () => {
      latest.current?.abort();
      const request = new AbortController();
      latest.current = request;
      try {
        const res = await fetch(`/api/v1/organisations?${new URLSearchParams({ q, limit: '20' })}`, {
          headers: { accept: 'application/json' },
          signal: request.signal,
        });
        if (!res.ok) return;
        const body = (await res.json()) as { items: { id: string; name: string }[] };
        setSuggestions(body.items.map((o) => o.name));
      } catch {
        // Offline or superseded by a newer keystroke: typing still filters by the text itself.
      }
    }, 150);
  }

  return (
    <>
      <input
        id="organisation"
        name="organisation"
        list="organisation-options"
        defaultValue={defaultValue}
        onChange={(e) => suggest(e.target.value)}
        className={className}
        autoComplete="off"
        maxLength={200}
      />
      <datalist id="organisation-options">
        {suggestions.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}
