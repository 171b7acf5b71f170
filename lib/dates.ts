/**
 * Dates and time zones: the one home (docs/architecture.md, "Where each rule lives"). Built on the runtime's Intl,
 * which already carries every IANA zone and locale, so it adds nothing to a page's JavaScript.
 *
 * Two kinds of value, never mixed:
 * - a calendar day, an ISO `YYYY-MM-DD` string (a due date, "today", a review week): no time zone applies, and
 *   arithmetic on it is calendar arithmetic (`addDays`, `daysBetween`, `mondayOf`);
 * - an instant, a `Date` (when an event starts, when a row was saved): it becomes a day or a wall-clock time
 *   only in a time zone (`dayIn`, `wallClockIn`), and arithmetic on it is exact (`shiftInstant`).
 *
 * Display names follow the value: `formatDay` for a calendar day, `formatDate` / `formatDateTime` / `formatTime`
 * for an instant in a zone, `formatMonth` for a `YYYY-MM`; each takes one of the DATE_STYLES below.
 */

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

// ---------------------------------------------------------------------------------------------------------------
// Calendar days (YYYY-MM-DD)

/** Midnight UTC of a calendar day: calendar arithmetic in UTC never meets a DST change. */
function utcDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** True for a real calendar day written as YYYY-MM-DD (2026-02-30 is refused). */
export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const d = utcDate(value);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The calendar day `n` days after `day` (negative goes back). */
export function addDays(day: string, n: number): string {
  const d = utcDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole calendar days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((utcDate(b).getTime() - utcDate(a).getTime()) / DAY_MS);
}

/** The day of the week, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  return utcDate(day).getUTCDay();
}

/** The Monday of the (ISO, Monday to Sunday) week holding `day`. */
export function mondayOf(day: string): string {
  return addDays(day, -((weekdayOf(day) + 6) % 7));
}

/** The ISO week name of the week starting on `monday`, e.g. 2026-W23 (the year that holds its Thursday). */
export function isoWeekName(monday: string): string {
  const year = Number(addDays(monday, 3).slice(0, 4));
  const week = daysBetween(mondayOf(`${year}-01-04`), monday) / 7 + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week name, or null when there is no such week (2026-W54). */
export function mondayOfIsoWeek(name: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(name);
  if (!m) return null;
  const week = Number(m[2]);
  if (week < 1 || week > 53) return null;
  const monday = addDays(mondayOf(`${m[1]}-01-04`), (week - 1) * 7);
  return isoWeekName(monday) === name ? monday : null;
}

/** The month (YYYY-MM) `n` months after `month` (negative goes back). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

// ---------------------------------------------------------------------------------------------------------------
// Instants and time zones

/** The instant `days` × 24 hours after `instant` (negative goes back): "30 days ago" as an exact cut-off. */
export function shiftInstant(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}

/** Whole 24-hour periods from `from` to `to`, rounded down: "12 days ago". */
export function elapsedDays(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/** True for an IANA time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone the runtime lists, for a picker (UTC first). */
export function timeZoneChoices(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

/** The calendar day and wall-clock time of an instant in a time zone (the device's when none is given). */
export function wallClockIn(instant: Date, timeZone?: string): { date: string; time: string; hour: number } {
  const parts = Object.fromEntries(
    dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const hour = Number(parts.hour) % 24;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${String(hour).padStart(2, '0')}:${parts.minute}`, hour };
}

/**
 * The instant at which a wall-clock date and time (YYYY-MM-DD, HH:MM) happen in a time zone (the device's when none
 * is given). Two passes settle the zone's offset, daylight saving included; a time skipped by the clocks moves
 * forward. Null when the date or time is not written as above.
 */
export function zonedInstant(date: string, time: string, timeZone?: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})/.exec(time);
  if (!m || !t) return null;
  if (!timeZone) return new Date(`${date}T${t[0]}`);
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +t[1]!, +t[2]!);
  const offsetAt = (instant: number) => {
    const p = wallClockIn(new Date(instant), timeZone);
    const [y, mo, d] = p.date.split('-').map(Number);
    const [h, mi] = p.time.split(':').map(Number);
    return Date.UTC(y!, mo! - 1, d!, h!, mi!) - instant;
  };
  let guess = wall - offsetAt(wall);
  guess = wall - offsetAt(guess);
  return new Date(guess);
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone (the device's when none is given). */
export function dayIn(timeZone: string | undefined, instant: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** Today in the user's time zone: what "due today", "this week" and a new event's date mean. */
export function todayIn(timeZone: string, now = new Date()): string {
  return dayIn(timeZone, now);
}

// ---------------------------------------------------------------------------------------------------------------
// Display

/**
 * Building an Intl.DateTimeFormat costs about as much as rendering a row, and a page formats hundreds of dates
 * with a handful of locales, zones and styles: each is built once per process and reused. They hold no data of
 * anyone's, only formatting rules.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 500;

/** A cached Intl.DateTimeFormat; a locale the runtime does not know falls back to British English. */
function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch (err) {
      if (!(err instanceof RangeError) || locale === 'en-GB') throw err;
      format = new Intl.DateTimeFormat('en-GB', options);
    }
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, format);
  }
  return format;
}

/** How a date reads, from the most to the least said (examples in en-GB). */
const DATE_STYLES = {
  /** "Thursday 23 April 2026": a heading, an event, a due date in full. */
  full: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  /** "23 April 2026". */
  long: { day: 'numeric', month: 'long', year: 'numeric' },
  /** "23 Apr 2026": dense lists. */
  medium: { day: 'numeric', month: 'short', year: 'numeric' },
  /** "Thu 23 Apr 2026". */
  weekday: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  /** "Thu 23 Apr": near dates, where the year goes without saying. */
  short: { weekday: 'short', day: 'numeric', month: 'short' },
  /** "23 Apr". */
  dayMonth: { day: 'numeric', month: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
export type DateStyle = keyof typeof DATE_STYLES;

/** Formats, with a plain space after the weekday: "Thursday 23 April", not "Thursday, 23 April". */
function render(format: Intl.DateTimeFormat, d: Date): string {
  return format
    .formatToParts(d)
    .map((p, i, all) => (p.type === 'literal' && all[i - 1]?.type === 'weekday' ? ' ' : p.value))
    .join('');
}

/** A calendar day (YYYY-MM-DD) in the reader's locale; no time zone shifts it. */
export function formatDay(day: string, locale: string | undefined, style: DateStyle = 'full'): string {
  const d = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return render(dateFormat(locale, { ...DATE_STYLES[style], timeZone: 'UTC' }), d);
}

/** Two days (YYYY-MM-DD) as one span the reader's locale writes: "23 – 29 Nov 2026", "30 Nov – 6 Dec 2026". */
export function formatDayRange(from: string, to: string, locale: string | undefined): string {
  const f = dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return f.formatRange(new Date(`${from}T12:00:00Z`), new Date(`${to}T12:00:00Z`));
}

/** The date of an instant as the reader's locale writes it, on the calendar of `timeZone` (the device's if none). */
export function formatDate(instant: Date | string, locale: string | undefined, timeZone: string | undefined, style: DateStyle = 'full'): string {
  return render(dateFormat(locale, { ...DATE_STYLES[style], timeZone }), new Date(instant));
}

/** "23 Apr 2026, 18:30": an instant's date (in `style`) and wall-clock time in `timeZone` (the device's if none). */
export function formatDateTime(instant: Date | string | number, locale: string | undefined, timeZone: string | undefined, style: DateStyle = 'medium'): string {
  return render(dateFormat(locale, { ...DATE_STYLES[style], hour: '2-digit', minute: '2-digit', timeZone }), new Date(instant));
}

/** "18:30" (or "06:30 PM") in the reader's locale and zone. */
export function formatTime(instant: Date | string, locale: string | undefined, timeZone: string | undefined): string {
  return dateFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(instant));
}

/** A month (YYYY-MM) for a chart: "Apr 2026" (a two-digit year, "Apr 26", reads as a day). */
export function formatMonth(month: string, locale: string | undefined): string {
  return dateFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T00:00:00Z`));
}
