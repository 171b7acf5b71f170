import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';

/** The tables whose rows a form saves with the version it read. Names from here only, never from input. */
type Versioned = 'people' | 'events';

/**
 * Some forms name things by name, not by id: a person's and an evening's topics (and those of each person at it), and a
 * person's organisation. Renaming or merging one of them changes what those forms show without changing the rows they
 * save, so a copy opened before it (on another device, or an offline save sent later) would pass its version check and
 * save the old name back: a topic or organisation of that name would be found or made again, and the rename or merge
 * quietly undone for that row. So the rows whose forms show the name get a new version in the same transaction, and
 * such a copy is refused as changed elsewhere, with what was typed kept, as for any other edit made meanwhile.
 *
 * Each entry is a query of the ids of that table's rows, all of them the user's.
 */
export async function outdateForms(tx: Tx, userId: string, showing: Partial<Record<Versioned, SQL>>): Promise<void> {
  for (const [table, ids] of Object.entries(showing) as [Versioned, SQL | undefined][]) {
    if (!ids) continue;
    await tx.execute(sql`update ${sql.raw(table)} set version = version + 1 where user_id = ${userId}::uuid and id in (${ids})`);
  }
}
