import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db, type Tx } from '@/db/client';
import { jsonValue, rows } from '@/db/rows';
import { organisations, people } from '@/db/schema';
import { NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { bringBackMerged, recordMerge, rowsAsJson, type RowJson } from '@/lib/merge-record';
import { foldName } from '@/lib/organisations/find-or-create';
import { mergeNotes } from '@/lib/people/merge-notes';
import { getOrganisation, type OrganisationView } from './queries';

/** Both organisations as they are now, when the user merged from a copy that has changed since. */
export class OrganisationMergeConflictError extends VersionConflictError<{ keep: OrganisationView; other: OrganisationView }> {}

interface OrganisationMergeSnapshot {
  label: string;
  keptBefore: RowJson;
  merged: RowJson;
  keptVersionAfter: number;
  /** The people moved over, with the updated_at each had, so undo puts both fields back. */
  movedPeople: { id: string; updatedAt: string }[];
}

/**
 * Merges `otherId` into `keepId`: its people (and so their encounters, facts and follow-ups) move over, the
 * sector, website and notes fill any gaps, and the other organisation is removed, its row and every move recorded
 * so the merge can be undone. Both rows and the people moved are locked; the versions the user saw, when given,
 * must be current (OrganisationMergeConflictError with both copies otherwise).
 */
export async function mergeOrganisations(
  userId: string,
  keepId: string,
  otherId: string,
  seen: { keepVersion?: number; otherVersion?: number } = {},
): Promise<OrganisationView & { mergeId: string }> {
  if (keepId === otherId) throw new UserFacingError('Choose a different organisation to merge.', 400, { otherId: ['Choose a different organisation'] });
  return db.transaction(async (tx) => {
    const locked = await tx
      .select({ id: organisations.id, name: organisations.name, aliases: organisations.aliases })
      .from(organisations)
      .where(and(eq(organisations.userId, userId), inArray(organisations.id, [keepId, otherId]), isNull(organisations.deletedAt)))
      .orderBy(organisations.id)
      .for('update');
    if (locked.length !== 2) throw new NotFoundError('That organisation was not found.');
    const keep = await getOrganisation(userId, keepId, tx);
    const other = await getOrganisation(userId, otherId, tx);
    if ((seen.keepVersion !== undefined && seen.keepVersion !== keep.version) || (seen.otherVersion !== undefined && seen.otherVersion !== other.version)) {
      throw new OrganisationMergeConflictError({ keep, other });
    }
    // The merged name, typed again later (an evening's guest, an import, a phone's outbox), means the kept one.
    const kept = locked.find((o) => o.id === keepId)!;
    const gone = locked.find((o) => o.id === otherId)!;
    const had = jsonValue(kept.aliases);
    const taken = new Set([kept.name, ...had].map((n) => foldName(n).toLowerCase()));
    const addedAliases = [gone.name, ...jsonValue(gone.aliases)].map(foldName).filter((n) => {
      const fresh = !taken.has(n.toLowerCase());
      taken.add(n.toLowerCase());
      return fresh;
    });
    const [keptBefore] = await rowsAsJson(tx, 'organisations', userId, [keepId]);
    const [merged] = await rowsAsJson(tx, 'organisations', userId, [otherId]);
    const moving = await rows<{ id: string; updated_at: string }>(
      tx,
      sql`select id, to_jsonb(updated_at) #>> '{}' as updated_at from people
           where user_id = ${userId}::uuid and organisation_id = ${otherId}::uuid order by id for update`,
    );
    await tx
      .update(people)
      // A new version too: a person form opened before shows the old organisation's name, and saving it would file
      // them under a new organisation of that name (see outdateForms).
      .set({ organisationId: keepId, updatedAt: new Date(), version: sql`${people.version} + 1` })
      .where(and(eq(people.userId, userId), eq(people.organisationId, otherId)));
    // Set aside, not deleted: undo brings back this very row; the purge removes it after the restore window.
    await tx
      .update(organisations)
      .set({ deletedAt: new Date() })
      .where(and(eq(organisations.userId, userId), eq(organisations.id, otherId)));
    const [after] = await tx
      .update(organisations)
      .set({
        sectorId: keep.sector?.id ?? other.sector?.id ?? null,
        website: keep.website ?? other.website,
        notes: mergeNotes(keep.notes, other.notes),
        aliases: [...had, ...addedAliases],
        version: sql`${organisations.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(organisations.userId, userId), eq(organisations.id, keepId)))
      .returning({ version: organisations.version });
    const snapshot: OrganisationMergeSnapshot = {
      label: `${other.name} into ${keep.name}`,
      keptBefore: keptBefore!,
      merged: merged!,
      keptVersionAfter: after!.version,
      movedPeople: moving.map((p) => ({ id: p.id, updatedAt: p.updated_at })),
    };
    const mergeId = await recordMerge(tx, userId, 'organisation', keepId, otherId, snapshot as unknown as Record<string, unknown>);
    return { ...(await getOrganisation(userId, keepId, tx)), mergeId };
  });
}

const refuse = (why: string) => new UserFacingError(`This merge can no longer be undone: ${why}`, 409);

/**
 * Undoes an organisation merge inside the caller's transaction: the merged-away organisation comes back whole
 * (same id), the kept one gets its sector, website, notes and aliases back, and exactly the people moved go back.
 */
export async function undoOrganisationMerge(tx: Tx, userId: string, keptId: string, mergedId: string, raw: Record<string, unknown>): Promise<void> {
  const s = raw as unknown as OrganisationMergeSnapshot;
  const [kept] = await tx
    .select({ version: organisations.version })
    .from(organisations)
    .where(and(eq(organisations.userId, userId), eq(organisations.id, keptId), isNull(organisations.deletedAt)))
    .for('update');
  if (!kept) throw refuse('the organisation it was merged into has since been merged or removed.');
  if (kept.version !== s.keptVersionAfter) throw refuse('the merged organisation has been edited since. Change it by hand instead.');
  await bringBackMerged(tx, 'organisations', userId, s.merged, 'organisation');
  for (const p of s.movedPeople) {
    const back = await rows<{ id: string }>(
      tx,
      sql`update people set organisation_id = ${mergedId}::uuid, updated_at = ${p.updatedAt}::timestamptz, version = version + 1
           where user_id = ${userId}::uuid and id = ${p.id}::uuid and organisation_id = ${keptId}::uuid returning id`,
    );
    if (back.length !== 1) throw refuse('some of the people it moved have been re-filed or removed since.');
  }
  await tx.execute(sql`
    update organisations o set sector_id = r.sector_id, website = r.website, notes = r.notes,
           -- Its names from before the merge (a merge recorded before aliases existed added none).
           aliases = coalesce(r.aliases, o.aliases),
           version = o.version + 1, updated_at = now()
      from jsonb_populate_record(null::organisations, ${JSON.stringify(s.keptBefore)}::jsonb) r
     where o.user_id = ${userId}::uuid and o.id = ${keptId}::uuid`);
}
