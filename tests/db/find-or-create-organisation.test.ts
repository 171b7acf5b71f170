import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { organisations, people } from '@/db/schema';
import { eventInputSchema } from '@/lib/events/validation';
import { createEvent } from '@/lib/events/write';
import { suggestOrganisations } from '@/lib/events/lookup';
import { likelyDuplicates } from '@/lib/events/resolve';
import { previewImport, runImport } from '@/lib/import/run';
import { undoMerge } from '@/lib/merges/undo';
import { findOrCreateOrganisation, findOrCreateOrganisations, findOrganisationByName } from '@/lib/organisations/find-or-create';
import { mergeOrganisations } from '@/lib/organisations/merge';
import { getOrganisation, listOrganisations, updateOrganisation } from '@/lib/organisations/queries';
import { createPerson } from '@/lib/people/queries';
import { searchPeople } from '@/lib/people/search';
import { createPersonSchema, searchParamsSchema } from '@/lib/people/validation';
import { makeOrganisation, makePerson, sectorId } from '../support/fixtures';
import { createTestUser } from '../support/users';

const live = (userId: string) => db.select().from(organisations).where(eq(organisations.userId, userId));

describe('findOrCreateOrganisation: the one rule for an organisation named in a form, an event or an import', () => {
  it('folds white space, matches any case, and makes one row', async () => {
    const user = await createTestUser();
    const a = await findOrCreateOrganisation(db, user.id, '  Leeds   City\tCouncil ');
    const b = await findOrCreateOrganisation(db, user.id, 'leeds city council');
    expect(b.id).toBe(a.id);
    expect((await findOrCreateOrganisations(db, user.id, ['LEEDS  city Council'])).get('LEEDS city Council')).toBe(a.id);
    expect(await findOrganisationByName(user.id, ' Leeds city  council')).toBe(a.id);
    const rows = await live(user.id);
    expect(rows.map((r) => r.name)).toEqual(['Leeds City Council']);
  });

  it('learns a sector when it has none, and keeps the one it has', async () => {
    const user = await createTestUser();
    const gov = await sectorId(user.id, 'Government');
    const media = await sectorId(user.id, 'Media');
    const first = await findOrCreateOrganisation(db, user.id, 'BBC');
    expect(first.sectorId).toBeNull();
    expect(await findOrCreateOrganisation(db, user.id, 'bbc', media)).toEqual({ id: first.id, sectorId: media });
    expect(await findOrCreateOrganisation(db, user.id, 'BBC', gov)).toEqual({ id: first.id, sectorId: media });
    expect((await live(user.id))[0]!.sectorId).toBe(media);
  });

  it('ignores a deleted organisation of the same name and never crosses users', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const old = await makeOrganisation(user.id, 'Treasury');
    await db.update(organisations).set({ deletedAt: new Date() }).where(eq(organisations.id, old.id));
    const again = await findOrCreateOrganisation(db, user.id, 'treasury');
    expect(again.id).not.toBe(old.id);
    const theirs = await findOrCreateOrganisation(db, other.id, 'Treasury');
    expect(theirs.id).not.toBe(again.id);
  });

  it('is what events and people use: an event with extra spaces finds the person form’s organisation', async () => {
    const user = await createTestUser();
    const person = await createPerson(user.id, createPersonSchema.parse({ name: 'Ann Lee', organisationName: 'Cabinet Office' }));
    await createEvent(
      user.id,
      eventInputSchema.parse({
        title: 'Breakfast',
        startsAt: '2026-03-01T08:00:00Z',
        people: [{ name: 'Raj Iyer', organisation: 'cabinet   office', sector: 'Government', newPerson: true }],
      }),
    );
    const rows = await live(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(person.organisation!.id);
    expect(rows[0]!.sectorId).toBe(await sectorId(user.id, 'Government'));
  });

  it('a merged organisation’s name, typed again (a guest, an import, a search), means the one it was merged into', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const bbc = await makeOrganisation(user.id, 'BBC', 'Media');
    const beeb = await makeOrganisation(user.id, 'Beeb');
    const jo = await makePerson(user.id, { name: 'Jo Park', organisationId: beeb.id });
    await mergeOrganisations(user.id, bbc.id, beeb.id);
    const names = async () =>
      (
        await db
          .select({ name: organisations.name })
          .from(organisations)
          .where(and(eq(organisations.userId, user.id), isNull(organisations.deletedAt)))
      ).map((o) => o.name);

    expect((await getOrganisation(user.id, bbc.id)).aliases).toEqual(['Beeb']);
    expect((await findOrCreateOrganisation(db, user.id, ' beeb ')).id).toBe(bbc.id);
    expect((await findOrCreateOrganisations(db, user.id, ['BEEB'])).get('BEEB')).toBe(bbc.id);
    // A merge by name names an organisation's own name: an old one must not merge a differently named organisation.
    expect(await findOrganisationByName(user.id, 'Beeb')).toBeNull();
    expect((await listOrganisations(user.id, { q: 'bee' })).map((o) => o.id)).toEqual([bbc.id]);
    expect(await suggestOrganisations(user.id, 'beeb')).toEqual([{ name: 'BBC', sector: 'Media' }]);
    expect((await searchPeople(user.id, searchParamsSchema.parse({ organisation: 'beeb' }))).items.map((p) => p.id)).toEqual([jo.id]);
    // Searched by the old name, as typed in the search box, too.
    expect((await searchPeople(user.id, searchParamsSchema.parse({ q: 'beeb' }))).items.map((p) => p.id)).toEqual([jo.id]);
    // An evening logged later (or sent from a phone's outbox) with a new guest from "Beeb", and one already known.
    await createEvent(
      user.id,
      eventInputSchema.parse({ title: 'Drinks', startsAt: '2026-03-01T18:00:00Z', people: [{ name: 'Raj Iyer', organisation: 'Beeb', newPerson: true }] }),
    );
    expect((await likelyDuplicates(db, user.id, { name: 'Jo Park', organisation: 'beeb' })).map((c) => c.id)).toEqual([jo.id]);
    // An import naming the merged organisation finds the same person there, and takes the organisation's sector.
    const csv = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nJo,Park,,,Beeb,Producer,\nAnn,Lee,,,Beeb,Editor,\n';
    const preview = await previewImport(user.id, 'csv', csv);
    expect(preview.rows.map((r) => [r.action, r.reason, r.sector])).toEqual([
      ['update', 'Same name at the same organisation: adds role', 'Media'],
      ['create', 'New', 'Media'],
    ]);
    await runImport(user.id, 'csv', csv);
    expect((await db.select({ role: people.role }).from(people).where(eq(people.id, jo.id)))[0]!.role).toBe('Producer');
    expect(await names()).toEqual(['BBC']);

    // A chain of merges keeps every name; an undo gives the kept one back its names from before.
    const corp = await makeOrganisation(user.id, 'British Broadcasting Corporation');
    const second = await mergeOrganisations(user.id, corp.id, bbc.id);
    expect((await getOrganisation(user.id, corp.id)).aliases).toEqual(['BBC', 'Beeb']);
    expect((await findOrCreateOrganisation(db, user.id, 'beeb')).id).toBe(corp.id);
    expect((await searchPeople(user.id, searchParamsSchema.parse({ q: 'beeb' }))).items.map((p) => p.id)).toContain(jo.id);
    await undoMerge(user.id, second.mergeId);
    expect((await getOrganisation(user.id, corp.id)).aliases).toEqual([]);
    expect((await getOrganisation(user.id, bbc.id)).aliases).toEqual(['Beeb']);
    expect((await findOrCreateOrganisation(db, user.id, 'beeb')).id).toBe(bbc.id);

    // An organisation that really has the name wins over an alias; another user's names are their own.
    const renamed = await makeOrganisation(user.id, 'Beeb Ltd');
    await updateOrganisation(user.id, renamed.id, { name: 'Beeb', sectorId: null, website: null, notes: null, version: 1 });
    expect((await findOrCreateOrganisation(db, user.id, 'BEEB')).id).toBe(renamed.id);
    expect((await findOrCreateOrganisations(db, user.id, ['beeb'])).get('beeb')).toBe(renamed.id);
    const namesake = await makePerson(user.id, { name: 'Jo Park', organisationId: renamed.id });
    expect((await likelyDuplicates(db, user.id, { name: 'Jo Park', organisation: 'Beeb' })).map((c) => c.id)).toEqual([namesake.id]);

    // A name kept from before the forms folded white space is stored folded, so typing it finds the kept one.
    const [legacy] = await db.insert(organisations).values({ userId: user.id, name: 'Radio  Times' }).returning();
    await mergeOrganisations(user.id, bbc.id, legacy!.id);
    expect((await getOrganisation(user.id, bbc.id)).aliases).toEqual(['Beeb', 'Radio Times']);
    expect((await findOrCreateOrganisations(db, user.id, ['radio times'])).get('radio times')).toBe(bbc.id);
    expect((await findOrCreateOrganisation(db, other.id, 'Beeb')).id).not.toBe(bbc.id);
  });
});
