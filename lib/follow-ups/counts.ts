import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { followUps } from '@/db/schema';
import { liveSessionUser } from '@/lib/auth/users';
import { addDays, todayIn } from '@/lib/dates';

/**
 * How many open follow-ups are overdue or due today in the user's time zone (the navigation badge): the rule written
 * plainly. Pages read it with countDueForSession, beside the session.
 */
export async function countDueFollowUps(userId: string, timeZone: string, now = new Date()): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(followUps)
    .where(and(eq(followUps.userId, userId), eq(followUps.status, 'open'), isNull(followUps.deletedAt), lte(followUps.dueOn, todayIn(timeZone, now))));
  return Number(row?.n ?? 0);
}

/**
 * countDueFollowUps for the user of a live session, found from the session id alone, so that the app shell can send it
 * beside the session's own read instead of after it (the user's id and time zone are what the session read returns).
 * "Today" in any time zone is the day before, the day of or the day after today in UTC: all three counts are taken in
 * one pass of the user's open follow-ups, and the user's own day picks one, by the app's time-zone rules (todayIn),
 * not the database's. 0 for a session that is not live (liveSessionUser: the page's requireUser sends that visitor
 * to sign in).
 */
export async function countDueForSession(sessionId: string, now = new Date()): Promise<number> {
  const utc = todayIn('UTC', now);
  const days = [addDays(utc, -1), utc, addDays(utc, 1)] as const;
  const [row] = await rows<{ user_id: string; time_zone: string; due: number[] }>(
    db,
    sql`select u.id as user_id, u.time_zone,
               (select array[count(*) filter (where f.due_on <= ${days[0]}::date), count(*) filter (where f.due_on <= ${days[1]}::date), count(*)]::int[]
                  from ${followUps} f
                 where f.user_id = u.id and f.status = 'open' and f.deleted_at is null and f.due_on <= ${days[2]}::date) as due
          from ${liveSessionUser(sessionId)}`,
  );
  if (!row) return 0;
  const which = days.indexOf(todayIn(row.time_zone, now));
  // Every zone's offset is within a day of UTC; were one not, the plain count answers.
  return which >= 0 ? Number(row.due[which]) : countDueFollowUps(row.user_id, row.time_zone, now);
}
