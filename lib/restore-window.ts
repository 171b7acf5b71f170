import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { RESTORE_WINDOW_DAYS } from './restore-days';

// Here for the server's code; a client component takes it from ./restore-days, which carries no drizzle with it.
export { RESTORE_WINDOW_DAYS };

/** SQL: the row was deleted within the restore window (judged by the database clock, as every server shares it). */
export function deletedWithinWindow(deletedAt: AnyColumn | SQL): SQL {
  return sql`${deletedAt} >= now() - make_interval(days => ${RESTORE_WINDOW_DAYS})`;
}

/** SQL for "now": the database clock, or the given instant (housekeeping run as of another time, in tests). */
export function sqlNow(now?: Date): SQL {
  return now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
}

/** SQL: the row was deleted before the restore window began (as of `now`), so it is due to be removed for good. */
export function deletedBeforeWindow(deletedAt: AnyColumn | SQL, now?: Date): SQL {
  return sql`${deletedAt} < ${sqlNow(now)} - make_interval(days => ${RESTORE_WINDOW_DAYS})`;
}
