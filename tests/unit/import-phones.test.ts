import { describe, expect, it } from 'vitest';
import { readCsv } from '@/lib/import/csv';
import { phoneFirst, splitPhones } from '@/lib/import/phones';
import { readVCards } from '@/lib/import/vcard';

const OUTLOOK = 'First Name,Last Name,Company,Job Title,E-mail Address,Mobile Phone,Business Phone\r\n';
const outlook = (mobile: string, business = '') => readCsv(`${OUTLOOK}Anna,Kowalska,Acme,CTO,anna@example.pl,"${mobile}","${business}"\r\n`).drafts[0]!;
const mapped = (phone: string) => readCsv(`Who,Tel\r\nAnna,"${phone}"\r\n`, ['name', 'phone']).drafts[0]!;
const card = (...lines: string[]) => readVCards(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Anna Kowalska', ...lines, 'END:VCARD'].join('\r\n')).drafts[0]!;

describe('two numbers in one phone cell', () => {
  it.each([
    ['+44 20 7946 0000 / 07700 900123', ['+44 20 7946 0000', '07700 900123']],
    ['020 7946 0000; 07700 900 123', ['020 7946 0000', '07700 900 123']],
    ['020 7946 0000, 07700 900123', ['020 7946 0000', '07700 900123']],
    ['020 7946 0000 or 07700 900123', ['020 7946 0000', '07700 900123']],
    ['020 7946 0000 OR 07700 900123', ['020 7946 0000', '07700 900123']],
    ['020 7946 0000\n07700 900123', ['020 7946 0000', '07700 900123']],
    ['020 7946 0000\r\n07700 900123', ['020 7946 0000', '07700 900123']],
    ['+44 20 7946 0000/07700 900123', ['+44 20 7946 0000', '07700 900123']],
    ['020 7946 0000;07700 900123; +48 22 555 0100', ['020 7946 0000', '07700 900123', '+48 22 555 0100']],
    // German numbers with the area code before a '/', two of them.
    ['030/1234567 / 089/7654321', ['030/1234567', '089/7654321']],
    // An extension goes with its number.
    ['020 7946 0000 ext. 204, 07700 900123', ['020 7946 0000 ext. 204', '07700 900123']],
    ['  07700 900123  ', ['07700 900123']],
    ['', []],
    ['   ', []],
  ])('%j is %j', (cell, numbers) => {
    expect(splitPhones(cell)).toEqual(numbers);
  });

  it.each([
    '+44 20 7946 0000',
    '(020) 7946-0000',
    '+1 (555) 123-4567',
    '020 7946 0000 ext. 204',
    '020 7946 0000 x204',
    '020 7946 0000, ext 204',
    '020 7946 0000 / ext. 204',
    '+1 555 123 4567,,204',
    '+1-418-656-9254;ext=102',
    '030/1234567',
    '089 / 123456',
    '+49 (0)6221 / 4567890',
    '0171/12345678',
    // A country code written apart, then the area code before a '/': the code is no number of its own.
    '0049 6221/4567890',
    '+49 06221 / 4567890',
    '0043 316/8731234',
    // A conference bridge: the dialler's pause and the code are part of the one number.
    '+1 646 558 8656,,84512345#',
    '020 7946 0000; ask for Jan',
    'ask reception',
  ])('%j is one number, left whole', (cell) => {
    expect(splitPhones(cell)).toEqual([cell]);
  });

  it('puts the first number the phone field takes first, the others in their order', () => {
    expect(phoneFirst(['020 7946 0000 ext. 204', '07700 900123', 'n/a'])).toEqual(['07700 900123', '020 7946 0000 ext. 204', 'n/a']);
    expect(phoneFirst(['020 7946 0000', '07700 900123'])).toEqual(['020 7946 0000', '07700 900123']);
    expect(phoneFirst(['ask reception'])).toEqual(['ask reception']);
  });

  it('Outlook: the first number is the phone, the second goes to the notes as other emails do', () => {
    const d = outlook('+44 20 7946 0000 / 07700 900123');
    expect(d.phones[0]).toBe('+44 20 7946 0000');
    expect(d.notes).toBe('Other phones: 07700 900123');
    const two = outlook('020 7946 0000; 07700 900 123', '+48 22 555 0100');
    expect(two.phones[0]).toBe('020 7946 0000');
    expect(two.notes).toBe('Other phones: 07700 900 123; +48 22 555 0100');
    // One number with an extension is not split, and nothing goes to the notes.
    const ext = outlook('020 7946 0000 ext. 204');
    expect(ext.phones).toEqual(['020 7946 0000 ext. 204']);
    expect(ext.notes).toBeNull();
  });

  it('Outlook: a number with an extension ahead of a plain one does not cost the person the plain one', () => {
    const d = outlook('020 7946 0000 x204 / 07700 900123');
    expect(d.phones[0]).toBe('07700 900123');
    expect(d.notes).toBe('Other phones: 020 7946 0000 x204');
  });

  it('a mapped CSV splits the same way, a comma only between two numbers', () => {
    const d = mapped('020 7946 0000, 07700 900123');
    expect(d.phones[0]).toBe('020 7946 0000');
    expect(d.notes).toBe('Other phones: 07700 900123');
    const one = mapped('+1 555 123 4567,,204');
    expect(one.phones).toEqual(['+1 555 123 4567,,204']);
    expect(one.notes).toBeNull();
    const lines = mapped('020 7946 0000\n07700 900123');
    expect(lines.phones[0]).toBe('020 7946 0000');
    expect(lines.notes).toBe('Other phones: 07700 900123');
  });

  it('Google: a cell with two numbers, and " ::: " between values, both split', () => {
    const d = readCsv(
      'First Name,Last Name,E-mail 1 - Value,Phone 1 - Value,Phone 2 - Value\r\nAnna,Kowalska,,"020 7946 0000 or 07700 900123 ::: +48 22 555 0100","+48 22 555 0101"\r\n',
    ).drafts[0]!;
    expect(d.phones[0]).toBe('020 7946 0000');
    expect(d.notes).toBe('Other phones: 07700 900123; +48 22 555 0100; +48 22 555 0101');
  });

  it('vCard: a preferred number the phone field refuses does not cost the person the next one', () => {
    const d = card('TEL;TYPE=work,pref:+1 201 555 0123 ext 102', 'TEL;TYPE=cell:+1 201 555 0199');
    expect(d.phones).toEqual(['+1 201 555 0199']);
    expect(d.notes).toBe('Other phones: +1 201 555 0123 ext 102 (work)');
  });

  it('vCard: one TEL holding two numbers is split, each keeping its label', () => {
    const d = card('TEL;TYPE=WORK:020 7946 0000 / 07700 900123', 'TEL;TYPE=HOME:+48 22 555 0100');
    expect(d.phones).toEqual(['020 7946 0000']);
    expect(d.notes).toBe('Other phones: 07700 900123 (work); +48 22 555 0100 (home)');
  });
});
