import { describe, expect, it } from 'vitest';
import { NotFoundError, UserFacingError } from '@/lib/errors';
import { searchPeople } from '@/lib/people/search';
import { searchParamsSchema } from '@/lib/people/validation';
import { mergeSectors } from '@/lib/sectors/merge';
import { createSector, deleteSector, listSectors, renameSector } from '@/lib/sectors/queries';
import { makeOrganisation, makePerson, sectorId } from '../support/fixtures';
import { createTestUser } from '../support/users';

const search = (userId: string, p: Record<string, unknown>) => searchPeople(userId, searchParamsSchema.parse(p));
const count = async (userId: string, name: string) => (await listSectors(userId)).find((s) => s.name === name);

describe('sectors', () => {
  it('adds, refusing a duplicate name in any case; renames and search follows', async () => {
    const user = await createTestUser();
    const s = await createSector(user.id, '  Space  industry ');
    expect(s?.name).toBe('Space industry');
    await expect(createSector(user.id, 'space INDUSTRY')).rejects.toBeInstanceOf(UserFacingError);
    const p = await makePerson(user.id, { name: 'Yuri', sector: 'Space industry' });
    await renameSector(user.id, s!.id, 'Aerospace');
    expect((await search(user.id, { q: 'aerospace' })).items.map((i) => i.id)).toEqual([p.id]);
    expect((await search(user.id, { sector: 'Aerospace' })).total).toBe(1);
  });

  it('counts people by effective sector (own, else organisation)', async () => {
    const user = await createTestUser();
    const org = await makeOrganisation(user.id, 'Whitehall', 'Government');
    await makePerson(user.id, { name: 'In org', organisationId: org.id });
    await makePerson(user.id, { name: 'Own sector wins', organisationId: org.id, sector: 'Legal' });
    expect(await count(user.id, 'Government')).toMatchObject({ people: 1, organisations: 1 });
    expect(await count(user.id, 'Legal')).toMatchObject({ people: 1, organisations: 0 });
  });

  it('merge moves people and organisations; delete in use needs a reassignment, so nobody is orphaned', async () => {
    const user = await createTestUser();
    const org = await makeOrganisation(user.id, 'Big4', 'Consulting');
    const own = await makePerson(user.id, { name: 'Own', sector: 'Consulting' });
    const viaOrg = await makePerson(user.id, { name: 'Via org', organisationId: org.id });
    const consulting = await sectorId(user.id, 'Consulting');
    const finance = await sectorId(user.id, 'Finance');
    await expect(deleteSector(user.id, consulting)).rejects.toBeInstanceOf(UserFacingError);
    await deleteSector(user.id, consulting, finance);
    expect((await listSectors(user.id)).map((s) => s.name)).not.toContain('Consulting');
    const inFinance = await search(user.id, { sector: 'Finance' });
    expect(inFinance.items.map((i) => i.id).sort()).toEqual([own.id, viaOrg.id].sort());
    expect((await search(user.id, { q: 'finance' })).total).toBe(2);
    const empty = await createSector(user.id, 'Unused');
    await deleteSector(user.id, empty!.id);
    await expect(mergeSectors(user.id, finance, finance)).rejects.toBeInstanceOf(UserFacingError);
  });

  it("never touches another user's sectors", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const theirs = await sectorId(other.id, 'Media');
    const mine = await sectorId(user.id, 'Media');
    await expect(renameSector(user.id, theirs, 'Hacked')).rejects.toBeInstanceOf(NotFoundError);
    await expect(mergeSectors(user.id, theirs, mine)).rejects.toBeInstanceOf(NotFoundError);
    await expect(mergeSectors(user.id, mine, theirs)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listSectors(other.id)).map((s) => s.name)).toContain('Media');
  });
});
