import { describe, expect, it } from 'vitest';
import { slugify as slugifyTitle } from '@/lib/posts/validation';
import { slugify } from '@/lib/slug';

describe('slugify', () => {
  it('folds accents and punctuation into single dashes', () => {
    expect(slugify('Zoë O’Brien', 30)).toBe('zoe-o-brien');
    expect(slugify('  CIO Club: April!  ', 60)).toBe('cio-club-april');
  });

  it('a text longer than allowed ends at its last whole word, never mid-word', () => {
    const title = 'What I learnt at the CIO Club in December about cloud procurement and AI';
    const slug = slugifyTitle(title);
    expect(slug).toBe('what-i-learnt-at-the-cio-club-in-december-about-cloud');
    expect(slug.length).toBeLessThanOrEqual(60);
    // A word ending exactly at the limit is kept whole.
    expect(slugify('abc def ghi', 7)).toBe('abc-def');
    expect(slugify('abc def ghi', 8)).toBe('abc-def');
    expect(slugify('abc defg', 6)).toBe('abc');
  });

  it('a word that would take off more than ten characters is cut where it must be, keeping the address long', () => {
    const title = 'Notes on the CIO Club and its counterrevolutionaries internationally';
    // The cut falls 21 characters into "counterrevolutionaries": backing off would lose them all.
    expect(slugifyTitle(`${'a'.repeat(38)} counterrevolutionaries`)).toBe(`${'a'.repeat(38)}-counterrevolutionarie`);
    expect(slugifyTitle(title).length).toBeGreaterThanOrEqual(50);
    expect(slugify('abc defghijklmnopqrstu', 16)).toBe('abc-defghijklmno');
    // One long word has no whole word to end at.
    expect(slugify('Supercalifragilisticexpialidocious', 10)).toBe('supercalif');
    // A handle from a name: at most 30 characters.
    expect(slugify('Maximiliana Wolfeschlegelsteinhausenbergerdorff', 30)).toBe('maximiliana-wolfeschlegelstein');
  });
});
