import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { organisations } from '@/db/schema';
import { eventInputSchema } from '@/lib/events/validation';
import { createEvent } from '@/lib/events/write';
import { findOrCreateOrganisation, findOrCreateOrganisations, findOrganisationByName } from '@/lib/organisations/find-or-create';
import { createPerson } from '@/lib/people/queries';
import { createPersonSchema } from '@/lib/people/validation';
import { makeOrganisation, sectorId } from '../support/fixtures';
import { createTestUser } from '../support/users';

const live = (userId: string) => db.select().from(organisations).where(eq(organisations.userId, userId));

describe('findOrCreateOrganisation: the one rule for an organisation named in a form, an event or an import', () => {
  it('folds white space, matches any case, and makes one row', async () => {
    const user = await createTestUser();
    const a = await findOrCreateOrganisation(db, user.id, '  Leeds   City\tCouncil ');
    const b = await findOrCreateOrganisation(db, user.id, 'leeds city council');
    expect(b.id).toBe(a.id);
    expect((await findOrCreateOrganisations(db, user.id, ['LEEDS  city Council'])).get('leeds city council')).toBe(a.id);
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
});
