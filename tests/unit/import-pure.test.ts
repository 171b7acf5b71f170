import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BodyError } from '@/lib/api/request';
import { csvField, GOOGLE_CSV_HEADER, googleCsvRow } from '@/lib/export/contacts';
import { guessMapping, readCsv } from '@/lib/import/csv';
import { importKind, importQuerySchema, readTextBody } from '@/lib/import/request';
import { readVCards } from '@/lib/import/vcard';
import { toVCard } from '@/lib/people/vcard';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/import', name), 'utf8');

describe('import request', () => {
  it('reads the kind from the Content-Type', () => {
    expect(importKind('text/vcard; charset=utf-8')).toBe('vcard');
    expect(importKind('text/x-vcard')).toBe('vcard');
    expect(importKind('text/csv')).toBe('csv');
    expect(importKind('application/json')).toBe('backup');
    expect(importKind('text/plain')).toBeNull();
    expect(importKind(null)).toBeNull();
  });

  it('refuses a body over the limit with 413 problem+json, even without a Content-Length', async () => {
    const big = new Request('http://x/api/v1/import', {
      method: 'POST',
      body: new ReadableStream({
        start(c) {
          c.enqueue(new Uint8Array(600));
          c.enqueue(new Uint8Array(600));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    const err = await readTextBody(big, 1000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BodyError);
    expect((err as BodyError).response.status).toBe(413);
    expect((err as BodyError).response.headers.get('content-type')).toBe('application/problem+json');
    expect(await readTextBody(new Request('http://x', { method: 'POST', body: 'BEGIN:VCARD' }), 1000)).toBe('BEGIN:VCARD');
  });

  it('checks the query: flags and a column mapping of known fields', () => {
    expect(importQuerySchema.parse({ dryRun: 'true', mapping: 'name, email,ignore' })).toEqual({
      dryRun: true,
      goodRows: false,
      mapping: ['name', 'email', 'ignore'],
    });
    expect(importQuerySchema.safeParse({ mapping: 'name,shoe size' }).success).toBe(false);
  });
});

describe('readers', () => {
  it('vCard 2.1: quoted-printable soft breaks and CHARSET (UTF-8 and Latin-1), bare TYPE parameters', () => {
    const { drafts, errors } = readVCards(fixture('android-21.vcf'));
    expect(errors).toEqual([]);
    expect(drafts.map((d) => [d.line, d.name, d.organisation, d.phones[0]])).toEqual([
      [1, 'Jürgen Müller', 'Bäckerei Groß GmbH', '+49 151 2345678'],
      [12, 'Renée François', 'Conseil régional', undefined],
    ]);
    expect(drafts[0]!.notes).toContain('Other phones: +49 30 1234567 (work)');
  });

  it('RFC 6350 example: a tel: URI with an extension and other fields Rapport has no column for go to the notes', () => {
    const [d] = readVCards(fixture('rfc6350.vcf')).drafts;
    expect(d).toMatchObject({ name: 'Simon Perreault', organisation: 'Viagenie', emails: ['simon.perreault@viagenie.ca'], links: ['http://nomis80.org'] });
    expect(d!.notes).toContain('Address (work): Suite D2-630, 2875 Laurier, Quebec, QC, G1V 2M2, Canada');
    expect(d!.notes).toContain('Birthday: --02-03');
  });

  it('a formatted name that only says how someone known by role is shown is no name; a sole trader keeps theirs', () => {
    const card = (...lines: string[]) => readVCards(['BEGIN:VCARD', 'VERSION:4.0', ...lines, 'END:VCARD'].join('\r\n')).drafts[0]!;
    expect(card('FN:Head of IT\\, Leeds City Council', 'ORG:Leeds City Council', 'TITLE:Head of IT').name).toBeNull();
    expect(card('UID:urn:uuid:0b5c3a3e-52f5-4b7e-9d55-6c1b7d3f2a10', 'FN:Ofcom', 'ORG:Ofcom')).toMatchObject({ name: null, organisation: 'Ofcom' });
    expect(card('KIND:org', 'FN:Ofcom', 'ORG:Ofcom').name).toBeNull();
    expect(card('FN:Jane Smith Consulting', 'ORG:Jane Smith Consulting').name).toBe('Jane Smith Consulting');
    expect(card('FN:Head of IT\\, Leeds City Council', 'N:Council;Head of IT;;;', 'ORG:Leeds City Council', 'TITLE:Head of IT').name).toBe(
      'Head of IT, Leeds City Council',
    );
  });

  it('unterminated and stray text are named by line', () => {
    expect(readVCards('hello\nBEGIN:VCARD\nFN:A\n').errors).toEqual([
      { line: 1, message: 'Text outside a card (a vCard file holds BEGIN:VCARD … END:VCARD blocks)' },
      { line: 2, message: 'This card has no END:VCARD' },
    ]);
  });

  it('any text survives Rapport’s own vCard writer and reader', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim() !== '' && !/[\u0000-\u001f\u007f]/.test(s)),
        fc.string({ maxLength: 200 }),
        (name, notes) => {
          const card = toVCard({
            id: '00000000-0000-4000-8000-000000000000',
            name,
            displayName: name,
            role: null,
            organisation: { name: `${name}, Ltd; ${name}` },
            sector: null,
            email: null,
            phone: null,
            links: [],
            notes: notes || null,
            updatedAt: new Date(0),
          });
          const [d] = readVCards(card).drafts;
          expect(d!.name).toBe(name.trim());
          expect(d!.organisation).toBe(`${name}, Ltd; ${name}`.trim());
          expect(d!.notes ?? '').toBe(
            notes
              .replace(/\r\n|\r/g, '\n')
              .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
              .trim(),
          );
        },
      ),
    );
  });

  it('a CSV that opens with a UTF-8 byte-order mark (as Rapport’s export does) reads as one without', () => {
    const person = 'José,Núñez,jose@example.es';
    for (const header of ['First Name,Last Name,E-mail 1 - Value', '"First Name","Last Name","E-mail 1 - Value"']) {
      const plain = readCsv(`${header}\r\n${person}\r\n`);
      const marked = readCsv(`\uFEFF${header}\r\n${person}\r\n`);
      expect(marked.table!.header).toEqual(['First Name', 'Last Name', 'E-mail 1 - Value']);
      expect(marked.drafts).toEqual(plain.drafts);
      expect(marked.drafts[0]).toMatchObject({ name: 'José Núñez', emails: ['jose@example.es'] });
    }
    // A layout Rapport does not know: the first column's heading is the heading, not a mark and the heading.
    const other = readCsv('\uFEFF"Name";"Mail"\r\nJosé Núñez;jose@example.es\r\n');
    expect(other.table!.header).toEqual(['Name', 'Mail']);
    expect(other.needsMapping).toBe(true);
    expect(guessMapping(other.table!.header)).toEqual(['name', 'email']);
  });

  it('Google CSV: the exporter’s rows read back; formulas are defused', () => {
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('+44 7700', 'phone')).toBe('+44 7700');
    expect(csvField('a "b", c\nd')).toBe('"a ""b"", c\nd"');
    const row = googleCsvRow({
      id: 'x',
      name: 'Ana María de la Cruz',
      displayName: '',
      role: 'CTO',
      organisation: { name: 'Acme, Inc.' },
      sector: { name: 'Technology' },
      email: 'ana@acme.example',
      phone: '+34 600 000 000',
      links: ['https://acme.example/ana'],
      notes: 'two\nlines',
      updatedAt: new Date(),
    });
    const { drafts } = readCsv(`${GOOGLE_CSV_HEADER.join(',')}\r\n${row}\r\n`);
    expect(drafts[0]).toMatchObject({
      name: 'Ana María de la Cruz',
      organisation: 'Acme, Inc.',
      role: 'CTO',
      emails: ['ana@acme.example'],
      phones: ['+34 600 000 000'],
      links: ['https://acme.example/ana'],
      notes: 'two\nlines',
      categories: ['Technology'],
    });
  });
});
