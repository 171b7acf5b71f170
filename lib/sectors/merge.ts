import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db, type Tx } from '@/db/client';
import { organisations, people, sectors, type SectorRow } from '@/db/schema';
import { NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { bringBackMerged, recordMerge, rowsAsJson, type RowJson } from '@/lib/merge-record';

/** Both sectors as they are now, when the user merged from a copy that has changed since. */
export class SectorMergeConflictError extends VersionConflictError<{ from: SectorRow; into: SectorRow }> {}

interface SectorMergeSnapshot {
  label: string;
  merged: RowJson;
  movedPeople: string[];
  movedOrganisations: string[];
}

/**
 * Moves every person and organisation of `fromId` into `intoId`, then removes `fromId`, recording its row and
 * every move so the merge can be undone. Both sectors and everything moved are locked; the versions the user
 * saw, when given, must be current (SectorMergeConflictError with both copies otherwise).
 */
export async function mergeSectors(
  userId: string,
  fromId: string,
  intoId: string,
  seen: { fromVersion?: number; intoVersion?: number } = {},
): Promise<SectorRow & { mergeId: string }> {
  if (fromId === intoId) throw new UserFacingError('Choose a different sector to merge into.', 400, { reassignTo: ['Choose a different sector'] });
  return db.transaction(async (tx) => {
    const locked = await tx
      .select()
      .from(sectors)
      .where(and(eq(sectors.userId, userId), inArray(sectors.id, [fromId, intoId]), isNull(sectors.deletedAt)))
      .orderBy(sectors.id)
      .for('update');
    const from = locked.find((s) => s.id === fromId);
    const into = locked.find((s) => s.id === intoId);
    if (!from || !into) throw new NotFoundError('That sector was not found.');
    if ((seen.fromVersion !== undefined && seen.fromVersion !== from.version) || (seen.intoVersion !== undefined && seen.intoVersion !== into.version)) {
      throw new SectorMergeConflictError({ from, into });
    }
    const [merged] = await rowsAsJson(tx, 'sectors', userId, [fromId]);
    const movedPeople = await tx
      .update(people)
      // A new version with the new sector, so a form opened before cannot put the merged sector back.
      .set({ sectorId: intoId, version: sql`${people.version} + 1` })
      .where(and(eq(people.userId, userId), eq(people.sectorId, fromId)))
      .returning({ id: people.id });
    const movedOrganisations = await tx
      .update(organisations)
      .set({ sectorId: intoId, version: sql`${organisations.version} + 1` })
      .where(and(eq(organisations.userId, userId), eq(organisations.sectorId, fromId)))
      .returning({ id: organisations.id });
    // Set aside, not deleted: undo brings back this very row; the purge removes it after the restore window.
    await tx
      .update(sectors)
      .set({ deletedAt: new Date() })
      .where(and(eq(sectors.userId, userId), eq(sectors.id, fromId)));
    const snapshot: SectorMergeSnapshot = {
      label: `${from.name} into ${into.name}`,
      merged: merged!,
      movedPeople: movedPeople.map((r) => r.id).sort(),
      movedOrganisations: movedOrganisations.map((r) => r.id).sort(),
    };
    const mergeId = await recordMerge(tx, userId, 'sector', intoId, fromId, snapshot as unknown as Record<string, unknown>);
    return { ...into, mergeId };
  });
}

const refuse = (why: string) => new UserFacingError(`This merge can no longer be undone: ${why}`, 409);

/** Undoes a sector merge inside the caller's transaction: the sector comes back whole, and exactly what moved moves back. */
export async function undoSectorMerge(tx: Tx, userId: string, keptId: string, mergedId: string, raw: Record<string, unknown>): Promise<void> {
  const s = raw as unknown as SectorMergeSnapshot;
  const [kept] = await tx
    .select({ id: sectors.id })
    .from(sectors)
    .where(and(eq(sectors.userId, userId), eq(sectors.id, keptId), isNull(sectors.deletedAt)))
    .for('update');
  if (!kept) throw refuse('the sector it was merged into has since been merged or removed.');
  await bringBackMerged(tx, 'sectors', userId, s.merged, 'sector');
  const backPeople = s.movedPeople.length
    ? await tx
        .update(people)
        .set({ sectorId: mergedId, version: sql`${people.version} + 1` })
        .where(and(eq(people.userId, userId), eq(people.sectorId, keptId), inArray(people.id, s.movedPeople)))
        .returning({ id: people.id })
    : [];
  const backOrganisations = s.movedOrganisations.length
    ? await tx
        .update(organisations)
        .set({ sectorId: mergedId, version: sql`${organisations.version} + 1` })
        .where(and(eq(organisations.userId, userId), eq(organisations.sectorId, keptId), inArray(organisations.id, s.movedOrganisations)))
        .returning({ id: organisations.id })
    : [];
  if (backPeople.length !== s.movedPeople.length || backOrganisations.length !== s.movedOrganisations.length) {
    throw refuse('some of the people or organisations it moved have been re-filed or removed since.');
  }
}
