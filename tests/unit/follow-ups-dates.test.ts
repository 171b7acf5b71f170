import { describe, expect, it } from 'vitest';
import { DUE_PRESETS, dueSentence, snoozeDay } from '@/lib/follow-ups/due';
import { createFollowUpSchema, snoozeSchema, updateFollowUpSchema } from '@/lib/follow-ups/validation';
import { addDays, formatDay, isIsoDay, todayIn } from '@/lib/dates';
import { dueGroup, dueLabel, relativeDue } from '@/lib/follow-ups/due';

describe('todayIn at time-zone edges', () => {
  // 12:30 UTC on 23 April: already the 24th in Auckland (UTC+12), still the 23rd in London (UTC+1).
  const instant = new Date('2026-04-23T12:30:00Z');
  it.each([
    ['Pacific/Auckland', '2026-04-24'],
    ['Europe/London', '2026-04-23'],
    ['America/Los_Angeles', '2026-04-23'],
    ['UTC', '2026-04-23'],
  ])('%s → %s', (tz, day) => {
    expect(todayIn(tz, instant)).toBe(day);
  });

  it('London moves to the next day at local midnight, across the clock change', () => {
    // 29 March 2026: clocks go forward at 01:00 UTC; 23:30 UTC on the 29th is 00:30 BST on the 30th.
    expect(todayIn('Europe/London', new Date('2026-03-29T22:59:00Z'))).toBe('2026-03-29');
    expect(todayIn('Europe/London', new Date('2026-03-29T23:00:00Z'))).toBe('2026-03-30');
  });
});

describe('due groups', () => {
  const today = '2026-04-23'; // a Thursday
  it.each([
    [null, 'none'],
    ['2026-04-22', 'overdue'],
    ['2025-12-31', 'overdue'],
    ['2026-04-23', 'today'],
    ['2026-04-24', 'week'],
    ['2026-04-29', 'week'],
    ['2026-04-30', 'later'],
  ] as const)('%s is %s', (due, group) => {
    expect(dueGroup(due, today)).toBe(group);
  });

  it('the same due date is today in Auckland and tomorrow in London at one instant', () => {
    const instant = new Date('2026-04-23T12:30:00Z');
    expect(dueGroup('2026-04-24', todayIn('Pacific/Auckland', instant))).toBe('today');
    expect(dueGroup('2026-04-24', todayIn('Europe/London', instant))).toBe('week');
    expect(dueGroup('2026-04-23', todayIn('Pacific/Auckland', instant))).toBe('overdue');
    expect(dueGroup('2026-04-23', todayIn('Europe/London', instant))).toBe('today');
  });
});

describe('day arithmetic', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('"next week" is a week from today in every form, so on a Sunday it is not tomorrow', () => {
    expect(DUE_PRESETS.map((p) => [p.label, addDays('2026-12-06', p.days)])).toEqual([
      ['Tomorrow', '2026-12-07'],
      ['Next week', '2026-12-13'],
      ['In two weeks', '2026-12-20'],
    ]);
    expect(snoozeDay('next-week', '2026-12-06')).toBe(addDays('2026-12-06', DUE_PRESETS[1].days));
  });

  it('snooze targets', () => {
    expect(snoozeDay('tomorrow', '2026-04-23')).toBe('2026-04-24');
    expect(snoozeDay('next-week', '2026-04-23')).toBe('2026-04-30');
    expect(snoozeDay('2026-06-01', '2026-04-23')).toBe('2026-06-01');
  });

  it('validates real calendar days only', () => {
    expect(isIsoDay('2026-02-28')).toBe(true);
    expect(isIsoDay('2026-02-30')).toBe(false);
    expect(isIsoDay('2026-2-3')).toBe(false);
    expect(isIsoDay('tomorrow')).toBe(false);
  });

  it('labels due dates the way people say them', () => {
    expect(dueLabel('2026-04-23', '2026-04-23')).toBe('Today');
    // Relative only where it says more than the date (the edit page shows both).
    expect(relativeDue('2026-04-20', '2026-04-23')).toBe('3 days overdue');
    expect(relativeDue('2026-04-10', '2026-04-23')).toBe('13 days overdue');
    expect(relativeDue('2026-04-09', '2026-04-23')).toBe('2 weeks overdue');
    expect(relativeDue('2026-02-20', '2026-04-23')).toBe('8 weeks overdue');
    expect(relativeDue('2026-02-19', '2026-04-23')).toBeNull();
    expect(relativeDue('2019-05-01', '2026-04-23')).toBeNull();
    expect(relativeDue('2026-05-30', '2026-04-23')).toBeNull();
    expect(dueLabel('2026-04-24', '2026-04-23')).toBe('Tomorrow');
    expect(dueLabel('2026-04-22', '2026-04-23')).toBe('Yesterday');
    expect(dueLabel('2026-04-20', '2026-04-23')).toBe('3 days overdue');
    expect(dueLabel(null, '2026-04-23')).toBe('No date');
    expect(formatDay('2026-04-23', 'en-GB')).toBe('Thursday 23 April 2026');
  });
});

describe('follow-up input', () => {
  it('trims, treats "" as absent and refuses NUL bytes, bad dates and bad ids', () => {
    expect(createFollowUpSchema.parse({ action: '  Call Ann ', due: '', personId: '' })).toEqual({ action: 'Call Ann' });
    expect(createFollowUpSchema.safeParse({ action: '   ' }).success).toBe(false);
    expect(createFollowUpSchema.safeParse({ action: 'a\u0000b' }).success).toBe(false);
    expect(createFollowUpSchema.safeParse({ action: 'x'.repeat(501) }).success).toBe(false);
    expect(createFollowUpSchema.safeParse({ action: 'ok', due: '2026-02-30' }).success).toBe(false);
    expect(createFollowUpSchema.safeParse({ action: 'ok', personId: 'not-a-uuid' }).success).toBe(false);
    expect(updateFollowUpSchema.parse({ due: null })).toEqual({ due: null });
    expect(updateFollowUpSchema.safeParse({ status: 'maybe' }).success).toBe(false);
    expect(updateFollowUpSchema.safeParse({ userId: 'x' }).success).toBe(false);
    expect(snoozeSchema.safeParse('next-week').success).toBe(true);
    expect(snoozeSchema.safeParse('soon').success).toBe(false);
  });

  it('dueSentence: a due date said on its own, never "Due 5 days overdue"', () => {
    expect(dueSentence('2026-12-02', '2026-12-07')).toBe('5 days overdue');
    expect(dueSentence('2026-12-07', '2026-12-07')).toBe('Due today');
    expect(dueSentence('2026-12-08', '2026-12-07')).toBe('Due tomorrow');
    expect(dueSentence('2026-12-06', '2026-12-07')).toBe('Due yesterday');
    expect(dueSentence('2026-12-18', '2026-12-07')).toMatch(/^Due \S+ 18 Dec$/);
  });
});
