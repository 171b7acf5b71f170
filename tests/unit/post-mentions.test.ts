import { describe, expect, it } from 'vitest';
import { mentions, namedIn } from '@/lib/posts/mentions';

describe('who a post names', () => {
  it('finds a full name or a part of it as a whole word, in any case, but not inside other words', () => {
    expect(mentions('I met Jane Smith at the Guildhall.', 'Jane Smith')).toBe(true);
    expect(mentions('Smith made the case for open data.', 'Jane Smith')).toBe(true);
    expect(mentions('JANE was right.', 'Jane Smith')).toBe(true);
    expect(mentions('Blacksmiths and janes.', 'Jane Smith')).toBe(false);
    // Parts under three letters alone are too common to mean the person; the full name always counts.
    expect(mentions('Talked to Jo about it', 'Jo Lee')).toBe(false);
    expect(mentions('Talked to Jo Lee about it', 'Jo Lee')).toBe(true);
    expect(mentions('Lee agreed', 'Jo Lee')).toBe(true);
    expect(mentions('Ann Secret-Keeper; Keeper agreed', 'Ann Secret-Keeper')).toBe(true);
  });

  it('lists the people met whom the text names, private ones included', () => {
    const met = [
      { name: 'Jane Smith', keepPrivate: false },
      { name: 'Tom Secret', keepPrivate: true },
      { name: 'Ravi Patel', keepPrivate: false },
    ];
    expect(namedIn('# A good evening\n\nSmith and Tom spoke.', met)).toEqual(met.slice(0, 2));
    expect(namedIn('Nobody by name.', met)).toEqual([]);
  });
});
