import { describe, expect, it } from 'vitest';
import { readCsv } from '@/lib/import/csv';
import { addressFirst, splitEmails } from '@/lib/import/emails';
import { readVCards } from '@/lib/import/vcard';

const GOOGLE = 'First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Value\r\n';
const google = (email1: string, email2 = '') => readCsv(`${GOOGLE}Anna,Kowalska,Work,"${email1}",Home,"${email2}",\r\n`).drafts[0]!;
const card = (...lines: string[]) => readVCards(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Anna Kowalska', ...lines, 'END:VCARD'].join('\r\n')).drafts[0]!;

describe('several addresses in one email cell', () => {
  it.each([
    ['anna.k@example.pl ; anna@home.example.pl', ['anna.k@example.pl', 'anna@home.example.pl']],
    ['anna.k@example.pl ::: anna@home.example.pl', ['anna.k@example.pl', 'anna@home.example.pl']],
    ['anna.k@example.pl,anna@home.example.pl', ['anna.k@example.pl', 'anna@home.example.pl']],
    ['  anna.k@example.pl;;anna@home.example.pl  ', ['anna.k@example.pl', 'anna@home.example.pl']],
    // No part is an address: the cell is kept whole, so the warning quotes what the file had.
    ['ask reception; not sure', ['ask reception; not sure']],
    ['anna@', ['anna@']],
    ['', []],
  ])('%j is split into %j', (cell, parts) => {
    expect(splitEmails(cell)).toEqual(parts);
  });

  it('puts the first address first, the others in their order', () => {
    const same = (e: string) => e;
    expect(addressFirst(['n/a', 'anna@example.pl', 'x', 'b@example.pl'], same)).toEqual(['anna@example.pl', 'n/a', 'x', 'b@example.pl']);
    expect(addressFirst(['a@example.pl', 'b@example.pl'], same)).toEqual(['a@example.pl', 'b@example.pl']);
    expect(addressFirst(['n/a', 'x'], same)).toEqual(['n/a', 'x']);
  });

  it('Google CSV: the first address is the email, the second goes to the notes as the other phones do', () => {
    const d = google('anna.k@example.pl ; anna@home.example.pl');
    expect(d.emails[0]).toBe('anna.k@example.pl');
    expect(d.notes).toBe('Other emails: anna@home.example.pl');
    const google3 = google('anna.k@example.pl ::: anna@home.example.pl', 'kowalska@example.com');
    expect(google3.emails[0]).toBe('anna.k@example.pl');
    expect(google3.notes).toBe('Other emails: anna@home.example.pl; kowalska@example.com');
  });

  it('Google CSV: a value that is not an address does not cost the person the one that is', () => {
    const d = google('see LinkedIn; anna@home.example.pl');
    expect(d.emails[0]).toBe('anna@home.example.pl');
    expect(d.notes).toBe('Other emails: see LinkedIn');
    expect(google('see LinkedIn', 'anna@home.example.pl').emails[0]).toBe('anna@home.example.pl');
    // None is: the whole cell is the email the planner sets aside in the notes, as before.
    expect(google('see LinkedIn; ask Jan').emails).toEqual(['see LinkedIn; ask Jan']);
  });

  it('Outlook, LinkedIn and a mapped CSV split the same way', () => {
    const outlook = readCsv('First Name,Last Name,Company,Job Title,E-mail Address\r\nAnna,Kowalska,Acme,CTO,"a@example.pl, b@example.pl"\r\n').drafts[0]!;
    expect(outlook.emails[0]).toBe('a@example.pl');
    expect(outlook.notes).toContain('Other emails: b@example.pl');
    const linkedin = readCsv(
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nAnna,Kowalska,,a@example.pl; b@example.pl,Acme,CTO,01 Jan 2024\r\n',
    ).drafts[0]!;
    expect(linkedin.emails[0]).toBe('a@example.pl');
    expect(linkedin.notes).toBe('Connected on LinkedIn on 01 Jan 2024\n\nOther emails: b@example.pl');
    const mapped = readCsv('Who,Mail\r\nAnna,"nope; a@example.pl"\r\n', ['name', 'email']).drafts[0]!;
    expect(mapped.emails[0]).toBe('a@example.pl');
    expect(mapped.notes).toBe('Other emails: nope');
  });
});

describe('several EMAIL lines in a vCard', () => {
  it('keeps the first (the preferred one first) and puts every other one in the notes, with its label', () => {
    const d = card('EMAIL;TYPE=INTERNET,HOME:anna@home.example.pl', 'EMAIL;TYPE=INTERNET,WORK,PREF:anna.k@example.pl', 'EMAIL:third@example.pl');
    expect(d.emails).toEqual(['anna.k@example.pl']);
    expect(d.notes).toBe('Other emails: anna@home.example.pl (home); third@example.pl');
  });

  it('a first EMAIL that is not an address does not cost the card the one that is', () => {
    const d = card('EMAIL;TYPE=WORK:not-an-address', 'EMAIL;TYPE=HOME:anna@home.example.pl');
    expect(d.emails).toEqual(['anna@home.example.pl']);
    expect(d.notes).toBe('Other emails: not-an-address (work)');
  });

  it('an EMAIL value holding two addresses is split as a CSV cell is', () => {
    const d = card('EMAIL:anna.k@example.pl\\; anna@home.example.pl');
    expect(d.emails).toEqual(['anna.k@example.pl']);
    expect(d.notes).toBe('Other emails: anna@home.example.pl');
  });
});
