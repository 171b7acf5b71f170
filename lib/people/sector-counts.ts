import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';

/**
 * How many people the user has in each sector ("" for none): kept in people_stats while no one has changed since
 * they were counted, else counted through people_user_effective_sector_count_idx and kept. The count is kept only
 * if nothing changed meanwhile (the version it was read at is still current), so a racing write is never hidden.
 */
export async function peoplePerSector(conn: DbOrTx, userId: string): Promise<Record<string, number>> {
  const [kept] = await rows<{ version: number | string; counted_version: number | string | null; sector_counts: Record<string, number> | null }>(
    conn,
    sql`select version, counted_version, sector_counts from people_stats where user_id = ${userId}::uuid`,
  );
  const version = Number(kept?.version ?? 0);
  if (kept?.sector_counts && kept.counted_version !== null && Number(kept.counted_version) === version) return kept.sector_counts;
  const counted = await rows<{ sector_id: string | null; n: number | string }>(
    conn,
    sql`select p.effective_sector_id as sector_id, count(*) as n from people p
         where p.user_id = ${userId}::uuid and p.deleted_at is null group by 1`,
  );
  const counts = Object.fromEntries(counted.map((c) => [c.sector_id ?? '', Number(c.n)]));
  await conn.execute(sql`
    insert into people_stats (user_id, version, counted_version, sector_counts)
    values (${userId}::uuid, ${version}, ${version}, ${JSON.stringify(counts)}::jsonb)
    on conflict (user_id) do update set counted_version = excluded.counted_version, sector_counts = excluded.sector_counts
     where people_stats.version = excluded.counted_version`);
  return counts;
}
