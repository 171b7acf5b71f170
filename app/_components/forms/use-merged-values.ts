'use client';

import { useState } from 'react';
import { type ActionResult, afterAnswer, type FormBase } from '@/lib/forms';

/**
 * The values an edit form shows, and after a conflict (someone saved meanwhile) the fields the saved copy changed:
 * the user's own changes stay as typed and the fields they left alone take the saved copy (afterAnswer).
 */
export function useMergedValues<C>(
  state: ActionResult<unknown, C>,
  loaded: Record<string, string>,
  asValues: (saved: C) => Record<string, string>,
  fields: readonly string[],
): { values: Record<string, string>; changed: string[] } {
  const [seen, setSeen] = useState<FormBase<C>>(() => ({ state, base: loaded, merged: null, changed: [] }));
  // A new answer: worked out once, while rendering (React's way of keeping what the last render saw).
  if (seen.state !== state) setSeen(afterAnswer(seen, state, asValues, fields));
  const current = seen.state === state ? seen : null;
  return { values: current?.merged ?? state.values ?? loaded, changed: current?.changed ?? [] };
}
