import { siteOrigin } from '@/lib/site-origin';
import { escapeText, foldLine } from '@/lib/content-lines';

/** A minimal RFC 5545 writer for all-day reminders: escaping, 75-octet folding and CRLF line ends. */

export interface AllDayEntry {
  /** Stable across feeds, so a calendar updates the entry instead of adding another. */
  uid: string;
  /** YYYY-MM-DD */
  day: string;
  summary: string;
  description?: string;
  url?: string;
  /** When this entry last changed (DTSTAMP / LAST-MODIFIED). */
  stamp: Date;
}

function basicDate(day: string): string {
  return day.replace(/-/g, '');
}

function utcStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A weekly recurring timed entry (the weekly review): every Monday at `time` in `timeZone`. */
export interface WeeklyEntry {
  uid: string;
  /** An IANA zone name: the entry stays at `time` local across daylight-saving changes. */
  timeZone: string;
  /** The first Monday, YYYY-MM-DD. */
  firstDay: string;
  /** HH:MM */
  time: string;
  minutes: number;
  summary: string;
  description?: string;
  url?: string;
  stamp: Date;
}

/** The lines of one weekly VEVENT (RRULE FREQ=WEEKLY on Mondays, local time with TZID). */
function weeklyEventLines(e: WeeklyEntry): string[] {
  const local = `${basicDate(e.firstDay)}T${e.time.replace(':', '')}00`;
  return [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${utcStamp(e.stamp)}`,
    `DTSTART;TZID=${e.timeZone}:${local}`,
    `DURATION:PT${e.minutes}M`,
    'RRULE:FREQ=WEEKLY;BYDAY=MO',
    `SUMMARY:${escapeText(e.summary)}`,
    ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
    ...(e.url ? [`URL;VALUE=URI:${e.url}`] : []),
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** A VCALENDAR with one all-day VEVENT per entry, each reminding at 09:00 on the day, and any weekly entries. */
export function buildCalendar(name: string, entries: AllDayEntry[], weekly: WeeklyEntry[] = []): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Rapport//Follow-ups//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  for (const e of entries) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utcStamp(e.stamp)}`,
      `LAST-MODIFIED:${utcStamp(e.stamp)}`,
      `DTSTART;VALUE=DATE:${basicDate(e.day)}`,
      `DTEND;VALUE=DATE:${basicDate(nextDay(e.day))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      ...(e.url ? [`URL;VALUE=URI:${e.url}`] : []),
      'TRANSP:TRANSPARENT',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(e.summary)}`,
      // Relative to the all-day start (midnight): a reminder at 09:00 on the day.
      'TRIGGER;RELATED=START:PT9H',
      'END:VALARM',
      'END:VEVENT',
    );
  }
  for (const w of weekly) lines.push(...weeklyEventLines(w));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** The origin for links back to the app (see lib/site-origin.ts). */
export function requestOrigin(request: Request): string {
  return siteOrigin(request.headers);
}

/** Response headers for calendar data. */
export function calendarHeaders(filename: string, attachment = false): HeadersInit {
  return {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `${attachment ? 'attachment' : 'inline'}; filename="${filename}"`,
    'Cache-Control': 'private, no-store',
    'Referrer-Policy': 'no-referrer',
  };
}
