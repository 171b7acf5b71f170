import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { NotFoundError } from '@/lib/errors';

/** The pair in the order the tables keep it (the smaller id first), so one pair is one row whichever way it was said. */
export function ordered(x: string, y: string): [string, string] {
  // Postgres orders uuids by their bytes: as their lower-case text.
  const [a, b] = [x.toLowerCase(), y.toLowerCase()];
  return a < b ? [a, b] : [b, a];
}

/**
 * "Not the same" answers about pairs of a user's records (people, organisations): `mark` keeps two records that look
 * alike from being offered as one again, `unmark` is its undo. The pairs table holds (user_id, `first`, `second`),
 * the smaller id first; `records` is the table both ids are in.
 */
export function answeredPairs(cfg: { pairs: string; records: string; first: string; second: string }) {
  const [pairs, records, first, second] = [cfg.pairs, cfg.records, cfg.first, cfg.second].map((n) => sql.identifier(n));
  return {
    /** Both must be the user's and live (held until the answer is written); saying it twice is saying it once. */
    async mark(userId: string, x: string, y: string): Promise<void> {
      if (x.toLowerCase() === y.toLowerCase()) throw new NotFoundError();
      const [a, b] = ordered(x, y);
      await db.transaction(async (tx) => {
        const found = await rows<{ id: string }>(
          tx,
          sql`select id from ${records} where user_id = ${userId}::uuid and id in (${a}::uuid, ${b}::uuid) and deleted_at is null order by id for share`,
        );
        if (found.length !== 2) throw new NotFoundError();
        await tx.execute(sql`insert into ${pairs} (user_id, ${first}, ${second}) values (${userId}::uuid, ${a}::uuid, ${b}::uuid) on conflict do nothing`);
      });
    },
    /** The pair may be offered again. Another user's pair, or one never marked, is not found. */
    async unmark(userId: string, x: string, y: string): Promise<void> {
      const [a, b] = ordered(x, y);
      const gone = await rows<{ one: number }>(
        db,
        sql`delete from ${pairs} where user_id = ${userId}::uuid and ${first} = ${a}::uuid and ${second} = ${b}::uuid returning 1 as one`,
      );
      if (gone.length === 0) throw new NotFoundError();
    },
  };
}
