import { describe, expect, it } from 'vitest';
import { fromParam, mergeFrom } from '@/lib/people/merge';

describe('where a merge leads back to', () => {
  const event = '/events/0b9c4a52-1f1e-4c55-9d3c-6f0e2a7b8c91';
  it("is an event's own page, and nothing else", () => {
    expect(fromParam(event)).toBe(`&from=${encodeURIComponent(event)}`);
    for (const elsewhere of [
      undefined,
      '',
      '//evil.example/events/0b9c4a52-1f1e-4c55-9d3c-6f0e2a7b8c91',
      'https://evil.example/',
      `${event}/edit`,
      `${event}?x=1`,
      '/people/0b9c4a52-1f1e-4c55-9d3c-6f0e2a7b8c91',
      ['/events/0b9c4a52-1f1e-4c55-9d3c-6f0e2a7b8c91'],
    ]) {
      expect(fromParam(elsewhere)).toBe('');
      expect(mergeFrom.safeParse(elsewhere).success).toBe(false);
    }
  });
});
