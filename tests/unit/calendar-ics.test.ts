import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar, type AllDayEntry } from '@/lib/calendar/ics';
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
