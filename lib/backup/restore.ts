import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { db, type Tx } from '@/db/client';
import { rows } from '@/db/rows';
import { users } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { lockImports, type ImportSummary } from '@/lib/import/apply';
import { backupColumns, backupSchema, BACKUP_TABLES, type Backup, type BackupTable } from './tables';
import { isTimeZone } from '@/lib/dates';
import { adoptHandles } from '@/lib/auth/handles';
import { joinList } from '@/lib/posts/english';

const BATCH = 500;

/**
 * What a restore did. `notes` names each row written otherwise than the backup has it, and why
 * (`posts 3, status: … restored as a draft …`), so the user can put it right. `skippedBy` says what the skipped
 * rows were, by table (`{ sectors: 12 }`: the account's default sectors, found by name), tables with none left out.
 */
export interface RestoreSummary extends ImportSummary {
  notes: string[];
  skippedBy: Record<string, number>;
}

/** Checks a parsed JSON value as a backup; zod's issues name the table, row and column (`people.12.email`). */
export function parseBackup(value: unknown) {
  return backupSchema.safeParse(value);
}

async function existingIds(tx: Tx, table: string, ids: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const got = await rows<{ id: string; user_id: string }>(
      tx,
      sql`select id::text, user_id::text from ${sql.identifier(table)} where id = any(${sql`array[${sql.join(
        chunk.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`})`,
    );
    for (const g of got) found.set(g.id, g.user_id);
  }
  return found;
}

async function naturalIds(tx: Tx, userId: string, table: string, t: BackupTable): Promise<Map<string, string>> {
  const column = getTableConfig(t.table).columns.find((c) => c.name === t.natural!.column || c.name === snake(t.natural!.column))!;
  const expr = t.natural!.sql(`t."${snake(column.name)}"`);
  const live = t.liveOnly ? sql`and t.deleted_at is null` : sql``;
  // A name merged into a row means that row, as it does for everything typed in (lib/organisations/find-or-create.ts,
  // lib/topics/queries.ts): a backup from before a merge, or another account's, does not make the merged one anew.
  // Later keys win: aliases of newer rows first, then older, then every row's own name.
  const merged = t.natural!.aliases
    ? sql`select t.id, ${sql.raw(t.natural!.sql('a.alias'))} as k, 0 as pick from ${sql.identifier(table)} t
            cross join jsonb_array_elements_text(t.aliases) a(alias)
           where t.user_id = ${userId}::uuid ${live} union all `
    : sql``;
  const got = await rows<{ id: string; k: string }>(
    tx,
    sql`select x.id::text, x.k from (${merged}select t.id, ${sql.raw(expr)} as k, 1 as pick from ${sql.identifier(table)} t
         where t.user_id = ${userId}::uuid ${live}) x order by x.pick, x.id desc`,
  );
  return new Map(got.map((g) => [g.k, g.id]));
}

/**
 * The id a row gets in this account when its own is another account's: the same every time for the same account,
 * table and id, so that restoring the same backup again finds the row it made and makes no second one. A UUID
 * (version 8, name-based) from the sha-256 of the three.
 */
function restoredId(userId: string, table: string, id: string): string {
  const h = createHash('sha256').update(`${userId}\n${table}\n${id}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const naturalValue = (t: BackupTable, row: Record<string, unknown>) => {
  const v = String(row[t.natural!.column] ?? '');
  return t.natural!.sql('x') === 'x' ? v : v.toLowerCase();
};

/**
 * Restores a backup into the user's account, in one transaction (all or nothing). Ids are kept where they are
 * free, so that restoring the same backup twice finds its rows already there and creates nothing; an id taken
 * by another account gets a new one derived from it (the same on every restore, so again nothing is made twice),
 * and every reference follows it. A sector, organisation, topic or post
 * slug the account already has by name is that row (a new account's default sectors, say). Search texts,
 * last-met dates and effective sectors are computed again, as for people added by hand.
 */
export async function restoreBackup(userId: string, backup: Backup, opts: { dryRun?: boolean } = {}): Promise<RestoreSummary> {
  try {
    return await restoreIn(userId, backup, opts);
  } catch (err) {
    if (err instanceof DryRun) return err.summary;
    throw err;
  }
}

/** Thrown to roll a dry run back once it has counted what it would write. */
class DryRun extends Error {
  constructor(readonly summary: RestoreSummary) {
    super('dry run');
  }
}

async function restoreIn(userId: string, backup: Backup, opts: { dryRun?: boolean }): Promise<RestoreSummary> {
  return db.transaction(async (tx) => {
    await lockImports(tx, userId);
    const idMaps: Record<string, Map<string, string>> = {};
    let created = 0;
    const skippedBy: Record<string, number> = {};
    const notes: string[] = [];
    for (const t of BACKUP_TABLES) {
      const skip = (n: number) => {
        if (n > 0) skippedBy[t.key] = (skippedBy[t.key] ?? 0) + n;
      };
      const list = ((backup as Record<string, unknown>)[t.key] ?? []) as Record<string, unknown>[];
      const tableName = getTableConfig(t.table).name;
      const map = (idMaps[t.key] = new Map<string, string>());
      const hasId = backupColumns(t).some(([name]) => name === 'id');
      const taken = hasId
        ? await existingIds(
            tx,
            tableName,
            list.map((r) => String(r.id)),
          )
        : new Map<string, string>();
      const byNatural = t.natural ? await naturalIds(tx, userId, tableName, t) : new Map<string, string>();
      // Rows whose id another account has get an id derived from it; one this account has already is that row.
      const moved = new Map(hasId ? [...taken].filter(([, owner]) => owner !== userId).map(([id]) => [id, restoredId(userId, tableName, id)]) : []);
      const movedTaken = moved.size > 0 ? await existingIds(tx, tableName, [...moved.values()]) : new Map<string, string>();
      const inserts: Record<string, unknown>[] = [];
      for (const [index, row] of list.entries()) {
        const copy: Record<string, unknown> = { ...(t.normalise ? t.normalise(row) : row), userId };
        for (const [column, target] of Object.entries(t.refs)) {
          const v = row[column];
          if (typeof v === 'string') copy[column] = idMaps[target]!.get(v) ?? null;
        }
        if (hasId) {
          const id = String(row.id);
          const natural = t.natural ? byNatural.get(naturalValue(t, row)) : undefined;
          const movedTo = moved.get(id);
          const mine = taken.get(id) === userId ? id : movedTo && movedTaken.get(movedTo) === userId ? movedTo : undefined;
          if (mine || natural) {
            map.set(id, natural ?? mine!);
            skip(1);
            continue;
          }
          // A derived id some other account has (by a chance no one will see) gets a random one.
          const fresh = movedTo ? (movedTaken.has(movedTo) ? randomUUID() : movedTo) : id;
          map.set(id, fresh);
          copy.id = fresh;
        } else if (Object.entries(t.refs).some(([column]) => copy[column] === null)) {
          continue;
        } else if (new Set(Object.keys(t.refs).map((c) => copy[c])).size < Object.keys(t.refs).length) {
          // A pair whose two sides are one record here (two organisations said to be two, merged since in this
          // account, both matched to the one by name): there is no pair left to keep apart.
          skip(1);
          continue;
        }
        const { row: ready, note } = t.settle ? await t.settle(tx, userId, copy) : { row: copy, note: undefined };
        if (note) notes.push(`${t.key} ${index + 1}, ${note.column}: ${note.message}`);
        inserts.push(ready);
      }
      for (let i = 0; i < inserts.length; i += BATCH) {
        const done = await tx
          .insert(t.table)
          .values(inserts.slice(i, i + BATCH) as never)
          .onConflictDoNothing()
          .returning({ one: sql<number>`1` });
        created += done.length;
        skip(inserts.slice(i, i + BATCH).length - done.length);
      }
    }
    const a = backup.account;
    if ((a?.timeZone && isTimeZone(a.timeZone)) || a?.locale) {
      await tx
        .update(users)
        .set({ ...(a.timeZone && isTimeZone(a.timeZone) ? { timeZone: a.timeZone } : {}), ...(a.locale ? { locale: a.locale } : {}), updatedAt: new Date() })
        .where(eq(users.id, userId));
    }
    // Links shared to the posts restored: the handles they were public under lead here now, where no one else has them.
    // Only when a post of the backup was published, as the restore left it (not as the file says).
    const postIds = [...(idMaps.posts?.values() ?? [])];
    const [published] = postIds.length
      ? await rows<{ one: number }>(
          tx,
          sql`select 1 as one from posts where user_id = ${userId}::uuid and published_at is not null
                and id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(postIds)}::jsonb) x) limit 1`,
        )
      : [];
    if (published) {
      // One another account holds is passed by without a word: restoring into a second account beside the first is
      // as likely as a move to a server where a stranger took it, and the restore cannot tell the two apart.
      const adopted = await adoptHandles(
        tx,
        userId,
        [a?.handle, ...(a?.formerHandles ?? [])].filter((h) => typeof h === 'string'),
      );
      if (adopted.length) notes.push(`Links to your posts at ${joinList(adopted.map((h) => `/u/${h}`))} now lead to them here.`);
    }
    const skipped = Object.values(skippedBy).reduce((sum, n) => sum + n, 0);
    const summary = { created, updated: 0, skipped, skippedBy, errors: [], notes };
    if (opts.dryRun) throw new DryRun(summary);
    return summary;
  });
}
