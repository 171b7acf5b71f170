import { sql } from 'drizzle-orm';
import { db, type Tx } from '@/db/client';
import { rows } from '@/db/rows';
import { idempotencyKeys, rateLimits, sessions } from '@/db/schema';
import { purgeExpired, type PurgeCounts } from '@/lib/deleted/queries';
import { sqlNow } from '@/lib/restore-window';
import { IDEMPOTENCY_KEY_TTL_HOURS } from '@/lib/idempotency';
import { LONGEST_WINDOW_SECONDS } from '@/lib/rate-limit';

/** What one run removed. */
export interface HousekeepingReport {
  rateLimits: number;
  sessions: number;
  idempotencyKeys: number;
  purged: PurgeCounts;
  /** People whose last meeting moved because an event logged ahead of time has now started. */
  startedEvents: number;
}

/** The advisory lock every app server asks for: whoever holds it does the run, the others skip theirs. */
const LOCK_KEY = 0x5241_5050; // "RAPP"

/** Most rows of one table deleted per run, so a run is a short transaction; a backlog drains over a few runs. */
const BATCH = 5000;

async function deleteCount(tx: Tx, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await rows<{ n: number }>(tx, sql`with gone as (${query} returning 1) select count(*)::int as n from gone`);
  return Number(row?.n ?? 0);
}

/**
 * An event's start passing fires no trigger, and last_met_at / last_contact_on count only events that have started
 * (by the database clock, as the triggers do): the people met at an event that has started since their last
 * refresh are refreshed here, so an evening logged ahead counts within one run of its start.
 */
async function refreshStartedEvents(tx: Tx): Promise<number> {
  const [row] = await rows<{ n: number }>(
    tx,
    sql`with due as (
          select distinct e.person_id from encounters e
            join events ev on ev.id = e.event_id and ev.user_id = e.user_id and ev.deleted_at is null
            join people p on p.id = e.person_id and p.user_id = e.user_id and p.deleted_at is null
           where e.relation <> 'mentioned' and ev.starts_at <= now()
             and ev.starts_at > coalesce(p.last_met_at, '-infinity'::timestamptz)
           limit ${BATCH})
        select people_search_refresh(array(select person_id from due)), (select count(*)::int from due) as n`,
  );
  return Number(row?.n ?? 0);
}

/**
 * One housekeeping run, as of `now` (the database clock by default): deletes rate-limit counters whose window
 * has long passed, expired sessions, idempotency keys older than a day, and purges what was deleted before the
 * restore window (with the idempotency keys that named it). One transaction under a PostgreSQL advisory lock, so
 * several app servers on one database never do it twice at once: null when another server holds the lock.
 */
export async function runHousekeeping(now?: Date): Promise<HousekeepingReport | null> {
  const at = sqlNow(now);
  return db.transaction(async (tx) => {
    const [lock] = await rows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${LOCK_KEY}::bigint) as locked`);
    if (!lock?.locked) return null;
    const rateLimitCount = await deleteCount(
      tx,
      sql`delete from ${rateLimits} where key in (
            select key from ${rateLimits}
             where window_start < ${at} - make_interval(secs => ${LONGEST_WINDOW_SECONDS}) limit ${BATCH})`,
    );
    const sessionCount = await deleteCount(tx, sql`delete from ${sessions} where id in (select id from ${sessions} where expires_at <= ${at} limit ${BATCH})`);
    const keyCount = await deleteCount(
      tx,
      sql`delete from ${idempotencyKeys} where (user_id, key) in (
            select user_id, key from ${idempotencyKeys}
             where created_at < ${at} - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS}) limit ${BATCH})`,
    );
    const purged = await purgeExpired(tx, now);
    const startedEvents = await refreshStartedEvents(tx);
    return { rateLimits: rateLimitCount, sessions: sessionCount, idempotencyKeys: keyCount, purged, startedEvents };
  });
}
