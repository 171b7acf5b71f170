import { and, asc, eq, getTableColumns, isNull, type Column } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { listFormerHandles } from '@/lib/auth/handles';
import { after, BACKUP_FORMAT, BACKUP_TABLES, BACKUP_VERSION, backupColumns, type BackupTable } from './tables';

const READ_BATCH = 1000;

/** The rows of one of the user's tables, READ_BATCH at a time in primary-key order: never the whole table at once. */
export async function* batchedRows(userId: string, t: BackupTable, batch = READ_BATCH): AsyncGenerator<Record<string, unknown>[]> {
  const columns = Object.fromEntries(backupColumns(t)) as Record<string, PgColumn>;
  const userIdColumn = getTableColumns(t.table).userId as Column;
  const live = t.liveOnly ? isNull(getTableColumns(t.table).deletedAt as Column) : undefined;
  const orderNames = t.order.map((c) => Object.entries(getTableColumns(t.table)).find(([, col]) => col === c)![0]);
  let last: unknown[] | null = null;
  for (;;) {
    const found: Record<string, unknown>[] = await db
      .select(columns)
      .from(t.table)
      .where(and(eq(userIdColumn, userId), live, last ? after(t.order, last) : undefined))
      .orderBy(...t.order.map((c) => asc(c)))
      .limit(batch);
    if (found.length === 0) return;
    yield found;
    if (found.length < batch) return;
    const end = found.at(-1)!;
    last = orderNames.map((n) => end[n]);
  }
}

/**
 * The whole account as a versioned JSON backup (`format: "rapport-backup"`, `version: 8`), produced piece by
 * piece so that a large account is never held in memory: each table is read in batches and written out as it
 * goes. Sessions, tokens and secrets are not in it; what the database derives (search texts, last met) is
 * recomputed on restore.
 */
export async function* backupChunks(userId: string): AsyncGenerator<string> {
  const [account] = await db
    .select({ name: users.name, email: users.email, handle: users.handle, timeZone: users.timeZone, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId));
  yield `{"format":${JSON.stringify(BACKUP_FORMAT)},"version":${BACKUP_VERSION},"exportedAt":${JSON.stringify(new Date().toISOString())},`;
  // The handles given up that still forward: restored with the posts, links shared under them keep working.
  const former = await listFormerHandles(userId);
  yield `"account":${JSON.stringify({ ...account, formerHandles: former })}`;
  for (const t of BACKUP_TABLES) {
    yield `,\n${JSON.stringify(t.key)}:[`;
    let first = true;
    for await (const rowsBatch of batchedRows(userId, t)) {
      const text = rowsBatch.map((r) => JSON.stringify(r)).join(',\n');
      yield (first ? '\n' : ',\n') + text;
      first = false;
    }
    yield ']';
  }
  yield '}\n';
}
