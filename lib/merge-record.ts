import { and, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { db, type DbOrTx, type Tx } from '@/db/client';
import { jsonValue, rows } from '@/db/rows';
import { encounters, merges, organisations, sectors, topics, type MergeKind, type MergeRow } from '@/db/schema';
import { deletedBeforeWindow, deletedWithinWindow } from '@/lib/restore-window';
import { isUniqueViolation, NotFoundError, pgError, UserFacingError } from '@/lib/errors';

/** A whole row as Postgres sees it (snake_case keys), kept in a merge's snapshot so undo can put it back as it was. */
export type RowJson = Record<string, unknown> & { id: string };

/** The tables a merge snapshots; names from here only, never from input. */
type Snapshotted = 'people' | 'organisations' | 'sectors' | 'encounters';

/** The user's rows of `table` with these ids, whole, as JSON. */
export async function rowsAsJson(tx: DbOrTx, table: Snapshotted, userId: string, ids: string[]): Promise<RowJson[]> {
  if (ids.length === 0) return [];
  const found = await rows<{ j: RowJson }>(
    tx,
    sql`select to_jsonb(t) as j from ${sql.raw(table)} t
         where t.user_id = ${userId}::uuid and t.id in (${sql.join(
           ids.map((id) => sql`${id}::uuid`),
           sql`, `,
         )})
         order by t.id`,
  );
  return found.map((r) => jsonValue(r.j));
}

/**
 * Brings back an organisation or sector a merge set aside (`deleted_at` set): the same row, every column as it was.
 * A merge recorded before merges kept the row (it was deleted then) is put back from its snapshot instead. A live
 * one with the same name since is a clear refusal.
 */
export async function bringBackMerged(tx: Tx, table: 'organisations' | 'sectors', userId: string, row: RowJson, what: string): Promise<void> {
  try {
    const back = await tx.transaction((sp) =>
      rows<{ id: string }>(
        sp,
        sql`update ${sql.raw(table)} set deleted_at = null
             where user_id = ${userId}::uuid and id = ${row.id}::uuid and deleted_at is not null returning id`,
      ),
    );
    if (back.length === 1) return;
  } catch (err) {
    if (isUniqueViolation(err)) throw new UserFacingError(`This merge can no longer be undone: you now have another ${what} with that name.`, 409);
    throw err;
  }
  await reinsertRow(tx, table, { ...row, deleted_at: null }, what);
}

/** The tables a merge may put a row back into, by their SQL names. */
const REINSERTED = { organisations, sectors, encounters, topics } as const;

/**
 * Puts back a row removed by a merge, every column as it was; a clash with what exists now is a clear refusal. A
 * column the row's snapshot does not hold (added to the table after the merge was recorded) takes its default.
 */
export async function reinsertRow(tx: Tx, table: keyof typeof REINSERTED, row: RowJson, what: string): Promise<void> {
  const columns = Object.values(getTableColumns(REINSERTED[table]))
    // The schema's keys are camelCase; the database's columns (and the snapshot's keys) are snake_case.
    .map((c) => toSnakeCase(c.name))
    .filter((name) => name in row);
  const list = sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  try {
    // A savepoint, so a refusal leaves the caller's transaction usable for the error path.
    await tx.transaction((sp) =>
      sp.execute(
        sql`insert into ${sql.identifier(table)} (${list})
            select ${list} from jsonb_populate_record(null::${sql.identifier(table)}, ${JSON.stringify(row)}::jsonb)`,
      ),
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw new UserFacingError(`This merge can no longer be undone: you now have another ${what} with that name.`, 409);
    if (pgError(err)?.code === '23503') throw new UserFacingError(`This merge can no longer be undone: something ${what} was linked to has been removed.`, 409);
    throw err;
  }
}

/** Records a merge for undo; answers its id. */
export async function recordMerge(
  tx: Tx,
  userId: string,
  kind: MergeKind,
  keptId: string,
  mergedId: string,
  snapshot: Record<string, unknown>,
): Promise<string> {
  const [row] = await tx.insert(merges).values({ userId, kind, keptId, mergedId, snapshot }).returning({ id: merges.id });
  return row!.id;
}

/** One of the user's merges still within the restore window, locked until the transaction ends; else NotFoundError. */
export async function takeMerge(tx: Tx, userId: string, mergeId: string, kind?: MergeKind): Promise<MergeRow> {
  const [row] = await tx
    .select()
    .from(merges)
    .where(and(eq(merges.userId, userId), eq(merges.id, mergeId), deletedWithinWindow(merges.createdAt), kind ? eq(merges.kind, kind) : undefined))
    .for('update');
  if (!row) throw new NotFoundError('That merge was not found, or can no longer be undone.');
  return row;
}

/** Forgets a merge (after it was undone). */
export async function dropMerge(tx: Tx, userId: string, mergeId: string): Promise<void> {
  await tx.delete(merges).where(and(eq(merges.userId, userId), eq(merges.id, mergeId)));
}

/** The user's merges that can still be undone, newest first. */
export async function listRecentMerges(userId: string, limit = 50): Promise<MergeRow[]> {
  return db
    .select()
    .from(merges)
    .where(and(eq(merges.userId, userId), deletedWithinWindow(merges.createdAt)))
    .orderBy(desc(merges.createdAt))
    .limit(limit);
}

/**
 * Forgets merges made before the restore window began (one user's, or everyone's with 'all'): called by the
 * purge in the same transaction that removes the merged-away people for good, so undo never points at nothing.
 */
export async function purgeExpiredMerges(tx: DbOrTx, scope: { userId: string } | 'all'): Promise<number> {
  const who: SQL | undefined = scope === 'all' ? undefined : eq(merges.userId, scope.userId);
  const gone = await tx
    .delete(merges)
    .where(and(who, deletedBeforeWindow(merges.createdAt)))
    .returning({ id: merges.id });
  return gone.length;
}
