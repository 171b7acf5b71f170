import { and, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx, type Tx } from '@/db/client';
import { rows } from '@/db/rows';
import { importUndos, people, type ImportedUpdate, type LearntSector, type UndoneCounts } from '@/db/schema';
import { addPersonTopics } from '@/lib/people/topics';
import { NotFoundError } from '@/lib/errors';
import { bringBackOrganisation } from '@/lib/people/queries';
import { lockImports } from './apply';
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
  /** How many of those it added are in the contacts now. */
  live: number;
  /** When it was undone, and what the undo did; null while it can be undone. */
  undoneAt: Date | null;
  /** When it was last brought back after its undo, or null. */
  restoredAt: Date | null;
  undone: UndoneImport | null;
}

/**
 * SQL: the people an undone import's undo sent to Deleted (`u` its row) who are there still: removed at the undo's very
 * moment, not merged into someone since. Counted as they are, not remembered: a person restored or deleted for good
 * from Deleted on their own counts at once.
 */
const stillDeleted = (userId: string, u: SQL) => sql`
  from people p
 where p.user_id = ${userId}::uuid and p.deleted_at = ${u}.undone_at and ${deletedWithinWindow(sql`p.deleted_at`)}
   and p.id = any(${u}.created)
   and not exists (select 1 from merges m where m.user_id = ${userId}::uuid and m.kind = 'person' and m.merged_id = p.id)`;

/**
 * SQL: someone live is person `d` (a row with email, name and organisation_id) over again: the same email, or the
 * same name at an organisation of the same name (the file imported again after the undo makes its organisations anew).
 */
const liveTwin = (userId: string, d: SQL) => sql`exists (
  select 1 from people t
   where t.user_id = ${userId}::uuid and t.deleted_at is null and t.id <> ${d}.id
     and ((${d}.email is not null and lower(t.email) = lower(${d}.email))
          or (${d}.name is not null and lower(t.name) = lower(${d}.name)
              and ((t.organisation_id is null and ${d}.organisation_id is null)
                   or exists (select 1 from organisations o1, organisations o2
                               where o1.user_id = ${userId}::uuid and o1.id = t.organisation_id
                                 and o2.user_id = ${userId}::uuid and o2.id = ${d}.organisation_id
                                 and lower(o1.name) = lower(o2.name)))))
)`;

const recentColumns = (userId: string) => ({
  id: importUndos.id,
  at: importUndos.createdAt,
  source: importUndos.source,
  added: sql<number>`cardinality(${importUndos.created})`,
  updated: sql<number>`jsonb_array_length(${importUndos.updated})`,
  undoneAt: importUndos.undoneAt,
  restoredAt: sql<string | null>`${importUndos.undone}->>'restoredAt'`,
  undone: importUndos.undone,
  // Those a restore would bring back: not those someone live has become again (the file imported anew).
  inDeleted: sql<number>`case when ${importUndos.undoneAt} is null then 0 else (select count(*) ${stillDeleted(userId, sql.raw('import_undos'))} and not ${liveTwin(userId, sql`p`)}) end`,
  // Those it gave back what they had whom a restore would give its values again: nobody has changed them since.
  toRedo: sql<number>`(select count(*) from jsonb_to_recordset(coalesce(${importUndos.undone}->'redo', '[]'::jsonb)) as r(id uuid, version int)
                         join people p on p.id = r.id and p.user_id = ${userId}::uuid and p.version = r.version and p.deleted_at is null)`,
  // Those it added who are in the contacts now: the list /people?imported= shows.
  live: sql<number>`(select count(*) from people p where p.user_id = ${userId}::uuid and p.deleted_at is null and p.id = any(${importUndos.created}))`,
});
const recent = (
  r: { added: number; updated: number; inDeleted: number; toRedo: number; live: number; undone: UndoneCounts | null; restoredAt: string | null } & Omit<
    RecentImport,
    'added' | 'updated' | 'undone' | 'live' | 'restoredAt'
  >,
): RecentImport => ({
  id: r.id,
  at: r.at,
  source: r.source,
  added: Number(r.added),
  updated: Number(r.updated),
  live: Number(r.live),
  undoneAt: r.undoneAt,
  restoredAt: r.restoredAt ? new Date(r.restoredAt) : null,
  undone: r.undone ? { ...undoneView(r.undone), inDeleted: Number(r.inDeleted), toRedo: Number(r.toRedo) } : null,
});

/** One of the user's imports of the restore window, undone or not; null for another user's, or one older. */
export async function getImport(userId: string, importId: string): Promise<RecentImport | null> {
  const [found] = await db
    .select(recentColumns(userId))
    .from(importUndos)
    .where(and(eq(importUndos.userId, userId), eq(importUndos.id, importId), deletedWithinWindow(importUndos.createdAt)));
  return found ? recent(found) : null;
}

/** The user's imports of the restore window, undone ones too (said so), newest first. */
export async function listRecentImports(userId: string, limit = 20): Promise<RecentImport[]> {
  const found = await db
    .select(recentColumns(userId))
    .from(importUndos)
    .where(and(eq(importUndos.userId, userId), deletedWithinWindow(importUndos.createdAt)))
    .orderBy(desc(importUndos.createdAt), desc(importUndos.id))
    .limit(limit);
  return found.map(recent);
}

/**
 * What an undo did: people removed (`removed`), people given back what they had (`reverted`), those left as they are
 * because the user has changed, met or written about them since (`kept`), and organisations it made that nobody is at
 * any more, removed (`organisations`: a person restored brings theirs back); and how many of those removed are in
 * Deleted still (`inDeleted`, as they are now).
 */
export interface UndoneImport extends Omit<UndoneCounts, 'sectorsTakenBack' | 'redo' | 'restoredAt' | 'reapplied'> {
  inDeleted: number;
  /** Of those it gave back what they had, how many a restore has given its values again since. */
  reapplied: number;
  /** Of those it gave back what they had, how many a restore would give the import's values again (none once restored). */
  toRedo: number;
}

/** What an undo did, as the user is told it (without what it keeps for a restore). */
const undoneView = (u: UndoneCounts): Omit<UndoneImport, 'inDeleted'> => ({
  removed: u.removed,
  reverted: u.reverted,
  kept: u.kept,
  organisations: u.organisations,
  toRedo: u.redo?.length ?? 0,
  reapplied: u.reapplied ?? 0,
});

/**
 * Undoes one of the user's imports, in one transaction. The people it created go to Settings → Deleted (restorable
 * there for the restore window), unless they have been edited, met at an event, given a follow-up or a logged contact
 * since: those are the user's now and stay. Those it updated get back what it filled in or added (fields, links,
 * notes, topics) if no one has changed them since (their version is still the import's). The record stays, marked
 * undone with what the undo did, so a second undo answers NotFoundError, as does another user's import.
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
    // What the import wrote, as they have it now (read in one statement): kept so that a restore can write it again.
    const toRevert = record.updated.filter((u) => !used.has(u.id));
    const current = new Map(
      (toRevert.length
        ? await tx
            .select({
              id: people.id,
              name: people.name,
              role: people.role,
              email: people.email,
              phone: people.phone,
              notes: people.notes,
              organisationId: people.organisationId,
              sectorId: people.sectorId,
              links: people.links,
            })
            .from(people)
            .where(
              and(
                eq(people.userId, userId),
                inArray(
                  people.id,
                  toRevert.map((u) => u.id),
                ),
              ),
            )
        : []
      ).map((p) => [p.id, p]),
    );
    const redo: NonNullable<UndoneCounts['redo']> = [];
    let reverted = 0;
    for (const u of toRevert) {
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
        .returning({ id: people.id, version: people.version });
      if (!back) continue;
      reverted += 1;
      const now = current.get(u.id);
      if (now) {
        const after = Object.fromEntries(Object.keys(u.before).map((key) => [key, now[key as keyof typeof now]])) as ImportedUpdate['before'];
        redo.push({ id: u.id, version: back.version, after, ...(u.topicsAdded?.length ? { topicsAdded: u.topicsAdded } : {}) });
      }
      if (u.topicsAdded?.length) {
        await tx.execute(sql`
          delete from person_topics pt using topics t
           where pt.user_id = ${userId}::uuid and pt.person_id = ${u.id}::uuid and t.user_id = ${userId}::uuid and t.id = pt.topic_id
             and t.normalised_name in (select jsonb_array_elements_text(${JSON.stringify(u.topicsAdded)}::jsonb))`);
      }
    }
    // The sectors it gave organisations that had none, where nobody has changed the organisation since.
    // Those it took back are kept with the record: a restore gives back those, and no sector the user cleared by hand.
    const sectorsTakenBack = record.sectorsLearnt.length
      ? (
          await rows<{ id: string }>(
            tx,
            sql`update organisations o set sector_id = null, version = o.version + 1, updated_at = now()
                  from jsonb_to_recordset(${JSON.stringify(record.sectorsLearnt)}::jsonb) as l(id uuid, "sectorId" uuid, version int)
                 where o.user_id = ${userId}::uuid and o.id = l.id and o.sector_id = l."sectorId" and o.version = l.version and o.deleted_at is null
                returning o.id::text`,
          )
        ).map((r) => r.id)
      : [];
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
      sectorsTakenBack,
      redo,
      removed: removed.length,
      reverted,
      kept: record.created.length + record.updated.length - removed.length - reverted,
      organisations: emptied.length,
    };
    await tx
      .update(importUndos)
      .set({ undone })
      .where(and(eq(importUndos.userId, userId), eq(importUndos.id, importId)));
    return { ...undoneView(undone), inDeleted: undone.removed };
  });
}

/** What bringing back an undone import's people did. */
export interface RestoredImport {
  /** People back from Deleted, with their organisations. */
  restored: number;
  /** People it had updated who have the import's values again (those changed since the undo keep theirs). */
  reapplied: number;
  /** People left in Deleted because someone with their email, or their name at their organisation, is in the contacts now (the file imported again, say). */
  skipped: number;
}

/**
 * Brings back together the people an undo sent to Deleted and still there (stillDeleted), with the organisations that
 * went with them, as restoring each from Deleted would, and the sectors the undo took back from organisations the
 * import had given one (where nobody has changed the organisation since). One who has a live twin now (liveTwin:
 * the file imported again after the undo) stays in Deleted rather than come back as a duplicate, and is counted. Those
 * it updated get its values again where nobody has changed them since the undo (redoUpdates). The import stays listed
 * as undone, with when it was brought back. Asked again, nobody is left to bring back. NotFoundError for an import not undone, another user's, or one past the
 * restore window.
 */
export async function restoreUndoneImport(userId: string, importId: string): Promise<RestoredImport> {
  return db.transaction(async (tx) => {
    const [record] = await tx
      .select()
      .from(importUndos)
      .where(and(eq(importUndos.userId, userId), eq(importUndos.id, importId), isNotNull(importUndos.undoneAt), deletedWithinWindow(importUndos.createdAt)))
      .for('update');
    if (!record?.undoneAt) throw new NotFoundError('This import has not been undone, or is too old to bring back.');
    // As an import does: a restore and an import (or two restores, from two tabs) of one user run one after the other,
    // so that each sees the people the other brought in, and none brings anyone back twice.
    await lockImports(tx, userId);
    // Those still in Deleted, each with whether someone live is them over again (liveTwin).
    const candidates = await rows<{ id: string; twin: boolean }>(
      tx,
      sql`select d.id::text, ${liveTwin(userId, sql`d`)} as twin
            from import_undos u
            cross join lateral (select p.id, p.email, p.name, p.organisation_id ${stillDeleted(userId, sql`u`)}) d
           where u.user_id = ${userId}::uuid and u.id = ${importId}::uuid`,
    );
    const ids = candidates.filter((c) => !c.twin).map((c) => c.id);
    const back = ids.length
      ? await rows<{ id: string; organisation_id: string | null }>(
          tx,
          sql`update people p set deleted_at = null, version = p.version + 1, updated_at = now()
                from import_undos u
               where u.user_id = ${userId}::uuid and u.id = ${importId}::uuid
                 and p.user_id = ${userId}::uuid and p.deleted_at = u.undone_at
                 and p.id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) x)
                 and not exists (select 1 from merges m where m.user_id = ${userId}::uuid and m.kind = 'person' and m.merged_id = p.id)
               returning p.id::text, p.organisation_id::text`,
        )
      : [];
    // Their organisations, where the undo (or anything since) removed them: back, or they are filed under the one that
    // has the name by now (bringBackOrganisation, one organisation at a time for all its people).
    const byOrganisation = new Map<string, string[]>();
    for (const p of back) if (p.organisation_id) byOrganisation.set(p.organisation_id, [...(byOrganisation.get(p.organisation_id) ?? []), p.id]);
    for (const [organisationId, people] of byOrganisation) await bringBackOrganisation(tx, userId, people, organisationId);
    const reapplied = await redoUpdates(tx, userId, record.undone?.redo ?? []);
    // The sectors the undo took back (those only, moved one version on by it); one changed since keeps its own.
    const takenBack = new Set(record.undone?.sectorsTakenBack ?? []);
    const learnt = record.sectorsLearnt.filter((l) => takenBack.has(l.id));
    if ((back.length || reapplied) && learnt.length) {
      await tx.execute(sql`
        update organisations o set sector_id = l."sectorId", version = o.version + 1, updated_at = now()
          from jsonb_to_recordset(${JSON.stringify(learnt)}::jsonb) as l(id uuid, "sectorId" uuid, version int)
         where o.user_id = ${userId}::uuid and o.id = l.id and o.sector_id is null and o.version = l.version + 1 and o.deleted_at is null
           and exists (select 1 from sectors s where s.user_id = ${userId}::uuid and s.id = l."sectorId" and s.deleted_at is null)`);
    }
    // What is left to redo is nothing now (those changed since keep theirs); when it was brought back, if anything was.
    await tx
      .update(importUndos)
      .set({
        undone:
          back.length || reapplied
            ? sql`${importUndos.undone} - 'redo'
                || jsonb_build_object('restoredAt', now(), 'reapplied', coalesce((${importUndos.undone}->>'reapplied')::int, 0) + ${reapplied}::int)`
            : sql`${importUndos.undone} - 'redo'`,
      })
      .where(and(eq(importUndos.userId, userId), eq(importUndos.id, importId)));
    return { restored: back.length, reapplied, skipped: candidates.length - ids.length };
  });
}

/**
 * Writes again what an import had written on those its undo gave back what they had, for each nobody has changed since
 * (still at the version the undo left), with the topics it had given them; an organisation the undo removed comes back
 * with them, and a sector deleted since is not given. Returns how many.
 */
async function redoUpdates(tx: Tx, userId: string, redo: NonNullable<UndoneCounts['redo']>): Promise<number> {
  if (!redo.length) return 0;
  const liveSectors = new Set(
    (
      await rows<{ id: string }>(
        tx,
        sql`select id::text from sectors where user_id = ${userId}::uuid and deleted_at is null
              and id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(redo.flatMap((r) => (r.after.sectorId ? [r.after.sectorId] : [])))}::jsonb) x)`,
      )
    ).map((r) => r.id),
  );
  let done = 0;
  const topics: { personId: string; topics: string[] }[] = [];
  for (const r of redo) {
    const { sectorId, organisationId, ...written } = r.after;
    // An email someone else has by now (added by hand since the undo) stays theirs: not written on a second person.
    const { email, ...rest } = written;
    const emailTaken =
      !!email &&
      (
        await rows<{ id: string }>(
          tx,
          sql`select id from people where user_id = ${userId}::uuid and deleted_at is null and id <> ${r.id}::uuid and lower(email) = lower(${email}) limit 1`,
        )
      ).length > 0;
    const after = email === undefined || emailTaken ? rest : { ...rest, email };
    // The organisation it filed them under, or the one it has been merged into since; none if it is gone for good.
    const organisation = organisationId ? await organisationNow(tx, userId, organisationId) : organisationId;
    const [again] = await tx
      .update(people)
      .set({
        ...after,
        ...(organisation === undefined ? {} : { organisationId: organisation }),
        ...(sectorId === undefined || (sectorId !== null && !liveSectors.has(sectorId)) ? {} : { sectorId }),
        version: sql`${people.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(people.userId, userId), eq(people.id, r.id), eq(people.version, r.version), isNull(people.deletedAt)))
      .returning({ id: people.id });
    if (!again) continue;
    done += 1;
    if (organisation) await bringBackOrganisation(tx, userId, [r.id], organisation);
    if (r.topicsAdded?.length) topics.push({ personId: r.id, topics: r.topicsAdded });
  }
  await addPersonTopics(tx, userId, topics);
  return done;
}

/**
 * The organisation `organisationId` is now: itself (live, or deleted: bringBackOrganisation brings it back), or the one
 * it was merged into, followed through later merges; undefined when it is no more (purged).
 */
async function organisationNow(tx: Tx, userId: string, organisationId: string): Promise<string | undefined> {
  let id = organisationId;
  for (let hops = 0; hops < 10; hops++) {
    const [o] = await rows<{ deleted: boolean; kept: string | null }>(
      tx,
      sql`select o.deleted_at is not null as deleted,
                 (select m.kept_id::text from merges m where m.user_id = ${userId}::uuid and m.kind = 'organisation' and m.merged_id = o.id
                   order by m.created_at desc limit 1) as kept
            from organisations o where o.user_id = ${userId}::uuid and o.id = ${id}::uuid`,
    );
    if (!o) return undefined;
    if (!o.deleted || !o.kept) return id;
    id = o.kept;
  }
  return undefined;
}

/** Forgets imports older than the restore window: they can no longer be undone. Run by the purge. */
export async function purgeExpiredImports(conn: DbOrTx, now?: Date): Promise<number> {
  const gone = await conn.delete(importUndos).where(deletedBeforeWindow(importUndos.createdAt, now)).returning({ id: importUndos.id });
  return gone.length;
}
