import { describe, expect, it } from 'vitest';
import { monthsSummary } from '@/lib/dashboard/summary';

const months = (...values: number[]) => values.map((value, i) => ({ label: `M${i + 1}`, value }));

describe('the events-per-month summary', () => {
  it.each([
    [months(0, 0, 0), 'No events in the last 12 months.'],
    [months(0, 3, 1), '4 events in the last 12 months; the busiest month was M2 with 3.'],
    [months(2, 0, 2), '4 events in the last 12 months; the busiest were M1 and M3, with 2 each.'],
    // Four months of one event each: none stands out, so none is named.
    [months(1, 1, 0, 1, 1), '4 events in the last 12 months.'],
    [months(0, 1), '1 event in the last 12 months; the busiest month was M2 with 1.'],
  ])('%j → %j', (data, expected) => {
    expect(monthsSummary(data)).toBe(expected);
  });
});
