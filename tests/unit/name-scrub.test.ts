import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameIndex, replaceNames } from '@/lib/people/name-scrub';
import { composePost } from '@/lib/posts/compose';
import { eventInput, person } from './composer-helpers';

describe('finding names in typed text', () => {
  const index = nameIndex([
    { find: 'Jo', exactCase: true, by: 'the founder' },
    { find: 'Jo Bloggs', exactCase: false, by: 'the CTO' },
    { find: '‘Raj’ Patel', exactCase: false, by: 'the buyer' },
    { find: 'J.R. (Bob) Smith+', exactCase: false, by: 'the seller' },
  ]);

  it.each([
    ['Jo Bloggs met Jo and jo', 'the CTO met the founder and jo'],
    // A sentence inside the text that a description now opens starts with a capital; the text's own start is the caller's.
    ['Call Jo. Jo Bloggs agreed! Jo too.\nJo Bloggs left', 'Call the founder. The CTO agreed! The founder too.\nThe CTO left'],
    ['Ask e.g. Jo Bloggs', 'Ask e.g. the CTO'],
    ['JO BLOGGS, Joanna, Jo-Ann', 'the CTO, Joanna, the founder-Ann'],
    ['Ask ‘Raj’ Patel, not Raj Patel', 'Ask the buyer, not Raj Patel'],
    ['x‘Raj’ Patel', 'x‘Raj’ Patel'],
    ['Pay J.R. (Bob) Smith+ now', 'Pay the seller now'],
    ['Pay J.R. (Bob) Smith+1 now', 'Pay J.R. (Bob) Smith+1 now'],
  ])('%j becomes %j', (text, expected) => {
    expect(replaceNames(text, index)).toBe(expected);
  });

  it('an earlier index wins at the same place; a later one still finds what the first does not', () => {
    const first = nameIndex([{ find: 'Raj', exactCase: true, by: 'A' }]);
    const second = nameIndex([
      { find: 'Raj Patel', exactCase: true, by: 'B' },
      { find: 'Ann', exactCase: true, by: 'C' },
    ]);
    expect(replaceNames('Raj Patel and Ann', first, second)).toBe('A Patel and C');
    expect(replaceNames('Raj Patel and Ann', second, first)).toBe('B and C');
  });

  it('two names that overlap are both taken out, each described', () => {
    const both = nameIndex([
      { find: 'Ann Mo', exactCase: false, by: '⟨A⟩' },
      { find: 'Mo Li-Wu', exactCase: false, by: '⟨B⟩' },
      { find: 'Li-Wu Ng', exactCase: false, by: '⟨C⟩' },
    ]);
    expect(replaceNames('Thanks Ann Mo Li-Wu, and Mo Li-Wu alone', both)).toBe('Thanks ⟨A⟩ ⟨B⟩, and ⟨B⟩ alone');
    expect(replaceNames('Ann Mo Li-Wu Ng.', both)).toBe('⟨A⟩ ⟨B⟩ ⟨C⟩.');
    expect(replaceNames('Ann Mo Li', both)).toBe('⟨A⟩ Li');
  });

  it('leaves no whole-word match of several overlapping rules (property)', () => {
    const names = ['Ann Mo', 'Mo Li-Wu', 'Wu Ng'];
    const index = nameIndex(names.map((find, i) => ({ find, exactCase: false, by: `∎${i}` })));
    const piece = fc.oneof(fc.constantFrom(...names, 'Ann', 'Mo', 'Li', 'Wu', 'Ng', ' ', '-', 'x'), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const out = replaceNames(pieces.join(''), index).toLowerCase();
        for (const n of names) expect(out).not.toMatch(new RegExp(`(?<![\\p{L}\\p{N}])${n.toLowerCase()}(?![\\p{L}\\p{N}])`, 'u'));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no whole-word match of a rule that ignores case (property)', () => {
    const only = nameIndex([{ find: 'Mo Li-Wu', exactCase: false, by: '∎' }]);
    const piece = fc.oneof(fc.constantFrom('Mo Li-Wu', 'MO LI-WU', 'mo li-wu', 'Mo', 'Li', 'Wu', ' ', '-', 'x', '.'), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        expect(replaceNames(pieces.join(''), only).toLowerCase()).not.toMatch(/(?<![\p{L}\p{N}])mo li-wu(?![\p{L}\p{N}])/u);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the composer finds private names with the same walk', () => {
  it('cuts a private name made of characters a pattern would treat as its own (dots, brackets, a plus)', () => {
    const buyer = person({ name: 'J.R. (Bob) Smith+', role: 'Buyer', organisation: 'Globex', keepPrivate: true });
    const input = eventInput({
      people: [buyer],
      facts: [{ text: 'J.R. (Bob) Smith+ says Globex is buying; Smith+ said so twice', personId: null }],
      followUps: [{ action: 'Send J.R. (Bob) Smith+ the deck', personId: buyer.id, dueOn: null, done: false }],
    });
    for (const style of ['narrative', 'summary', 'social'] as const) {
      expect(composePost(input, { style }).markdown).not.toMatch(/Smith|Bob/);
    }
  });
});
