import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { merges, organisations, sectors } from '@/db/schema';
import { backupChunks } from '@/lib/backup/write';
import { purgeExpired } from '@/lib/deleted/queries';
import { NotFoundError, UserFacingError } from '@/lib/errors';
import { suggestOrganisations, suggestSectors } from '@/lib/events/lookup';
import { resolveSector } from '@/lib/events/resolve';
import { undoMerge } from '@/lib/merges/undo';
import { findOrCreateOrganisation, findOrCreateOrganisations, findOrganisationByName } from '@/lib/organisations/find-or-create';
import { mergeOrganisations } from '@/lib/organisations/merge';
import { getOrganisation, listOrganisations, updateOrganisation } from '@/lib/organisations/queries';
import { listFilterOptions } from '@/lib/people/filter-options';
import { mergeSectors } from '@/lib/sectors/merge';
import { assertOwnSector } from '@/lib/sectors/own';
import { listSectorChoices, listSectors } from '@/lib/sectors/queries';
import { makeOrganisation, makePerson, sectorId } from '../support/fixtures';
import { createTestUser } from '../support/users';

/*
 * An organisation or sector merged away is set aside (deleted_at), not deleted: the same row, every column, is
 * what undo brings back. Until then it is in no list, suggestion, filter or backup; its name, typed again, means the
 * organisation it was merged into (an alias), and a sector's name is free; after the restore window the purge removes
 * it for good.
 */

async function row(table: 'organisations' | 'sectors', id: string) {
  const [r] = await rows<{ j: Record<string, unknown> }>(db, sql`select to_jsonb(t) as j from ${sql.raw(table)} t where t.id = ${id}::uuid`);
  return r ? (typeof r.j === 'string' ? (JSON.parse(r.j) as Record<string, unknown>) : r.j) : undefined;
}

async function backupText(userId: string) {
  let text = '';
  for await (const chunk of backupChunks(userId)) text += chunk;
  return text;
}

describe('an organisation merged away', () => {
  it('is kept whole but out of sight, its name meaning the kept one, and undo brings back that very row', async () => {
    const user = await createTestUser();
    const keep = await makeOrganisation(user.id, 'HM Treasury', 'Government');
    const other = await makeOrganisation(user.id, 'Treasury Dept', 'Finance');
    await makePerson(user.id, { name: 'Ann', organisationId: other.id });
    const before = await row('organisations', other.id);

    const merged = await mergeOrganisations(user.id, keep.id, other.id);
    const kept = await row('organisations', other.id);
    expect(kept, 'the row is still there').toBeDefined();
    expect(kept!.deleted_at).not.toBeNull();
    expect({ ...kept, deleted_at: null }).toEqual(before);

    expect((await listOrganisations(user.id)).map((o) => o.id)).toEqual([keep.id]);
    // Its name now suggests the organisation it was merged into.
    expect(await suggestOrganisations(user.id, 'treasury dept')).toEqual([{ name: 'HM Treasury', sector: 'Government' }]);
    expect((await listFilterOptions(user.id)).organisations.map((o) => o.id)).toEqual([keep.id]);
    // Typed again it means the kept one; but a merge by name names an organisation's own name.
    expect((await findOrCreateOrganisation(db, user.id, 'treasury dept')).id).toBe(keep.id);
    expect(await findOrganisationByName(user.id, 'Treasury Dept')).toBeNull();
    await expect(getOrganisation(user.id, other.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await backupText(user.id)).not.toContain(other.id);

    // Undo brings back exactly the row that was set aside.
    await undoMerge(user.id, merged.mergeId);
    expect(await row('organisations', other.id)).toEqual(before);
    expect((await getOrganisation(user.id, other.id)).name).toBe('Treasury Dept');
  });

  it('its name can be given to another organisation; then undo refuses, saying why, and changes nothing', async () => {
    const user = await createTestUser();
    const keep = await makeOrganisation(user.id, 'BBC');
    const other = await makeOrganisation(user.id, 'B.B.C.');
    const merged = await mergeOrganisations(user.id, keep.id, other.id);
    expect((await findOrCreateOrganisation(db, user.id, 'b.b.c.')).id).toBe(keep.id);
    const studios = await makeOrganisation(user.id, 'BBC Studios');
    await updateOrganisation(user.id, studios.id, { name: 'B.B.C.', sectorId: null, website: null, notes: null, version: 1 });
    // A name an organisation really has wins over the alias.
    expect((await findOrCreateOrganisation(db, user.id, 'b.b.c.')).id).toBe(studios.id);
    expect((await findOrCreateOrganisations(db, user.id, ['B.B.C.'])).get('B.B.C.')).toBe(studios.id);
    const err = await undoMerge(user.id, merged.mergeId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).status).toBe(409);
    expect((err as UserFacingError).message).toMatch(/another organisation with that name/);
    expect((await row('organisations', other.id))!.deleted_at).not.toBeNull();
    expect(await db.select({ id: merges.id }).from(merges).where(eq(merges.id, merged.mergeId))).toHaveLength(1);
  });

  it('a merge made before rows were kept (the row was deleted then) still comes back whole from its snapshot', async () => {
    const user = await createTestUser();
    const keep = await makeOrganisation(user.id, 'Keep Ltd', 'Finance');
    const other = await makeOrganisation(user.id, 'Old Ltd', 'Media');
    const before = await row('organisations', other.id);
    const merged = await mergeOrganisations(user.id, keep.id, other.id);
    await db.delete(organisations).where(eq(organisations.id, other.id));
    // Recorded before aliases existed, too: neither row of the snapshot has the column (it takes its default), and
    // the merge gave the kept one none.
    await db.execute(sql`update merges set snapshot = snapshot #- '{merged,aliases}' #- '{keptBefore,aliases}' where id = ${merged.mergeId}::uuid`);
    await db.update(organisations).set({ aliases: [] }).where(eq(organisations.id, keep.id));
    await undoMerge(user.id, merged.mergeId);
    expect(await row('organisations', other.id)).toEqual(before);
    expect((await getOrganisation(user.id, keep.id)).aliases).toEqual([]);
  });
});

describe('a sector merged away', () => {
  it('is kept whole but out of sight, its name free, and undo brings back that very row', async () => {
    const user = await createTestUser();
    const from = await sectorId(user.id, 'Retail');
    const into = await sectorId(user.id, 'Other');
    await makePerson(user.id, { name: 'Ann', sector: 'Retail' });
    const before = await row('sectors', from);

    const merged = await mergeSectors(user.id, from, into);
    expect((await row('sectors', from))!.deleted_at).not.toBeNull();
    expect((await listSectors(user.id)).map((s) => s.id)).not.toContain(from);
    expect((await listSectorChoices(user.id)).map((s) => s.id)).not.toContain(from);
    expect(await suggestSectors(user.id, 'retail')).toEqual([]);
    await expect(assertOwnSector(db, user.id, from)).rejects.toBeInstanceOf(NotFoundError);
    expect(await backupText(user.id)).not.toContain(from);

    await undoMerge(user.id, merged.mergeId);
    expect(await row('sectors', from)).toEqual(before);
    expect((await listSectorChoices(user.id)).map((s) => s.id)).toContain(from);
  });

  it('a capture naming it files under a new live sector, never the one set aside', async () => {
    const user = await createTestUser();
    const from = await sectorId(user.id, 'Retail');
    await mergeSectors(user.id, from, await sectorId(user.id, 'Other'));
    const fresh = await db.transaction((tx) => resolveSector(tx, user.id, 'retail'));
    expect(fresh).not.toBe(from);
    expect((await row('sectors', fresh))!.deleted_at).toBeNull();
  });
});

describe('the purge', () => {
  it('removes organisations and sectors merged away before the restore window, with their merges', async () => {
    const user = await createTestUser();
    const keep = await makeOrganisation(user.id, 'Keep Co');
    const other = await makeOrganisation(user.id, 'Gone Co');
    const from = await sectorId(user.id, 'Retail');
    const orgMerge = await mergeOrganisations(user.id, keep.id, other.id);
    const sectorMerge = await mergeSectors(user.id, from, await sectorId(user.id, 'Other'));
    const recent = await makeOrganisation(user.id, 'Recent Co');
    await mergeOrganisations(user.id, keep.id, recent.id);

    const old = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    for (const id of [orgMerge.mergeId, sectorMerge.mergeId]) await db.update(merges).set({ createdAt: old }).where(eq(merges.id, id));
    await db.update(organisations).set({ deletedAt: old }).where(eq(organisations.id, other.id));
    await db.update(sectors).set({ deletedAt: old }).where(eq(sectors.id, from));
    await purgeExpired(db);

    expect(await row('organisations', other.id)).toBeUndefined();
    expect(await row('sectors', from)).toBeUndefined();
    // One merged away within the window stays, ready for undo.
    expect((await row('organisations', recent.id))!.deleted_at).not.toBeNull();
  });
});
