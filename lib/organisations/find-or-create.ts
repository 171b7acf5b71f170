import { and, eq, isNull, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { organisations } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';

/** The user's organisation with this name (case-insensitive), created when new. */
export async function findOrCreateOrganisation(conn: DbOrTx, userId: string, name: string): Promise<string> {
  const clean = name.replace(/\s+/g, ' ').trim();
  await conn.insert(organisations).values({ userId, name: clean }).onConflictDoNothing();
  const [row] = await conn
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.userId, userId), isNull(organisations.deletedAt), sql`lower(${organisations.name}) = lower(${clean})`));
  if (!row) throw new Error('organisation vanished after insert');
  return row.id;
}

/** Throws NotFoundError unless the organisation exists and belongs to the user. */
export async function assertOwnOrganisation(conn: DbOrTx, userId: string, id: string): Promise<void> {
  const [row] = await conn
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.userId, userId), eq(organisations.id, id), isNull(organisations.deletedAt)));
  if (!row) throw new NotFoundError('That organisation was not found.');
}

/** The id of the user's organisation with exactly this name (any case), or null. */
export async function findOrganisationByName(userId: string, name: string): Promise<string | null> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(eq(organisations.userId, userId), isNull(organisations.deletedAt), sql`lower(${organisations.name}) = lower(${name.replace(/\s+/g, ' ').trim()})`),
    );
  return row?.id ?? null;
}
