'use client';

import { useState } from 'react';
import { type ActionResult, mergeOntoSaved, sameValue } from '@/lib/forms';

/**
 * The values an edit form shows, and after a conflict (someone saved meanwhile) the fields the saved copy changed.
 * The user's own changes stay as typed and the fields they left alone take the saved copy (mergeOntoSaved); the
 * copy the form started from is the loaded one, then each conflict's saved copy, so a second conflict compares
 * with what the first brought back.
 */
export function useMergedValues<C>(
  state: ActionResult<unknown, C>,
  loaded: Record<string, string>,
  asValues: (saved: C) => Record<string, string>,
  fields: readonly string[],
): { values: Record<string, string>; changed: string[] } {
  const [seen, setSeen] = useState<{ state: ActionResult<unknown, C>; base: Record<string, string>; merged: Record<string, string> | null; changed: string[] }>(
    () => ({ state, base: loaded, merged: null, changed: [] }),
  );
  if (seen.state !== state) {
    // A new answer: worked out once, while rendering (React's way of keeping what the last render saw).
    const saved = state.conflict ? asValues(state.conflict) : null;
    setSeen(
      saved && state.values
        ? {
            state,
            base: saved,
            merged: mergeOntoSaved(state.values, seen.base, saved, fields),
            changed: fields.filter((k) => !sameValue(saved[k], seen.base[k])),
          }
        : { state, base: seen.base, merged: null, changed: [] },
    );
  }
  const current = seen.state === state ? seen : null;
  return { values: current?.merged ?? state.values ?? loaded, changed: current?.changed ?? [] };
}
