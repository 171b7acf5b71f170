import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar, type AllDayEntry } from '@/lib/calendar/ics';
import { privateNames } from '@/lib/calendar/private-names';
import { escapeText, foldLine } from '@/lib/content-lines';

const stamp = new Date('2026-04-20T10:00:00Z');

function parse(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents('vevent');
}

describe('iCalendar writer', () => {
  const entries: AllDayEntry[] = [
    {
      uid: 'follow-up-1@rapport',
      day: '2026-04-24',
      summary: 'Send Ann the deck; then call, briefly\\quickly',
      description: 'With Ann Smith, CIO\nOpen in Rapport: https://rapport.example/follow-ups/1',
      url: 'https://rapport.example/follow-ups/1',
      stamp,
    },
    { uid: 'follow-up-2@rapport', day: '2026-12-31', summary: 'Année: café, 東京 — '.repeat(8), stamp },
  ];
  const ics = buildCalendar('Rapport follow-ups', entries);

  it('parses in ical.js with one all-day event per entry, text unescaped exactly', () => {
    const events = parse(ics);
    expect(events).toHaveLength(2);
    const first = new ICAL.Event(events[0]!);
    expect(first.uid).toBe('follow-up-1@rapport');
    expect(first.summary).toBe(entries[0]!.summary);
    expect(first.description).toBe(entries[0]!.description);
    expect(first.startDate.isDate).toBe(true);
    expect(first.startDate.toString()).toBe('2026-04-24');
    expect(first.endDate.toString()).toBe('2026-04-25');
    const alarm = events[0]!.getFirstSubcomponent('valarm');
    expect(alarm?.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(String(alarm?.getFirstPropertyValue('trigger'))).toBe('PT9H');
    expect(new ICAL.Event(events[1]!).summary).toBe(entries[1]!.summary);
    expect(new ICAL.Event(events[1]!).endDate.toString()).toBe('2027-01-01');
  });

  it('uses CRLF everywhere, escapes text and folds every line within 75 octets', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics).toContain('SUMMARY:Send Ann the deck\\; then call\\, briefly\\\\quickly');
    expect(ics).toContain('DTSTART;VALUE=DATE:20260424');
    expect(ics).toContain('\r\n '); // the long summary was folded
  });

  it('is stable: the same entries give byte-identical output', () => {
    expect(buildCalendar('Rapport follow-ups', entries)).toBe(ics);
  });

  it('escaping and folding round-trip any text through a real parser (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/\r\n?/g, '\n');
        const out = buildCalendar('x', [{ uid: 'u@x', day: '2026-01-01', summary: clean || 'x', description: clean, stamp }]);
        const ev = new ICAL.Event(parse(out)[0]!);
        expect(ev.summary).toBe(clean || 'x');
        if (clean) expect(ev.description).toBe(clean);
      }),
      { numRuns: 200 },
    );
  });

  it('never splits a multi-byte character when folding', () => {
    const folded = foldLine('SUMMARY:' + '€'.repeat(60));
    for (const part of folded.split('\r\n')) expect(Buffer.from(part, 'utf8').toString('utf8')).not.toContain('\uFFFD');
    expect(
      folded
        .split('\r\n')
        .map((l, i) => (i ? l.slice(1) : l))
        .join(''),
    ).toBe('SUMMARY:' + '€'.repeat(60));
    expect(escapeText('a\r\nb\nc')).toBe('a\\nb\\nc');
  });
});

describe('private people’s names in feed text', () => {
  const names = privateNames([
    { id: 'raj', name: 'Raj  Patel', role: 'Head of M&A', organisationName: 'Acme', email: 'raj.patel@acme.example' },
    { id: 'grace', name: 'Grace Hopper-Ng', role: null, organisationName: null },
    { id: 'odd', name: 'J.R. (Bob) Smith+', role: 'Buyer', organisationName: null },
    { id: 'jo', name: 'Jo', role: 'Founder', organisationName: 'Jo & Co' },
    { id: 'jo-bloggs', name: 'Jo Bloggs', role: 'CTO', organisationName: null },
  ]);

  it.each([
    ['Call Raj Patel today', null, 'Call Head of M&A, Acme today'],
    ['call RAJ PATEL, then raj patel.', null, 'call Head of M&A, Acme, then Head of M&A, Acme.'],
    ['Mail raj.patel@acme.example now', null, 'Mail Head of M&A, Acme now'],
    ['Raj Patelson and Rajesh Patel are others', null, 'Raj Patelson and Rajesh Patel are others'],
    ['Call Raj about it', null, 'Call Raj about it'],
    ['Call Raj about it', 'raj', 'Call Head of M&A, Acme about it'],
    ['Ask Patel; not raj', 'raj', 'Ask Head of M&A, Acme; not raj'],
    ['Thank Grace and Hopper, and the grace period', 'grace', 'Thank Someone I met and Someone I met, and the grace period'],
    ['Pay J.R. (Bob) Smith+ today', null, 'Pay Buyer today'],
    ['Jo Bloggs, then Jo, then Joanna', null, 'CTO, then Founder, Jo & Co, then Joanna'],
    ['Nobody private here', 'raj', 'Nobody private here'],
    ['Call Raj   Patel, or raj\npatel', null, 'Call Head of M&A, Acme, or Head of M&A, Acme'],
  ])('%j (about %s) becomes %j', (text, linked, expected) => {
    expect(names.scrub(text, linked)).toBe(expected);
  });

  it('a private name typed in lower case is still found by its first name or surname alone', () => {
    const typed = privateNames([{ id: 'sam', name: 'sam okafor', role: 'CFO', organisationName: 'Acme' }]);
    expect(typed.scrub('Call Sam about Okafor’s budget', 'sam')).toBe('Call CFO, Acme about CFO, Acme’s budget');
  });

  it('a two-letter first name or surname is a name too, but a two-letter word a sentence starts with is not', () => {
    const short = privateNames([{ id: 'jo', name: 'Jo Li', role: 'CTO', organisationName: 'Acme' }]);
    expect(short.scrub('Send Jo the deck; Li agreed. An idea: go', 'jo')).toBe('Send CTO, Acme the deck; CTO, Acme agreed. An idea: go');
  });

  it('a name part in lower case is theirs right after a word that calls on someone, and a word elsewhere', () => {
    const typed = privateNames([
      { id: 'jo', name: 'Jo Li', role: 'CTO', organisationName: 'Acme' },
      { id: 'mark', name: 'Mark Hill', role: 'CFO', organisationName: 'Globex' },
    ]);
    expect(typed.scrub('send jo the deck, coffee with li; talk to mark', 'jo')).toBe('send CTO, Acme the deck, coffee with CTO, Acme; talk to mark');
    expect(typed.scrub('talk to mark, then email mark', 'mark')).toBe('talk to CFO, Globex, then email CFO, Globex');
    expect(typed.scrub('a drink to mark the launch and mark it down', 'mark')).toBe('a drink to mark the launch and mark it down');
    // However far into the text, and not inside another word: "forthwith" calls on no one.
    expect(typed.scrub(`${'x'.repeat(40)} reply forthwith mark`, 'mark')).toBe(`${'x'.repeat(40)} reply forthwith mark`);
    expect(typed.scrub(`${'x'.repeat(60)} then email mark`, 'mark')).toBe(`${'x'.repeat(60)} then email CFO, Globex`);
    // A verb or a month after such a word is not a name: "the meeting will be", "from may onwards".
    const common = privateNames([
      { id: 'will', name: 'Will Smith', role: 'CTO', organisationName: 'Acme' },
      { id: 'may', name: 'May Chen', role: 'CFO', organisationName: 'Globex' },
    ]);
    const plain = 'The meeting will be on Monday; the call will probably run over. From may onwards, weekly.';
    expect(common.scrub(plain, 'will')).toBe(plain);
    expect(common.scrub(plain, 'may')).toBe(plain);
    expect(common.scrub('coffee with will on Friday', 'will')).toBe('coffee with CTO, Acme on Friday');
  });

  it('labels a private person by their description and anyone else as shown', () => {
    expect(names.label('raj', 'Raj Patel')).toBe('Head of M&A, Acme');
    expect(names.label('grace', 'Grace Hopper-Ng')).toBe('Someone I met');
    expect(names.label('ann', 'Ann Smith')).toBe('Ann Smith');
  });

  it('leaves no whole-word full name in any text (property)', () => {
    const name = 'Raj Patel';
    const only = privateNames([{ id: 'raj', name, role: 'CTO', organisationName: null }]);
    const piece = fc.oneof(fc.constantFrom(name, name.toUpperCase(), 'raj patel', ' ', ',', 'Raj', 'Patel', 'x'), fc.string({ maxLength: 5 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const out = only.scrub(pieces.join(''));
        expect(out.toLowerCase()).not.toMatch(/(?<![\p{L}\p{N}])raj patel(?![\p{L}\p{N}])/u);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the one full name among thousands of private people who share a first name', () => {
    const many = privateNames(Array.from({ length: 5000 }, (_, i) => ({ id: `p${i}`, name: `Sam Surname${i}`, role: `Role ${i}` })));
    const text = 'Meet Sam Surname4999 and Sam, '.repeat(100);
    expect(many.scrub(text)).toBe('Meet Role 4999 and Sam, '.repeat(100));
  });
});
