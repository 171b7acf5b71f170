import { dateFormat } from '@/lib/intl';

/** "Tuesday 23 April 2026" in the reader's locale; a bare YYYY-MM-DD is read as that calendar day. */
export function formatDay(value: string | Date, locale?: string, timeZone?: string): string {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  const bare = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  return dateFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: bare ? 'UTC' : timeZone,
  }).format(date);
}

/** "18:30" in the reader's locale and zone. */
export function formatTime(value: Date | string, locale?: string, timeZone?: string): string {
  return dateFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(value));
}
