import { describe, expect, it } from 'vitest';
import { mostChosen } from '@/lib/import/votes';

describe('the sector an organisation learns from its rows (mostChosen)', () => {
  it('is the one chosen most often, ties going to the one chosen first; rows with no organisation or sector have no say', () => {
    const votes = [
      { key: 'acme', choice: 'Media' },
      { key: 'bbc', choice: 'Media' },
      { key: 'acme', choice: 'Finance' },
      { key: 'acme', choice: 'Finance' },
      { key: 'bbc', choice: 'Government' },
      { key: null, choice: 'Health' },
      { key: 'lone', choice: null },
    ];
    expect(Object.fromEntries(mostChosen(votes))).toEqual({ acme: 'Finance', bbc: 'Media' });
  });
});
