import { and, eq, isNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { importUndos, people } from '@/db/schema';
import { listRecentlyDeleted, purgeExpired } from '@/lib/deleted/queries';
import { NotFoundError } from '@/lib/errors';
import { runImport } from '@/lib/import/run';
import { getImport, listRecentImports, restoreUndoneImport, undoImport } from '@/lib/import/undo';
import { searchPeople } from '@/lib/people/search';
import { searchParamsSchema } from '@/lib/people/validation';
import { deletePerson, getPerson, restorePerson, updatePerson } from '@/lib/people/queries';
import { getOrganisation, updateOrganisation } from '@/lib/organisations/queries';
import { mergeOrganisations } from '@/lib/organisations/merge';
import { addPersonTopics } from '@/lib/people/topics';
import { makeEvent, makeOrganisation, makePerson, sectorId } from '../support/fixtures';
import { createTestUser } from '../support/users';

const CSV = [
  'First Name,Last Name,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title,Notes,Group Membership',
  'Ana,Lima,ana@example.test,Ofcom,Head of Spectrum,,* myContacts ::: Spectrum',
  'Tom,Reid,tom@example.test,BBC,Producer,,* myContacts',
  'Priya,Shah,priya@example.test,,CTO,Met at the CIO Club,* myContacts ::: Cloud',
].join('\n');

const live = async (userId: string) =>
  (
    await db
      .select({ name: people.name })
      .from(people)
      .where(and(eq(people.userId, userId), isNull(people.deletedAt)))
  )
    .map((p) => p.name)
    .sort();

async function topicsOf(userId: string, personId: string) {
  const found = await rows<{ name: string }>(
    db,
    sql`select t.name from person_topics pt join topics t on t.id = pt.topic_id where pt.user_id = ${userId}::uuid and pt.person_id = ${personId}::uuid order by t.name`,
  );
  return found.map((t) => t.name);
}

describe('undoing an import', () => {
  it('takes back the people it added (to Deleted) and what it filled in on those it matched, once, and only for its owner', async () => {
    const user = await createTestUser();
    const priya = await makePerson(user.id, { name: 'Priya Shah', email: 'priya@example.test', notes: 'Runs cloud' });
    await addPersonTopics(db, user.id, [{ personId: priya.id, topics: ['Data'] }]);
    const summary = await runImport(user.id, 'csv', CSV);
    expect(summary).toMatchObject({ created: 2, updated: 1, undoId: expect.any(String) });
    const filled = await getPerson(user.id, priya.id);
    expect(filled).toMatchObject({ role: 'CTO', notes: 'Runs cloud\n\nMet at the CIO Club' });
    expect(await topicsOf(user.id, priya.id)).toEqual(['Cloud', 'Data']);

    // The people it added can be listed on their own (the import's "See the 2 people it added"), and found within.
    const added = async (userId: string, extra: Record<string, string> = {}) =>
      (await searchPeople(userId, searchParamsSchema.parse({ imported: summary.undoId, ...extra }))).items.map((p) => p.name).sort();
    expect(await added(user.id)).toEqual(['Ana Lima', 'Tom Reid']);
    expect(await added(user.id, { q: 'ofcom' })).toEqual(['Ana Lima']);
    expect(await getImport(user.id, summary.undoId!)).toMatchObject({ added: 2, at: expect.any(Date) });

    // Another user cannot undo it, list who it added, or learn it exists; a made-up id is as missing.
    const other = await createTestUser();
    expect(await added(other.id)).toEqual([]);
    expect(await getImport(other.id, summary.undoId!)).toBeNull();
    await expect(undoImport(other.id, summary.undoId!)).rejects.toBeInstanceOf(NotFoundError);

    expect(await undoImport(user.id, summary.undoId!)).toEqual({ removed: 2, reverted: 1, kept: 0, organisations: 2, inDeleted: 2, toRedo: 1, reapplied: 0 });
    expect(await live(user.id)).toEqual(['Priya Shah']);
    expect(await getPerson(user.id, priya.id)).toMatchObject({ role: null, notes: 'Runs cloud', email: 'priya@example.test' });
    expect(await topicsOf(user.id, priya.id)).toEqual(['Data']);
    // The people it added are in Deleted, to be brought back within the window.
    expect(
      (await listRecentlyDeleted(user.id))
        .filter((d) => d.kind === 'person')
        .map((d) => d.label)
        .sort(),
    ).toEqual(['Ana Lima', 'Tom Reid']);
    // Once only; undone, it lists no one live, and says it was undone and what the undo did.
    await expect(undoImport(user.id, summary.undoId!)).rejects.toBeInstanceOf(NotFoundError);
    expect(await added(user.id)).toEqual([]);
    expect(await getImport(user.id, summary.undoId!)).toMatchObject({
      added: 2,
      undoneAt: expect.any(Date),
      undone: { removed: 2, reverted: 1, kept: 0, organisations: 2, inDeleted: 2, toRedo: 1, reapplied: 0 },
    });
    expect(await getImport(other.id, summary.undoId!)).toBeNull();
    // Imported again, they come back as new.
    expect(await runImport(user.id, 'csv', CSV)).toMatchObject({ created: 2, updated: 1 });
  });

  it('leaves alone whoever has been changed or met since, and says how many', async () => {
    const user = await createTestUser();
    const priya = await makePerson(user.id, { name: 'Priya Shah', email: 'priya@example.test' });
    const summary = await runImport(user.id, 'csv', CSV);
    const byName = new Map((await db.select().from(people).where(eq(people.userId, user.id))).map((p) => [p.name, p]));
    // Ana met at an evening since; Priya's role edited by hand since.
    await makeEvent(user.id, { title: 'Spectrum breakfast', people: [{ personId: byName.get('Ana Lima')!.id }] });
    const now = await getPerson(user.id, priya.id);
    await updatePerson(user.id, priya.id, { role: 'Chief Technology Officer', version: now.version });

    expect(await undoImport(user.id, summary.undoId!)).toEqual({ removed: 1, reverted: 0, kept: 2, organisations: 1, inDeleted: 1, toRedo: 0, reapplied: 0 });
    expect(await live(user.id)).toEqual(['Ana Lima', 'Priya Shah']);
    expect((await getPerson(user.id, priya.id)).role).toBe('Chief Technology Officer');
  });

  it('two rows that find one person are one update, which undo takes back whole', async () => {
    const user = await createTestUser();
    const priya = await makePerson(user.id, { name: 'Priya Shah', email: 'priya@example.test' });
    const twice = [
      'First Name,Last Name,E-mail 1 - Value,Organization 1 - Title,Phone 1 - Value',
      'Priya,Shah,,,+44 7700 900123',
      ',,priya@example.test,CTO,',
    ].join('\n');
    const summary = await runImport(user.id, 'csv', twice);
    expect(summary).toMatchObject({ updated: 1, skipped: 1 });
    const filled = await getPerson(user.id, priya.id);
    expect([filled.phone, filled.role]).toEqual(['+44 7700 900123', null]);
    expect(await undoImport(user.id, summary.undoId!)).toEqual({ removed: 0, reverted: 1, kept: 0, organisations: 0, inDeleted: 0, toRedo: 1, reapplied: 0 });
    expect((await getPerson(user.id, priya.id)).phone).toBeNull();
  });

  it('leaves someone it updated as they are once they have been met or given a follow-up since', async () => {
    const user = await createTestUser();
    const priya = await makePerson(user.id, { name: 'Priya Shah', email: 'priya@example.test' });
    const summary = await runImport(user.id, 'csv', CSV);
    await makeEvent(user.id, { title: 'CIO Club', people: [{ personId: priya.id }], followUps: [{ action: 'Send Priya the deck', personId: priya.id }] });
    expect(await undoImport(user.id, summary.undoId!)).toEqual({ removed: 2, reverted: 0, kept: 1, organisations: 2, inDeleted: 2, toRedo: 0, reapplied: 0 });
    expect((await getPerson(user.id, priya.id)).role).toBe('CTO');
  });

  it('removes the organisations it made once nobody is at them, and the sectors it gave others; a person restored brings theirs back', async () => {
    const user = await createTestUser();
    for (const sector of ['Government', 'Media', 'Technology']) await sectorId(user.id, sector);
    const council = await makeOrganisation(user.id, 'Hartley Council');
    const kept = await makeOrganisation(user.id, 'Keel Partners');
    const file = [
      'First Name,Last Name,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title',
      'Ana,Lima,ana@example.test,Ofcom,Head of Spectrum', // line 2: a new organisation
      'Tom,Reid,tom@example.test,Channel 5,Producer', // 3: a new one someone is at by the time of the undo
      'Ben,Okafor,ben@example.test,Hartley Council,Planner', // 4: one the user had, with no sector
      'Nadia,Karim,nadia@example.test,Keel Partners,Partner', // 5: one the user had, edited since
      'Sam,Cole,sam@example.test,Northbank,Analyst', // 6: a new one the user has written a note on since
    ].join('\n');
    const summary = await runImport(user.id, 'csv', file, { choices: { 2: 'Media', 3: 'Media', 4: 'Government', 5: 'Technology' } });
    expect(summary).toMatchObject({ created: 5 });
    const orgs = async () =>
      Object.fromEntries(
        (
          await rows<{ name: string; sector: string | null }>(
            db,
            sql`select o.name, s.name as sector from organisations o left join sectors s on s.id = o.sector_id
                 where o.user_id = ${user.id}::uuid and o.deleted_at is null`,
          )
        ).map((o) => [o.name, o.sector]),
      );
    expect(await orgs()).toEqual({ Ofcom: 'Media', 'Channel 5': 'Media', 'Hartley Council': 'Government', 'Keel Partners': 'Technology', Northbank: null });
    // Since the import: someone added by hand at Channel 5, and a note on Keel Partners (a change of the user's own).
    const channel5 = (await rows<{ id: string }>(db, sql`select id::text from organisations where user_id = ${user.id}::uuid and name = 'Channel 5'`))[0]!;
    await makePerson(user.id, { name: 'Added By Hand', organisationId: channel5.id });
    const keel = await getOrganisation(user.id, kept.id);
    await updateOrganisation(user.id, kept.id, {
      name: keel.name,
      sectorId: keel.sector?.id ?? null,
      website: null,
      notes: 'Our lawyers',
      version: keel.version,
    });

    const northbank = (await rows<{ id: string }>(db, sql`select id::text from organisations where user_id = ${user.id}::uuid and name = 'Northbank'`))[0]!;
    await updateOrganisation(user.id, northbank.id, { name: 'Northbank', sectorId: null, website: null, notes: 'Sam’s bank', version: 1 });

    expect(await undoImport(user.id, summary.undoId!)).toEqual({ removed: 5, reverted: 0, kept: 0, organisations: 1, inDeleted: 5, toRedo: 0, reapplied: 0 });
    // Ofcom is gone; Channel 5 has someone; Northbank has the user's note; Hartley Council has no sector again; Keel
    // Partners, changed since, keeps its.
    expect(await orgs()).toEqual({ 'Channel 5': 'Media', 'Hartley Council': null, 'Keel Partners': 'Technology', Northbank: null });
    expect((await getOrganisation(user.id, council.id)).sector).toBeNull();

    // Ana brought back from Deleted brings Ofcom with her, sector and all.
    const ana = (await rows<{ id: string }>(db, sql`select id::text from people where user_id = ${user.id}::uuid and name = 'Ana Lima'`))[0]!;
    await restorePerson(user.id, ana.id);
    expect((await getPerson(user.id, ana.id)).organisation?.name).toBe('Ofcom');
    expect((await orgs()).Ofcom).toBe('Media');

    // Had the user made an Ofcom of their own meanwhile, a restored person is filed there, not beside it.
    const again = await runImport(
      user.id,
      'csv',
      ['First Name,Last Name,E-mail 1 - Value,Organization 1 - Name', 'Raj,Patel,raj@example.test,Ofwat'].join('\n'),
    );
    await undoImport(user.id, again.undoId!);
    const ofwat = await makeOrganisation(user.id, 'OFWAT');
    const raj = (await rows<{ id: string }>(db, sql`select id::text from people where user_id = ${user.id}::uuid and name = 'Raj Patel'`))[0]!;
    await restorePerson(user.id, raj.id);
    expect((await getPerson(user.id, raj.id)).organisation?.id).toBe(ofwat.id);
    expect(Object.keys(await orgs()).filter((n) => n.toLowerCase() === 'ofwat')).toEqual(['OFWAT']);
  });

  it('an import that wrote no one has nothing to undo, and one past the restore window is forgotten', async () => {
    const late = await createTestUser();
    const old = await runImport(late.id, 'csv', CSV);
    await db
      .update(importUndos)
      .set({ createdAt: new Date(Date.now() - 31 * 86_400_000) })
      .where(eq(importUndos.id, old.undoId!));
    await expect(undoImport(late.id, old.undoId!)).rejects.toBeInstanceOf(NotFoundError);

    const user = await createTestUser();
    const first = await runImport(user.id, 'csv', CSV);
    expect((await runImport(user.id, 'csv', CSV)).undoId).toBeUndefined();
    await purgeExpired(db, new Date(Date.now() + 31 * 86_400_000));
    expect(await db.select().from(importUndos).where(eq(importUndos.id, first.undoId!))).toEqual([]);
    await expect(undoImport(user.id, first.undoId!)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('Settings lists the imports that can still be undone, newest first, by file name (else kind), and only the user’s', async () => {
    const user = await createTestUser();
    const vcard = await runImport(user.id, 'vcard', 'BEGIN:VCARD\nVERSION:3.0\nFN:Vera Card\nEND:VCARD\n');
    const named = await runImport(user.id, 'csv', CSV, { source: 'linkedin-connections.csv' });
    await makePerson(user.id, { name: 'Already Here', email: 'already@example.test' });
    const update = await runImport(user.id, 'csv', 'First Name,Last Name,E-mail 1 - Value,Organization 1 - Title\nAlready,Here,already@example.test,Editor\n', {
      source: 'roles.csv',
    });
    // Written in one transaction each, so their moments may tie: set them apart as a day's imports would be.
    for (const [i, id] of [vcard.undoId, named.undoId, update.undoId].entries()) {
      await db
        .update(importUndos)
        .set({ createdAt: new Date(Date.now() - (3 - i) * 60_000) })
        .where(eq(importUndos.id, id!));
    }
    const other = await createTestUser();
    await runImport(other.id, 'csv', CSV, { source: 'theirs.csv' });

    const listed = await listRecentImports(user.id);
    expect(listed.map((r) => [r.source, r.added, r.updated])).toEqual([
      ['roles.csv', 0, 1],
      ['linkedin-connections.csv', 3, 0],
      ['A vCard file', 1, 0],
    ]);
    expect(listed.map((r) => r.id)).toEqual([update.undoId, named.undoId, vcard.undoId]);

    expect(listed.map((r) => r.undoneAt)).toEqual([null, null, null]);

    // Undone, it stays listed with what the undo did; past the restore window, it is no longer listed.
    await undoImport(user.id, named.undoId!);
    await db
      .update(importUndos)
      .set({ createdAt: new Date(Date.now() - 31 * 86_400_000) })
      .where(eq(importUndos.id, vcard.undoId!));
    const after = await listRecentImports(user.id);
    expect(after.map((r) => [r.source, r.undone])).toEqual([
      ['roles.csv', null],
      ['linkedin-connections.csv', { removed: 3, reverted: 0, kept: 0, organisations: 2, inDeleted: 3, toRedo: 0, reapplied: 0 }],
    ]);
    expect(after[1]!.undoneAt).toBeInstanceOf(Date);
  });

  it('an undone import’s people come back together, with their organisations and sectors, and only those its undo removed', async () => {
    const user = await createTestUser();
    await sectorId(user.id, 'Media');
    // Ofcom is the user's, with no sector: the import gives it one, the undo takes it back, the restore gives it again.
    const ofcom = await makeOrganisation(user.id, 'Ofcom');
    const summary = await runImport(user.id, 'csv', CSV, { source: 'wrong-file.csv', choices: { 2: 'Media' } });
    expect(summary).toMatchObject({ created: 3 });
    expect((await getOrganisation(user.id, ofcom.id)).sector?.name).toBe('Media');
    const id = async (name: string) =>
      (await rows<{ id: string }>(db, sql`select id::text from people where user_id = ${user.id}::uuid and name = ${name}`))[0]!.id;
    // Not undone yet: there is nothing to bring back, for its owner or anyone else.
    await expect(restoreUndoneImport(user.id, summary.undoId!)).rejects.toBeInstanceOf(NotFoundError);
    // Priya, deleted by hand before the undo, is the user's own doing: she stays in Deleted.
    await deletePerson(user.id, await id('Priya Shah'));
    expect(await undoImport(user.id, summary.undoId!)).toMatchObject({ removed: 2, organisations: 1, inDeleted: 2 });
    expect((await getOrganisation(user.id, ofcom.id)).sector).toBeNull();
    expect(await live(user.id)).toEqual([]);
    const other = await createTestUser();
    await expect(restoreUndoneImport(other.id, summary.undoId!)).rejects.toBeInstanceOf(NotFoundError);
    // Tom, restored from Deleted on his own meanwhile, is back already (and the BBC with him): counted so at once.
    await restorePerson(user.id, await id('Tom Reid'));
    expect((await getImport(user.id, summary.undoId!))!.undone).toMatchObject({ removed: 2, inDeleted: 1 });

    expect(await restoreUndoneImport(user.id, summary.undoId!)).toEqual({ restored: 1, reapplied: 0, skipped: 0 });
    expect(await live(user.id)).toEqual(['Ana Lima', 'Tom Reid']);
    const ana = await getPerson(user.id, await id('Ana Lima'));
    expect(ana.organisation?.name).toBe('Ofcom');
    expect((await getOrganisation(user.id, ofcom.id)).sector?.name).toBe('Media');
    expect((await listRecentlyDeleted(user.id)).filter((d) => d.kind === 'person').map((d) => d.label)).toEqual(['Priya Shah']);
    // Asked again, nobody is left to bring back; the import stays undone, and none of those it removed is in Deleted.
    expect(await restoreUndoneImport(user.id, summary.undoId!)).toEqual({ restored: 0, reapplied: 0, skipped: 0 });
    await expect(undoImport(user.id, summary.undoId!)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getImport(user.id, summary.undoId!))!.undone).toMatchObject({ removed: 2, inDeleted: 0 });
    // Who it added is listed again, as they are live again.
    const listed = (await searchPeople(user.id, searchParamsSchema.parse({ imported: summary.undoId }))).items.map((p) => p.name).sort();
    expect(listed).toEqual(['Ana Lima', 'Tom Reid']);
  });

  it('an undone import comes back whole: those it updated get its values and topics again, unless changed since the undo', async () => {
    const user = await createTestUser();
    const priya = await makePerson(user.id, { name: 'Priya Shah', email: 'priya@example.test', notes: 'Runs cloud' });
    const tom = await makePerson(user.id, { name: 'Tom Reid', email: 'tom@example.test' });
    const summary = await runImport(user.id, 'csv', CSV);
    expect(summary).toMatchObject({ created: 1, updated: 2 });
    expect(await undoImport(user.id, summary.undoId!)).toMatchObject({ removed: 1, reverted: 2, toRedo: 2 });
    // Tom is back to no role and no organisation (the BBC it made went with the undo); Priya is edited by hand since.
    expect(await getPerson(user.id, tom.id)).toMatchObject({ role: null, organisation: null });
    const now = await getPerson(user.id, priya.id);
    await updatePerson(user.id, priya.id, { phone: '01632 960000', version: now.version });
    // The way back counts only Tom now: Priya is the user's since.
    expect((await getImport(user.id, summary.undoId!))!.undone).toMatchObject({ toRedo: 1, inDeleted: 1 });

    expect(await restoreUndoneImport(user.id, summary.undoId!)).toEqual({ restored: 1, reapplied: 1, skipped: 0 });
    const back = await getPerson(user.id, tom.id);
    expect(back).toMatchObject({ role: 'Producer', organisation: { name: 'BBC' } });
    expect((await getOrganisation(user.id, back.organisation!.id)).name).toBe('BBC');
    // Priya keeps what the user gave her: no role, her notes, her phone.
    expect(await getPerson(user.id, priya.id)).toMatchObject({ role: null, notes: 'Runs cloud', phone: '01632 960000' });
    expect(await live(user.id)).toEqual(['Ana Lima', 'Priya Shah', 'Tom Reid']);
    // Done once: nothing left to redo, and asked again it writes nothing.
    expect((await getImport(user.id, summary.undoId!))!.undone).toMatchObject({ toRedo: 0, inDeleted: 0, reapplied: 1 });
    expect(await restoreUndoneImport(user.id, summary.undoId!)).toEqual({ restored: 0, reapplied: 0, skipped: 0 });
    expect((await getPerson(user.id, tom.id)).version).toBe(back.version);
  });

  it('an import that only updated, put back: an organisation merged since is followed, and the sector it gave comes back', async () => {
    const user = await createTestUser();
    await sectorId(user.id, 'Media');
    const ofcom = await makeOrganisation(user.id, 'Ofcom');
    const ana = await makePerson(user.id, { name: 'Ana Lima', email: 'ana@example.test' });
    const file = ['First Name,Last Name,E-mail 1 - Value,Organization 1 - Name', 'Ana,Lima,ana@example.test,Ofcom'].join('\n');
    const summary = await runImport(user.id, 'csv', file, { choices: { 2: 'Media' } });
    expect(summary).toMatchObject({ created: 0, updated: 1 });
    expect((await getOrganisation(user.id, ofcom.id)).sector?.name).toBe('Media');
    await undoImport(user.id, summary.undoId!);
    expect((await getPerson(user.id, ana.id)).organisation).toBeNull();
    expect((await getOrganisation(user.id, ofcom.id)).sector).toBeNull();
    // Since the undo, Ofcom is merged into the Office of Communications.
    const office = await makeOrganisation(user.id, 'Office of Communications');
    await mergeOrganisations(user.id, office.id, ofcom.id);

    expect(await restoreUndoneImport(user.id, summary.undoId!)).toEqual({ restored: 0, reapplied: 1, skipped: 0 });
    expect((await getPerson(user.id, ana.id)).organisation?.id).toBe(office.id);
    expect(await getImport(user.id, summary.undoId!)).toMatchObject({ restoredAt: expect.any(Date), undone: { toRedo: 0, reapplied: 1 } });

    // Nothing merged: Ofcom gets back the sector the import gave it, though nobody came back from Deleted.
    const again = await createTestUser();
    await sectorId(again.id, 'Media');
    const theirOfcom = await makeOrganisation(again.id, 'Ofcom');
    await makePerson(again.id, { name: 'Ana Lima', email: 'ana@example.test' });
    const second = await runImport(again.id, 'csv', file, { choices: { 2: 'Media' } });
    await undoImport(again.id, second.undoId!);
    expect((await getOrganisation(again.id, theirOfcom.id)).sector).toBeNull();
    expect(await restoreUndoneImport(again.id, second.undoId!)).toMatchObject({ restored: 0, reapplied: 1 });
    expect((await getOrganisation(again.id, theirOfcom.id)).sector?.name).toBe('Media');
  });

  it('a restore does not write an email on someone when another person has it by now', async () => {
    const user = await createTestUser();
    const priya = await makePerson(user.id, { name: 'Priya Shah' });
    const summary = await runImport(user.id, 'csv', CSV);
    expect((await getPerson(user.id, priya.id)).email).toBe('priya@example.test');
    await undoImport(user.id, summary.undoId!);
    expect((await getPerson(user.id, priya.id)).email).toBeNull();
    // Since the undo, that address is given to someone added by hand.
    await makePerson(user.id, { name: 'P. Shah (work)', email: 'Priya@example.test' });
    expect(await restoreUndoneImport(user.id, summary.undoId!)).toMatchObject({ reapplied: 1 });
    expect(await getPerson(user.id, priya.id)).toMatchObject({ email: null, role: 'CTO' });
  });

  it('a restore gives an updated person the topics the import gave them', async () => {
    const user = await createTestUser();
    const priya = await makePerson(user.id, { name: 'Priya Shah', email: 'priya@example.test' });
    await addPersonTopics(db, user.id, [{ personId: priya.id, topics: ['Data'] }]);
    const summary = await runImport(user.id, 'csv', CSV);
    await undoImport(user.id, summary.undoId!);
    expect(await topicsOf(user.id, priya.id)).toEqual(['Data']);
    expect(await restoreUndoneImport(user.id, summary.undoId!)).toMatchObject({ reapplied: 1 });
    expect(await topicsOf(user.id, priya.id)).toEqual(['Cloud', 'Data']);
    expect(await getPerson(user.id, priya.id)).toMatchObject({ role: 'CTO', notes: 'Met at the CIO Club' });
  });

  it('a person imported again after the undo is not brought back twice: the one in Deleted stays there', async () => {
    const user = await createTestUser();
    // With an email, and without one (known by name at an organisation the undo removed and the new import made anew).
    const file = `${CSV}\nLee,Park,,Northwind,Buyer,,* myContacts`;
    const first = await runImport(user.id, 'csv', file);
    await undoImport(user.id, first.undoId!);
    expect((await getImport(user.id, first.undoId!))!.undone).toMatchObject({ removed: 4, inDeleted: 4 });
    // The right file after all, imported afresh: they are new people again.
    expect(await runImport(user.id, 'csv', file)).toMatchObject({ created: 4 });
    // Nobody left to bring back: the button's count says so, and a restore asked all the same brings back no one.
    expect((await getImport(user.id, first.undoId!))!.undone).toMatchObject({ removed: 4, inDeleted: 0 });
    expect(await restoreUndoneImport(user.id, first.undoId!)).toEqual({ restored: 0, reapplied: 0, skipped: 4 });
    expect(await live(user.id)).toEqual(['Ana Lima', 'Lee Park', 'Priya Shah', 'Tom Reid']);
  });

  it('a restore gives back only the sectors the undo took, never one the user cleared by hand', async () => {
    const user = await createTestUser();
    await sectorId(user.id, 'Media');
    const ofcom = await makeOrganisation(user.id, 'Ofcom');
    const bbc = await makeOrganisation(user.id, 'BBC');
    const summary = await runImport(user.id, 'csv', CSV, { choices: { 2: 'Media', 3: 'Media' } });
    // The user clears the BBC's sector by hand after the import; the undo leaves it so, and so must the restore.
    const mine = await getOrganisation(user.id, bbc.id);
    await updateOrganisation(user.id, bbc.id, { name: mine.name, sectorId: null, website: null, notes: null, version: mine.version });
    await undoImport(user.id, summary.undoId!);
    expect(await restoreUndoneImport(user.id, summary.undoId!)).toMatchObject({ restored: 3 });
    expect((await getOrganisation(user.id, ofcom.id)).sector?.name).toBe('Media');
    expect((await getOrganisation(user.id, bbc.id)).sector).toBeNull();
  });
});
