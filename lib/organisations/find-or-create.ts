import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import { organisations } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';

/**
 * The one rule for naming an organisation: runs of white space fold to one space and the ends are trimmed; a
 * name matches a live (not deleted) organisation of the user's in any case, or, failing that, one it was merged
 * into (the merged name is among that organisation's aliases).
 */
const fold = (name: string): string => name.replace(/\s+/g, ' ').trim();

/**
 * Whether organisation `o` (a row alias in the caller's SQL) was merged into from an organisation named `name`
 * (an SQL expression, compared without regard to case). Only organisations with aliases are looked at: a partial
 * index holds them, so the lookup does not read the user's every organisation.
 */
export const hasAlias = (o: SQL, name: SQL) =>
  sql`(jsonb_array_length(${o}.aliases) > 0 and exists (select 1 from jsonb_array_elements_text(${o}.aliases) a where lower(a) = lower(${name})))`;

/** The user's live organisation called `name`, else the one `name` was merged into (by name first). */
async function knownAs(conn: DbOrTx, userId: string, name: string): Promise<{ id: string; sectorId: string | null } | undefined> {
  const [row] = await rows<{ id: string; sector_id: string | null }>(
    conn,
    sql`(select o.id, o.sector_id, 0 as pick from organisations o
          where o.user_id = ${userId}::uuid and o.deleted_at is null and lower(o.name) = lower(${name}))
        union all
        (select o.id, o.sector_id, 1 from organisations o
          where o.user_id = ${userId}::uuid and o.deleted_at is null and ${hasAlias(sql`o`, sql`${name}::text`)}
          order by o.id limit 1)
        order by pick limit 1`,
  );
  return row ? { id: row.id, sectorId: row.sector_id } : undefined;
}

/**
 * The user's organisation with this name, created when new. With a sector, an organisation that has none learns
 * it (the first time someone from it is filed under one); one that has a sector keeps it. Answers its id and
 * its sector after the call.
 */
export async function findOrCreateOrganisation(
  conn: DbOrTx,
  userId: string,
  name: string,
  sectorId: string | null = null,
): Promise<{ id: string; sectorId: string | null }> {
  const clean = fold(name);
  let row = await knownAs(conn, userId, clean);
  if (!row) {
    const [created] = await conn
      .insert(organisations)
      .values({ userId, name: clean, sectorId })
      .onConflictDoNothing()
      .returning({ id: organisations.id, sectorId: organisations.sectorId });
    // Not inserted: another save made it just now, and its row is the one to use.
    row = created ?? (await knownAs(conn, userId, clean));
  }
  if (!row) throw new Error('organisation vanished after insert');
  if (row.sectorId || !sectorId) return row;
  await conn
    .update(organisations)
    .set({ sectorId, updatedAt: new Date() })
    .where(and(eq(organisations.id, row.id), eq(organisations.userId, userId), isNull(organisations.sectorId)));
  return { id: row.id, sectorId };
}

/**
 * The batch form of findOrCreateOrganisation, with the same naming rule (no sector learning): an import of
 * 10,000 cards from 1,500 firms makes three statements here instead of 3,000 round trips. Answers lower-cased
 * folded name → id.
 */
export async function findOrCreateOrganisations(conn: DbOrTx, userId: string, names: string[]): Promise<Map<string, string>> {
  const clean = [...new Set(names.map(fold).filter(Boolean))];
  if (clean.length === 0) return new Map();
  const ids = new Map([...(await organisationsByName(conn, userId, clean))].map(([key, o]) => [key, o.id]));
  const missing = clean.filter((n) => !ids.has(n.toLowerCase()));
  if (missing.length === 0) return ids;
  const list = JSON.stringify(missing);
  await conn.execute(sql`
    insert into organisations (user_id, name)
    select ${userId}::uuid, n from jsonb_array_elements_text(${list}::jsonb) as t(n)
    on conflict do nothing`);
  const found = await rows<{ id: string; name: string }>(
    conn,
    sql`select o.id::text, lower(o.name) as name from organisations o
         where o.user_id = ${userId}::uuid and o.deleted_at is null
           and lower(o.name) in (select lower(n) from jsonb_array_elements_text(${list}::jsonb) as t(n))`,
  );
  for (const o of found) ids.set(o.name, o.id);
  return ids;
}

/**
 * For each of these names (folded, any case) the user's live organisation called so, else the one it was merged
 * into: lower-cased name → the organisation's id, own name and sector's name. One statement for any number.
 */
export async function organisationsByName(
  conn: DbOrTx,
  userId: string,
  names: string[],
): Promise<Map<string, { id: string; name: string; sector: string | null }>> {
  const keys = [...new Set(names.map((n) => fold(n).toLowerCase()).filter(Boolean))];
  if (keys.length === 0) return new Map();
  const list = sql`array(select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`;
  const found = await rows<{ key: string; id: string; name: string; sector: string | null; by_name: boolean }>(
    conn,
    sql`select lower(o.name) as key, o.id::text, o.name, s.name as sector, true as by_name from organisations o
          left join sectors s on s.id = o.sector_id and s.user_id = ${userId}::uuid
         where o.user_id = ${userId}::uuid and o.deleted_at is null and lower(o.name) = any(${list})
        union all
        select lower(a.alias), o.id::text, o.name, s.name, false from organisations o
          cross join jsonb_array_elements_text(o.aliases) a(alias)
          left join sectors s on s.id = o.sector_id and s.user_id = ${userId}::uuid
         where o.user_id = ${userId}::uuid and o.deleted_at is null and jsonb_array_length(o.aliases) > 0
           and lower(a.alias) = any(${list})`,
  );
  const out = new Map<string, { id: string; name: string; sector: string | null }>();
  for (const r of found) if (r.by_name || !out.has(r.key)) out.set(r.key, { id: r.id, name: r.name, sector: r.sector });
  return out;
}

/** Throws NotFoundError unless the organisation exists and belongs to the user. */
export async function assertOwnOrganisation(conn: DbOrTx, userId: string, id: string): Promise<void> {
  const [row] = await conn
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.userId, userId), eq(organisations.id, id), isNull(organisations.deletedAt)));
  if (!row) throw new NotFoundError('That organisation was not found.');
}

/** The id of the user's live organisation with this name (folded, any case), else the one it was merged into, or null. */
export async function findOrganisationByName(userId: string, name: string): Promise<string | null> {
  return (await knownAs(db, userId, fold(name)))?.id ?? null;
}
