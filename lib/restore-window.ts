import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** How long a deleted person, event, post or follow-up can be restored; after that it is removed for good. */
export const RESTORE_WINDOW_DAYS = 30;

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
