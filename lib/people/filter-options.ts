import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { networkingEvents, organisations, topics } from '@/db/schema';

/** Choices for the people filters: recent events, topic and organisation names (bounded lists). */
export async function listFilterOptions(userId: string) {
  const [events, topicRows, orgRows] = await Promise.all([
    db
      .select({ id: networkingEvents.id, title: networkingEvents.title, startsAt: networkingEvents.startsAt })
      .from(networkingEvents)
      .where(and(eq(networkingEvents.userId, userId), isNull(networkingEvents.deletedAt)))
      .orderBy(desc(networkingEvents.startsAt))
      .limit(100),
    db.select({ name: topics.name }).from(topics).where(eq(topics.userId, userId)).orderBy(sql`lower(${topics.name})`).limit(300),
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.userId, userId))
      .orderBy(sql`lower(${organisations.name})`)
      .limit(500),
  ]);
  return { events, topics: topicRows.map((t) => t.name), organisations: orgRows };
}
