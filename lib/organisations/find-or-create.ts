import { and, eq, isNull, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import { organisations } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';

/**
 * The one rule for naming an organisation: runs of white space fold to one space and the ends are trimmed; a
 * name matches a live (not deleted) organisation of the user's in any case.
 */
const fold = (name: string): string => name.replace(/\s+/g, ' ').trim();
const sameName = (name: string) => sql`lower(${organisations.name}) = lower(${fold(name)})`;

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
  await conn.insert(organisations).values({ userId, name: clean, sectorId }).onConflictDoNothing();
  const [row] = await conn
    .select({ id: organisations.id, sectorId: organisations.sectorId })
    .from(organisations)
    .where(and(eq(organisations.userId, userId), isNull(organisations.deletedAt), sameName(clean)));
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
 * 10,000 cards from 1,500 firms makes two statements here instead of 3,000 round trips. Answers lower-cased
 * folded name → id.
 */
export async function findOrCreateOrganisations(conn: DbOrTx, userId: string, names: string[]): Promise<Map<string, string>> {
  const clean = [...new Set(names.map(fold).filter(Boolean))];
  if (clean.length === 0) return new Map();
  const list = JSON.stringify(clean);
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
  return new Map(found.map((o) => [o.name, o.id]));
}

/** Throws NotFoundError unless the organisation exists and belongs to the user. */
export async function assertOwnOrganisation(conn: DbOrTx, userId: string, id: string): Promise<void> {
  const [row] = await conn
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.userId, userId), eq(organisations.id, id), isNull(organisations.deletedAt)));
  if (!row) throw new NotFoundError('That organisation was not found.');
}

/** The id of the user's live organisation with this name (folded, any case), or null. */
export async function findOrganisationByName(userId: string, name: string): Promise<string | null> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.userId, userId), isNull(organisations.deletedAt), sameName(name)));
  return row?.id ?? null;
}
