import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db, type Tx } from '@/db/client';
import { encounters, encounterTopics, eventTopics, followUps, insights, networkingEvents, people } from '@/db/schema';
import { deletedWithinWindow } from '@/lib/restore-window';
import { fingerprint, idempotent } from '@/lib/idempotency';
import { NotFoundError, StaleChildError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { normaliseTopic } from '@/lib/topics/normalise';
import { upsertTopics } from '@/lib/topics/queries';
import { eventToJson, getEventDetail, type EventJson } from './queries';
import { resolvePeople } from './resolve';
import { mergePatch } from './patch';
import { eventInputSchema, eventPatchSchema, type EventInput } from './validation';

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

type TopicIdOf = (name: string) => string;

/**
 * Writes the event's people, topics, facts and follow-ups (after its own row), in the caller's transaction. On an
 * edit only what differs is written: rows keep their ids, and what the form cannot show (the encounters and fact
 * credits of people deleted since, follow-ups added or changed elsewhere) is left exactly as it is.
 */
async function writeChildren(tx: Tx, userId: string, eventId: string, input: EventInput, options: WriteOptions) {
  const personIds = await resolvePeople(tx, userId, input.people, options.onDuplicate ?? 'link');
  const topicIds = await upsertTopics(tx, userId, [...input.topics, ...input.people.flatMap((p) => p.topics)]);
  const topicId: TopicIdOf = (name) => topicIds.get(normaliseTopic(name))!;

  await tx.delete(eventTopics).where(and(eq(eventTopics.userId, userId), eq(eventTopics.eventId, eventId)));
  const eventTopicIds = [...new Set(input.topics.map(topicId))];
  if (eventTopicIds.length) {
    await tx.insert(eventTopics).values(eventTopicIds.map((id) => ({ userId, eventId, topicId: id })));
  }
  await writeEncounters(tx, userId, eventId, input, personIds, topicId);
  await writeInsights(tx, userId, eventId, input, personIds);
  await writeFollowUps(tx, userId, eventId, input, personIds);
  return personIds;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Who was there: an encounter per person sent, updated in place when it exists. Encounters of people the form did
 * not send are removed only if those people are live; a deleted person's evening waits for their restore.
 */
async function writeEncounters(tx: Tx, userId: string, eventId: string, input: EventInput, personIds: string[], topicId: TopicIdOf) {
  const existing = await tx
    .select({
      id: encounters.id,
      personId: encounters.personId,
      relation: encounters.relation,
      notes: encounters.notes,
      position: encounters.position,
      personDeleted: sql<boolean>`${people.deletedAt} is not null`,
    })
    .from(encounters)
    .innerJoin(people, and(eq(people.id, encounters.personId), eq(people.userId, userId)))
    .where(and(eq(encounters.userId, userId), eq(encounters.eventId, eventId)));
  const existingTopics = existing.length
    ? await tx
        .select({ encounterId: encounterTopics.encounterId, topicId: encounterTopics.topicId })
        .from(encounterTopics)
        .where(
          and(
            eq(encounterTopics.userId, userId),
            inArray(
              encounterTopics.encounterId,
              existing.map((e) => e.id),
            ),
          ),
        )
    : [];
  const byPerson = new Map(existing.map((e) => [e.personId, e]));
  const kept = new Set<string>();
  for (const [position, row] of input.people.entries()) {
    const personId = personIds[position]!;
    const wanted = [...new Set(row.topics.map(topicId))];
    const found = byPerson.get(personId);
    let encounterId: string;
    if (found) {
      encounterId = found.id;
      kept.add(found.id);
      if (found.relation !== row.relation || found.notes !== (row.notes ?? null) || found.position !== position) {
        await tx
          .update(encounters)
          .set({ relation: row.relation, notes: row.notes ?? null, position })
          .where(and(eq(encounters.id, found.id), eq(encounters.userId, userId)));
      }
      const have = existingTopics.filter((t) => t.encounterId === found.id).map((t) => t.topicId);
      if (sameSet(have, wanted)) continue;
      await tx.delete(encounterTopics).where(and(eq(encounterTopics.userId, userId), eq(encounterTopics.encounterId, found.id)));
    } else {
      const [created] = await tx
        .insert(encounters)
        .values({ userId, eventId, personId, relation: row.relation, notes: row.notes ?? null, position })
        .returning({ id: encounters.id });
      encounterId = created!.id;
    }
    if (wanted.length) {
      await tx.insert(encounterTopics).values(wanted.map((id) => ({ userId, encounterId, topicId: id })));
    }
  }
  const dropped = existing.filter((e) => !kept.has(e.id) && !e.personDeleted).map((e) => e.id);
  if (dropped.length) {
    await tx.delete(encounters).where(and(eq(encounters.userId, userId), inArray(encounters.id, dropped)));
  }
}

/**
 * The facts heard: rows sent with an id are updated in place, the rest inserted, those no longer sent removed. A
 * credit to a person deleted since (the form shows the fact without a speaker) is kept, not dropped.
 */
async function writeInsights(tx: Tx, userId: string, eventId: string, input: EventInput, personIds: string[]) {
  const existing = await tx
    .select({
      id: insights.id,
      text: insights.text,
      personId: insights.personId,
      position: insights.position,
      personDeleted: sql<boolean>`${people.deletedAt} is not null`,
    })
    .from(insights)
    .leftJoin(people, and(eq(people.id, insights.personId), eq(people.userId, userId)))
    .where(and(eq(insights.userId, userId), eq(insights.eventId, eventId)));
  const byId = new Map(existing.map((i) => [i.id, i]));
  const kept = new Set<string>();
  for (const [position, i] of input.insights.entries()) {
    let personId = i.personIndex === undefined ? null : personIds[i.personIndex]!;
    const found = i.id ? byId.get(i.id) : undefined;
    if (found && !kept.has(found.id)) {
      kept.add(found.id);
      if (personId === null && found.personId && found.personDeleted) personId = found.personId;
      if (found.text !== i.text || found.personId !== personId || found.position !== position) {
        await tx
          .update(insights)
          .set({ text: i.text, personId, position })
          .where(and(eq(insights.id, found.id), eq(insights.userId, userId)));
      }
    } else {
      await tx.insert(insights).values({ userId, eventId, text: i.text, personId, position });
    }
  }
  const dropped = existing.filter((i) => !kept.has(i.id)).map((i) => i.id);
  if (dropped.length) {
    await tx.delete(insights).where(and(eq(insights.userId, userId), inArray(insights.id, dropped)));
  }
}

/**
 * Adds the follow-ups sent without an id and changes those sent with one (when they differ, and only from the
 * version the form read); removes only those named in `removeFollowUps`. Follow-ups the form did not send are left
 * alone: they may have been added or snoozed elsewhere since it was opened.
 */
async function writeFollowUps(tx: Tx, userId: string, eventId: string, input: EventInput, personIds: string[]) {
  const existing = await tx
    .select({ id: followUps.id, action: followUps.action, dueOn: followUps.dueOn, personId: followUps.personId, version: followUps.version })
    .from(followUps)
    .where(and(eq(followUps.userId, userId), eq(followUps.eventId, eventId), isNull(followUps.deletedAt)))
    .for('update');
  const byId = new Map(existing.map((f) => [f.id, f]));
  const atEvent = new Set(personIds);
  const stale: Record<string, string[]> = {};
  const fieldErrors: Record<string, string[]> = {};
  const writes: (() => Promise<unknown>)[] = [];
  const newlyNamed = new Set<string>();

  for (const [index, f] of input.followUps.entries()) {
    const personId = f.personIndex !== undefined ? personIds[f.personIndex]! : (f.personId ?? null);
    const values = { action: f.action, dueOn: f.due ?? null, personId };
    if (!f.id) {
      if (personId && !atEvent.has(personId)) newlyNamed.add(personId);
      writes.push(() => tx.insert(followUps).values({ userId, eventId, ...values }));
      continue;
    }
    const found = byId.get(f.id);
    if (!found) {
      stale[`followUps.${index}.action`] = ['This follow-up was removed elsewhere; remove it here or add it again'];
      continue;
    }
    if (found.action === values.action && (found.dueOn ?? null) === values.dueOn && found.personId === personId) continue;
    if (f.version === undefined) {
      fieldErrors[`followUps.${index}.version`] = ['Send the version of the follow-up you read to change it'];
      continue;
    }
    if (f.version !== found.version) {
      stale[`followUps.${index}.action`] = ['This follow-up was changed elsewhere since you opened the event'];
      continue;
    }
    // A person already linked (even one deleted since) is not re-checked; a newly named one must be the user's.
    if (personId && personId !== found.personId && !atEvent.has(personId)) newlyNamed.add(personId);
    const id = f.id;
    writes.push(() =>
      tx
        .update(followUps)
        .set({ ...values, updatedAt: new Date(), version: sql`${followUps.version} + 1` })
        .where(and(eq(followUps.id, id), eq(followUps.userId, userId))),
    );
  }
  if (Object.keys(fieldErrors).length) throw new UserFacingError('Some follow-ups could not be saved.', 400, fieldErrors);
  if (Object.keys(stale).length) throw new StaleChildError(stale);
  if (newlyNamed.size) {
    const owned = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.userId, userId), isNull(people.deletedAt), inArray(people.id, [...newlyNamed])))
      // Held to the commit, as resolvePeople holds those at the evening: a merge of one waits for this save.
      .for('share');
    if (owned.length < newlyNamed.size) {
      throw new UserFacingError('A follow-up names a person who is not in your contacts.', 400, {
        followUps: ['A follow-up names a person who is not in your contacts'],
      });
    }
  }
  for (const write of writes) await write();
  const removed = input.removeFollowUps.filter((id) => byId.has(id));
  if (removed.length) {
    await tx
      .update(followUps)
      .set({ deletedAt: new Date(), updatedAt: new Date(), version: sql`${followUps.version} + 1` })
      .where(and(eq(followUps.userId, userId), eq(followUps.eventId, eventId), inArray(followUps.id, removed)));
  }
}

/** Creates the event and everything recorded at it in the caller's transaction; returns its id. */
async function createEventTx(tx: Tx, userId: string, input: EventInput, options: WriteOptions = {}) {
  const [event] = await tx
    .insert(networkingEvents)
    .values({ userId, ...eventColumns(input) })
    .returning({ id: networkingEvents.id });
  await writeChildren(tx, userId, event!.id, input, options);
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
 * Saves an edit of the event made from `version`: its own fields, and its lists as sent (see writeChildren for
 * what is left alone). A stale event, or a part of it saved elsewhere since, is a VersionConflictError carrying the
 * event as it now is, and nothing is written. People dropped from the event keep their own records.
 */
export async function updateEvent(userId: string, eventId: string, version: number, input: EventInput, options: WriteOptions = {}): Promise<EventJson> {
  try {
    return await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(networkingEvents)
        .set({ ...eventColumns(input), version: sql`${networkingEvents.version} + 1`, updatedAt: new Date() })
        .where(
          and(eq(networkingEvents.id, eventId), eq(networkingEvents.userId, userId), isNull(networkingEvents.deletedAt), eq(networkingEvents.version, version)),
        )
        .returning({ id: networkingEvents.id });
      if (!updated) {
        const current = await getEventDetail(tx, userId, eventId); // NotFoundError when missing or not theirs
        throw new VersionConflictError(eventToJson(current));
      }
      await writeChildren(tx, userId, eventId, input, options);
      return eventToJson(await getEventDetail(tx, userId, eventId));
    });
  } catch (err) {
    if (!(err instanceof StaleChildError)) throw err;
    // Read after the rollback: the event as it is, for the form to show beside what the user typed.
    const current = eventToJson(await getEventDetail(db, userId, eventId));
    throw new VersionConflictError(current, err.fieldErrors, err.message);
  }
}

/**
 * Applies a PATCH body (already parsed as JSON) to the user's event: only the keys present change, the result is
 * validated whole (so a patch cannot leave an event a POST would refuse), and saved from the version sent.
 */
export async function patchEvent(userId: string, eventId: string, raw: unknown): Promise<EventJson> {
  const patch = eventPatchSchema.parse(raw);
  const current = await getEventDetail(db, userId, eventId);
  const present = new Set(Object.keys(raw as object));
  const input = eventInputSchema.parse(JSON.parse(JSON.stringify(mergePatch(current, patch, present))));
  return updateEvent(userId, eventId, patch.version, input, { onDuplicate: 'link' });
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
  });
}
