import { describe, expect, it } from 'vitest';
import { dateFormat } from '@/lib/intl';

describe('shared date formatters', () => {
  const day = new Date('2026-04-23T12:00:00Z');

  it('builds each formatter once and formats as Intl does', () => {
    const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' };
    expect(dateFormat('en-GB', options)).toBe(dateFormat('en-GB', { ...options }));
    expect(dateFormat('en-GB', options)).not.toBe(dateFormat('en-US', options));
    expect(dateFormat('en-GB', options).format(day)).toBe(new Intl.DateTimeFormat('en-GB', options).format(day));
  });

  it('falls back to British English for a locale the runtime refuses, but never hides a bad time zone', () => {
    expect(dateFormat('not a locale!', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(day)).toBe('23 April');
    expect(() => dateFormat('en-GB', { timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
  });
});
