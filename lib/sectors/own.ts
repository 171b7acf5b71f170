import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { sectors } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';

/** Throws NotFoundError unless the sector exists and belongs to the user. */
export async function assertOwnSector(conn: DbOrTx, userId: string, id: string): Promise<void> {
  const [row] = await conn
    .select({ id: sectors.id })
    .from(sectors)
    .where(and(eq(sectors.userId, userId), eq(sectors.id, id), isNull(sectors.deletedAt)));
  if (!row) throw new NotFoundError('That sector was not found.');
}
