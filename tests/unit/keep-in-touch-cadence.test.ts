import { describe, expect, it } from 'vitest';
import { cadenceLabel, CADENCE_CHOICES, choiceOf, contactSnoozeDay, type Cadence } from '@/lib/people/cadence';
import { cadenceFormSchema, cadenceSchema } from '@/lib/people/cadence-schema';

describe('keep-in-touch cadence', () => {
  it('turns each form choice into a cadence and back', () => {
    for (const choice of CADENCE_CHOICES) {
      const parsed = cadenceFormSchema.parse({ keepInTouch: choice, keepInTouchDays: '45' });
      expect(choiceOf(parsed)).toBe(choice);
    }
    expect(cadenceFormSchema.parse({ keepInTouch: '', keepInTouchDays: '' })).toBeNull();
    expect(cadenceFormSchema.parse({ keepInTouch: 'quarterly' })).toEqual({ unit: 'months', every: 3 });
  });

  it('refuses a number of days outside 1 to 3650, or not a whole number, naming the field', () => {
    for (const days of ['0', '3651', '2.5', 'ten', '', '-3']) {
      const r = cadenceFormSchema.safeParse({ keepInTouch: 'days', keepInTouchDays: days });
      expect(r.success, days).toBe(false);
      expect(r.error!.issues[0]!.path).toEqual(['keepInTouchDays']);
    }
    expect(cadenceFormSchema.parse({ keepInTouch: 'days', keepInTouchDays: ' 3650 ' })).toEqual({ unit: 'days', every: 3650 });
  });

  it('accepts in the API only the cadences the database stores', () => {
    const ok: unknown[] = [{ unit: 'none' }, { unit: 'days', every: 1 }, { unit: 'months', every: 12 }];
    const bad: unknown[] = [
      { unit: 'months', every: 2 },
      { unit: 'days', every: 0 },
      { unit: 'days' },
      { unit: 'weeks', every: 1 },
      { unit: 'none', every: 3 },
    ];
    for (const c of ok) expect(cadenceSchema.safeParse(c).success, JSON.stringify(c)).toBe(true);
    for (const c of bad) expect(cadenceSchema.safeParse(c).success, JSON.stringify(c)).toBe(false);
  });

  it('says each cadence as people do', () => {
    const said = (c: Cadence) => cadenceLabel(c);
    expect(said({ unit: 'months', every: 1 })).toBe('Monthly');
    expect(said({ unit: 'months', every: 6 })).toBe('Twice a year');
    expect(said({ unit: 'days', every: 45 })).toBe('Every 45 days');
    expect(said({ unit: 'none', every: null })).toBe('None');
  });

  it('snoozes a week, or a calendar month that keeps the day where the month has it', () => {
    expect(contactSnoozeDay('week', '2026-12-29')).toBe('2027-01-05');
    expect(contactSnoozeDay('month', '2026-01-31')).toBe('2026-02-28');
    expect(contactSnoozeDay('month', '2026-12-15')).toBe('2027-01-15');
    expect(contactSnoozeDay('month', '2028-01-30')).toBe('2028-02-29');
  });
});
