import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { encounters, encounterTopics, followUps, insights, people, topics } from '@/db/schema';
import { VersionConflictError, NotFoundError } from '@/lib/errors';
import { mergePeople } from '@/lib/people/merge';
import { getPerson } from '@/lib/people/queries';
import { searchPeople } from '@/lib/people/search';
import { searchParamsSchema } from '@/lib/people/validation';
import { makeEvent, makeOrganisation, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

const TOPICS = ['Cloud', 'AI', 'Procurement', 'Hiring'];
const attendance = fc.record({
  relation: fc.constantFrom('met' as const, 'spoke' as const, 'mentioned' as const),
  notes: fc.option(fc.stringMatching(/^[a-z]{3,12}$/), { nil: undefined }),
  topics: fc.subarray(TOPICS),
});
const history = fc.record({
  events: fc.array(fc.option(attendance, { nil: null }), { minLength: 3, maxLength: 3 }),
  facts: fc.nat({ max: 2 }),
  followUps: fc.nat({ max: 2 }),
  notes: fc.option(fc.stringMatching(/^[a-z]{4,16}$/), { nil: null }),
});

async function historyOf(userId: string, personId: string) {
  const encs = await db
    .select()
    .from(encounters)
    .where(and(eq(encounters.userId, userId), eq(encounters.personId, personId)));
  const topicRows = await db
    .select({ encounterId: encounterTopics.encounterId, name: topics.name })
    .from(encounterTopics)
    .innerJoin(topics, eq(topics.id, encounterTopics.topicId))
    .where(eq(encounterTopics.userId, userId));
  return {
    encounters: encs.map((e) => ({
      ...e,
      topics: topicRows
        .filter((t) => t.encounterId === e.id)
        .map((t) => t.name)
        .sort(),
    })),
    facts: (
      await db
        .select()
        .from(insights)
        .where(and(eq(insights.userId, userId), eq(insights.personId, personId)))
    )
      .map((f) => f.text)
      .sort(),
    followUps: (
      await db
        .select()
        .from(followUps)
        .where(and(eq(followUps.userId, userId), eq(followUps.personId, personId)))
    )
      .map((f) => f.action)
      .sort(),
  };
}

describe('merging two people', () => {
  it('keeps the union of both histories: every encounter, topic, note, fact and follow-up', async () => {
    await fc.assert(
      fc.asyncProperty(history, history, async (ha, hb) => {
        const user = await createTestUser();
        const a = await makePerson(user.id, { name: 'Alex Carter', notes: ha.notes ?? undefined });
        const b = await makePerson(user.id, { name: 'Alex Carter', email: 'alex@example.test', notes: hb.notes ?? undefined });
        for (let i = 0; i < 3; i++) {
          const who = [...(ha.events[i] ? [{ personId: a.id, ...ha.events[i]! }] : []), ...(hb.events[i] ? [{ personId: b.id, ...hb.events[i]! }] : [])];
          const facts = [
            ...Array.from({ length: i === 0 ? ha.facts : 0 }, (_, n) => ({ text: `a-fact-${n}`, personId: a.id })),
            ...Array.from({ length: i === 0 ? hb.facts : 0 }, (_, n) => ({ text: `b-fact-${n}`, personId: b.id })),
          ];
          const fus = [
            ...Array.from({ length: i === 0 ? ha.followUps : 0 }, (_, n) => ({ action: `a-follow-${n}`, personId: a.id })),
            ...Array.from({ length: i === 0 ? hb.followUps : 0 }, (_, n) => ({ action: `b-follow-${n}`, personId: b.id })),
          ];
          await makeEvent(user.id, { title: `Evening ${i}`, people: who, insights: facts, followUps: fus });
        }
        const before = { a: await historyOf(user.id, a.id), b: await historyOf(user.id, b.id) };

        const merged = await mergePeople(user.id, { keepId: a.id, otherId: b.id, keepVersion: 1, otherVersion: 1, choices: {} });
        const after = await historyOf(user.id, merged.id);

        // Every event either attended is still there, once.
        const events = new Set([...before.a.encounters, ...before.b.encounters].map((e) => e.eventId));
        expect(after.encounters.map((e) => e.eventId).sort()).toEqual([...events].sort());
        for (const enc of after.encounters) {
          const olds = [...before.a.encounters, ...before.b.encounters].filter((e) => e.eventId === enc.eventId);
          expect(enc.topics).toEqual([...new Set(olds.flatMap((o) => o.topics))].sort());
          for (const o of olds) if (o.notes) expect(enc.notes).toContain(o.notes);
        }
        expect(after.facts).toEqual([...before.a.facts, ...before.b.facts].sort());
        expect(after.followUps).toEqual([...before.a.followUps, ...before.b.followUps].sort());
        const person = await getPerson(user.id, a.id);
        for (const n of [ha.notes, hb.notes]) if (n) expect(person.notes).toContain(n);
        expect(person.email).toBe('alex@example.test'); // an empty field never wins
        await expect(getPerson(user.id, b.id)).rejects.toBeInstanceOf(NotFoundError);
      }),
      { numRuns: 12 },
    );
  });

  it('takes the chosen value field by field, and the merged person is found by both records’ words', async () => {
    const user = await createTestUser();
    const bbc = await makeOrganisation(user.id, 'BBC', 'Media');
    const a = await makePerson(user.id, { name: 'Jon Smith', role: 'Producer', organisationId: bbc.id });
    const b = await makePerson(user.id, { name: 'John Smith', role: 'Head of Audio', notes: 'podcasts' });
    const merged = await mergePeople(user.id, {
      keepId: a.id,
      otherId: b.id,
      keepVersion: a.version,
      otherVersion: b.version,
      choices: { name: 'other', role: 'keep' },
    });
    expect(merged).toMatchObject({ name: 'John Smith', role: 'Producer', organisation: { id: bbc.id, name: 'BBC' } });
    const found = await searchPeople(user.id, searchParamsSchema.parse({ q: 'podcasts' }));
    expect(found.items.map((i) => i.id)).toEqual([a.id]);
  });

  it('refuses a stale version and another user’s person', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const a = await makePerson(user.id, { name: 'Ann' });
    const b = await makePerson(user.id, { name: 'Anne' });
    const theirs = await makePerson(other.id, { name: 'Ann' });
    await db.update(people).set({ version: 2 }).where(eq(people.id, b.id));
    await expect(mergePeople(user.id, { keepId: a.id, otherId: b.id, keepVersion: 1, otherVersion: 1 })).rejects.toBeInstanceOf(VersionConflictError);
    await expect(mergePeople(user.id, { keepId: a.id, otherId: theirs.id, keepVersion: 1, otherVersion: 1 })).rejects.toBeInstanceOf(NotFoundError);
    expect((await getPerson(other.id, theirs.id)).name).toBe('Ann');
  });
});
