import fc from 'fast-check';
import { roughFloor } from '@/app/(app)/people/_components/rough-floor';
import { describe, expect, it } from 'vitest';
import { displayName, publicName } from '@/lib/people/display-name';
import { mergeNotes } from '@/lib/people/merge-notes';
import { decodeCursor, encodeCursor, searchTerms } from '@/lib/people/search-terms';
import { escapeText, foldLine } from '@/lib/content-lines';
import { toVCard, vcardFileName } from '@/lib/people/vcard';

describe('displayName', () => {
  it.each([
    [{ name: 'Priya Shah', role: 'CIO', organisationName: 'DfE' }, 'Priya Shah'],
    [{ name: null, role: 'Head of IT', organisationName: 'Leeds City Council' }, 'Head of IT, Leeds City Council'],
    [{ name: '   ', role: 'Head of IT', organisationName: null }, 'Head of IT'],
    [{ name: null, role: null, organisationName: 'BBC' }, 'BBC'],
    [{}, 'Someone unnamed'],
  ])('%j → %s', (input, expected) => expect(displayName(input)).toBe(expected));

  it('publicName never reveals the name of someone who asked not to be named', () => {
    expect(publicName({ name: 'Priya Shah', role: 'CIO', organisationName: 'DfE', keepPrivate: true })).toBe('CIO, DfE');
    expect(publicName({ name: 'Priya Shah', keepPrivate: true })).toBe('Someone I met');
    expect(publicName({ name: 'Priya Shah', keepPrivate: false })).toBe('Priya Shah');
  });
});

describe('searchTerms', () => {
  it.each([
    ['departmnt for educaton', ['departmnt', 'educaton']],
    ['the woman from the broadcaster who talked about audience data', ['broadcaster', 'audience', 'data']],
    ['Who do I know in government?', ['government']],
    ["O'Brien  e-mail", ['brien', 'e', 'mail']],
    ['it’s D’Souza', ['it', 'souza']],
    ['the', ['the']],
    ['', []],
  ])('%s', (q, expected) => expect(searchTerms(q)).toEqual(expected));

  it('only ever yields letters and digits (safe inside a tsquery), at most 8 terms', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (q) => {
        const terms = searchTerms(q);
        expect(terms.length).toBeLessThanOrEqual(8);
        for (const t of terms) expect(t).toMatch(/^[\p{L}\p{N}]+$/u);
      }),
    );
  });
});

describe('search cursor', () => {
  it('round-trips, and anything tampered with reads as the first page', () => {
    const c = { s: '2.512345', m: '2026-04-23 19:00:00.123456+00', i: '6f1c2a7e-3b1d-4c8e-9f00-1234567890ab', l: true };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor(encodeCursor({ ...c, s: null, m: null, l: undefined }))).toEqual({ s: null, m: null, i: c.i, l: false });
    expect(decodeCursor('not base64 json')).toBeNull();
    expect(decodeCursor(encodeCursor({ ...c, i: "x'; drop table people" }))).toBeNull();
    expect(decodeCursor(encodeCursor({ ...c, s: '1; select' }))).toBeNull();
    expect(decodeCursor(encodeCursor({ ...c, m: "now()'" }))).toBeNull();
  });
});

describe('mergeNotes', () => {
  it('keeps both, once each', () => {
    expect(mergeNotes('a', 'b')).toBe('a\n\nb');
    expect(mergeNotes('same', ' same ')).toBe('same');
    expect(mergeNotes(null, 'b')).toBe('b');
    expect(mergeNotes(null, '  ')).toBeNull();
  });
});

describe('vCard 4.0', () => {
  const person = {
    id: '6f1c2a7e-3b1d-4c8e-9f00-1234567890ab',
    name: 'Zoë de la Cruz',
    displayName: 'Zoë de la Cruz',
    role: 'Head of Data; Analytics',
    organisation: { name: 'BBC, News' },
    sector: { name: 'Media' },
    email: 'zoe@example.test',
    phone: '+44 (0)20 7946 0000',
    links: ['https://example.test/zoe'],
    notes: 'Line one\nLine two, with a comma',
    updatedAt: new Date('2026-04-23T19:00:00.000Z'),
  };

  it('has the required properties, escapes text and uses CRLF', () => {
    const card = toVCard(person);
    expect(card.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe(true);
    expect(card.endsWith('END:VCARD\r\n')).toBe(true);
    expect(card).toContain('FN:Zoë de la Cruz\r\n');
    expect(card).toContain('N:de la Cruz;Zoë;;;\r\n');
    expect(card).toContain('ORG:BBC\\, News\r\n');
    expect(card).toContain('TITLE:Head of Data\\; Analytics\r\n');
    expect(card).toContain('TEL;VALUE=uri:tel:+440207946000');
    expect(card).toContain('NOTE:Line one\\nLine two\\, with a comma');
    expect(card).toContain('REV:20260423T190000Z');
    expect(card.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('folds long lines at 75 octets without splitting characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => {
        const folded = foldLine(`NOTE:${escapeText(s)}`);
        for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
        expect(folded.split('\r\n ').join('')).toBe(`NOTE:${escapeText(s)}`);
      }),
    );
  });

  it('names the file safely', () => {
    expect(vcardFileName('Zoë de la Cruz')).toBe('Zoe-de-la-Cruz.vcf');
    expect(vcardFileName('../../etc/passwd')).toBe('etc-passwd.vcf');
    expect(vcardFileName('文')).toBe('contact.vcf');
  });
});

describe('roughFloor', () => {
  it.each([
    [0, 0],
    [7, 7],
    [26, 20],
    [327, 300],
    [500, 500],
    [1999, 1900],
  ])('%i reads as %i+', (n, shown) => expect(roughFloor(n)).toBe(shown));
});
