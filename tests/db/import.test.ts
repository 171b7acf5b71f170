import fs from 'node:fs';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { organisations, people } from '@/db/schema';
import { csvChunks, vcardChunks } from '@/lib/export/contacts';
import { ImportRefusedError } from '@/lib/import/apply';
import { previewImport, runImport } from '@/lib/import/run';
import type { ImportKind } from '@/lib/import/request';
import { searchPeople } from '@/lib/people/search';
import { searchParamsSchema } from '@/lib/people/validation';
import { makeOrganisation, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/import', name), 'utf8');
const kindOf = (name: string): ImportKind => (name.endsWith('.vcf') ? 'vcard' : 'csv');
const peopleCount = async (userId: string) => (await db.select({ n: count() }).from(people).where(eq(people.userId, userId)))[0]!.n;
const all = async (gen: AsyncGenerator<string>) => {
  let s = '';
  for await (const c of gen) s += c;
  return s;
};
const search = (userId: string, q: string) => searchPeople(userId, searchParamsSchema.parse({ q }));

describe('import', () => {
  it.each([
    ['iphone.vcf', 2],
    ['android-21.vcf', 2],
    ['rfc6350.vcf', 1],
    ['google.csv', 2],
    ['linkedin.csv', 2],
    ['outlook.csv', 1],
  ])('%s: imports every contact, and importing it again creates nothing', async (file, expected) => {
    const user = await createTestUser();
    const first = await runImport(user.id, kindOf(file), fixture(file));
    expect(first).toMatchObject({ created: expected, updated: 0, skipped: 0, errors: [] });
    expect(await peopleCount(user.id)).toBe(expected);
    const again = await runImport(user.id, kindOf(file), fixture(file));
    expect(again).toMatchObject({ created: 0, updated: 0, skipped: expected });
    expect(await peopleCount(user.id)).toBe(expected);
  });

  it('keeps what each format carries: grouped Apple labels, quoted-printable 2.1 names, LinkedIn dates, Google values', async () => {
    const user = await createTestUser();
    for (const f of ['iphone.vcf', 'android-21.vcf', 'google.csv', 'linkedin.csv']) await runImport(user.id, kindOf(f), fixture(f));
    const rows = await db
      .select({
        name: people.name,
        role: people.role,
        email: people.email,
        phone: people.phone,
        notes: people.notes,
        links: people.links,
        org: organisations.name,
      })
      .from(people)
      .leftJoin(organisations, eq(organisations.id, people.organisationId))
      .where(eq(people.userId, user.id));
    const by = (n: string) => rows.find((r) => r.name === n)!;
    expect(by('Dr Adaeze Okonkwo')).toMatchObject({
      org: 'Smith, Jones & Partners',
      role: 'Head of Data',
      email: 'adaeze@smithjones.example',
      phone: '+44 7700 900123',
    });
    expect(by('Dr Adaeze Okonkwo').notes).toContain('Promised an intro to the council team; follow up in May.');
    expect(by('Dr Adaeze Okonkwo').notes).toContain('ada.o@home.example (Personal)');
    expect(by('Dr Adaeze Okonkwo').notes).toContain('020 7946 0018 (Switchboard)');
    expect(by('Jürgen Müller')).toMatchObject({ org: 'Bäckerei Groß GmbH' });
    expect(by('Jürgen Müller').notes).toContain('Erste Zeile\nZweite Zeile mit äöü und einem sehr langen Text, der umgebrochen wird.');
    expect(by('Renée François')).toMatchObject({ org: 'Conseil régional', role: 'Directrice' });
    expect(by('王小明')).toMatchObject({ org: '北京大学', role: '教授' });
    expect(by('Amara Nwosu').notes).toBe('Connected on LinkedIn on 12 Jan 2024');
    expect(by('Tomás García')).toMatchObject({ org: 'Banco Ejemplo, S.A.', links: ['https://www.linkedin.com/in/tomasgarcia'] });
    expect(by('Owen Chen')).toMatchObject({ org: 'Acme, Inc.', email: 'owen@acme.example' });
    // Imported people are searchable like people added by hand.
    expect((await search(user.id, 'backerei')).total + (await search(user.id, 'müller')).total).toBeGreaterThan(0);
    expect((await search(user.id, 'clinical information')).items.map((i) => i.name)).toEqual(['Amara Nwosu']);
  });

  it('sets the sector from a category naming one, and suggests a known organisation’s sector in the preview', async () => {
    const user = await createTestUser();
    await makeOrganisation(user.id, 'NHS England', 'Health');
    const preview = await previewImport(user.id, 'csv', fixture('linkedin.csv'));
    expect(preview.rows.map((r) => [r.name, r.action, r.sector, r.sectorFromOrganisation])).toEqual([
      ['Amara Nwosu', 'create', 'Health', true],
      ['Tomás García', 'create', null, false],
    ]);
    expect(await peopleCount(user.id)).toBe(0);
    // The user picks a sector for Tomás in the preview.
    await runImport(user.id, 'csv', fixture('linkedin.csv'), { choices: { 6: 'Finance' } });
    expect((await searchPeople(user.id, searchParamsSchema.parse({ sector: 'Finance' }))).items.map((i) => i.name)).toEqual(['Tomás García']);
    expect((await searchPeople(user.id, searchParamsSchema.parse({ sector: 'Health' }))).items.map((i) => i.name)).toEqual(['Amara Nwosu']);
    const google = await runImport(user.id, 'csv', fixture('google.csv'));
    expect(google.created).toBe(2);
    expect((await searchPeople(user.id, searchParamsSchema.parse({ sector: 'Government' }))).items.map((i) => i.name)).toEqual(['Priya Shah']);
  });

  it('updates a person known by email or by name at the same organisation, filling only what was empty', async () => {
    const user = await createTestUser();
    const nhs = await makeOrganisation(user.id, 'NHS England');
    const amara = await makePerson(user.id, { name: 'Amara Nwosu', organisationId: nhs.id, notes: 'Met at HETT' });
    const tomas = await makePerson(user.id, { name: 'Someone else', email: 'x@y.example' });
    const preview = await previewImport(user.id, 'csv', fixture('linkedin.csv'));
    expect(preview.rows[0]).toMatchObject({ action: 'update', reason: 'Same name at the same organisation: adds role, email, web addresses, notes' });
    const result = await runImport(user.id, 'csv', fixture('linkedin.csv'));
    expect(result).toMatchObject({ created: 1, updated: 1, skipped: 0 });
    const [after] = await db.select().from(people).where(eq(people.id, amara.id));
    expect(after).toMatchObject({ name: 'Amara Nwosu', email: 'amara@nhs.example', role: 'Chief Clinical Information Officer', version: 2 });
    expect(after!.notes).toBe('Met at HETT\n\nConnected on LinkedIn on 12 Jan 2024');
    expect((await db.select().from(people).where(eq(people.id, tomas.id)))[0]!.name).toBe('Someone else');
    expect(await runImport(user.id, 'csv', fixture('linkedin.csv'))).toMatchObject({ created: 0, updated: 0, skipped: 2 });
  });

  it('a cell with two email addresses keeps the first as the email and the other in the notes; a card’s other EMAILs likewise', async () => {
    const user = await createTestUser();
    const csv = [
      'First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value',
      'Anna,Kowalska,Work,anna.k@example.pl ; anna@home.example.pl,Mobile,+48 600 100 200 ::: +48 22 555 0100',
      'Jan,Nowak,Work,see LinkedIn ::: jan@example.pl,,',
      'Ewa,Lis,Work,ask Jan; not sure,,',
    ].join('\r\n');
    const preview = await previewImport(user.id, 'csv', csv);
    expect(preview.rows.map((r) => [r.name, r.email, r.warnings])).toEqual([
      ['Anna Kowalska', 'anna.k@example.pl', []],
      ['Jan Nowak', 'jan@example.pl', []],
      // No part is an address: the whole cell goes to the notes, as it always has.
      ['Ewa Lis', null, ['Email ‘ask Jan; not sure’ is not an address: kept in the notes']],
    ]);
    expect(await runImport(user.id, 'csv', csv)).toMatchObject({ created: 3, errors: [] });
    const vcard =
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Piotr Zieliński\r\nEMAIL;TYPE=WORK:n/a\r\nEMAIL;TYPE=HOME:piotr@example.pl\r\nEMAIL:pz@example.com\r\nEND:VCARD\r\n';
    expect(await runImport(user.id, 'vcard', vcard)).toMatchObject({ created: 1, errors: [] });
    const saved = await db.select({ name: people.name, email: people.email, notes: people.notes }).from(people).where(eq(people.userId, user.id));
    const by = (name: string) => saved.find((p) => p.name === name);
    expect(by('Anna Kowalska')).toMatchObject({
      email: 'anna.k@example.pl',
      notes: 'Other emails: anna@home.example.pl\nOther phones: +48 22 555 0100',
    });
    expect(by('Jan Nowak')).toMatchObject({ email: 'jan@example.pl', notes: 'Other emails: see LinkedIn' });
    expect(by('Ewa Lis')).toMatchObject({ email: null, notes: 'Email: ask Jan; not sure' });
    expect(by('Piotr Zieliński')).toMatchObject({ email: 'piotr@example.pl', notes: 'Other emails: n/a (work); pz@example.com' });
  });

  it('the same person twice in one file is imported once', async () => {
    const user = await createTestUser();
    const file = 'BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEMAIL:ann@x.example\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEMAIL:ANN@x.example\nEND:VCARD\n';
    const preview = await previewImport(user.id, 'vcard', file);
    expect(preview.rows.map((r) => [r.line, r.action, r.reason])).toEqual([
      [1, 'create', 'New'],
      [6, 'skip', 'The same person as line 1'],
    ]);
    expect(await runImport(user.id, 'vcard', file)).toMatchObject({ created: 1, skipped: 1 });
  });

  it('rows that cannot be read, or have nothing to know them by, are named by line, and nothing is written unless the good rows are chosen', async () => {
    const user = await createTestUser();
    const file = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Good One',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Bad Mail',
      'EMAIL:not-an-address',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'this line is broken',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'NOTE:nobody',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Good Two',
      'END:VCARD',
    ].join('\r\n');
    const preview = await previewImport(user.id, 'vcard', file);
    expect(preview.errors).toEqual([
      { line: 12, message: 'This line is not a vCard property ("this line is broken")' },
      { line: 14, message: 'No name, role or organisation to know them by' },
    ]);
    // A bad email costs the card its email, not the card.
    expect(preview.rows.find((r) => r.line === 5)).toMatchObject({
      name: 'Bad Mail',
      email: null,
      warnings: ['Email ‘not-an-address’ is not an address: kept in the notes'],
    });
    const refused = await runImport(user.id, 'vcard', file).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportRefusedError);
    expect((refused as ImportRefusedError).errors.map((e) => e.line)).toEqual([12, 14]);
    expect(await peopleCount(user.id)).toBe(0);
    expect(await runImport(user.id, 'vcard', file, { goodRows: true })).toMatchObject({ created: 3, errors: [{ line: 12 }, { line: 14 }] });
    expect(await peopleCount(user.id)).toBe(3);
  });

  it('a broken CSV quote is named by line and writes nothing', async () => {
    const user = await createTestUser();
    const file = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,,,,,\n"C,D,,,,,\n';
    const refused = await runImport(user.id, 'csv', file, { goodRows: true }).catch((e: unknown) => e);
    expect((refused as ImportRefusedError).errors).toEqual([{ line: 3, message: expect.stringContaining('opening quote') }]);
    expect(await peopleCount(user.id)).toBe(0);
  });

  it('an unknown CSV layout waits for its column mapping', async () => {
    const user = await createTestUser();
    const file = 'Who,Where,Mail\nRavi Patel,"Patel, Shah & Co",ravi@psc.example\n';
    const preview = await previewImport(user.id, 'csv', file);
    expect(preview).toMatchObject({ needsMapping: true, header: ['Who', 'Where', 'Mail'], mapping: ['ignore', 'ignore', 'email'], rows: [] });
    await expect(runImport(user.id, 'csv', file)).rejects.toBeInstanceOf(ImportRefusedError);
    const result = await runImport(user.id, 'csv', file, { mapping: ['name', 'organisation', 'email'] });
    expect(result.created).toBe(1);
    const [p] = await db
      .select({ name: people.name, org: organisations.name })
      .from(people)
      .leftJoin(organisations, eq(organisations.id, people.organisationId))
      .where(eq(people.userId, user.id));
    expect(p).toEqual({ name: 'Ravi Patel', org: 'Patel, Shah & Co' });
  });

  it('vCard → Rapport → vCard keeps names in any script, organisations with commas and multi-line notes; re-import creates nothing', async () => {
    const user = await createTestUser();
    const names = ['Zoë Ångström', 'Дмитрий Иванов', 'محمد الأحمد', '佐藤 花子', 'Nguyễn Thị Minh Khai', "O'Brien; Séan, Jr."];
    const cards = names
      .map((n, i) =>
        [
          'BEGIN:VCARD',
          'VERSION:4.0',
          `FN:${n.replace(/[,;]/g, (c) => `\\${c}`)}`,
          `ORG:Smith\\, Jones\\; Partners ${i}`,
          `NOTE:First line\\nSecond\\, with comma\\nThird`,
          'END:VCARD',
        ].join('\r\n'),
      )
      .join('\r\n');
    expect(await runImport(user.id, 'vcard', cards)).toMatchObject({ created: names.length });
    const exported = await all(vcardChunks(user.id));
    const other = await createTestUser();
    expect(await runImport(other.id, 'vcard', exported)).toMatchObject({ created: names.length, errors: [] });
    const back = await db
      .select({ name: people.name, notes: people.notes, org: organisations.name })
      .from(people)
      .leftJoin(organisations, eq(organisations.id, people.organisationId))
      .where(eq(people.userId, other.id));
    expect(back.map((b) => b.name).sort()).toEqual([...names].sort());
    for (const b of back) {
      expect(b.org).toMatch(/^Smith, Jones; Partners \d$/);
      expect(b.notes).toBe('First line\nSecond, with comma\nThird');
    }
    expect(await runImport(other.id, 'vcard', exported)).toMatchObject({ created: 0, updated: 0, skipped: names.length });
    expect(await runImport(user.id, 'vcard', exported)).toMatchObject({ created: 0, updated: 0 });
  });

  it('its own export, vCard or CSV, imports back creating no one: a card by its UID, someone known by role by role and organisation', async () => {
    const user = await createTestUser();
    const treasury = await makeOrganisation(user.id, 'HM Treasury');
    await makePerson(user.id, { role: 'Chief Information Officer', organisationId: treasury.id });
    await makePerson(user.id, { name: 'Priya Shah', role: 'CTO', organisationId: treasury.id });
    const sam = await makePerson(user.id, { name: 'Sam Lee' });
    const csv = await all(csvChunks(user.id));
    expect((await previewImport(user.id, 'csv', csv)).rows.map((r) => [r.action, r.reason]).sort()).toEqual([
      ['skip', 'Same name at the same organisation: nothing new'],
      ['skip', 'Same name at the same organisation: nothing new'],
      ['skip', 'Same role at the same organisation: nothing new'],
    ]);
    expect(await runImport(user.id, 'csv', csv)).toMatchObject({ created: 0, updated: 0, skipped: 3 });
    const vcard = await all(vcardChunks(user.id));
    // Renamed since the export: still the same contact, by the card's UID.
    await db.update(people).set({ name: 'Samuel Lee' }).where(eq(people.id, sam.id));
    const preview = await previewImport(user.id, 'vcard', vcard);
    expect(preview.rows.map((r) => [r.action, r.reason])).toEqual(Array(3).fill(['skip', 'The same contact: nothing new']));
    expect(await runImport(user.id, 'vcard', vcard)).toMatchObject({ created: 0, updated: 0, skipped: 3 });
    // Into another account the card of someone known by role is still no one's name, and their UIDs match no one there.
    const other = await createTestUser();
    expect(await runImport(other.id, 'vcard', vcard)).toMatchObject({ created: 3 });
    const theirs = await db.select({ name: people.name, role: people.role }).from(people).where(eq(people.userId, other.id));
    expect(theirs).toContainEqual({ name: null, role: 'Chief Information Officer' });
  });

  it('another user’s people never reach an import’s matching or an export', async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    await runImport(a.id, 'csv', fixture('linkedin.csv'));
    expect(await runImport(b.id, 'csv', fixture('linkedin.csv'))).toMatchObject({ created: 2 });
    await makePerson(a.id, { name: 'Only A Knows', email: 'secret@a.example' });
    const bExport = await all(vcardChunks(b.id));
    expect(bExport).not.toContain('Only A Knows');
    expect(bExport.match(/BEGIN:VCARD/g)).toHaveLength(2);
    expect(
      (
        await db
          .select({ n: count() })
          .from(people)
          .where(and(eq(people.userId, b.id)))
      )[0]!.n,
    ).toBe(2);
  });
});
