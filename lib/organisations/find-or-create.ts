import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import { organisations } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';

/**
 * The one rule for naming an organisation: runs of white space fold to one space and the ends are trimmed; a
 * name matches a live (not deleted) organisation of the user's in any case, or, failing that, one it was merged
 * into (the merged name is among that organisation's aliases; if two have it, the older one).
 */
export const foldName = (name: string): string => name.replace(/\s+/g, ' ').trim();

/**
 * Whether a name merged into organisation `o` (a row alias in the caller's SQL) passes `test`, given each alias
 * lower-cased as `a`. Only organisations with aliases are looked at: a partial index holds them, so the lookup
 * does not read the user's every organisation.
 */
const anyAlias = (o: SQL, test: SQL) =>
  sql`(jsonb_array_length(${o}.aliases) > 0 and exists (select 1 from jsonb_array_elements_text(${o}.aliases) x(alias), lower(x.alias) a where ${test}))`;

/** Whether organisation `o` was merged into from one named `name` (an SQL text expression; any case). */
const hasAlias = (o: SQL, name: SQL) => anyAlias(o, sql`a = lower(${name})`);

/** Whether a name merged into organisation `o` contains `text` (any case): for searches. */
export const aliasContains = (o: SQL, text: string) => anyAlias(o, sql`strpos(a, lower(${text})) > 0`);

/**
 * SQL: the one organisation of the user's that `name` (an SQL text expression) means, as a row of id, name and
 * sector_id, or no row: by its own name, else by a name merged into it. Every lookup by name goes through here.
 */
const knownAsSql = (userId: string, name: SQL) => sql`
  select k.id, k.name, k.sector_id from (
    select o.id, o.name, o.sector_id, 0 as pick from organisations o
     where o.user_id = ${userId}::uuid and o.deleted_at is null and lower(o.name) = lower(${name})
    union all
    select o.id, o.name, o.sector_id, 1 from organisations o
     where o.user_id = ${userId}::uuid and o.deleted_at is null and ${hasAlias(sql`o`, name)}
  ) k order by k.pick, k.id limit 1`;

/** SQL: the id of the organisation `name` (an SQL text expression) means, or null (see knownAsSql). */
export const organisationIdKnownAs = (userId: string, name: SQL) => sql`(select x.id from (${knownAsSql(userId, name)}) x)`;

/**
 * The user's live organisation called `name`, else the one `name` was merged into, held (FOR KEY SHARE, as a
 * foreign key holds what it points at) until the caller's transaction ends: a merge or delete of it (FOR UPDATE)
 * waits for the save that files someone there, and then moves them too, rather than leaving them filed under an
 * organisation merged away. Not FOR SHARE: two saves that each hold it and then give it a sector would deadlock.
 */
export async function knownAs(conn: DbOrTx, userId: string, name: string): Promise<{ id: string; sectorId: string | null } | undefined> {
  const held = () =>
    rows<{ id: string; sector_id: string | null }>(
      conn,
      sql`select o.id, o.sector_id from organisations o
           where o.user_id = ${userId}::uuid and o.deleted_at is null and o.id = ${organisationIdKnownAs(userId, sql`${name}::text`)}
           for key share`,
    );
  // No row: no organisation has the name, or the one it named was merged away while this waited for its lock (the
  // lock then finds it removed). A second look, in a snapshot taken after that merge, finds the one it went into.
  const [first] = await held();
  const row = first ?? (await held())[0];
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
  const clean = foldName(name);
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
 * 10,000 cards from 1,500 firms makes three statements here instead of 3,000 round trips. Answers each folded name
 * (as given: the keys are not lower-cased in JavaScript, whose case rules are not always PostgreSQL's) → id.
 */
export async function findOrCreateOrganisations(conn: DbOrTx, userId: string, names: string[], made?: string[]): Promise<Map<string, string>> {
  const clean = [...new Set(names.map(foldName).filter(Boolean))];
  if (clean.length === 0) return new Map();
  const ids = await heldByName(conn, userId, clean);
  const missing = clean.filter((n) => !ids.has(n));
  if (missing.length === 0) return ids;
  const list = JSON.stringify(missing);
  const inserted = await rows<{ id: string }>(
    conn,
    sql`insert into organisations (user_id, name)
        select ${userId}::uuid, n from jsonb_array_elements_text(${list}::jsonb) as t(n)
        on conflict do nothing
        returning id::text`,
  );
  made?.push(...inserted.map((r) => r.id));
  for (const [key, id] of await heldByName(conn, userId, missing)) ids.set(key, id);
  return ids;
}

/**
 * organisationsByName's ids, each held (FOR KEY SHARE) until the caller's transaction ends, as knownAs holds one. A name
 * whose organisation was merged away while this waited for it is looked up once more, after that merge.
 */
async function heldByName(conn: DbOrTx, userId: string, names: string[]): Promise<Map<string, string>> {
  const look = async (keys: string[]) => {
    const found = new Map([...(await organisationsByName(conn, userId, keys))].map(([key, o]) => [key, o.id]));
    const held = await rows<{ id: string }>(
      conn,
      sql`select id::text from organisations
           where user_id = ${userId}::uuid and deleted_at is null
             and id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify([...new Set(found.values())])}::jsonb) x)
           order by id for key share`,
    );
    const live = new Set(held.map((r) => r.id));
    return { found, lost: [...found].filter(([, id]) => !live.has(id)).map(([key]) => key) };
  };
  const { found, lost } = await look(names);
  if (lost.length === 0) return found;
  for (const key of lost) found.delete(key);
  const again = await look(lost);
  for (const [key, id] of again.found) if (!again.lost.includes(key)) found.set(key, id);
  return found;
}

/**
 * For each of these names the user's organisation it means (knownAsSql): folded name (as given) → the
 * organisation's id, own name and sector's name. One statement for any number of names.
 */
export async function organisationsByName(
  conn: DbOrTx,
  userId: string,
  names: string[],
): Promise<Map<string, { id: string; name: string; sector: string | null }>> {
  const keys = [...new Set(names.map(foldName).filter(Boolean))];
  if (keys.length === 0) return new Map();
  const found = await rows<{ key: string; id: string; name: string; sector: string | null }>(
    conn,
    sql`select w.n as key, k.id::text, k.name, s.name as sector
          from jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb) w(n)
          cross join lateral (${knownAsSql(userId, sql`w.n`)}) k
          left join sectors s on s.id = k.sector_id and s.user_id = ${userId}::uuid`,
  );
  return new Map(found.map((r) => [r.key, { id: r.id, name: r.name, sector: r.sector }]));
}

/** Throws NotFoundError unless the organisation exists and belongs to the user; holds it (FOR KEY SHARE, as knownAs). */
export async function assertOwnOrganisation(conn: DbOrTx, userId: string, id: string): Promise<void> {
  const [row] = await conn
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.userId, userId), eq(organisations.id, id), isNull(organisations.deletedAt)))
    // Held until the caller's transaction ends, as knownAs holds one found by name.
    .for('key share');
  if (!row) throw new NotFoundError('That organisation was not found.');
}

/**
 * The id of the user's live organisation with this very name (folded, any case), or null. Not one merged into it: a
 * merge names the organisation to merge by its own name, and an old name must not merge a differently named one.
 */
export async function findOrganisationByName(userId: string, name: string): Promise<string | null> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.userId, userId), isNull(organisations.deletedAt), sql`lower(${organisations.name}) = lower(${foldName(name)})`));
  return row?.id ?? null;
}
