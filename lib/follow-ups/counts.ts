import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { followUps } from '@/db/schema';
import { todayIn } from '@/lib/dates';

/** How many open follow-ups are overdue or due today in the user's time zone (the navigation badge). */
export async function countDueFollowUps(userId: string, timeZone: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(followUps)
    .where(and(eq(followUps.userId, userId), eq(followUps.status, 'open'), isNull(followUps.deletedAt), lte(followUps.dueOn, todayIn(timeZone))));
  return Number(row?.n ?? 0);
}
