import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dayIn,
  daysBetween,
  elapsedDays,
  formatDate,
  formatDateTime,
  formatDay,
  formatDayRange,
  formatMonth,
  formatTime,
  isIsoDay,
  isoWeekName,
  isTimeZone,
  mondayOf,
  mondayOfIsoWeek,
  shiftInstant,
  todayIn,
  wallClockIn,
  weekdayOf,
  zonedInstant,
} from '@/lib/dates';

describe('calendar days (YYYY-MM-DD)', () => {
  it('knows real days: leap days only in leap years, month ends, no 30 February', () => {
    for (const d of ['2024-02-29', '2000-02-29', '2026-01-31', '2026-04-30', '2026-12-31']) expect(isIsoDay(d), d).toBe(true);
    for (const d of ['2026-02-29', '1900-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-4-1', '2026-04-01T00:00', ''])
      expect(isIsoDay(d), d).toBe(false);
  });

  it('adds days across month ends, year ends and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30'); // London's clocks go forward that night: a day is still a day
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
  });

  it('addDays and daysBetween undo each other (property)', () => {
    const day = fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        const later = addDays(d, n);
        expect(isIsoDay(later)).toBe(true);
        expect(daysBetween(d, later)).toBe(n);
      }),
    );
  });

  it('weeks run Monday to Sunday', () => {
    expect(weekdayOf('2026-04-23')).toBe(4); // Thursday
    expect(mondayOf('2026-04-23')).toBe('2026-04-20');
    expect(mondayOf('2026-04-26')).toBe('2026-04-20'); // Sunday belongs to the week before
    expect(mondayOf('2026-04-20')).toBe('2026-04-20');
  });

  it('ISO week names, including a 53-week year and a week whose Monday is in the year before', () => {
    expect(isoWeekName('2026-06-01')).toBe('2026-W23');
    expect(isoWeekName('2020-12-28')).toBe('2020-W53');
    expect(isoWeekName('2024-12-30')).toBe('2025-W01');
    expect(mondayOfIsoWeek('2025-W01')).toBe('2024-12-30');
    expect(mondayOfIsoWeek('2020-W53')).toBe('2020-12-28');
    expect(mondayOfIsoWeek('2026-W53')).toBe('2026-12-28'); // 2026 starts on a Thursday: 53 weeks
    expect(mondayOfIsoWeek('2025-W53')).toBeNull(); // 2025 has 52
    expect(mondayOfIsoWeek('2026-W00')).toBeNull();
  });

  it('months step across year ends', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-04', -11)).toBe('2025-05');
  });
});

describe('instants in a time zone', () => {
  it('the same instant is a different day in Auckland and Los Angeles', () => {
    const instant = new Date('2026-04-23T20:00:00Z'); // 08:00 on the 24th in Auckland, 13:00 on the 23rd in LA
    expect(dayIn('Pacific/Auckland', instant)).toBe('2026-04-24');
    expect(dayIn('America/Los_Angeles', instant)).toBe('2026-04-23');
    expect(wallClockIn(instant, 'Pacific/Auckland')).toEqual({ date: '2026-04-24', time: '08:00', hour: 8 });
    expect(wallClockIn(instant, 'America/Los_Angeles')).toEqual({ date: '2026-04-23', time: '13:00', hour: 13 });
    expect(todayIn('Pacific/Auckland', instant)).not.toBe(todayIn('America/Los_Angeles', instant));
  });

  it('Europe/London, last Sunday of March: 01:00 GMT becomes 02:00 BST', () => {
    expect(wallClockIn(new Date('2026-03-29T00:59:00Z'), 'Europe/London')).toEqual({ date: '2026-03-29', time: '00:59', hour: 0 });
    expect(wallClockIn(new Date('2026-03-29T01:00:00Z'), 'Europe/London')).toEqual({ date: '2026-03-29', time: '02:00', hour: 2 });
    // 01:30 does not exist that night: it moves forward, to 02:30 BST (01:30 UTC).
    expect(zonedInstant('2026-03-29', '01:30', 'Europe/London')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedInstant('2026-03-29', '03:00', 'Europe/London')?.toISOString()).toBe('2026-03-29T02:00:00.000Z');
    // Local midnight after the change is 23:00 UTC.
    expect(dayIn('Europe/London', new Date('2026-03-29T22:59:00Z'))).toBe('2026-03-29');
    expect(dayIn('Europe/London', new Date('2026-03-29T23:00:00Z'))).toBe('2026-03-30');
  });

  it('Europe/London, last Sunday of October: 02:00 BST becomes 01:00 GMT', () => {
    expect(wallClockIn(new Date('2026-10-25T00:30:00Z'), 'Europe/London').time).toBe('01:30'); // BST
    expect(wallClockIn(new Date('2026-10-25T01:30:00Z'), 'Europe/London').time).toBe('01:30'); // GMT, the hour again
    expect(zonedInstant('2026-10-25', '12:00', 'Europe/London')?.toISOString()).toBe('2026-10-25T12:00:00.000Z');
    expect(zonedInstant('2026-10-24', '12:00', 'Europe/London')?.toISOString()).toBe('2026-10-24T11:00:00.000Z');
    expect(dayIn('Europe/London', new Date('2026-10-25T23:59:00Z'))).toBe('2026-10-25');
    expect(dayIn('Europe/London', new Date('2026-10-24T23:00:00Z'))).toBe('2026-10-25'); // BST midnight
  });

  it('a wall-clock time and back is the same, in any zone (property)', () => {
    const zones = fc.constantFrom('Europe/London', 'Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kolkata', 'UTC');
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }).map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));
    fc.assert(
      fc.property(instant, zones, (at, zone) => {
        const { date, time } = wallClockIn(at, zone);
        expect(wallClockIn(zonedInstant(date, time, zone)!, zone)).toMatchObject({ date, time });
      }),
    );
  });

  it('instant arithmetic is exact; elapsed days round down', () => {
    const at = new Date('2026-03-28T12:00:00Z');
    expect(shiftInstant(at, 2).toISOString()).toBe('2026-03-30T12:00:00.000Z');
    expect(shiftInstant(at, -30).toISOString()).toBe('2026-02-26T12:00:00.000Z');
    expect(elapsedDays(at, new Date('2026-03-30T11:59:00Z'))).toBe(1);
  });

  it('time zones: IANA names only', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(zonedInstant('2026-02-30x', '18:00', 'UTC')).toBeNull();
  });
});

describe('display', () => {
  it('a calendar day is that day in every locale, with a plain space after the weekday', () => {
    expect(formatDay('2026-04-23', 'en-GB')).toBe('Thursday 23 April 2026');
    expect(formatDay('2026-04-23', 'en-US')).toBe('Thursday April 23, 2026');
    expect(formatDay('2026-04-23', 'en-GB', 'short')).toBe('Thu 23 Apr');
    expect(formatDay('2026-04-23', 'en-GB', 'weekday')).toBe('Thu 23 Apr 2026');
    expect(formatDay('2024-02-29', 'en-GB', 'medium')).toBe('29 Feb 2024');
    expect(formatDay('not a day', 'en-GB')).toBe('not a day');
  });

  it('an instant is dated on the reader’s calendar', () => {
    const instant = new Date('2026-04-23T20:00:00Z');
    expect(formatDate(instant, 'en-GB', 'Pacific/Auckland')).toBe('Friday 24 April 2026');
    expect(formatDate(instant, 'en-GB', 'America/Los_Angeles', 'long')).toBe('23 April 2026');
    expect(formatTime(instant, 'en-GB', 'Europe/London')).toBe('21:00');
    expect(formatDateTime(instant, 'en-GB', 'Europe/London')).toBe('23 Apr 2026, 21:00');
    expect(formatDateTime(instant, 'en-GB', 'Europe/London', 'dayMonth')).toBe('23 Apr, 21:00');
    expect(formatMonth('2026-04', 'en-GB')).toBe('Apr 2026');
    expect(formatDayRange('2026-11-23', '2026-11-29', 'en-GB')).toMatch(/^23\s?–\s?29 Nov 2026$/);
    expect(formatDayRange('2026-11-30', '2026-12-06', 'en-GB')).toMatch(/^30 Nov\s–\s6 Dec 2026$/);
    expect(formatDayRange('2026-12-28', '2027-01-03', 'en-US')).toMatch(/^Dec 28, 2026\s–\sJan 3, 2027$/);
  });

  it('falls back to British English for a locale the runtime refuses, but never hides a bad time zone', () => {
    expect(formatDate(new Date('2026-04-23T12:00:00Z'), 'not a locale!', 'UTC', 'long')).toBe('23 April 2026');
    expect(() => formatDate(new Date(), 'en-GB', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
