import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { encounters, encounterTopics, insights, networkingEvents, topics, type EncounterRelation } from '@/db/schema';

export interface TimelineEntry {
  encounterId: string;
  eventId: string;
  eventTitle: string;
  startsAt: Date;
  relation: EncounterRelation;
  notes: string | null;
  topics: string[];
}

export interface PersonFact {
  id: string;
  text: string;
  eventId: string;
  eventTitle: string;
  startsAt: Date;
}

/** A person's encounters, newest first, with the topics discussed at each (deleted events left out). */
export async function listTimeline(userId: string, personId: string): Promise<TimelineEntry[]> {
  const rows = await db
    .select({
      encounterId: encounters.id,
      eventId: networkingEvents.id,
      eventTitle: networkingEvents.title,
      startsAt: networkingEvents.startsAt,
      relation: encounters.relation,
      notes: encounters.notes,
      topics: sql<string[] | null>`(
        select array_agg(${topics.name} order by lower(${topics.name}))
          from ${encounterTopics} join ${topics} on ${topics.id} = ${encounterTopics.topicId} and ${topics.userId} = ${userId}
         where ${encounterTopics.userId} = ${userId} and ${encounterTopics.encounterId} = ${encounters.id})`,
    })
    .from(encounters)
    .innerJoin(networkingEvents, and(eq(networkingEvents.id, encounters.eventId), eq(networkingEvents.userId, userId)))
    .where(and(eq(encounters.userId, userId), eq(encounters.personId, personId), isNull(networkingEvents.deletedAt)))
    .orderBy(desc(networkingEvents.startsAt), asc(encounters.id))
    .limit(500);
  return rows.map((r) => ({ ...r, topics: r.topics ?? [] }));
}

/** Facts and figures the person gave, newest event first. */
export async function listFacts(userId: string, personId: string): Promise<PersonFact[]> {
  return db
    .select({
      id: insights.id,
      text: insights.text,
      eventId: networkingEvents.id,
      eventTitle: networkingEvents.title,
      startsAt: networkingEvents.startsAt,
    })
    .from(insights)
    .innerJoin(networkingEvents, and(eq(networkingEvents.id, insights.eventId), eq(networkingEvents.userId, userId)))
    .where(and(eq(insights.userId, userId), eq(insights.personId, personId), isNull(networkingEvents.deletedAt)))
    .orderBy(desc(networkingEvents.startsAt), asc(insights.position))
    .limit(500);
}
