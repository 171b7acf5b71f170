import { describe, expect, it } from 'vitest';
import { describedIn, namedIn } from '@/lib/posts/mentions';
import { CALLS_ON, NOT_CALLED_ON } from '@/lib/people/name-scrub';

const met = (...names: string[]) => names.map((name) => ({ name, keepPrivate: name.includes('Secret') }));

describe('who a post names', () => {
  it('finds full names in any case, and a name part written as a name that only one person met has', () => {
    const people = met('Jane Smith', 'Tom Secret', 'Ravi Patel');
    expect(namedIn('I met JANE SMITH at the Guildhall.', people).map((p) => p.name)).toEqual(['Jane Smith']);
    expect(namedIn('Smith and Tom spoke.', people).map((p) => p.name)).toEqual(['Jane Smith', 'Tom Secret']);
    expect(namedIn('Blacksmiths and janes.', people)).toEqual([]);
    expect(namedIn('Nobody by name.', people)).toEqual([]);
    // A name typed in lower case on a phone is still found by a part written as a name.
    expect(namedIn('Okafor was right.', met('sam okafor')).map((p) => p.name)).toEqual(['sam okafor']);
  });

  it('does not name everyone who shares a surname, or a first name that is also a word', () => {
    const people = met('Owen Chen', 'Ben Chen', 'Chloe Chen', 'Grace O’Brien', 'Dev Jackson', 'Carys Hughes', 'Rosa Hughes', 'Carys Jackson');
    const text = 'Had a good chat with Owen Chen. Will follow up on the grace period for dev work. Hughes was there.';
    expect(namedIn(text, people).map((p) => p.name)).toEqual(['Owen Chen']);
    // "Grace" as a name, and she is the only Grace met there.
    expect(namedIn('Grace said so.', people).map((p) => p.name)).toEqual(['Grace O’Brien']);
  });

  it('also finds the user’s people who were not there: by full name, or by a part no one else they know has', () => {
    const there = met('Priya Shah', 'Hannah Reid');
    const elsewhere = met('Raj Patel', 'Owen Secret', 'Priya Kumar');
    const text = 'On my list now:\n\n- Send Hannah the vendor shortlist\n- Intro Raj to Priya about payments pilot';
    // Priya is the one met there; Raj, named only in a follow-up, is the one Raj the user knows.
    expect(namedIn(text, there, elsewhere).map((p) => p.name)).toEqual(['Priya Shah', 'Hannah Reid', 'Raj Patel']);
    expect(namedIn('Lunch with Priya Kumar.', there, elsewhere).map((p) => p.name)).toEqual(['Priya Kumar']);
    expect(namedIn('Owen said so.', there, elsewhere).map((p) => p.name)).toEqual(['Owen Secret']);
    // Two people called Raj: a bare "Raj" is neither's, as with a surname shared in the room.
    expect(namedIn('Intro Raj to Priya.', there, [...elsewhere, ...met('Raj Singh')]).map((p) => p.name)).toEqual(['Priya Shah']);
    expect(namedIn('Intro Raj Singh to Priya.', there, [...elsewhere, ...met('Raj Singh')]).map((p) => p.name)).toEqual(['Priya Shah', 'Raj Singh']);
  });
});

describe('whom a post describes', () => {
  it('lists a guest it can only describe when it mentions their organisation as a word, in any case', () => {
    const guests = [
      { id: 'a', label: 'IT Director, HMRC', organisation: 'HMRC' },
      { id: 'b', label: 'Head of IT, Home Office', organisation: 'Home Office' },
    ];
    expect(describedIn('I talked to the IT director at HMRC about legacy IT.', guests).map((p) => p.id)).toEqual(['a']);
    expect(describedIn('Someone from the home office said so.', guests).map((p) => p.id)).toEqual(['b']);
    expect(describedIn('HMRCs and homes in the office.', guests)).toEqual([]);
  });

  it('with the calling-on rule, a first name in lower case after "with" or "send" names them; a verb of the same spelling does not', () => {
    const jo = { name: 'Jo Li', keepPrivate: true };
    const mark = { name: 'Mark Hill', keepPrivate: true };
    const rule = { calledOn: { before: CALLS_ON, notAfter: NOT_CALLED_ON } };
    expect(namedIn('Coffee with jo on Friday.', [jo], [], rule).map((p) => p.name)).toEqual(['Jo Li']);
    expect(namedIn('Remember to send\nmark the deck.', [], [mark], rule).map((p) => p.name)).toEqual(['Mark Hill']);
    expect(namedIn('A drink to mark the launch, and mark it down.', [], [mark], rule)).toEqual([]);
    expect(namedIn('jo, as ever, was right.', [jo], [], rule)).toEqual([]);
    // A verb or a month after a word that could call on someone: not a name.
    const will = { name: 'Will Smith', keepPrivate: true };
    const may = { name: 'May Chen', keepPrivate: true };
    expect(namedIn('The meeting will be on Monday, and the call will probably run over. From may onwards, weekly.', [will, may], [], rule)).toEqual([]);
    expect(namedIn('Coffee with will on Friday; send may the notes.', [will, may], [], rule).map((p) => p.name)).toEqual(['Will Smith', 'May Chen']);
    // Without the rule (how it was): lower case never names anyone.
    expect(namedIn('Coffee with jo on Friday.', [jo])).toEqual([]);
  });
});
