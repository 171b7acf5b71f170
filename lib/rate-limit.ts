import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { rows } from '@/db/rows';

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/** The longest window any counter may use: housekeeping deletes counters whose window began before it. */
export const LONGEST_WINDOW_SECONDS = 60 * 60;

/**
 * Counts one hit against `key` in a fixed window and says whether it is within `limit`. The counter lives in
 * Postgres (one upsert), so every app server sees the same count.
 */
export async function hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  if (windowSeconds > LONGEST_WINDOW_SECONDS) throw new Error(`A rate-limit window may last at most ${LONGEST_WINDOW_SECONDS} s`);
  const [row] = await rows<{ count: number; window_start: string | Date }>(
    db,
    sql`
    insert into rate_limits (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start < now() - make_interval(secs => ${windowSeconds})
                   then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start < now() - make_interval(secs => ${windowSeconds})
                   then now() else rate_limits.window_start end
    returning count, window_start`,
  );
  const count = Number(row?.count ?? 1);
  const start = new Date(row?.window_start ?? Date.now()).getTime();
  const retryAfterSeconds = Math.max(1, Math.ceil((start + windowSeconds * 1000 - Date.now()) / 1000));
  return { allowed: count <= limit, count, retryAfterSeconds };
}

/** How many hits `key` has in its current window, without counting one. */
export async function peek(key: string, windowSeconds: number): Promise<number> {
  const [row] = await rows<{ count: number }>(
    db,
    sql`select count from rate_limits
        where key = ${key} and window_start >= now() - make_interval(secs => ${windowSeconds})`,
  );
  return Number(row?.count ?? 0);
}

/** Forget the counter for `key` (after a successful sign-in, say). */
export async function reset(key: string): Promise<void> {
  await db.execute(sql`delete from rate_limits where key = ${key}`);
}

/** Takes one hit back from `key` (an attempt counted up front that turned out not to count). */
export async function unhit(key: string): Promise<void> {
  await db.execute(sql`update rate_limits set count = greatest(count - 1, 0) where key = ${key}`);
}
