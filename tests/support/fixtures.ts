import { and, eq, sql, isNull } from 'drizzle-orm';
import { db } from '@/db/client';
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
} from '@/db/schema';

/**
 * Direct-insert builders for tests that need data without going through a feature's own write path.
 * Feature tests of the write path itself must use the feature's lib functions instead.
 */

export async function sectorId(userId: string, name: string): Promise<string> {
  const [row] = await db
    .select({ id: sectors.id })
    .from(sectors)
    .where(and(eq(sectors.userId, userId), isNull(sectors.deletedAt), sql`lower(${sectors.name}) = lower(${name})`));
  if (row) return row.id;
  const [created] = await db.insert(sectors).values({ userId, name }).returning({ id: sectors.id });
  return created!.id;
}

export async function makeOrganisation(userId: string, name: string, sector?: string) {
  const [row] = await db
    .insert(organisations)
    .values({ userId, name, sectorId: sector ? await sectorId(userId, sector) : null })
    .returning();
  return row!;
}

export async function makePerson(
  userId: string,
  fields: {
    name?: string | null;
    role?: string | null;
    organisationId?: string | null;
    sector?: string;
    email?: string;
    notes?: string;
    keepPrivate?: boolean;
  },
) {
  const [row] = await db
    .insert(people)
    .values({
      userId,
      name: fields.name ?? null,
      role: fields.role ?? null,
      organisationId: fields.organisationId ?? null,
      sectorId: fields.sector ? await sectorId(userId, fields.sector) : null,
      email: fields.email ?? null,
      notes: fields.notes ?? null,
      keepPrivate: fields.keepPrivate ?? false,
    })
    .returning();
  return row!;
}

export async function topicId(userId: string, name: string): Promise<string> {
  const normalisedName = name.trim().toLowerCase().replace(/\s+/g, ' ');
  const [row] = await db
    .insert(topics)
    .values({ userId, name: name.trim(), normalisedName })
    .onConflictDoUpdate({ target: [topics.userId, topics.normalisedName], set: { normalisedName } })
    .returning({ id: topics.id });
  return row!.id;
}

export interface EventFixture {
  title: string;
  startsAt?: Date;
  series?: string;
  venue?: string;
  host?: string;
  summary?: string;
  reflection?: string;
  topics?: string[];
  people?: { personId: string; relation?: EncounterRelation; notes?: string; topics?: string[] }[];
  insights?: { text: string; personId?: string; offTheRecord?: boolean }[];
  followUps?: { action: string; dueOn?: string; personId?: string; status?: 'open' | 'done' }[];
}

/** An event with its encounters, topics, facts and follow-ups, inserted directly. */
export async function makeEvent(userId: string, f: EventFixture) {
  const [event] = await db
    .insert(networkingEvents)
    .values({
      userId,
      title: f.title,
      startsAt: f.startsAt ?? new Date(),
      series: f.series ?? null,
      venue: f.venue ?? null,
      host: f.host ?? null,
      summary: f.summary ?? null,
      reflection: f.reflection ?? null,
    })
    .returning();
  for (const name of f.topics ?? []) {
    await db.insert(eventTopics).values({ userId, eventId: event!.id, topicId: await topicId(userId, name) });
  }
  for (const [position, p] of (f.people ?? []).entries()) {
    const [enc] = await db
      .insert(encounters)
      .values({ userId, eventId: event!.id, personId: p.personId, relation: p.relation ?? 'met', notes: p.notes ?? null, position })
      .returning();
    for (const name of p.topics ?? []) {
      await db.insert(encounterTopics).values({ userId, encounterId: enc!.id, topicId: await topicId(userId, name) });
    }
  }
  for (const [position, i] of (f.insights ?? []).entries()) {
    await db
      .insert(insights)
      .values({ userId, eventId: event!.id, personId: i.personId ?? null, text: i.text, offTheRecord: i.offTheRecord ?? false, position });
  }
  for (const fu of f.followUps ?? []) {
    await db.insert(followUps).values({
      userId,
      eventId: event!.id,
      action: fu.action,
      dueOn: fu.dueOn ?? null,
      personId: fu.personId ?? null,
      status: fu.status ?? 'open',
      doneAt: fu.status === 'done' ? new Date() : null,
    });
  }
  return event!;
}
