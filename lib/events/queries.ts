import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db, type DbOrTx } from '@/db/client';
import {
  encounters,
  encounterTopics,
  eventTopics,
  followUps,
  insights,
  networkingEvents,
  organisations,
  people,
  sectors,
  topics,
  type EncounterRelation,
  type FollowUpStatus,
} from '@/db/schema';
import { NotFoundError } from '@/lib/errors';

export interface EventPerson {
  id: string;
  encounterId: string;
  name: string | null;
  role: string | null;
  email: string | null;
  keepPrivate: boolean;
  /** The person's own version: an edit of their details from the event form is checked against it. */
  version: number;
  organisation: { id: string; name: string } | null;
  /** The person's own sector, or else their organisation's. */
  sector: { id: string; name: string } | null;
  relation: EncounterRelation;
  notes: string | null;
  topics: string[];
}

/** One event with everything recorded at it, as the page and the API show it. */
export interface EventDetail {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  venue: string | null;
  host: string | null;
  series: string | null;
  summary: string | null;
  reflection: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  topics: string[];
  people: EventPerson[];
  insights: { id: string; text: string; personId: string | null; offTheRecord: boolean }[];
  followUps: {
    id: string;
    action: string;
    dueOn: string | null;
    status: FollowUpStatus;
    personId: string | null;
    version: number;
    /** When it was added: the order a post tells them in. */
    createdAt: Date;
  }[];
}

const orgSector = alias(sectors, 'org_sector');

/** The user's event for a page: getEventDetail on the database (pages hold no database client). */
export function readEventDetail(userId: string, eventId: string): Promise<EventDetail> {
  return getEventDetail(db, userId, eventId);
}

/** The user's event with its people, topics, facts and follow-ups; NotFoundError if missing or not theirs. */
export async function getEventDetail(conn: DbOrTx, userId: string, eventId: string, { includeDeleted = false } = {}): Promise<EventDetail> {
  const [event] = await conn
    .select()
    .from(networkingEvents)
    .where(and(eq(networkingEvents.id, eventId), eq(networkingEvents.userId, userId), includeDeleted ? undefined : isNull(networkingEvents.deletedAt)));
  if (!event) throw new NotFoundError('Event not found');

  const [topicRows, personRows, insightRows, followUpRows] = await Promise.all([
    conn
      .select({ name: topics.name })
      .from(eventTopics)
      .innerJoin(topics, and(eq(topics.id, eventTopics.topicId), eq(topics.userId, userId)))
      .where(and(eq(eventTopics.userId, userId), eq(eventTopics.eventId, eventId)))
      .orderBy(sql`lower(${topics.name})`, asc(topics.name)),
    conn
      .select({
        id: people.id,
        encounterId: encounters.id,
        name: people.name,
        role: people.role,
        email: people.email,
        keepPrivate: people.keepPrivate,
        version: people.version,
        orgId: organisations.id,
        orgName: organisations.name,
        ownSectorId: sectors.id,
        ownSectorName: sectors.name,
        orgSectorId: orgSector.id,
        orgSectorName: orgSector.name,
        relation: encounters.relation,
        notes: encounters.notes,
      })
      .from(encounters)
      .innerJoin(people, and(eq(people.id, encounters.personId), eq(people.userId, userId)))
      .leftJoin(organisations, and(eq(organisations.id, people.organisationId), eq(organisations.userId, userId)))
      .leftJoin(sectors, and(eq(sectors.id, people.sectorId), eq(sectors.userId, userId)))
      .leftJoin(orgSector, and(eq(orgSector.id, organisations.sectorId), eq(orgSector.userId, userId)))
      .where(and(eq(encounters.userId, userId), eq(encounters.eventId, eventId), isNull(people.deletedAt)))
      .orderBy(asc(encounters.position), asc(encounters.createdAt)),
    conn
      .select({ id: insights.id, text: insights.text, personId: insights.personId, offTheRecord: insights.offTheRecord })
      .from(insights)
      .where(and(eq(insights.userId, userId), eq(insights.eventId, eventId)))
      .orderBy(asc(insights.position), asc(insights.createdAt)),
    conn
      .select({
        id: followUps.id,
        action: followUps.action,
        dueOn: followUps.dueOn,
        status: followUps.status,
        personId: followUps.personId,
        version: followUps.version,
        createdAt: followUps.createdAt,
      })
      .from(followUps)
      .where(and(eq(followUps.userId, userId), eq(followUps.eventId, eventId), isNull(followUps.deletedAt)))
      .orderBy(sql`${followUps.dueOn} asc nulls last`, asc(followUps.createdAt)),
  ]);

  const encounterIds = personRows.map((p) => p.encounterId);
  const encounterTopicRows = encounterIds.length
    ? await conn
        .select({ encounterId: encounterTopics.encounterId, name: topics.name })
        .from(encounterTopics)
        .innerJoin(topics, and(eq(topics.id, encounterTopics.topicId), eq(topics.userId, userId)))
        .where(and(eq(encounterTopics.userId, userId), inArray(encounterTopics.encounterId, encounterIds)))
        .orderBy(sql`lower(${topics.name})`, asc(topics.name))
    : [];

  return {
    ...event,
    topics: topicRows.map((t) => t.name),
    people: personRows.map((p) => ({
      id: p.id,
      encounterId: p.encounterId,
      name: p.name,
      role: p.role,
      email: p.email,
      keepPrivate: p.keepPrivate,
      version: p.version,
      organisation: p.orgId && p.orgName ? { id: p.orgId, name: p.orgName } : null,
      sector:
        p.ownSectorId && p.ownSectorName
          ? { id: p.ownSectorId, name: p.ownSectorName }
          : p.orgSectorId && p.orgSectorName
            ? { id: p.orgSectorId, name: p.orgSectorName }
            : null,
      relation: p.relation,
      notes: p.notes,
      topics: encounterTopicRows.filter((t) => t.encounterId === p.encounterId).map((t) => t.name),
    })),
    insights: insightRows,
    followUps: followUpRows,
  };
}

/** The JSON the API answers for one event (dates as ISO strings, internal ids left out). */
export function eventToJson(e: EventDetail) {
  return {
    id: e.id,
    title: e.title,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt?.toISOString() ?? null,
    venue: e.venue,
    host: e.host,
    series: e.series,
    summary: e.summary,
    reflection: e.reflection,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    topics: e.topics,
    people: e.people.map(({ encounterId: _e, keepPrivate: _k, ...p }) => p),
    // The API's event keeps its documented shape; the flag is on /api/v1/facts.
    insights: e.insights.map(({ offTheRecord: _o, ...i }) => i),
    followUps: e.followUps.map(({ createdAt: _c, ...f }) => f),
  };
}

export type EventJson = ReturnType<typeof eventToJson>;

/** The user's event as the API answers it; NotFoundError if missing or not theirs. */
export async function getEventJson(userId: string, eventId: string): Promise<EventJson> {
  return eventToJson(await getEventDetail(db, userId, eventId));
}
