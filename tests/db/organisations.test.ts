import { describe, expect, it } from 'vitest';
import { NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import {
  getOrganisation,
  listOrganisationEvents,
  listOrganisationFollowUps,
  listOrganisationPeople,
  listOrganisations,
  updateOrganisation,
} from '@/lib/organisations/queries';
import { mergeOrganisations } from '@/lib/organisations/merge';
import { searchPeople } from '@/lib/people/search';
import { searchParamsSchema } from '@/lib/people/validation';
import { makeEvent, makeOrganisation, makePerson, sectorId } from '../support/fixtures';
import { createTestUser } from '../support/users';

const search = (userId: string, p: Record<string, unknown>) => searchPeople(userId, searchParamsSchema.parse(p));

describe('organisations', () => {
  it('lists with typo-tolerant search and counts; detail has people, events and open follow-ups', async () => {
    const user = await createTestUser();
    const leeds = await makeOrganisation(user.id, 'Leeds City Council', 'Government');
    await makeOrganisation(user.id, 'BBC', 'Media');
    const p = await makePerson(user.id, { role: 'Head of IT', organisationId: leeds.id });
    await makeEvent(user.id, {
      title: 'Council tech day',
      people: [{ personId: p.id }],
      followUps: [
        { action: 'Send the slides', personId: p.id },
        { action: 'Done one', personId: p.id, status: 'done' },
      ],
    });
    expect((await listOrganisations(user.id, { q: 'leds city' })).map((o) => o.name)).toEqual(['Leeds City Council']);
    expect((await listOrganisations(user.id)).map((o) => [o.name, o.people])).toEqual([
      ['BBC', 0],
      ['Leeds City Council', 1],
    ]);
    expect((await listOrganisationPeople(user.id, leeds.id)).map((x) => x.displayName)).toEqual(['Head of IT, Leeds City Council']);
    expect((await listOrganisationEvents(user.id, leeds.id)).map((e) => e.title)).toEqual(['Council tech day']);
    expect((await listOrganisationFollowUps(user.id, leeds.id)).map((f) => f.action)).toEqual(['Send the slides']);
  });

  it('rename is version-checked, refuses a name already used, and search follows the new name', async () => {
    const user = await createTestUser();
    const org = await makeOrganisation(user.id, 'Old Name Ltd');
    await makeOrganisation(user.id, 'Taken Ltd');
    const p = await makePerson(user.id, { name: 'Pat', organisationId: org.id });
    const base = { sectorId: null, website: null, notes: null };
    await updateOrganisation(user.id, org.id, { ...base, name: 'Fresh Name Ltd', version: 1 });
    expect((await search(user.id, { q: 'fresh' })).items.map((i) => i.id)).toEqual([p.id]);
    expect((await search(user.id, { q: 'old' })).total).toBe(0);
    await expect(updateOrganisation(user.id, org.id, { ...base, name: 'Again', version: 1 })).rejects.toBeInstanceOf(VersionConflictError);
    await expect(updateOrganisation(user.id, org.id, { ...base, name: 'taken ltd', version: 2 })).rejects.toBeInstanceOf(UserFacingError);
  });

  it('merge moves people and their history, fills the sector, and leaves nothing behind', async () => {
    const user = await createTestUser();
    const keep = await makeOrganisation(user.id, 'Dept for Education');
    const other = await makeOrganisation(user.id, 'Department for Education', 'Government');
    const a = await makePerson(user.id, { name: 'A', organisationId: keep.id });
    const b = await makePerson(user.id, { name: 'B', organisationId: other.id });
    await makeEvent(user.id, { title: 'Summit', people: [{ personId: b.id }] });
    const merged = await mergeOrganisations(user.id, keep.id, other.id);
    expect(merged.sector?.id).toBe(await sectorId(user.id, 'Government'));
    expect((await listOrganisationPeople(user.id, keep.id)).map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    expect((await listOrganisationEvents(user.id, keep.id)).map((e) => e.title)).toEqual(['Summit']);
    await expect(getOrganisation(user.id, other.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await search(user.id, { sector: 'Government' })).total).toBe(2);
  });

  it("never touches another user's organisation", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const mine = await makeOrganisation(user.id, 'Mine');
    const theirs = await makeOrganisation(other.id, 'Theirs');
    await expect(getOrganisation(user.id, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(mergeOrganisations(user.id, mine.id, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listOrganisations(user.id)).map((o) => o.name)).toEqual(['Mine']);
  });
});
