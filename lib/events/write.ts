import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db, type Tx } from '@/db/client';
import { encounters, encounterTopics, eventTopics, followUps, insights, networkingEvents, people } from '@/db/schema';
import { deletedWithinWindow } from '@/lib/deleted/window';
import { fingerprint, idempotent } from '@/lib/idempotency';
import { NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { refreshPeopleSearch } from '@/lib/people/search-index';
import { normaliseTopic } from '@/lib/topics/normalise';
import { upsertTopics } from '@/lib/topics/queries';
import { eventToJson, getEventDetail, type EventJson } from './queries';
import { resolvePeople } from './resolve';
import type { EventInput } from './validation';

export interface WriteOptions {
  /** What to do with a new person who looks like a known one: link them (API) or ask (the form). */
  onDuplicate?: 'link' | 'ask';
}

function eventColumns(input: EventInput) {
  return {
    title: input.title,
    startsAt: input.startsAt,
    endsAt: input.endsAt ?? null,
    venue: input.venue ?? null,
    host: input.host ?? null,
    series: input.series ?? null,
    summary: input.summary ?? null,
    reflection: input.reflection ?? null,
  };
}

/** Writes the event's people, topics, facts and follow-ups (after its own row), in the caller's transaction. */
async function writeChildren(tx: Tx, userId: string, eventId: string, input: EventInput, options: WriteOptions) {
  const personIds = await resolvePeople(tx, userId, input.people, options.onDuplicate ?? 'link');
  const topicIds = await upsertTopics(tx, userId, [...input.topics, ...input.people.flatMap((p) => p.topics)]);
  const topicId = (name: string) => topicIds.get(normaliseTopic(name))!;

  const eventTopicIds = [...new Set(input.topics.map(topicId))];
  if (eventTopicIds.length) {
    await tx.insert(eventTopics).values(eventTopicIds.map((id) => ({ userId, eventId, topicId: id })));
  }
  for (const [position, row] of input.people.entries()) {
    const [encounter] = await tx
      .insert(encounters)
      .values({ userId, eventId, personId: personIds[position]!, relation: row.relation, notes: row.notes ?? null, position })
      .returning({ id: encounters.id });
    const ids = [...new Set(row.topics.map(topicId))];
    if (ids.length) {
      await tx.insert(encounterTopics).values(ids.map((id) => ({ userId, encounterId: encounter!.id, topicId: id })));
    }
  }
  if (input.insights.length) {
    await tx.insert(insights).values(
      input.insights.map((i, position) => ({
        userId,
        eventId,
        text: i.text,
        personId: i.personIndex === undefined ? null : personIds[i.personIndex]!,
        position,
      })),
    );
  }
  await writeFollowUps(tx, userId, eventId, input, personIds);
  return personIds;
}

/** Inserts new follow-ups, updates the ones the form kept, and soft-deletes the ones it dropped. */
async function writeFollowUps(tx: Tx, userId: string, eventId: string, input: EventInput, personIds: string[]) {
  const existing = await tx
    .select({ id: followUps.id })
    .from(followUps)
    .where(and(eq(followUps.userId, userId), eq(followUps.eventId, eventId), isNull(followUps.deletedAt)));
  const existingIds = new Set(existing.map((f) => f.id));
  const extraPeople = input.followUps.flatMap((f) => (f.personId && f.personIndex === undefined ? [f.personId] : []));
  if (extraPeople.length) {
    // A follow-up may name someone not at the event; they must still be the user's.
    const owned = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.userId, userId), isNull(people.deletedAt), inArray(people.id, extraPeople)));
    if (owned.length < new Set(extraPeople).size) {
      throw new UserFacingError('A follow-up names a person who is not in your contacts.', 400, {
        followUps: ['A follow-up names a person who is not in your contacts'],
      });
    }
  }
  const kept = new Set<string>();
  for (const [index, f] of input.followUps.entries()) {
    const personId = f.personIndex !== undefined ? personIds[f.personIndex]! : (f.personId ?? null);
    const values = { action: f.action, dueOn: f.due ?? null, personId };
    if (f.id) {
      if (!existingIds.has(f.id)) {
        throw new UserFacingError('A follow-up was removed elsewhere.', 400, {
          [`followUps.${index}.action`]: ['This follow-up no longer exists; remove it or add it again'],
        });
      }
      kept.add(f.id);
      await tx
        .update(followUps)
        .set({ ...values, updatedAt: new Date(), version: sql`${followUps.version} + 1` })
        .where(and(eq(followUps.id, f.id), eq(followUps.userId, userId)));
    } else {
      await tx.insert(followUps).values({ userId, eventId, ...values });
    }
  }
  const dropped = [...existingIds].filter((id) => !kept.has(id));
  if (dropped.length) {
    await tx
      .update(followUps)
      .set({ deletedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(followUps.userId, userId), inArray(followUps.id, dropped)));
  }
}

/** Creates the event and everything recorded at it in the caller's transaction; returns its id. */
export async function createEventTx(tx: Tx, userId: string, input: EventInput, options: WriteOptions = {}) {
  const [event] = await tx
    .insert(networkingEvents)
    .values({ userId, ...eventColumns(input) })
    .returning({ id: networkingEvents.id });
  await writeChildren(tx, userId, event!.id, input, options);
  await refreshPeopleSearch(tx, userId, { eventId: event!.id });
  return event!.id;
}

/**
 * Creates an event whole or not at all. With an idempotency key, a retry or a double tap answers the first
 * event instead of making a second.
 */
export async function createEvent(
  userId: string,
  input: EventInput,
  options: WriteOptions & { idempotencyKey?: string } = {},
): Promise<{ event: EventJson; replayed: boolean }> {
  const work = async (tx: Tx) => {
    const id = await createEventTx(tx, userId, input, options);
    return { status: 201, body: eventToJson(await getEventDetail(tx, userId, id)), resourceId: id };
  };
  if (options.idempotencyKey) {
    const reread = async (tx: Tx, id: string) => eventToJson(await getEventDetail(tx, userId, id));
    const result = await idempotent(userId, options.idempotencyKey, 'events.create', fingerprint(input), work, reread);
    return { event: result.body, replayed: result.replayed };
  }
  const result = await db.transaction(work);
  return { event: result.body, replayed: false };
}

/**
 * Replaces an event and its lists with `input` if nobody saved it since `version` was read; otherwise a
 * VersionConflictError carrying the current copy. People dropped from the event keep their own records.
 */
export async function updateEvent(
  userId: string,
  eventId: string,
  version: number,
  input: EventInput,
  options: WriteOptions = {},
): Promise<EventJson> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(networkingEvents)
      .set({ ...eventColumns(input), version: sql`${networkingEvents.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(networkingEvents.id, eventId),
          eq(networkingEvents.userId, userId),
          isNull(networkingEvents.deletedAt),
          eq(networkingEvents.version, version),
        ),
      )
      .returning({ id: networkingEvents.id });
    if (!updated) {
      const current = await getEventDetail(tx, userId, eventId); // NotFoundError when missing or not theirs
      throw new VersionConflictError(eventToJson(current));
    }
    const before = await tx
      .select({ personId: encounters.personId })
      .from(encounters)
      .where(and(eq(encounters.userId, userId), eq(encounters.eventId, eventId)));
    await tx.delete(encounters).where(and(eq(encounters.userId, userId), eq(encounters.eventId, eventId)));
    await tx.delete(eventTopics).where(and(eq(eventTopics.userId, userId), eq(eventTopics.eventId, eventId)));
    await tx.delete(insights).where(and(eq(insights.userId, userId), eq(insights.eventId, eventId)));
    const personIds = await writeChildren(tx, userId, eventId, input, options);
    await refreshPeopleSearch(tx, userId, { personIds: [...new Set([...before.map((b) => b.personId), ...personIds])] });
    return eventToJson(await getEventDetail(tx, userId, eventId));
  });
}

/** Soft-deletes an event (undo with restoreEvent); its people's search text and last-met dates follow. */
export async function deleteEvent(userId: string, eventId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const deletedAt = new Date();
    const [row] = await tx
      .update(networkingEvents)
      .set({ deletedAt, version: sql`${networkingEvents.version} + 1` })
      .where(and(eq(networkingEvents.id, eventId), eq(networkingEvents.userId, userId), isNull(networkingEvents.deletedAt)))
      .returning({ id: networkingEvents.id });
    if (!row) throw new NotFoundError('Event not found');
    // Promises made at the event go with it, stamped with the same moment so that undo brings back exactly these.
    await tx
      .update(followUps)
      .set({ deletedAt, version: sql`${followUps.version} + 1` })
      .where(and(eq(followUps.userId, userId), eq(followUps.eventId, eventId), isNull(followUps.deletedAt)));
    await refreshPeopleSearch(tx, userId, { eventId });
  });
}

/** Brings back an event deleted within the restore window, with the follow-ups that went with it. */
export async function restoreEvent(userId: string, eventId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [event] = await tx
      .select({ deletedAt: networkingEvents.deletedAt })
      .from(networkingEvents)
      .where(and(eq(networkingEvents.id, eventId), eq(networkingEvents.userId, userId), deletedWithinWindow(networkingEvents.deletedAt)))
      .for('update');
    const deletedAt = event?.deletedAt;
    if (!deletedAt) {
      throw new NotFoundError('This event can no longer be restored');
    }
    await tx
      .update(networkingEvents)
      .set({ deletedAt: null, version: sql`${networkingEvents.version} + 1` })
      .where(and(eq(networkingEvents.id, eventId), eq(networkingEvents.userId, userId)));
    await tx
      .update(followUps)
      .set({ deletedAt: null, version: sql`${followUps.version} + 1` })
      .where(and(eq(followUps.userId, userId), eq(followUps.eventId, eventId), eq(followUps.deletedAt, deletedAt)));
    await refreshPeopleSearch(tx, userId, { eventId });
  });
}
