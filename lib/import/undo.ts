import { and, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx, type Tx } from '@/db/client';
import { rows } from '@/db/rows';
import { importUndos, people, type ImportedUpdate, type LearntSector, type UndoneCounts } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';
import { bringBackOrganisation } from '@/lib/people/queries';
import { deletedBeforeWindow, deletedWithinWindow } from '@/lib/restore-window';

/** Records what an import wrote, in its transaction, so it can be undone; nothing to record, no record. */
export async function recordImport(
  tx: Tx,
  userId: string,
  created: string[],
  updated: ImportedUpdate[],
  organisations: { organisations: string[]; sectorsLearnt: LearntSector[] } = { organisations: [], sectorsLearnt: [] },
  source: string | null = null,
): Promise<string | null> {
  if (created.length === 0 && updated.length === 0 && organisations.organisations.length === 0 && organisations.sectorsLearnt.length === 0) return null;
  const [row] = await tx
    .insert(importUndos)
    .values({ userId, created, updated, ...organisations, source })
    .returning({ id: importUndos.id });
  return row!.id;
}

/** One of the user's imports of the restore window, as Settings → Import and the people it added list it. */
export interface RecentImport {
  id: string;
  at: Date;
  /** The file's name, else its kind; null for an import recorded before it was kept. */
  source: string | null;
  added: number;
  updated: number;
  /** When it was undone, and what the undo did; null while it can be undone. */
  undoneAt: Date | null;
  undone: UndoneImport | null;
}

const recentColumns = {
  id: importUndos.id,
  at: importUndos.createdAt,
  source: importUndos.source,
  added: sql<number>`cardinality(${importUndos.created})`,
  updated: sql<number>`jsonb_array_length(${importUndos.updated})`,
  undoneAt: importUndos.undoneAt,
  undone: importUndos.undone,
};
const recent = (r: { added: number; updated: number; undone: UndoneCounts | null } & Omit<RecentImport, 'added' | 'updated' | 'undone'>): RecentImport => ({
  ...r,
  added: Number(r.added),
  updated: Number(r.updated),
  undone: r.undone ? { restored: 0, ...r.undone } : null,
});

/** One of the user's imports of the restore window, undone or not; null for another user's, or one older. */
export async function getImport(userId: string, importId: string): Promise<RecentImport | null> {
  const [found] = await db
    .select(recentColumns)
    .from(importUndos)
    .where(and(eq(importUndos.userId, userId), eq(importUndos.id, importId), deletedWithinWindow(importUndos.createdAt)));
  return found ? recent(found) : null;
}

/** The user's imports of the restore window, undone ones too (said so), newest first. */
export async function listRecentImports(userId: string, limit = 20): Promise<RecentImport[]> {
  const found = await db
    .select(recentColumns)
    .from(importUndos)
    .where(and(eq(importUndos.userId, userId), deletedWithinWindow(importUndos.createdAt)))
    .orderBy(desc(importUndos.createdAt), desc(importUndos.id))
    .limit(limit);
  return found.map(recent);
}

/**
 * What an undo did: people removed (`removed`), people given back what they had (`reverted`), those left as they are
 * because the user has changed, met or written about them since (`kept`), and organisations it made that nobody is at
 * any more, removed (`organisations`: a person restored brings theirs back); and how many of those removed have been
 * restored together since (`restored`).
 */
export interface UndoneImport extends UndoneCounts {
  restored: number;
}

/**
 * Undoes one of the user's imports, in one transaction. The people it created go to Settings → Deleted (restorable
 * there for the restore window), unless they have been edited, met at an event, given a follow-up or a logged contact
 * since: those are the user's now and stay. Those it updated get back what it filled in or added (fields, links,
 * notes, topics) if no one has changed them since (their version is still the import's). The record then goes, so a
 * second undo answers NotFoundError, as does another user's import.
 */
export async function undoImport(userId: string, importId: string): Promise<UndoneImport> {
  return db.transaction(async (tx) => {
    // Marked undone first, which holds the row: a second undo (another tab, a retried request) waits, then finds it undone.
    // Its time is the transaction's, as is every deleted_at below: the people this undo removes are known by it.
    const [record] = await tx
      .update(importUndos)
      .set({ undoneAt: sql`now()` })
      .where(and(eq(importUndos.userId, userId), eq(importUndos.id, importId), isNull(importUndos.undoneAt), deletedWithinWindow(importUndos.createdAt)))
      .returning();
    if (!record) throw new NotFoundError('This import has been undone already, or is too old to undo.');
    const since = sql`${record.createdAt.toISOString()}::timestamptz`;
    /** Met, given a follow-up, a fact or a logged contact since the import: theirs now, whatever the import wrote. */
    const usedSince = (person: SQL) => sql`(
      exists (select 1 from encounters e where e.user_id = ${userId}::uuid and e.person_id = ${person} and e.created_at >= ${since})
      or exists (select 1 from follow_ups f where f.user_id = ${userId}::uuid and f.person_id = ${person} and f.created_at >= ${since})
      or exists (select 1 from interactions i where i.user_id = ${userId}::uuid and i.person_id = ${person} and i.created_at >= ${since})
      or exists (select 1 from insights n where n.user_id = ${userId}::uuid and n.person_id = ${person} and n.created_at >= ${since}))`;
    const removed = record.created.length
      ? await rows<{ id: string }>(
          tx,
          sql`update people p set deleted_at = now(), version = p.version + 1
               where p.user_id = ${userId}::uuid and p.deleted_at is null and p.version = 1
                 and p.id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(record.created)}::jsonb) x)
                 and not ${usedSince(sql`p.id`)}
               returning p.id`,
        )
      : [];
    // Those it updated who have been used since, read in one statement rather than one per person.
    const used = record.updated.length
      ? new Set(
          (
            await rows<{ id: string }>(
              tx,
              sql`select x.id::text from (select y::uuid as id from jsonb_array_elements_text(${JSON.stringify(record.updated.map((u) => u.id))}::jsonb) y) x
                   where ${usedSince(sql`x.id`)}`,
            )
          ).map((r) => r.id),
        )
      : new Set<string>();
    let reverted = 0;
    for (const u of record.updated) {
      if (used.has(u.id)) continue;
      const { organisationId, sectorId, ...fields } = u.before;
      const [back] = await tx
        .update(people)
        .set({
          ...fields,
          ...(organisationId !== undefined ? { organisationId } : {}),
          ...(sectorId !== undefined ? { sectorId } : {}),
          version: sql`${people.version} + 1`,
          updatedAt: new Date(),
        })
        .where(and(eq(people.userId, userId), eq(people.id, u.id), eq(people.version, u.version), sql`${people.deletedAt} is null`))
        .returning({ id: people.id });
      if (!back) continue;
      reverted += 1;
      if (u.topicsAdded?.length) {
        await tx.execute(sql`
          delete from person_topics pt using topics t
           where pt.user_id = ${userId}::uuid and pt.person_id = ${u.id}::uuid and t.user_id = ${userId}::uuid and t.id = pt.topic_id
             and t.normalised_name in (select jsonb_array_elements_text(${JSON.stringify(u.topicsAdded)}::jsonb))`);
      }
    }
    // The sectors it gave organisations that had none, where nobody has changed the organisation since.
    if (record.sectorsLearnt.length) {
      await tx.execute(sql`
        update organisations o set sector_id = null, version = o.version + 1, updated_at = now()
          from jsonb_to_recordset(${JSON.stringify(record.sectorsLearnt)}::jsonb) as l(id uuid, "sectorId" uuid, version int)
         where o.user_id = ${userId}::uuid and o.id = l.id and o.sector_id = l."sectorId" and o.version = l.version and o.deleted_at is null`);
    }
    // The organisations it made that nobody is at now: with its people gone (or given back where they were), an import
    // of a wrong file leaves no list of empty organisations behind. One someone is at stays.
    // One changed since (a note, a website, a name merged in: version 1 no more) is the user's, and stays. They are
    // locked first, as a merge locks what it removes: a save filing someone there meanwhile (which holds it FOR KEY
    // SHARE) commits before the check for people, which then sees them.
    let emptied: { id: string }[] = [];
    if (record.organisations.length) {
      const candidates = await rows<{ id: string }>(
        tx,
        sql`select o.id::text from organisations o
             where o.user_id = ${userId}::uuid and o.deleted_at is null and o.version = 1
               and o.id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(record.organisations)}::jsonb) x)
             order by o.id for update`,
      );
      emptied = candidates.length
        ? await rows<{ id: string }>(
            tx,
            sql`update organisations o set deleted_at = now(), version = o.version + 1, updated_at = now()
                 where o.user_id = ${userId}::uuid and o.deleted_at is null
                   and o.id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(candidates.map((c) => c.id))}::jsonb) x)
                   and not exists (select 1 from people p where p.user_id = ${userId}::uuid and p.organisation_id = o.id and p.deleted_at is null)
                 returning o.id::text`,
          )
        : [];
    }
    const undone: UndoneCounts = {
      removed: removed.length,
      reverted,
      kept: record.created.length + record.updated.length - removed.length - reverted,
      organisations: emptied.length,
    };
    await tx
      .update(importUndos)
      .set({ undone })
      .where(and(eq(importUndos.userId, userId), eq(importUndos.id, importId)));
    return { ...undone, restored: 0 };
  });
}

/**
 * Brings back together the people an undo sent to Deleted (those it removed, at the undo's very time, that are still
 * there and were not merged into someone since), with the organisations that went with them, as restoring each from
 * Deleted would. The import stays undone: those it updated keep what they have. Answers how many came back (none,
 * asked again). NotFoundError for an import not undone, another user's, or one past the restore window.
 */
export async function restoreUndoneImport(userId: string, importId: string): Promise<{ restored: number }> {
  return db.transaction(async (tx) => {
    const [record] = await tx
      .select()
      .from(importUndos)
      .where(and(eq(importUndos.userId, userId), eq(importUndos.id, importId), isNotNull(importUndos.undoneAt), deletedWithinWindow(importUndos.createdAt)))
      .for('update');
    if (!record?.undoneAt) throw new NotFoundError('This import has not been undone, or is too old to bring back.');
    const back = await rows<{ id: string; organisation_id: string | null }>(
      tx,
      sql`update people p set deleted_at = null, version = p.version + 1, updated_at = now()
           where p.user_id = ${userId}::uuid
             -- The undo's own moment, read from its row: a JavaScript Date would drop its microseconds.
             and p.deleted_at = (select u.undone_at from import_undos u where u.user_id = ${userId}::uuid and u.id = ${importId}::uuid)
             and p.id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(record.created)}::jsonb) x)
             and not exists (select 1 from merges m where m.user_id = ${userId}::uuid and m.kind = 'person' and m.merged_id = p.id)
           returning p.id::text, p.organisation_id::text`,
    );
    // Their organisations, where the undo (or anything since) removed them: back, or they are filed under the one that
    // has the name by now (bringBackOrganisation, one organisation at a time for all its people).
    const byOrganisation = new Map<string, string[]>();
    for (const p of back) if (p.organisation_id) byOrganisation.set(p.organisation_id, [...(byOrganisation.get(p.organisation_id) ?? []), p.id]);
    for (const [organisationId, ids] of byOrganisation) await bringBackOrganisation(tx, userId, ids, organisationId);
    const undone = { ...record.undone!, restored: (record.undone?.restored ?? 0) + back.length };
    await tx
      .update(importUndos)
      .set({ undone })
      .where(and(eq(importUndos.userId, userId), eq(importUndos.id, importId)));
    return { restored: back.length };
  });
}

/** Forgets imports older than the restore window: they can no longer be undone. Run by the purge. */
export async function purgeExpiredImports(conn: DbOrTx, now?: Date): Promise<number> {
  const gone = await conn.delete(importUndos).where(deletedBeforeWindow(importUndos.createdAt, now)).returning({ id: importUndos.id });
  return gone.length;
}
