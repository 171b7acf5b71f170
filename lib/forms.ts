import type { z } from 'zod';

/**
 * What every server action answers, the same for a form (through useActionState) and for a call from a client
 * component. `ok` is true after a success and absent or false after a refusal; `status` is the HTTP status the
 * API would have answered (400, 404, 409, 429, 500), `message` is shown above the form, `fieldErrors` beside the
 * fields they name, `values` is what the user typed (never a password) so the form loses nothing, `data` is the
 * action's own answer, and `conflict` is the saved copy when someone else changed the record meanwhile.
 * Made by lib/actions/form-action.ts; `{}` is the state before the first submit.
 */
export interface ActionResult<D = unknown, C = unknown> {
  ok?: boolean;
  status?: number;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  data?: D;
  conflict?: C;
}

/** @deprecated The event form's state until saveEventAction moves to formAction; use ActionResult. */
export type FormState = ActionResult;

/** Zod issues keyed by dotted path (`people.0.name`), first message per issue. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** A same-site relative path to go to after sign-in, or the fallback for anything else. */
export function safeRedirectPath(value: unknown, fallback = '/'): string {
  // Browsers drop tabs and newlines inside URLs, so "/\t/evil.test" would become "//evil.test": refuse any
  // whitespace, control character or backslash, then let the URL parser confirm the origin did not change.
  if (typeof value !== 'string' || value.length > 500 || !value.startsWith('/') || /[\s\\\u0000-\u001f\u007f]/.test(value)) {
    return fallback;
  }
  try {
    const base = 'http://rapport.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
    // Normalising can fold dot-segments into a protocol-relative path ("/..//evil.test" → "//evil.test"), which
    // a browser reads as another site: the answer itself must stay on this origin when resolved again.
    const path = url.pathname + url.search + url.hash;
    if (path.startsWith('//') || new URL(path, base).origin !== base) return fallback;
    return path;
  } catch {
    return fallback;
  }
}

/** One field's two values as the user sees them (a textarea sends its line breaks as CRLF). */
export function sameValue(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').replace(/\r\n?/g, '\n').trim() === (b ?? '').replace(/\r\n?/g, '\n').trim();
}

/**
 * After a conflict: the user's values where they changed `base` (what their form started from), the saved copy's
 * where they left it alone, so saving again keeps both edits instead of putting back what the form first showed.
 * Fields not listed (the version, which the action already sets to the saved copy's) stay as sent.
 */
export function mergeOntoSaved(
  yours: Record<string, string>,
  base: Record<string, string>,
  saved: Record<string, string>,
  fields: readonly string[],
): Record<string, string> {
  const out = { ...yours };
  for (const k of fields) if (sameValue(yours[k], base[k])) out[k] = saved[k] ?? '';
  return out;
}

/** What an edit form last worked out from an answer: the copy it started from, its values, and what the saved copy changed. */
export interface FormBase<C> {
  state: ActionResult<unknown, C>;
  base: Record<string, string>;
  merged: Record<string, string> | null;
  changed: string[];
}

/**
 * The next FormBase after an answer. A conflict merges the user's values onto the saved copy, which becomes the copy
 * the form starts from; a successful save that leaves the form on the page makes what it saved that copy.
 */
export function afterAnswer<C>(
  seen: FormBase<C>,
  state: ActionResult<unknown, C>,
  asValues: (saved: C) => Record<string, string>,
  fields: readonly string[],
): FormBase<C> {
  const saved = state.conflict ? asValues(state.conflict) : null;
  if (saved && state.values) {
    return {
      state,
      base: saved,
      merged: mergeOntoSaved(state.values, seen.base, saved, fields),
      changed: fields.filter((k) => !sameValue(saved[k], seen.base[k])),
    };
  }
  return { state, base: state.ok && state.values ? state.values : seen.base, merged: null, changed: [] };
}
