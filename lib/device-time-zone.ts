/**
 * The device's time zone (in a browser: the phone's), or null when the runtime does not say. Its own module, not
 * part of lib/dates.ts: the sign-in and sign-up forms need only this, and importing lib/dates put all of it
 * (~10 KB raw) into their first-load JavaScript.
 */
export function deviceTimeZone(): string | null {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
}
