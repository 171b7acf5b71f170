import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Tx } from '@/db/client';
import { jsonValue, rows } from '@/db/rows';
import { encounters, encounterTopics, followUps, insights, interactions, people, type EncounterRelation, type PersonRow } from '@/db/schema';
import { NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { recordMerge, reinsertRow, rowsAsJson, type RowJson } from '@/lib/merge-record';
import { displayName } from './display-name';
import { mergeNotes } from './merge-notes';
import { getPerson, type PersonView } from './queries';

/** Fields where the two records may disagree; for each the user picks which record's value to keep. */
export const MERGE_FIELDS = ['name', 'role', 'organisationId', 'sectorId', 'email', 'phone'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

const pick = z.enum(['keep', 'other']).optional().default('keep');

export const mergeSchema = z.object({
  keepId: z.uuid(),
  otherId: z.uuid(),
  keepVersion: z.coerce.number().int().min(1),
  otherVersion: z.coerce.number().int().min(1),
  choices: z
    .object(Object.fromEntries(MERGE_FIELDS.map((f) => [f, pick])) as Record<MergeField, typeof pick>)
    .optional()
    .default({} as never),
});
export type MergeInput = z.input<typeof mergeSchema>;

/**
 * Where a merge began, when that was an event's page ("Already in your contacts?"): the merged person's page leads
 * back to it. Only an event's own address: anything else is no place to send the user after a merge.
 */
export const mergeFrom = z.string().regex(/^\/events\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

/** `&from=…` for a merge begun on an event's page; '' otherwise. */
export function fromParam(from: unknown): string {
  return mergeFrom.safeParse(from).success ? `&from=${encodeURIComponent(from as string)}` : '';
}

/** Both records as they are now, when the user merged from copies one of which has changed since. */
export class MergeConflictError extends VersionConflictError<{ keep: PersonView; other: PersonView }> {}

/** The kept person's fields an undo puts back (see undoPeopleMerge), as one value to compare. */
const RESTORED = sql`jsonb_build_object('name', name, 'role', role, 'organisation_id', organisation_id, 'sector_id', sector_id,
  'email', email, 'phone', phone, 'links', links, 'notes', notes, 'keep_private', keep_private,
  'keep_in_touch_unit', keep_in_touch_unit, 'keep_in_touch_every', keep_in_touch_every, 'contact_snoozed_until', contact_snoozed_until)`;

/** What undoing a people merge needs: the rows as they were and every link the merge moved or folded. */
interface PersonMergeSnapshot {
  label: string;
  keptBefore: RowJson;
  merged: RowJson;
  keptVersionAfter: number;
  /**
   * The kept person's fields that undo puts back, as the merge left them: undo refuses only if one of these has
   * changed since, not for a new version alone (a topic renamed, say). Absent in merges recorded before this.
   */
  keptAfter?: Record<string, unknown>;
  /** `interactions` is absent in merges recorded before logged contacts existed. */
  moved: { encounters: string[]; insights: string[]; followUps: string[]; interactions?: string[] };
  /** Encounters at events both attended: the kept one as it was, the other one whole, and their topics. */
  folded: { keep: RowJson; keepTopicIds: string[]; other: RowJson; otherTopicIds: string[] }[];
  /**
   * The merged-away person's own topics the kept one gained (theirs stay on the soft-deleted row, for undo).
   * Absent in merges recorded before person topics existed.
   */
  addedTopicIds?: string[];
}

const STRENGTH: Record<EncounterRelation, number> = { mentioned: 0, met: 1, spoke: 2 };

async function topicIdsOf(tx: Tx, userId: string, encounterId: string): Promise<string[]> {
  const found = await tx
    .select({ topicId: encounterTopics.topicId })
    .from(encounterTopics)
    .where(and(eq(encounterTopics.userId, userId), eq(encounterTopics.encounterId, encounterId)));
  return found.map((t) => t.topicId).sort();
}

/** Both encounters at one event become one: the stronger relation, both notes, every topic. */
async function foldEncounter(tx: Tx, userId: string, keepEnc: typeof encounters.$inferSelect, otherEnc: typeof encounters.$inferSelect) {
  const relation = STRENGTH[otherEnc.relation] > STRENGTH[keepEnc.relation] ? otherEnc.relation : keepEnc.relation;
  await tx
    .update(encounters)
    .set({ relation, notes: mergeNotes(keepEnc.notes, otherEnc.notes) })
    .where(and(eq(encounters.userId, userId), eq(encounters.id, keepEnc.id)));
  await tx.execute(sql`
    insert into encounter_topics (user_id, encounter_id, topic_id)
    select user_id, ${keepEnc.id}::uuid, topic_id from encounter_topics
     where user_id = ${userId}::uuid and encounter_id = ${otherEnc.id}::uuid
    on conflict do nothing`);
  await tx.delete(encounterTopics).where(and(eq(encounterTopics.userId, userId), eq(encounterTopics.encounterId, otherEnc.id)));
  await tx.delete(encounters).where(and(eq(encounters.userId, userId), eq(encounters.id, otherEnc.id)));
}

/** Both people, live and locked until the transaction ends (in id order, so two merges cannot deadlock). */
async function lockPair(tx: Tx, userId: string, a: string, b: string): Promise<Map<string, PersonRow>> {
  const locked = await tx
    .select()
    .from(people)
    .where(and(eq(people.userId, userId), inArray(people.id, [a, b]), isNull(people.deletedAt)))
    .orderBy(people.id)
    .for('update');
  if (locked.length !== 2) throw new NotFoundError('That person was not found.');
  return new Map(locked.map((p) => [p.id, p]));
}

/**
 * Merges `otherId` into `keepId`: every encounter, fact and follow-up of both ends up on the kept person,
 * notes and links are combined, and each disagreeing field takes the value the user chose. Both rows are locked
 * and both versions must be the ones the user saw (MergeConflictError with both current copies otherwise). The
 * other person is soft-deleted and everything moved is recorded, so undoPeopleMerge can take it all back.
 */
export async function mergePeople(userId: string, input: MergeInput): Promise<PersonView & { mergeId: string }> {
  const m = mergeSchema.parse(input);
  if (m.keepId === m.otherId) throw new UserFacingError('Choose two different people to merge.');
  return db.transaction(async (tx) => {
    const locked = await lockPair(tx, userId, m.keepId, m.otherId);
    const rowKeep = locked.get(m.keepId)!;
    const rowOther = locked.get(m.otherId)!;
    if (rowKeep.version !== m.keepVersion || rowOther.version !== m.otherVersion) {
      throw new MergeConflictError({ keep: await getPerson(userId, rowKeep.id, { conn: tx }), other: await getPerson(userId, rowOther.id, { conn: tx }) });
    }
    const [keptBefore] = await rowsAsJson(tx, 'people', userId, [rowKeep.id]);
    const [merged] = await rowsAsJson(tx, 'people', userId, [rowOther.id]);

    const chosen = Object.fromEntries(
      MERGE_FIELDS.map((f) => {
        const mine = rowKeep[f];
        const theirs = rowOther[f];
        // An empty value never wins over a filled one, whatever was picked.
        const value = m.choices[f] === 'other' ? (theirs ?? mine) : (mine ?? theirs);
        return [f, value];
      }),
    ) as Pick<typeof rowKeep, MergeField>;

    // Encounters: the other's move over, except at events both attended, which fold into one.
    const keepEncs = await tx
      .select()
      .from(encounters)
      .where(and(eq(encounters.userId, userId), eq(encounters.personId, rowKeep.id)));
    const otherEncs = await tx
      .select()
      .from(encounters)
      .where(and(eq(encounters.userId, userId), eq(encounters.personId, rowOther.id)));
    const keepByEvent = new Map(keepEncs.map((e) => [e.eventId, e]));
    const moving: string[] = [];
    const folded: PersonMergeSnapshot['folded'] = [];
    for (const enc of otherEncs) {
      const twin = keepByEvent.get(enc.eventId);
      if (twin) {
        const [keepJson] = await rowsAsJson(tx, 'encounters', userId, [twin.id]);
        const [otherJson] = await rowsAsJson(tx, 'encounters', userId, [enc.id]);
        folded.push({
          keep: keepJson!,
          keepTopicIds: await topicIdsOf(tx, userId, twin.id),
          other: otherJson!,
          otherTopicIds: await topicIdsOf(tx, userId, enc.id),
        });
        await foldEncounter(tx, userId, twin, enc);
      } else moving.push(enc.id);
    }
    if (moving.length) {
      await tx
        .update(encounters)
        .set({ personId: rowKeep.id })
        .where(and(eq(encounters.userId, userId), inArray(encounters.id, moving)));
    }
    const movedInsights = await tx
      .update(insights)
      .set({ personId: rowKeep.id })
      .where(and(eq(insights.userId, userId), eq(insights.personId, rowOther.id)))
      .returning({ id: insights.id });
    const movedFollowUps = await tx
      .update(followUps)
      .set({ personId: rowKeep.id })
      .where(and(eq(followUps.userId, userId), eq(followUps.personId, rowOther.id)))
      .returning({ id: followUps.id });
    // Logged contacts (deleted ones too, so an undo of their deletion still finds them with the kept person).
    const movedInteractions = await tx
      .update(interactions)
      .set({ personId: rowKeep.id })
      .where(and(eq(interactions.userId, userId), eq(interactions.personId, rowOther.id)))
      .returning({ id: interactions.id });

    // Their own topics join the kept person's; theirs stay on their row, which undo brings back.
    const addedTopics = await rows<{ topic_id: string }>(
      tx,
      sql`insert into person_topics (user_id, person_id, topic_id)
          select ${userId}::uuid, ${rowKeep.id}::uuid, pt.topic_id from person_topics pt
           where pt.user_id = ${userId}::uuid and pt.person_id = ${rowOther.id}::uuid
          on conflict do nothing
          returning topic_id::text`,
    );

    // Soft-deleted, not removed: undo brings the row back whole (the purge removes it with the merge record).
    await tx
      .update(people)
      .set({ deletedAt: new Date() })
      .where(and(eq(people.userId, userId), eq(people.id, rowOther.id)));
    const [after] = await tx
      .update(people)
      .set({
        ...chosen,
        links: [...new Set([...rowKeep.links, ...rowOther.links])],
        notes: mergeNotes(rowKeep.notes, rowOther.notes),
        keepPrivate: rowKeep.keepPrivate || rowOther.keepPrivate,
        // The kept person's cadence, unless they have none of their own; a snooze likewise.
        ...(rowKeep.keepInTouchUnit === null ? { keepInTouchUnit: rowOther.keepInTouchUnit, keepInTouchEvery: rowOther.keepInTouchEvery } : {}),
        contactSnoozedUntil: rowKeep.contactSnoozedUntil ?? rowOther.contactSnoozedUntil,
        version: sql`${people.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(people.userId, userId), eq(people.id, rowKeep.id), eq(people.version, m.keepVersion)))
      .returning({ version: people.version });
    const [keptAfter] = await rows<{ j: Record<string, unknown> | string }>(
      tx,
      sql`select ${RESTORED} as j from people where user_id = ${userId}::uuid and id = ${rowKeep.id}::uuid`,
    );
    const nameOf = (p: PersonRow) => displayName({ name: p.name, role: p.role, organisationName: null });
    const snapshot: PersonMergeSnapshot = {
      label: `${nameOf(rowOther)} into ${nameOf(rowKeep)}`,
      keptBefore: keptBefore!,
      merged: merged!,
      keptVersionAfter: after!.version,
      keptAfter: jsonValue(keptAfter!.j),
      moved: {
        encounters: moving.sort(),
        insights: movedInsights.map((r) => r.id).sort(),
        followUps: movedFollowUps.map((r) => r.id).sort(),
        interactions: movedInteractions.map((r) => r.id).sort(),
      },
      folded,
      addedTopicIds: addedTopics.map((t) => t.topic_id).sort(),
    };
    const mergeId = await recordMerge(tx, userId, 'person', rowKeep.id, rowOther.id, snapshot as unknown as Record<string, unknown>);
    return { ...(await getPerson(userId, rowKeep.id, { conn: tx })), mergeId };
  });
}

const refuse = (why: string) => new UserFacingError(`This merge can no longer be undone: ${why}`, 409);

/** Moves links back by id; every one must still be on the kept person, or the whole undo is refused. */
async function moveBack(moved: Promise<{ id: string }[]>, expected: string[], what: string) {
  if ((await moved).length !== expected.length) throw refuse(`some of the ${what} it moved have been changed or removed since.`);
}

/**
 * Undoes a people merge inside the caller's transaction (merge row already locked): the merged-away person comes
 * back whole, the kept one gets its fields back, and exactly the encounters, facts and follow-ups that were moved
 * or folded go back. Refuses (409, nothing changed) if either person changed in a way that makes that impossible.
 */
export async function undoPeopleMerge(tx: Tx, userId: string, keptId: string, mergedId: string, raw: Record<string, unknown>): Promise<void> {
  const s = raw as unknown as PersonMergeSnapshot;
  const locked = await tx
    .select({ id: people.id, version: people.version, deletedAt: people.deletedAt })
    .from(people)
    .where(and(eq(people.userId, userId), inArray(people.id, [keptId, mergedId])))
    .orderBy(people.id)
    .for('update');
  const kept = locked.find((p) => p.id === keptId);
  const merged = locked.find((p) => p.id === mergedId);
  if (!merged || !merged.deletedAt) throw refuse('the merged-away person is no longer there.');
  if (!kept || kept.deletedAt) throw refuse('the person it was merged into has been deleted. Restore them first.');
  const edited = s.keptAfter
    ? !(
        await rows<{ same: boolean }>(
          tx,
          sql`select ${RESTORED} = ${JSON.stringify(s.keptAfter)}::jsonb as same from people where user_id = ${userId}::uuid and id = ${keptId}::uuid`,
        )
      )[0]?.same
    : kept.version !== s.keptVersionAfter;
  if (edited) throw refuse('the merged person has been edited since. Change them by hand instead.');

  // An empty id list matches nothing (the merged person's id is never an encounter's, fact's or follow-up's).
  const ids = (list: string[]) => (list.length ? list : [mergedId]);
  await moveBack(
    tx
      .update(encounters)
      .set({ personId: mergedId })
      .where(and(eq(encounters.userId, userId), eq(encounters.personId, keptId), inArray(encounters.id, ids(s.moved.encounters))))
      .returning({ id: encounters.id }),
    s.moved.encounters,
    'encounters',
  );
  await moveBack(
    tx
      .update(insights)
      .set({ personId: mergedId })
      .where(and(eq(insights.userId, userId), eq(insights.personId, keptId), inArray(insights.id, ids(s.moved.insights))))
      .returning({ id: insights.id }),
    s.moved.insights,
    'facts',
  );
  await moveBack(
    tx
      .update(followUps)
      .set({ personId: mergedId })
      .where(and(eq(followUps.userId, userId), eq(followUps.personId, keptId), inArray(followUps.id, ids(s.moved.followUps))))
      .returning({ id: followUps.id }),
    s.moved.followUps,
    'follow-ups',
  );
  const movedInteractions = s.moved.interactions ?? [];
  await moveBack(
    tx
      .update(interactions)
      .set({ personId: mergedId })
      .where(and(eq(interactions.userId, userId), eq(interactions.personId, keptId), inArray(interactions.id, ids(movedInteractions))))
      .returning({ id: interactions.id }),
    movedInteractions,
    'logged contacts',
  );
  for (const f of s.folded) {
    const restored = await rows<{ id: string }>(
      tx,
      sql`update encounters e set relation = r.relation, notes = r.notes
            from jsonb_populate_record(null::encounters, ${JSON.stringify(f.keep)}::jsonb) r
           where e.user_id = ${userId}::uuid and e.id = r.id and e.person_id = ${keptId}::uuid
          returning e.id`,
    );
    if (restored.length !== 1) throw refuse('an encounter it combined has been changed or removed since.');
    await tx.execute(sql`
      delete from encounter_topics where user_id = ${userId}::uuid and encounter_id = ${f.keep.id}::uuid
         and not (topic_id = any(${`{${f.keepTopicIds.join(',')}}`}::uuid[]))`);
    await reinsertRow(tx, 'encounters', f.other, 'encounter');
    for (const topicId of f.otherTopicIds) {
      await tx.execute(sql`insert into encounter_topics (user_id, encounter_id, topic_id)
        select ${userId}::uuid, ${f.other.id}::uuid, id from topics where user_id = ${userId}::uuid and id = ${topicId}::uuid`);
    }
  }
  if (s.addedTopicIds?.length) {
    await tx.execute(sql`
      delete from person_topics where user_id = ${userId}::uuid and person_id = ${keptId}::uuid
         and topic_id = any(${`{${s.addedTopicIds.join(',')}}`}::uuid[])`);
  }
  // The kept person's own fields as they were; a new version, so no copy read in between can overwrite them.
  await tx.execute(sql`
    update people p set name = r.name, role = r.role, organisation_id = r.organisation_id, sector_id = r.sector_id,
           email = r.email, phone = r.phone, links = r.links, notes = r.notes, keep_private = r.keep_private,
           keep_in_touch_unit = r.keep_in_touch_unit, keep_in_touch_every = r.keep_in_touch_every,
           contact_snoozed_until = r.contact_snoozed_until,
           version = p.version + 1, updated_at = now()
      from jsonb_populate_record(null::people, ${JSON.stringify(s.keptBefore)}::jsonb) r
     where p.user_id = ${userId}::uuid and p.id = ${keptId}::uuid`);
  await tx
    .update(people)
    .set({ deletedAt: null })
    .where(and(eq(people.userId, userId), eq(people.id, mergedId)));
}
