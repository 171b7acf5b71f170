import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { organisations, people, sectors } from '@/db/schema';
import { suggestOrganisations } from '@/lib/events/lookup';
import { previewImport, runImport } from '@/lib/import/run';
import { mergeOrganisations } from '@/lib/organisations/merge';
import { makeOrganisation, makePerson, sectorId } from '../support/fixtures';
import { createTestUser } from '../support/users';

const HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

/** Each organisation of the user's, by name → its sector's name (null for none). */
async function organisationSectors(userId: string): Promise<Record<string, string | null>> {
  const found = await db
    .select({ name: organisations.name, sector: sectors.name })
    .from(organisations)
    .leftJoin(sectors, eq(sectors.id, organisations.sectorId))
    .where(eq(organisations.userId, userId));
  return Object.fromEntries(found.map((o) => [o.name, o.sector]));
}

/** Each person of the user's, by name → [their own sector, their effective sector] by name. */
async function peopleSectors(userId: string): Promise<Record<string, [string | null, string | null]>> {
  const all = await db.select({ id: sectors.id, name: sectors.name }).from(sectors).where(eq(sectors.userId, userId));
  const name = (id: string | null) => all.find((s) => s.id === id)?.name ?? null;
  const found = await db.select({ name: people.name, own: people.sectorId, effective: people.effectiveSectorId }).from(people).where(eq(people.userId, userId));
  return Object.fromEntries(found.map((p) => [p.name, [name(p.own), name(p.effective)]]));
}

describe('import: sectors chosen in the preview', () => {
  it('go on the organisation when it has none, and people whose sector is their organisation’s follow it', async () => {
    const user = await createTestUser();
    for (const s of ['Finance', 'Government', 'Technology', 'Legal']) await sectorId(user.id, s);
    await makeOrganisation(user.id, 'Keel Partners', 'Legal');
    const council = await makeOrganisation(user.id, 'Hartley Council');
    await makePerson(user.id, { name: 'Already There', organisationId: council.id });
    const file = csv(
      'Priya,Shah,,,Northbank Bank,Analyst,', // line 2
      'Ben,Okafor,,,Hartley Council,Planner,', // 3
      'Tom,Reid,,,hartley  council,Officer,', // 4
      'Marcus,Webb,,,Acme Robotics,CTO,', // 5
      'Li,Wei,,,Acme Robotics,Engineer,', // 6: no choice made
      'Nadia,Karim,,,Keel Partners,Partner,', // 7: differs from the organisation's
      'Omar,Aziz,,,Keel Partners,Associate,', // 8: the organisation's, as suggested
      'Jo,Hale,,,,Consultant,', // 9: no organisation
    );
    const choices = { 2: 'Finance', 3: 'Government', 4: 'Government', 5: 'Technology', 7: 'Finance', 9: 'Technology' };
    const preview = await previewImport(user.id, 'csv', file, { choices });
    expect(preview.rows.find((r) => r.line === 8)).toMatchObject({ sector: 'Legal', sectorFromOrganisation: true });
    // The preview writes nothing: the organisations learn only when the import is made.
    expect((await organisationSectors(user.id))['Hartley Council']).toBeNull();

    expect(await runImport(user.id, 'csv', file, { choices })).toMatchObject({ created: 8, errors: [] });
    expect(await organisationSectors(user.id)).toEqual({
      'Northbank Bank': 'Finance',
      'Hartley Council': 'Government',
      'Acme Robotics': 'Technology',
      // It had a sector, and keeps it.
      'Keel Partners': 'Legal',
    });
    expect(await peopleSectors(user.id)).toEqual({
      'Priya Shah': [null, 'Finance'],
      'Ben Okafor': [null, 'Government'],
      'Tom Reid': [null, 'Government'],
      'Marcus Webb': [null, 'Technology'],
      // Same company as Marcus: follows what the organisation learnt.
      'Li Wei': [null, 'Technology'],
      // Chosen otherwise than the organisation's sector: her own.
      'Nadia Karim': ['Finance', 'Finance'],
      'Omar Aziz': [null, 'Legal'],
      'Jo Hale': ['Technology', 'Technology'],
      // Someone at the organisation before the import follows it too.
      'Already There': [null, 'Government'],
    });
    // The event form suggests the organisation with its sector.
    expect(await suggestOrganisations(user.id, 'Hartley')).toEqual([{ name: 'Hartley Council', sector: 'Government' }]);
  });

  it('when an organisation’s rows disagree it takes the most common choice, ties going to the first row', async () => {
    const user = await createTestUser();
    for (const s of ['Media', 'Health']) await sectorId(user.id, s);
    const file = csv(
      'A,One,,,Split Ltd,Editor,', // 2
      'B,Two,,,Split Ltd,Nurse,', // 3
      'C,Three,,,Split Ltd,Doctor,', // 4
      'D,Four,,,Tie Ltd,Editor,', // 5
      'E,Five,,,Tie Ltd,Nurse,', // 6
    );
    await runImport(user.id, 'csv', file, { choices: { 2: 'Media', 3: 'Health', 4: 'Health', 5: 'Media', 6: 'Health' } });
    expect(await organisationSectors(user.id)).toEqual({ 'Split Ltd': 'Health', 'Tie Ltd': 'Media' });
    expect(await peopleSectors(user.id)).toEqual({
      'A One': ['Media', 'Media'],
      'B Two': [null, 'Health'],
      'C Three': [null, 'Health'],
      'D Four': [null, 'Media'],
      'E Five': ['Health', 'Health'],
    });
  });

  it('an update files the person’s own organisation, and a category naming a sector counts as a choice', async () => {
    const user = await createTestUser();
    await sectorId(user.id, 'Media');
    const quiet = await makeOrganisation(user.id, 'Quiet Org');
    const ann = await makePerson(user.id, { name: 'Ann Lee', email: 'ann@quiet.example', organisationId: quiet.id });
    // Matched by email: Ann stays at Quiet Org (no "Elsewhere Ltd" is made for her). The sector chosen for her row is
    // hers: Quiet Org does not learn a sector chosen for the file's organisation, which is not hers.
    const file = csv('Ann,Lee,,ann@quiet.example,Elsewhere Ltd,Producer,');
    expect(await runImport(user.id, 'csv', file, { choices: { 2: 'Media' } })).toMatchObject({ created: 0, updated: 1 });
    expect(await organisationSectors(user.id)).toEqual({ 'Quiet Org': null });
    const [after] = await db.select().from(people).where(eq(people.id, ann.id));
    expect(after).toMatchObject({
      role: 'Producer',
      sectorId: await sectorId(user.id, 'Media'),
      effectiveSectorId: await sectorId(user.id, 'Media'),
      version: 2,
    });

    // The reviewer's case: the file puts Bo at a government organisation; Bo is matched by email and stays at Acme,
    // which learns nothing from it, nor does Bo take the other organisation's sector.
    const acme = await makeOrganisation(user.id, 'Acme');
    const bo = await makePerson(user.id, { name: 'Bo Park', email: 'bo@acme.example', organisationId: acme.id });
    await makeOrganisation(user.id, 'Hartley Council', 'Government');
    expect(await runImport(user.id, 'csv', csv('Bo,Park,,bo@acme.example,Hartley Council,Clerk,'))).toMatchObject({ updated: 1 });
    expect((await organisationSectors(user.id))['Acme']).toBeNull();
    const [boAfter] = await db.select().from(people).where(eq(people.id, bo.id));
    expect(boAfter).toMatchObject({ role: 'Clerk', organisationId: acme.id, sectorId: null });

    const card = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Raj Patel', 'ORG:Signal FM', 'CATEGORIES:media,Radio', 'END:VCARD'].join('\r\n');
    await runImport(user.id, 'vcard', card);
    expect((await organisationSectors(user.id))['Signal FM']).toBe('Media');
    expect((await peopleSectors(user.id))['Raj Patel']).toEqual([null, 'Media']);
  });

  it('the preview groups rows by the organisation the import files them under: a merged name is the one kept, and a person who stays put is in none', async () => {
    const user = await createTestUser();
    const bbc = await makeOrganisation(user.id, 'BBC');
    await mergeOrganisations(user.id, bbc.id, (await makeOrganisation(user.id, 'Beeb')).id);
    const acme = await makeOrganisation(user.id, 'Acme');
    await makePerson(user.id, { name: 'Bo Park', email: 'bo@acme.example', organisationId: acme.id });
    const preview = await previewImport(
      user.id,
      'csv',
      csv('Ann,Lee,,,BBC,Producer,', 'Raj,Iyer,,,Beeb,Editor,', 'Cy,Day,,,New Co,Founder,', 'Bo,Park,,bo@acme.example,BBC,Clerk,'),
    );
    expect(preview.rows.map((r) => [r.name, r.filedUnder])).toEqual([
      ['Ann Lee', { key: `id:${bbc.id}`, name: 'BBC' }],
      ['Raj Iyer', { key: `id:${bbc.id}`, name: 'BBC' }],
      ['Cy Day', { key: 'new:new co', name: 'New Co' }],
      ['Bo Park', null],
    ]);
  });

  it('files an organisation written otherwise under the one the user has, and one new name written two ways under its first spelling', async () => {
    const user = await createTestUser();
    const hmrc = await makeOrganisation(user.id, 'HM Revenue and Customs', 'Government');
    const dfe = await makeOrganisation(user.id, 'Department for Education');
    const jane = await makePerson(user.id, { name: 'Jane Smith', organisationId: hmrc.id });
    const file = csv(
      'Jane,Smith,,jane@hmrc.example,HM Revenue & Customs,Head of Digital,',
      'Tom,Reed,,,the hm revenue and customs ltd,Analyst,',
      'Ann,Lee,,,Kainos Ltd,Engineer,',
      'Raj,Iyer,,,Kainos Limited,Architect,',
      'Cy,Day,,,KAINOS LTD,Tester,',
      // "of" is not "for": another country's department, or the same one; /organisations asks, the import does not file.
      'Bo,Park,,,Department of Education,Adviser,',
    );
    const preview = await previewImport(user.id, 'csv', file);
    expect(preview.rows.map((r) => [r.name, r.action, r.organisation, r.filedUnder])).toEqual([
      // Matched at the organisation she is at: she stays there, in no group of the preview.
      ['Jane Smith', 'update', 'HM Revenue and Customs', null],
      ['Tom Reed', 'create', 'HM Revenue and Customs', { key: `id:${hmrc.id}`, name: 'HM Revenue and Customs', writtenAs: 'the hm revenue and customs ltd' }],
      ['Ann Lee', 'create', 'Kainos Ltd', { key: 'new:kainos ltd', name: 'Kainos Ltd' }],
      ['Raj Iyer', 'create', 'Kainos Ltd', { key: 'new:kainos ltd', name: 'Kainos Ltd', writtenAs: 'Kainos Limited' }],
      // The same name in other capitals is that name, not another spelling of it.
      ['Cy Day', 'create', 'KAINOS LTD', { key: 'new:kainos ltd', name: 'KAINOS LTD' }],
      ['Bo Park', 'create', 'Department of Education', { key: 'new:department of education', name: 'Department of Education' }],
    ]);
    // Jane is matched by name at her organisation, however the file writes it: updated, not made twice.
    expect(preview.rows[0]!.reason).toBe('Same name at the same organisation: adds role, email');
    expect(await runImport(user.id, 'csv', file)).toMatchObject({ created: 5, updated: 1, skipped: 0, errors: [] });
    const orgs = await organisationSectors(user.id);
    expect(Object.keys(orgs).sort()).toEqual(['Department for Education', 'Department of Education', 'HM Revenue and Customs', 'Kainos Ltd']);
    const filed = await db.select({ name: people.name, org: people.organisationId }).from(people).where(eq(people.userId, user.id));
    const at = (name: string) => filed.find((p) => p.name === name)?.org;
    expect([at('Jane Smith'), at('Tom Reed')]).toEqual([hmrc.id, hmrc.id]);
    expect(new Set([at('Ann Lee'), at('Raj Iyer'), at('Cy Day')]).size).toBe(1);
    expect(at('Bo Park')).not.toBe(dfe.id);
    expect((await db.select({ email: people.email }).from(people).where(eq(people.id, jane.id)))[0]!.email).toBe('jane@hmrc.example');
    // The people of a file filed under the one name follow its sector, and importing it again creates nothing.
    expect((await peopleSectors(user.id))['Tom Reed']).toEqual([null, 'Government']);
    expect(await runImport(user.id, 'csv', file)).toMatchObject({ created: 0, updated: 0, skipped: 6 });
  });

  it('files a name written otherwise only where it is one organisation: not two legal forms, not either of two, and a merged-in name too', async () => {
    const user = await createTestUser();
    const acmeLtd = await makeOrganisation(user.id, 'Acme Ltd');
    const jane = await makePerson(user.id, { name: 'Jane Smith', organisationId: acmeLtd.id });
    await makeOrganisation(user.id, 'Globex Ltd');
    await makeOrganisation(user.id, 'Globex Inc');
    // "HM Revenue and Customs" merged into HMRC: its name, written otherwise, still means HMRC.
    const hmrc = await makeOrganisation(user.id, 'HMRC');
    await mergeOrganisations(user.id, hmrc.id, (await makeOrganisation(user.id, 'HM Revenue and Customs')).id);
    const file = csv(
      // Another company: a Jane Smith there is not the user's Jane, and is imported as someone new.
      'Jane,Smith,,jane@acme-inc.example,Acme Inc,Buyer,',
      'Ann,Lee,,,ACME LIMITED,Engineer,',
      // Either of the user's two Globexes: filed under neither.
      'Raj,Iyer,,,Globex,Architect,',
      'Cy,Day,,,HM Revenue & Customs,Inspector,',
    );
    const preview = await previewImport(user.id, 'csv', file);
    expect(preview.rows.map((r) => [r.name, r.action, r.filedUnder])).toEqual([
      ['Jane Smith', 'create', { key: 'new:acme inc', name: 'Acme Inc' }],
      ['Ann Lee', 'create', { key: `id:${acmeLtd.id}`, name: 'Acme Ltd', writtenAs: 'ACME LIMITED' }],
      ['Raj Iyer', 'create', { key: 'new:globex', name: 'Globex' }],
      ['Cy Day', 'create', { key: `id:${hmrc.id}`, name: 'HMRC', writtenAs: 'HM Revenue & Customs' }],
    ]);
    expect(await runImport(user.id, 'csv', file)).toMatchObject({ created: 4, updated: 0 });
    expect((await db.select({ email: people.email }).from(people).where(eq(people.id, jane.id)))[0]!.email).toBeNull();
  });

  it('a name with no legal form takes in one form only, whatever order the file gives them in', async () => {
    const user = await createTestUser();
    for (const order of [
      ['Initech', 'Initech Ltd', 'Initech Inc'],
      ['Initech Inc', 'Initech', 'Initech Ltd'],
    ]) {
      const file = csv(...order.map((org, i) => `P${i},${order.join('').length},,,${org},Role,`));
      const filed = (await previewImport(user.id, 'csv', file)).rows.map((r) => r.filedUnder!.name);
      // Never Ltd and Inc under one name.
      const under = (form: string) => filed[order.findIndex((o) => o.endsWith(form))];
      expect(under('Ltd')).not.toBe(under('Inc'));
    }
  });
});

describe('import: a sector guessed for new people the file gives none for', () => {
  it('from a government email or the organisation’s name, said in the preview, changed by a choice, never on an update', async () => {
    const user = await createTestUser();
    const known = await makePerson(user.id, { name: 'Known Person', email: 'known@hartley.gov.uk' });
    const file = csv(
      'Ben,Okafor,,ben@hartley.gov.uk,Hartley Borough,Planner,', // 2: the email says
      'Tom,Reid,,tom@gmail.com,Leeds City Council,Officer,', // 3: the name says
      'Ann,Bell,,ann@acme.test,Acme,CTO,', // 4: nothing says
      'Sam,Roe,,sam@leeds.ac.uk,,Lecturer,', // 5: no organisation; the email says
      'Known,Person,,known@hartley.gov.uk,,Planner,', // 6: an update: no guess
      'Li,Wei,,li@dwp.gov.uk,Acme,Analyst,', // 7: chosen otherwise
    );
    const choices = { 7: '' };
    const preview = await previewImport(user.id, 'csv', file, { choices });
    const row = (line: number) => preview.rows.find((r) => r.line === line)!;
    expect(row(2)).toMatchObject({ sector: 'Government', sectorGuess: 'from the .gov.uk email' });
    expect(row(3)).toMatchObject({ sector: 'Government', sectorGuess: 'from “Council” in the organisation’s name' });
    expect(row(4)).toMatchObject({ sector: null });
    expect(row(4).sectorGuess).toBeUndefined();
    expect(row(5)).toMatchObject({ sector: 'Higher education', sectorGuess: 'from the .ac.uk email' });
    expect(row(6)).toMatchObject({ action: 'update', sector: null });
    expect(row(6).sectorGuess).toBeUndefined();
    expect(row(7)).toMatchObject({ sector: null });

    await runImport(user.id, 'csv', file, { choices });
    expect(await organisationSectors(user.id)).toMatchObject({ 'Hartley Borough': 'Government', 'Leeds City Council': 'Government', Acme: null });
    const sectorsNow = await peopleSectors(user.id);
    expect(sectorsNow['Sam Roe']).toEqual(['Higher education', 'Higher education']);
    expect(sectorsNow['Known Person']).toEqual([null, null]);
    expect(sectorsNow['Li Wei']).toEqual([null, null]);
    expect(known.sectorId).toBeNull();
  });
});

describe('import: a sector guessed from the people the user knows at the same work domain', () => {
  it('when they are all in one sector; not at a free mail domain, nor where they are in two', async () => {
    const user = await createTestUser();
    const acme = await makeOrganisation(user.id, 'Acme Robotics', 'Technology');
    await makePerson(user.id, { name: 'Ann Known', organisationId: acme.id, email: 'ann@acme.test' });
    await makePerson(user.id, { name: 'Gee Mail', sector: 'Finance', email: 'gee@gmail.com' });
    await makePerson(user.id, { name: 'Mix One', sector: 'Finance', email: 'one@mixed.test' });
    await makePerson(user.id, { name: 'Mix Two', sector: 'Legal', email: 'two@mixed.test' });
    const file = csv(
      'Bob,New,,bob@ACME.test,,Engineer,', // 2: the domain's people are all Technology
      'Gail,New,,gail@gmail.com,,Analyst,', // 3: anyone can have gmail
      'Max,New,,max@mixed.test,,Partner,', // 4: two sectors there
    );
    const preview = await previewImport(user.id, 'csv', file);
    const row = (line: number) => preview.rows.find((r) => r.line === line)!;
    expect(row(2)).toMatchObject({ sector: 'Technology', sectorGuess: 'from your other people at acme.test' });
    expect(row(3)).toMatchObject({ sector: null });
    expect(row(4)).toMatchObject({ sector: null });
    // Another user's people at that domain say nothing to this one.
    const other = await createTestUser();
    expect((await previewImport(other.id, 'csv', file)).rows.find((r) => r.line === 2)).toMatchObject({ sector: null });
  });
});
