import { dateFormat } from '@/lib/intl';

/** "Tuesday 23 April 2026" in the user's locale and time zone. */
export function longDate(date: Date, locale: string, timeZone: string): string {
  return dateFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
}

/** "23 Apr 2026": for dense lists. */
export function shortDate(date: Date, locale: string, timeZone: string): string {
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(date);
}

/** A YYYY-MM-DD calendar date (no time zone shift) in the user's locale. */
export function calendarDate(ymd: string, locale: string): string {
  const [y, m, d] = ymd.split('-').map(Number);
  return dateFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1)),
  );
}

/** A lower bound as people say it: "300+" rather than "327+", which reads as nearly exact. */
export function roughFloor(n: number): number {
  const step = n >= 100 ? 100 : n >= 10 ? 10 : 1;
  return Math.floor(n / step) * step;
}
