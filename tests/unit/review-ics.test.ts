import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '@/lib/calendar/ics';
import { weeklyReviewEntry } from '@/lib/calendar/feed';

const ORIGIN = 'https://rapport.example';

describe('the feed’s weekly review entry', () => {
  const ics = buildCalendar('Rapport follow-ups', [], [weeklyReviewEntry('Pacific/Auckland', ORIGIN)]);
  const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);

  it('recurs every Monday at 09:00 in the user’s time zone and links to /review', () => {
    expect(event.summary).toBe('Weekly review');
    expect(event.uid).toBe('weekly-review@rapport');
    expect(event.isRecurring()).toBe(true);
    const rrule = vevent.getFirstPropertyValue('rrule') as ICAL.Recur;
    expect(rrule.freq).toBe('WEEKLY');
    expect(rrule.parts.BYDAY).toEqual(['MO']);
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Pacific/Auckland');
    expect(event.startDate.toString()).toBe('2026-01-05T09:00:00');
    expect(event.duration.toSeconds()).toBe(30 * 60);
    expect(vevent.getFirstPropertyValue('url')).toBe(`${ORIGIN}/review`);
    expect(event.description).toContain(`${ORIGIN}/review`);
    const it = event.iterator();
    const starts = [it.next()!, it.next()!, it.next()!].map((t) => t.toString());
    expect(starts).toEqual(['2026-01-05T09:00:00', '2026-01-12T09:00:00', '2026-01-19T09:00:00']);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('is stable: the same zone gives the same text, another zone only another TZID', () => {
    expect(buildCalendar('x', [], [weeklyReviewEntry('Pacific/Auckland', ORIGIN)])).toBe(
      buildCalendar('x', [], [weeklyReviewEntry('Pacific/Auckland', ORIGIN)]),
    );
    expect(buildCalendar('x', [], [weeklyReviewEntry('Europe/London', ORIGIN)])).toContain('DTSTART;TZID=Europe/London:20260105T090000');
  });
});
