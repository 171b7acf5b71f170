import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Tx } from '@/db/client';
import { encounters, encounterTopics, followUps, insights, people, type EncounterRelation } from '@/db/schema';
import { NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { mergeNotes } from './merge-notes';
import { getPerson } from './queries';
import { refreshPeopleSearch } from './search-index';

/** Fields where the two records may disagree; for each the user picks which record's value to keep. */
export const MERGE_FIELDS = ['name', 'role', 'organisationId', 'sectorId', 'email', 'phone'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

const pick = z.enum(['keep', 'other']).optional().default('keep');

export const mergeSchema = z.object({
  keepId: z.uuid(),
  otherId: z.uuid(),
  keepVersion: z.coerce.number().int().min(1),
  otherVersion: z.coerce.number().int().min(1),
  choices: z.object(Object.fromEntries(MERGE_FIELDS.map((f) => [f, pick])) as Record<MergeField, typeof pick>).optional().default({} as never),
});
export type MergeInput = z.input<typeof mergeSchema>;

const STRENGTH: Record<EncounterRelation, number> = { mentioned: 0, met: 1, spoke: 2 };

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

/**
 * Merges `otherId` into `keepId`: every encounter, fact and follow-up of both ends up on the kept person,
 * notes and links are combined, and each disagreeing field takes the value the user chose. Both versions
 * must be current. The other record is removed; nothing of its history is.
 */
export async function mergePeople(userId: string, input: MergeInput) {
  const m = mergeSchema.parse(input);
  if (m.keepId === m.otherId) throw new UserFacingError('Choose two different people to merge.');
  return db.transaction(async (tx) => {
    const keep = await getPerson(userId, m.keepId, { conn: tx });
    const other = await getPerson(userId, m.otherId, { conn: tx });
    if (keep.version !== m.keepVersion) throw new VersionConflictError(keep);
    if (other.version !== m.otherVersion) throw new VersionConflictError(other);

    const [rowKeep] = await tx.select().from(people).where(and(eq(people.userId, userId), eq(people.id, keep.id)));
    const [rowOther] = await tx.select().from(people).where(and(eq(people.userId, userId), eq(people.id, other.id)));
    if (!rowKeep || !rowOther) throw new NotFoundError('That person was not found.');

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
    const keepEncs = await tx.select().from(encounters).where(and(eq(encounters.userId, userId), eq(encounters.personId, keep.id)));
    const otherEncs = await tx.select().from(encounters).where(and(eq(encounters.userId, userId), eq(encounters.personId, other.id)));
    const keepByEvent = new Map(keepEncs.map((e) => [e.eventId, e]));
    const moving: string[] = [];
    for (const enc of otherEncs) {
      const twin = keepByEvent.get(enc.eventId);
      if (twin) await foldEncounter(tx, userId, twin, enc);
      else moving.push(enc.id);
    }
    if (moving.length) {
      await tx
        .update(encounters)
        .set({ personId: keep.id })
        .where(and(eq(encounters.userId, userId), inArray(encounters.id, moving)));
    }
    await tx.update(insights).set({ personId: keep.id }).where(and(eq(insights.userId, userId), eq(insights.personId, other.id)));
    await tx
      .update(followUps)
      .set({ personId: keep.id })
      .where(and(eq(followUps.userId, userId), eq(followUps.personId, other.id)));

    await tx.delete(people).where(and(eq(people.userId, userId), eq(people.id, other.id), isNull(people.deletedAt)));
    await tx
      .update(people)
      .set({
        ...chosen,
        links: [...new Set([...rowKeep.links, ...rowOther.links])],
        notes: mergeNotes(rowKeep.notes, rowOther.notes),
        keepPrivate: rowKeep.keepPrivate || rowOther.keepPrivate,
        version: sql`${people.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(people.userId, userId), eq(people.id, keep.id)));
    await refreshPeopleSearch(tx, userId, { personIds: [keep.id] });
    return getPerson(userId, keep.id, { conn: tx });
  });
}
