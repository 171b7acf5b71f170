import { describe, expect, it } from 'vitest';
import { guessMapping, readCsv } from '@/lib/import/csv';
import { detectDelimiter } from '@/lib/import/csv-delimiter';

/*
 * Excel saves CSV with the list separator of the machine's locale: a semicolon across much of Europe, and "Text
 * (Tab delimited)" is a tab. Read with commas, such a file arrives as one column, so the separator is read from
 * the header line.
 */

describe('CSV separator', () => {
  it('a semicolon file from a European Excel: columns split, a comma inside quotes stays in its field', () => {
    const file = [
      'First Name;Last Name;Organization Name;E-mail 1 - Value;Notes',
      'Hannah;Clarke;"Clarke, Hope & Partners";hannah@clarke.example;"Met in Lyon, at the fair"',
      'Jürgen;Müller;Bäckerei Groß GmbH;juergen@example.de;',
    ].join('\r\n');
    const { drafts, errors, table } = readCsv(file);
    expect(errors).toEqual([]);
    expect(table?.layout).toBe('google');
    expect(drafts).toMatchObject([
      { line: 2, name: 'Hannah Clarke', organisation: 'Clarke, Hope & Partners', emails: ['hannah@clarke.example'], notes: 'Met in Lyon, at the fair' },
      { line: 3, name: 'Jürgen Müller', organisation: 'Bäckerei Groß GmbH', emails: ['juergen@example.de'] },
    ]);
  });

  it('a tab-separated file: its header is columns to map, and the rows read with the mapping', () => {
    const file = 'Name\tEmail\tCompany\nAna Cruz\tana@acme.example\tAcme, Inc.\n';
    const unmapped = readCsv(file);
    expect(unmapped.needsMapping).toBe(true);
    expect(unmapped.table?.header).toEqual(['Name', 'Email', 'Company']);
    const { drafts, errors } = readCsv(file, guessMapping(unmapped.table!.header));
    expect(errors).toEqual([]);
    expect(drafts).toMatchObject([{ line: 2, name: 'Ana Cruz', emails: ['ana@acme.example'], organisation: 'Acme, Inc.' }]);
  });

  it('a comma file stays comma-separated with semicolons inside quotes, in its rows and in its header', () => {
    const google = ['First Name,Last Name,E-mail 1 - Value,Notes', 'Ana,Cruz,ana@acme.example,"Follow up; send slides; ask about Q3"'].join('\n');
    expect(readCsv(google).drafts).toMatchObject([{ name: 'Ana Cruz', emails: ['ana@acme.example'], notes: 'Follow up; send slides; ask about Q3' }]);
    // More semicolons than commas in the header, but inside quotes: they separate nothing.
    const other = ['Name,"Notes; from the fair; and after; and more"', 'Ana Cruz,"Met; liked; will call"'].join('\n');
    expect(detectDelimiter(other)).toBe(',');
    expect(readCsv(other).table?.header).toEqual(['Name', 'Notes; from the fair; and after; and more']);
    expect(readCsv(other, ['name', 'notes']).drafts).toMatchObject([{ name: 'Ana Cruz', notes: 'Met; liked; will call' }]);
  });

  it('LinkedIn’s "Notes:" preamble is passed over: the separator is the header’s', () => {
    const file = [
      'Notes:',
      '"When exporting your connection data, you may notice that some of the email addresses are missing; see https://www.linkedin.com/help"',
      '',
      'First Name;Last Name;URL;Email Address;Company;Position;Connected On',
      'Tomás;García;https://www.linkedin.com/in/tomasgarcia;;"Banco Ejemplo, S.A.";Risk Analyst;03 Mar 2023',
    ].join('\n');
    const { drafts, table } = readCsv(file);
    expect(table?.layout).toBe('linkedin');
    expect(drafts).toMatchObject([{ line: 5, name: 'Tomás García', organisation: 'Banco Ejemplo, S.A.', role: 'Risk Analyst' }]);
  });

  it.each([
    ['one column, a comma by default', 'Name\nAna Cruz\n', ','],
    ['an empty file', '', ','],
    ['a byte order mark before a semicolon header', '\uFEFFName;Email\n', ';'],
    ['a tie goes to the comma', 'Name,Company;Email\n', ','],
    ['a quoted header cell over two lines', '"Full\nname";Email;Phone\n', ';'],
  ])('%s', (_, text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});
