import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';

/**
 * For a bulk write (the seed, a large import): until this transaction commits, the people-search triggers only
 * note whom each statement touched, and one set-based refresh runs at commit (migration 0018) instead of one per
 * statement. Search results read inside the same transaction are stale until then; `select people_search_flush()` refreshes early.
 */
export async function deferSearch(tx: Tx): Promise<void> {
  await tx.execute(sql`set local rapport.defer_search = on`);
}
