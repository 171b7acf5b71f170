import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { jsonValue, rows } from '@/db/rows';
import { personTopics } from '@/db/schema';
import { NotFoundError, UserFacingError } from '@/lib/errors';
import { searchFacts } from '@/lib/facts/queries';
import { factSearchSchema } from '@/lib/facts/validation';
import { undoMerge } from '@/lib/merges/undo';
import { searchPeople } from '@/lib/people/search';
import { mergeTopics, renameTopic, TopicNameTakenError } from '@/lib/topics/merge';
import { listTopicSummaries } from '@/lib/topics/pages';
import { getEventDetail } from '@/lib/events/queries';
import { eventInputSchema } from '@/lib/events/validation';
import { createEvent } from '@/lib/events/write';
import { createPerson, getPerson } from '@/lib/people/queries';
import { createPersonSchema, searchParamsSchema } from '@/lib/people/validation';
import { makeEvent, makePerson, topicId } from '../support/fixtures';
import { createTestUser } from '../support/users';

/** Every topic link of the user's, as "table:other id:topic name", sorted. */
async function links(userId: string): Promise<string[]> {
  const found = await rows<{ l: string }>(
    db,
    sql`select 'event:' || l.event_id || ':' || t.name as l from event_topics l join topics t on t.id = l.topic_id where l.user_id = ${userId}::uuid
        union all select 'encounter:' || l.encounter_id || ':' || t.name from encounter_topics l join topics t on t.id = l.topic_id where l.user_id = ${userId}::uuid
        union all select 'person:' || l.person_id || ':' || t.name from person_topics l join topics t on t.id = l.topic_id where l.user_id = ${userId}::uuid`,
  );
  return found.map((r) => r.l).sort();
}

const peopleWithTopic = async (userId: string, topic: string) =>
  (await searchPeople(userId, searchParamsSchema.parse({ topic }))).items.map((p) => p.name).sort();

async function seed() {
  const user = await createTestUser();
  const ann = await makePerson(user.id, { name: 'Ann Lee' });
  const bob = await makePerson(user.id, { name: 'Bob Okafor' });
  const cy = await makePerson(user.id, { name: 'Cy Twombly' });
  // "Open-data" and "Open data" overlap on one event and one encounter (Ann), so the merge must not duplicate.
  await makeEvent(user.id, {
    title: 'January',
    topics: ['Open data', 'Open-data'],
    people: [{ personId: ann.id, topics: ['Open data', 'Open-data'] }],
    insights: [{ text: 'Half of datasets are never downloaded' }],
  });
  await makeEvent(user.id, {
    title: 'March',
    topics: ['Open-data'],
    people: [{ personId: bob.id, topics: ['Open-data'] }],
    insights: [{ text: 'Budgets fall' }],
  });
  await db.insert(personTopics).values({ userId: user.id, personId: cy.id, topicId: await topicId(user.id, 'Open-data') });
  return { user, from: await topicId(user.id, 'Open-data'), into: await topicId(user.id, 'Open data') };
}

describe('topic rename and merge', () => {
  it('renames; a name another topic has is refused with that topic, to merge into instead', async () => {
    const { user, from, into } = await seed();
    expect(await renameTopic(user.id, from, '  Open   Government ')).toEqual({ id: from, name: 'Open Government' });
    const refused = await renameTopic(user.id, from, 'OPEN DATA').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TopicNameTakenError);
    expect((refused as TopicNameTakenError).existing).toEqual({ id: into, name: 'Open data' });
    expect((refused as TopicNameTakenError).fieldErrors?.name?.[0]).toMatch(/merge/);
    const other = await createTestUser();
    await expect(renameTopic(other.id, from, 'Mine')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('merge moves every link without duplicates, people search finds by the merged-into topic, undo restores exactly', async () => {
    const { user, from, into } = await seed();
    const before = await links(user.id);
    const factsBefore = (await searchFacts(user.id, factSearchSchema.parse({ topic: from }))).items.map((f) => f.text).sort();
    expect(await peopleWithTopic(user.id, 'Open data')).toEqual(['Ann Lee']);

    const other = await createTestUser();
    await expect(mergeTopics(other.id, from, into)).rejects.toBeInstanceOf(NotFoundError);
    await expect(mergeTopics(user.id, into, into)).rejects.toBeInstanceOf(UserFacingError);

    const { mergeId } = await mergeTopics(user.id, from, into);
    const after = await links(user.id);
    // Every link of either topic is now one link of "Open data", each once.
    const expected = [...new Set(before.map((l) => l.replace(/:Open-data$/, ':Open data')))].sort();
    expect(after).toEqual(expected);
    expect(new Set(after).size).toBe(after.length);
    expect((await listTopicSummaries(user.id)).map((t) => [t.name, t.events, t.people, t.facts])).toEqual([['Open data', 2, 3, 2]]);
    expect((await searchFacts(user.id, factSearchSchema.parse({ topic: into }))).items.map((f) => f.text).sort()).toEqual(factsBefore);
    // The people_search triggers re-indexed everyone whose links moved.
    expect(await peopleWithTopic(user.id, 'Open data')).toEqual(['Ann Lee', 'Bob Okafor', 'Cy Twombly']);
    // The merged name, typed in the People filter, finds them too.
    expect(await peopleWithTopic(user.id, 'open-DATA')).toEqual(['Ann Lee', 'Bob Okafor', 'Cy Twombly']);

    await undoMerge(user.id, mergeId);
    expect(await links(user.id)).toEqual(before);
    expect(await topicId(user.id, 'Open-data')).toBe(from);
    expect(await peopleWithTopic(user.id, 'Open data')).toEqual(['Ann Lee']);
    expect(await peopleWithTopic(user.id, 'Open-data')).toEqual(['Ann Lee', 'Bob Okafor', 'Cy Twombly']);
    await expect(undoMerge(user.id, mergeId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a merged name typed again means the kept topic, from an evening or a person; after an undo, its own again', async () => {
    const { user, from, into } = await seed();
    const merged = await mergeTopics(user.id, from, into);
    const names = async () =>
      (await rows<{ name: string }>(db, sql`select name from topics where user_id = ${user.id}::uuid order by name`)).map((t) => t.name);
    expect(await names()).toEqual(['Open data']);

    // An evening logged later (or sent from a phone's outbox), and a person saved with the old name.
    const { event } = await createEvent(
      user.id,
      eventInputSchema.parse({
        title: 'April',
        startsAt: '2026-04-23T18:30:00+01:00',
        topics: ['open-DATA'],
        people: [{ name: 'Dee', topics: ['Open-data'] }],
      }),
    );
    const dee = await createPerson(user.id, createPersonSchema.parse({ name: 'Eve', topics: ['Open-data'] }));
    expect(await names()).toEqual(['Open data']);
    const april = await getEventDetail(db, user.id, event.id);
    expect(april.topics).toEqual(['Open data']);
    expect(april.people[0]!.topics).toEqual(['Open data']);
    expect((await getPerson(user.id, dee.id)).topics).toEqual(['Open data']);

    // Undone, the name is the merged topic's own again.
    await undoMerge(user.id, merged.mergeId);
    const fern = await createPerson(user.id, createPersonSchema.parse({ name: 'Fern', topics: ['Open-data'] }));
    expect((await getPerson(user.id, fern.id)).topics).toEqual(['Open-data']);
    expect(await names()).toEqual(['Open data', 'Open-data']);
    expect((await rows<{ aliases: unknown }>(db, sql`select aliases from topics where id = ${into}::uuid`))[0]!.aliases).toEqual([]);
  });

  it('a merge recorded before topics had aliases is undone too (the column takes its default)', async () => {
    const { user, from, into } = await seed();
    const merged = await mergeTopics(user.id, from, into);
    await db.execute(sql`update merges set snapshot = (snapshot #- '{merged,aliases}') - 'addedAliases' where id = ${merged.mergeId}::uuid`);
    await undoMerge(user.id, merged.mergeId);
    const back = await rows<{ id: string; aliases: unknown }>(db, sql`select id, aliases from topics where id = ${from}::uuid`);
    expect(back.map((t) => [t.id, jsonValue(t.aliases)])).toEqual([[from, []]]);
  });

  it('a topic of that very name made again wins over the alias', async () => {
    const { user, from, into } = await seed();
    await mergeTopics(user.id, from, into);
    const other = await topicId(user.id, 'Transparency');
    await renameTopic(user.id, other, 'Open-data');
    const gil = await createPerson(user.id, createPersonSchema.parse({ name: 'Gil', topics: ['open-data'] }));
    expect((await getPerson(user.id, gil.id)).topics).toEqual(['Open-data']);
  });
});
