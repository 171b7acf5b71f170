import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { encounters, encounterTopics, eventTopics, followUps, insights, networkingEvents, organisations, people, sectors, topics } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';
import type { ComposeInput, ComposePerson } from './types';
import { dayIn, wallClockIn } from '@/lib/dates';

/**
 * Reads one of the user's events, with its people, topics, facts and follow-ups, into the composer's input.
 * Soft-deleted events, people and follow-ups are left out; another user's event is a NotFoundError.
 */
export async function loadComposeInput(conn: DbOrTx, userId: string, eventId: string, timeZone: string, now = new Date()): Promise<ComposeInput> {
  const [event] = await conn
    .select()
    .from(networkingEvents)
    .where(and(eq(networkingEvents.id, eventId), eq(networkingEvents.userId, userId), isNull(networkingEvents.deletedAt)));
  if (!event) throw new NotFoundError('Event not found');

  const personSector = sql<string | null>`coalesce(
    (select s.name from ${sectors} s where s.id = ${people.sectorId} and s.user_id = ${userId}),
    (select s.name from ${sectors} s where s.id = ${organisations.sectorId} and s.user_id = ${userId}))`;
  const encounterRows = await conn
    .select({
      encounterId: encounters.id,
      relation: encounters.relation,
      notes: encounters.notes,
      personId: people.id,
      name: people.name,
      role: people.role,
      keepPrivate: people.keepPrivate,
      email: people.email,
      organisation: organisations.name,
      sector: personSector,
    })
    .from(encounters)
    .innerJoin(people, and(eq(people.id, encounters.personId), eq(people.userId, userId), isNull(people.deletedAt)))
    .leftJoin(organisations, and(eq(organisations.id, people.organisationId), eq(organisations.userId, userId)))
    .where(and(eq(encounters.eventId, eventId), eq(encounters.userId, userId)))
    .orderBy(asc(encounters.position), asc(encounters.createdAt));

  const encounterIds = encounterRows.map((r) => r.encounterId);
  const personTopicRows = encounterIds.length
    ? await conn
        .select({ encounterId: encounterTopics.encounterId, name: topics.name })
        .from(encounterTopics)
        .innerJoin(topics, and(eq(topics.id, encounterTopics.topicId), eq(topics.userId, userId)))
        .where(and(eq(encounterTopics.userId, userId), inArray(encounterTopics.encounterId, encounterIds)))
        .orderBy(asc(topics.name))
    : [];

  const [eventTopicRows, factRows, followUpRows, seriesRows] = await Promise.all([
    conn
      .select({ name: topics.name })
      .from(eventTopics)
      .innerJoin(topics, and(eq(topics.id, eventTopics.topicId), eq(topics.userId, userId)))
      .where(and(eq(eventTopics.eventId, eventId), eq(eventTopics.userId, userId)))
      .orderBy(asc(topics.name)),
    conn
      .select({ text: insights.text, personId: insights.personId })
      .from(insights)
      // An off-the-record fact never reaches a draft.
      .where(and(eq(insights.eventId, eventId), eq(insights.userId, userId), eq(insights.offTheRecord, false)))
      .orderBy(asc(insights.position), asc(insights.createdAt)),
    conn
      .select({ action: followUps.action, personId: followUps.personId, dueOn: followUps.dueOn, status: followUps.status })
      .from(followUps)
      .where(and(eq(followUps.eventId, eventId), eq(followUps.userId, userId), isNull(followUps.deletedAt)))
      .orderBy(asc(followUps.createdAt), asc(followUps.id)),
    event.series
      ? conn
          .select({ n: sql<number>`count(*)::int` })
          .from(networkingEvents)
          .where(
            and(
              eq(networkingEvents.userId, userId),
              isNull(networkingEvents.deletedAt),
              sql`lower(${networkingEvents.series}) = lower(${event.series})`,
              lte(networkingEvents.startsAt, event.startsAt),
            ),
          )
      : Promise.resolve([{ n: 0 }]),
  ]);

  const present = new Set(encounterRows.map((r) => r.personId));
  const peopleOut: ComposePerson[] = encounterRows.map((r) => ({
    id: r.personId,
    name: r.name,
    role: r.role,
    organisation: r.organisation,
    sector: r.sector,
    keepPrivate: r.keepPrivate,
    relation: r.relation,
    topics: personTopicRows.filter((t) => t.encounterId === r.encounterId).map((t) => t.name),
    notes: r.notes,
    email: r.email,
  }));
  const at = wallClockIn(event.startsAt, timeZone);
  return {
    event: {
      title: event.title,
      venue: event.venue,
      host: event.host,
      series: event.series,
      summary: event.summary,
      reflection: event.reflection,
      localDate: at.date,
      localHour: at.hour,
    },
    postDate: dayIn(timeZone, now),
    seriesCount: Number(seriesRows[0]?.n ?? 0),
    people: peopleOut,
    topics: eventTopicRows.map((t) => t.name),
    // A fact or follow-up credited to someone not at the event (or deleted) keeps its text, uncredited.
    facts: factRows.map((f) => ({ text: f.text, personId: f.personId && present.has(f.personId) ? f.personId : null })),
    followUps: followUpRows.map((f) => ({
      action: f.action,
      personId: f.personId && present.has(f.personId) ? f.personId : null,
      dueOn: f.dueOn,
      done: f.status === 'done',
    })),
  };
}
