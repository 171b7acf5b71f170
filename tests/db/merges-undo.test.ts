import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { merges, organisations, people, personTopics, sectors } from '@/db/schema';
import { listRecentlyDeleted, purgeExpired } from '@/lib/deleted/queries';
import { NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { undoMerge } from '@/lib/merges/undo';
import { mergeOrganisations } from '@/lib/organisations/merge';
import { updateOrganisation } from '@/lib/organisations/queries';
import { mergePeople } from '@/lib/people/merge';
import { getPerson, restorePerson, updatePerson } from '@/lib/people/queries';
import { mergeSectors } from '@/lib/sectors/merge';
import { renameSector } from '@/lib/sectors/queries';
import { renameTopic } from '@/lib/topics/merge';
import { makeEvent, makeOrganisation, makePerson, sectorId, topicId } from '../support/fixtures';
import { createTestUser } from '../support/users';

/** The words of a text (or the lexemes of a tsvector), sorted. */
const words = (value: unknown, pattern = /\S+/g) => [...String(value ?? '').matchAll(pattern)].map((m) => m[1] ?? m[0]).sort();

/**
 * Every row a merge can touch, whole, as Postgres stores it (to_jsonb): the user's people, organisations,
 * sectors, encounters, encounter topics, facts and follow-ups, comparable. `loose` lists people/organisation ids
 * whose version and updated_at may move on (a record the user kept gets a new version, never an old one back);
 * `moved` rows may differ only in version (a merge and its undo each give what they move a new version, so that a
 * form opened in between is refused).
 */
async function everything(userId: string, loose: string[] = [], moved: string[] = []) {
  const all = async (table: string, order: string) =>
    (
      await rows<{ j: Record<string, unknown> }>(
        db,
        sql`select to_jsonb(t) as j from ${sql.raw(table)} t where t.user_id = ${userId}::uuid order by ${sql.raw(order)}`,
      )
    ).map((r) => {
      const raw = typeof r.j === 'string' ? (JSON.parse(r.j) as Record<string, unknown>) : r.j;
      // A person's search text gathers their encounters' notes in no set order: the same words, compared as a set.
      const j = 'search_text' in raw ? { ...raw, search_text: words(raw.search_text), search_vector: words(raw.search_vector, /'([^']*)'/g) } : raw;
      if (loose.includes(j.id as string)) return { ...j, version: 'any', updated_at: 'any' };
      if (moved.includes(j.id as string)) return { ...j, version: 'moved' };
      return j;
    });
  return {
    people: await all('people', 't.id'),
    organisations: await all('organisations', 't.id'),
    sectors: await all('sectors', 't.id'),
    encounters: await all('encounters', 't.id'),
    encounterTopics: await all('encounter_topics', 't.encounter_id, t.topic_id'),
    insights: await all('insights', 't.id'),
    followUps: await all('follow_ups', 't.id'),
  };
}

async function twoAlexes() {
  const user = await createTestUser();
  const acme = await makeOrganisation(user.id, 'Acme', 'Technology');
  const a = await makePerson(user.id, { name: 'Alex Carter', role: 'CTO', organisationId: acme.id, notes: 'likes cloud' });
  const b = await makePerson(user.id, { name: 'Alex Carter', email: 'alex@example.test', notes: 'ran the panel', keepPrivate: true });
  // A shared evening (folded into one encounter), one each, facts and follow-ups on both.
  await makeEvent(user.id, {
    title: 'Both there',
    people: [
      { personId: a.id, relation: 'met', notes: 'at the bar', topics: ['Cloud'] },
      { personId: b.id, relation: 'spoke', notes: 'on stage', topics: ['AI', 'Cloud'] },
    ],
    insights: [
      { text: 'b said 40%', personId: b.id },
      { text: 'a said 3', personId: a.id },
    ],
    followUps: [{ action: 'Send b the deck', personId: b.id }],
  });
  await makeEvent(user.id, { title: 'Only a', people: [{ personId: a.id, topics: ['Hiring'] }], followUps: [{ action: 'Call a', personId: a.id }] });
  await makeEvent(user.id, { title: 'Only b', people: [{ personId: b.id, notes: 'quiet', topics: ['AI'] }], insights: [{ text: 'b again', personId: b.id }] });
  return { user, a, b, acme };
}

describe('merging people, and undoing it', () => {
  it('undo puts every row back exactly: both people, every encounter, topic, fact and follow-up', async () => {
    const { user, a, b } = await twoAlexes();
    const before = await everything(user.id, [a.id]);
    const merged = await mergePeople(user.id, { keepId: a.id, otherId: b.id, keepVersion: a.version, otherVersion: b.version, choices: { name: 'other' } });
    expect(await everything(user.id, [a.id])).not.toEqual(before);
    // The merged-away person is kept (soft-deleted) for undo, but is not offered as a plain restore.
    expect((await listRecentlyDeleted(user.id)).map((i) => i.id)).not.toContain(b.id);
    await expect(restorePerson(user.id, b.id)).rejects.toBeInstanceOf(NotFoundError);

    await undoMerge(user.id, merged.mergeId);
    expect(await everything(user.id, [a.id])).toEqual(before);
    expect((await getPerson(user.id, a.id)).version).toBeGreaterThan(merged.version);
    expect(await db.select().from(merges).where(eq(merges.userId, user.id))).toEqual([]);
    // Undone once: a second undo finds nothing.
    await expect(undoMerge(user.id, merged.mergeId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a stale version (someone edited one of them meanwhile) is a conflict with both copies; nothing changes', async () => {
    const { user, a, b } = await twoAlexes();
    await updatePerson(user.id, b.id, { version: b.version, role: 'Head of Data' } as never);
    const before = await everything(user.id);
    const err = await mergePeople(user.id, { keepId: a.id, otherId: b.id, keepVersion: a.version, otherVersion: b.version }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VersionConflictError);
    const current = (err as VersionConflictError<{ keep: { id: string }; other: { id: string; role: string } }>).current;
    expect(current.keep.id).toBe(a.id);
    expect(current.other).toMatchObject({ id: b.id, role: 'Head of Data' });
    expect(await everything(user.id)).toEqual(before);
  });

  it('refuses to undo once the kept person was edited since, and changes nothing', async () => {
    const { user, a, b } = await twoAlexes();
    const merged = await mergePeople(user.id, { keepId: a.id, otherId: b.id, keepVersion: a.version, otherVersion: b.version });
    await updatePerson(user.id, a.id, { version: merged.version, role: 'CIO' } as never);
    const before = await everything(user.id);
    const err = await undoMerge(user.id, merged.mergeId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).status).toBe(409);
    expect((err as UserFacingError).message).toMatch(/can no longer be undone/);
    expect(await everything(user.id)).toEqual(before);
  });

  it('a new version alone does not refuse the undo: a topic of the kept person renamed since (forms opened before are outdated)', async () => {
    const { user, a, b } = await twoAlexes();
    await db.insert(personTopics).values({ userId: user.id, personId: a.id, topicId: await topicId(user.id, 'AI') });
    const merged = await mergePeople(user.id, { keepId: a.id, otherId: b.id, keepVersion: a.version, otherVersion: b.version });
    await renameTopic(user.id, await topicId(user.id, 'AI'), 'Artificial intelligence');
    expect((await getPerson(user.id, a.id)).version).toBeGreaterThan(merged.version);
    await undoMerge(user.id, merged.mergeId);
    expect((await getPerson(user.id, b.id)).name).toBe('Alex Carter');
    expect((await getPerson(user.id, a.id)).topics).toEqual(['Artificial intelligence']);
  });

  it("another user's people and merges answer 404 and change nothing", async () => {
    const { user, a, b } = await twoAlexes();
    const intruder = await createTestUser();
    const mine = await makePerson(intruder.id, { name: 'Mine' });
    const before = await everything(user.id);
    await expect(mergePeople(intruder.id, { keepId: mine.id, otherId: b.id, keepVersion: 1, otherVersion: 1 })).rejects.toBeInstanceOf(NotFoundError);
    const merged = await mergePeople(user.id, { keepId: a.id, otherId: b.id, keepVersion: a.version, otherVersion: b.version });
    const afterMerge = await everything(user.id);
    await expect(undoMerge(intruder.id, merged.mergeId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await everything(user.id)).toEqual(afterMerge);
    expect(afterMerge).not.toEqual(before);
  });

  it('the purge forgets merges past the restore window with the person merged away', async () => {
    const { user, a, b } = await twoAlexes();
    const merged = await mergePeople(user.id, { keepId: a.id, otherId: b.id, keepVersion: a.version, otherVersion: b.version });
    const old = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    await db.update(merges).set({ createdAt: old }).where(eq(merges.id, merged.mergeId));
    await db.update(people).set({ deletedAt: old }).where(eq(people.id, b.id));
    await purgeExpired(db);
    expect(await db.select().from(merges).where(eq(merges.userId, user.id))).toEqual([]);
    expect(await db.select().from(people).where(eq(people.id, b.id))).toEqual([]);
    await expect(undoMerge(user.id, merged.mergeId)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('merging organisations and sectors, and undoing it', () => {
  it('organisations: undo brings the other back whole and moves back exactly its people', async () => {
    const user = await createTestUser();
    const keep = await makeOrganisation(user.id, 'HM Treasury', 'Government');
    const other = await makeOrganisation(user.id, 'Treasury', 'Finance');
    await updateOrganisation(user.id, other.id, { name: 'Treasury', sectorId: other.sectorId, website: 'https://t.example', notes: 'old notes', version: 1 });
    const p1 = await makePerson(user.id, { name: 'Ann', organisationId: other.id });
    await makePerson(user.id, { name: 'Bob', organisationId: keep.id });
    await makeEvent(user.id, { title: 'Budget', people: [{ personId: p1.id }] });
    const before = await everything(user.id, [keep.id], [p1.id]);
    const merged = await mergeOrganisations(user.id, keep.id, other.id, { keepVersion: 1 });
    expect(merged.website).toBe('https://t.example');
    await undoMerge(user.id, merged.mergeId);
    expect(await everything(user.id, [keep.id], [p1.id])).toEqual(before);
    expect((await getPerson(user.id, p1.id)).version).toBe(p1.version + 2);
  });

  it('organisations: a version the user did not see is a conflict and nothing is merged', async () => {
    const user = await createTestUser();
    const keep = await makeOrganisation(user.id, 'BBC', 'Media');
    const other = await makeOrganisation(user.id, 'B.B.C.', 'Media');
    await makePerson(user.id, { name: 'Ann', organisationId: other.id });
    await updateOrganisation(user.id, keep.id, { name: 'BBC', sectorId: keep.sectorId, website: 'https://bbc.example', notes: null, version: 1 });
    const before = await everything(user.id);
    await expect(mergeOrganisations(user.id, keep.id, other.id, { keepVersion: 1 })).rejects.toBeInstanceOf(VersionConflictError);
    expect(await everything(user.id)).toEqual(before);
    const intruder = await createTestUser();
    await expect(mergeOrganisations(intruder.id, keep.id, other.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await everything(user.id)).toEqual(before);
  });

  it('sectors: undo brings the sector back and moves back exactly the people and organisations moved', async () => {
    const user = await createTestUser();
    const from = await sectorId(user.id, 'Retail');
    const into = await sectorId(user.id, 'Other');
    const shop = await makeOrganisation(user.id, 'Shop', 'Retail');
    const ann = await makePerson(user.id, { name: 'Ann', sector: 'Retail' });
    await makePerson(user.id, { name: 'Bob', organisationId: shop.id });
    await makePerson(user.id, { name: 'Cy', sector: 'Other' });
    const before = await everything(user.id, [], [ann.id, shop.id]);
    const merged = await mergeSectors(user.id, from, into, { fromVersion: 1 });
    expect(await everything(user.id, [], [ann.id, shop.id])).not.toEqual(before);
    await undoMerge(user.id, merged.mergeId);
    expect(await everything(user.id, [], [ann.id, shop.id])).toEqual(before);
    expect((await getPerson(user.id, ann.id)).version).toBe(ann.version + 2);
    expect((await db.select({ version: organisations.version }).from(organisations).where(eq(organisations.id, shop.id)))[0]!.version).toBe(shop.version + 2);
  });

  it('sectors: a rename since the page was shown is a conflict; a name taken since refuses the undo', async () => {
    const user = await createTestUser();
    const from = await sectorId(user.id, 'Retail');
    const into = await sectorId(user.id, 'Other');
    await renameSector(user.id, from, 'Shops');
    await expect(mergeSectors(user.id, from, into, { fromVersion: 1 })).rejects.toBeInstanceOf(VersionConflictError);
    const merged = await mergeSectors(user.id, from, into, { fromVersion: 2 });
    await db.insert(sectors).values({ userId: user.id, name: 'shops' });
    const before = await everything(user.id);
    const err = await undoMerge(user.id, merged.mergeId).catch((e: unknown) => e);
    expect((err as UserFacingError).status).toBe(409);
    expect((err as UserFacingError).message).toMatch(/another sector with that name/);
    expect(await everything(user.id)).toEqual(before);
  });
});

// Two connections at once: only the PostgreSQL server has them (PGlite is one connection).
describe.skipIf(!process.env.DATABASE_URL)('a merge racing an edit (PostgreSQL server)', () => {
  it('waits for the row lock, then sees the edit and answers a conflict: the edit is not lost', async () => {
    const { user, a, b } = await twoAlexes();
    const other = postgres(process.env.DATABASE_URL!, { max: 1 });
    try {
      let merging: Promise<unknown> | undefined;
      await other.begin(async (tx) => {
        await tx`update people set role = 'Edited elsewhere', version = version + 1 where id = ${b.id}`;
        // The merge starts while the edit holds the row; it must wait for it rather than read the old copy.
        merging = mergePeople(user.id, { keepId: a.id, otherId: b.id, keepVersion: a.version, otherVersion: b.version }).catch((e: unknown) => e);
        await new Promise((r) => setTimeout(r, 300));
      });
      expect(await merging).toBeInstanceOf(VersionConflictError);
      expect(await getPerson(user.id, b.id)).toMatchObject({ role: 'Edited elsewhere', deleted: false });
      expect(await db.select().from(merges).where(eq(merges.userId, user.id))).toEqual([]);
    } finally {
      await other.end();
    }
  });
});
