import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { GOOGLE_CSV_HEADER, googleCsvRow } from '@/lib/export/contacts';
import { splitName } from '@/lib/people/name-parts';
import { readCsv } from '@/lib/import/csv';
import { readVCards } from '@/lib/import/vcard';
import { toVCard, type VCardPerson } from '@/lib/people/vcard';

/*
 * A vCard's N prefix is read in as the start of the one-line name ("Dr Hannah Clarke"); going out again, the
 * title must go back to the prefix, or a phone files her under the first name "Dr".
 */

const person = (name: string): VCardPerson => ({
  id: 'x',
  name,
  displayName: name,
  role: null,
  organisation: null,
  sector: null,
  email: null,
  phone: null,
  links: [],
  notes: null,
  updatedAt: new Date(0),
});

describe('names split for export', () => {
  it.each([
    ['Dr Hannah Clarke', { prefix: 'Dr', given: 'Hannah', family: 'Clarke' }],
    ['dr. Hannah Clarke', { prefix: 'dr.', given: 'Hannah', family: 'Clarke' }],
    ['PROF. Sir Tim Berners-Lee', { prefix: 'PROF. Sir', given: 'Tim', family: 'Berners-Lee' }],
    ['Revd Canon Ann Smith', { prefix: 'Revd', given: 'Canon Ann', family: 'Smith' }],
    ['Cllr Ravi Patel', { prefix: 'Cllr', given: 'Ravi', family: 'Patel' }],
    ['Mx Sam Lee', { prefix: 'Mx', given: 'Sam', family: 'Lee' }],
    ['Dr Clarke', { prefix: 'Dr', given: '', family: 'Clarke' }],
    ['Dr', { prefix: '', given: 'Dr', family: '' }],
    ['Dr.', { prefix: '', given: 'Dr.', family: '' }],
    // A surname's particles go with it, as an address book files it.
    ['Ana María de la Cruz', { prefix: '', given: 'Ana María', family: 'de la Cruz' }],
    ['Siobhán Ní Bhriain', { prefix: '', given: 'Siobhán', family: 'Ní Bhriain' }],
    ['Ludwig van Beethoven', { prefix: '', given: 'Ludwig', family: 'van Beethoven' }],
    ['Dr Mohammed Al Fayed', { prefix: 'Dr', given: 'Mohammed', family: 'Al Fayed' }],
    // A first name that is also a particle is still the first name.
    ['Al Gore', { prefix: '', given: 'Al', family: 'Gore' }],
    ['Van Morrison', { prefix: '', given: 'Van', family: 'Morrison' }],
    // A word that only begins like a title is a name.
    ['Drew Barrymore', { prefix: '', given: 'Drew', family: 'Barrymore' }],
    ['Misty Copeland', { prefix: '', given: 'Misty', family: 'Copeland' }],
    // A title is only a title at the start.
    ['Hannah Dr Clarke', { prefix: '', given: 'Hannah Dr', family: 'Clarke' }],
    ['  Mrs   Ada  Lovelace ', { prefix: 'Mrs', given: 'Ada', family: 'Lovelace' }],
    ['', { prefix: '', given: '', family: '' }],
  ])('%j', (name, parts) => {
    expect(splitName(name)).toEqual(parts);
  });

  it('the contacts CSV puts the title in Name Prefix, not First Name, and reads back as the same name', () => {
    const row = googleCsvRow(person('Dr Hannah Clarke'));
    const [cells] = parse(row) as string[][];
    const byColumn = Object.fromEntries(GOOGLE_CSV_HEADER.map((h, i) => [h, cells![i]]));
    expect(byColumn).toMatchObject({ 'Name Prefix': 'Dr', 'First Name': 'Hannah', 'Last Name': 'Clarke' });
    for (const name of ['Dr Hannah Clarke', 'Prof Sir Tim Berners-Lee', 'Dr Clarke', 'Dr', 'Ana María de la Cruz', 'Siobhán Ní Bhriain']) {
      const { drafts } = readCsv(`${GOOGLE_CSV_HEADER.join(',')}\r\n${googleCsvRow(person(name))}\r\n`);
      expect(drafts[0]?.name).toBe(name);
    }
  });

  it('the vCard export puts the title in N’s prefix, and reads back as the same name', () => {
    const card = toVCard({ ...person('Dr Hannah Clarke'), id: '00000000-0000-4000-8000-000000000000' });
    expect(card).toContain('\r\nN:Clarke;Hannah;;Dr;\r\n');
    expect(readVCards(card).drafts[0]?.name).toBe('Dr Hannah Clarke');
    // Read back from N alone, as an address book that ignores FN would.
    expect(readVCards(card.replace(/FN:[^\r]*\r\n/, '')).drafts[0]?.name).toBe('Dr Hannah Clarke');
  });

  it('a vCard’s N prefix is read in ahead of the name, with FN or without', () => {
    const card = (lines: string[]) => ['BEGIN:VCARD', 'VERSION:4.0', ...lines, 'END:VCARD'].join('\r\n');
    expect(readVCards(card(['N:Clarke;Hannah;;Dr;'])).drafts[0]?.name).toBe('Dr Hannah Clarke');
    expect(readVCards(card(['FN:Dr Hannah Clarke', 'N:Clarke;Hannah;;Dr;'])).drafts[0]?.name).toBe('Dr Hannah Clarke');
  });

  it('a Google or Outlook CSV’s title column is read in ahead of the name, and alone is no name', () => {
    const google = 'First Name,Last Name,Name Prefix,Name Suffix,Organization Name\nHannah,Clarke,Dr,PhD,\n,,Dr,,NHS England\n';
    // A suffix stays out of the name: exported again, "OBE" would be taken for the surname.
    expect(readCsv(google).drafts.map((d) => d.name)).toEqual(['Dr Hannah Clarke', null]);
    const outlook = 'Title,First Name,Middle Name,Last Name,Suffix,E-mail Address,Job Title,Company\nDr,Hannah,,Clarke,,h@example.test,Consultant,NHS\n';
    expect(readCsv(outlook).drafts[0]).toMatchObject({ name: 'Dr Hannah Clarke', role: 'Consultant' });
  });

  it('a vCard from a phone keeps a surname with its particle, going out as it came in', () => {
    const card = ['BEGIN:VCARD', 'VERSION:3.0', 'N:Ní Bhriain;Siobhán;;;', 'FN:Siobhán Ní Bhriain', 'END:VCARD'].join('\r\n');
    const name = readVCards(card).drafts[0]!.name!;
    expect(toVCard({ ...person(name), id: '00000000-0000-4000-8000-000000000000' })).toContain('\r\nN:Ní Bhriain;Siobhán;;;\r\n');
  });

  it('a name typed in lower case is written with its capitals, its particles left small', async () => {
    const { nameAsWritten } = await import('@/lib/people/name-parts');
    expect(nameAsWritten('ludwig van beethoven')).toBe('Ludwig van Beethoven');
    expect(nameAsWritten('van morrison')).toBe('Van Morrison');
    expect(nameAsWritten('sarah mcdonald')).toBe('Sarah McDonald');
    expect(nameAsWritten("sarah o'neill")).toBe("Sarah O'Neill");
    expect(nameAsWritten('Anne de Vries')).toBe('Anne de Vries');
  });
});
