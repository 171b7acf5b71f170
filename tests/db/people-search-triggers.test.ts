import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { searchPeople } from '@/lib/people/search';
import { searchParamsSchema } from '@/lib/people/validation';
import { makeEvent, makeOrganisation, makePerson, topicId } from '../support/fixtures';
import { createTestUser } from '../support/users';

/**
 * The people-search index is kept by the database (migration 0014). Every write here is plain SQL, as a new
 * write path that knows nothing of search would send: if any source table's change did not reach the index,
 * search would not find the new text.
 */
const find = async (userId: string, q: string) => (await searchPeople(userId, searchParamsSchema.parse({ q }))).items.map((p) => p.name).sort();
const byTopic = async (userId: string, topic: string) => (await searchPeople(userId, searchParamsSchema.parse({ topic }))).items.map((p) => p.name).sort();
const words = async (userId: string) =>
  (await rows<{ word: string }>(db, sql`select word from search_words where user_id = ${userId}::uuid order by 1`)).map((w) => w.word);

/**
 * The vocabulary and its counts as the database keeps them (migration 0024), against the same counted from scratch:
 * every word of a live person, with how many live people have it.
 */
async function expectExactVocabulary(userId: string) {
  const kept = await rows<{ word: string; n: number }>(db, sql`select word, people_count as n from search_words where user_id = ${userId}::uuid order by word`);
  const truth = await rows<{ word: string; n: number }>(
    db,
    sql`select w.word, count(*)::int as n from people p, unnest(tsvector_to_array(p.search_vector)) as w(word)
         where p.user_id = ${userId}::uuid and p.deleted_at is null group by w.word order by w.word`,
  );
  expect(kept.map((r) => [r.word, Number(r.n)])).toEqual(truth.map((r) => [r.word, Number(r.n)]));
  expect(truth.length).toBeGreaterThan(0);
}

describe('people search kept by triggers', () => {
  it('follows a change to every table it reads, written with plain SQL', async () => {
    const user = await createTestUser();
    const u = user.id;
    const org = await makeOrganisation(u, 'Northwind Trading', 'Retail');
    const priya = await makePerson(u, { name: 'Priya Shah', organisationId: org.id });
    const event = await makeEvent(u, { title: 'Harbour breakfast', people: [{ personId: priya.id, topics: ['Lighthouses'] }] });

    // people: insert, rename, notes
    await db.execute(sql`insert into people (user_id, name) values (${u}::uuid, 'Quentin Blake')`);
    expect(await find(u, 'quentin')).toEqual(['Quentin Blake']);
    await db.execute(sql`update people set name = 'Priya Okafor', notes = 'loves zeppelins' where id = ${priya.id}::uuid`);
    expect(await find(u, 'okafor')).toEqual(['Priya Okafor']);
    expect(await find(u, 'zeppelins')).toEqual(['Priya Okafor']);
    expect(await words(u)).not.toContain('shah'); // the old name leaves the vocabulary
    await expectExactVocabulary(u);

    // organisations: rename, and a new sector reaches the person's effective sector
    await db.execute(sql`update organisations set name = 'Southwind Shipping' where id = ${org.id}::uuid`);
    expect(await find(u, 'southwind')).toEqual(['Priya Okafor']);
    const [gov] = await rows<{ id: string }>(db, sql`select id from sectors where user_id = ${u}::uuid and name = 'Government'`);
    await db.execute(sql`update organisations set sector_id = ${gov!.id}::uuid where id = ${org.id}::uuid`);
    const [eff] = await rows<{ s: string }>(db, sql`select effective_sector_id::text as s from people where id = ${priya.id}::uuid`);
    expect(eff!.s).toBe(gov!.id);

    // sectors: rename
    await db.execute(sql`update sectors set name = 'Civic Bureaucracy' where id = ${gov!.id}::uuid`);
    expect(await find(u, 'bureaucracy')).toEqual(['Priya Okafor']);
    await expectExactVocabulary(u);

    // events: rename, soft delete and restore
    await db.execute(sql`update events set title = 'Quayside brunch' where id = ${event.id}::uuid`);
    expect(await find(u, 'quayside')).toEqual(['Priya Okafor']);
    await db.execute(sql`update events set deleted_at = now() where id = ${event.id}::uuid`);
    expect(await find(u, 'quayside')).toEqual([]);
    await db.execute(sql`update events set deleted_at = null where id = ${event.id}::uuid`);
    expect(await find(u, 'quayside')).toEqual(['Priya Okafor']);
    await expectExactVocabulary(u);

    // topics: rename of a topic talked about at an encounter
    await db.execute(sql`update topics set name = 'Foghorns' where id = ${await topicId(u, 'Lighthouses')}::uuid`);
    expect(await find(u, 'foghorns')).toEqual(['Priya Okafor']);

    // encounters: a second person joins the event, then is removed
    const [quentin] = await rows<{ id: string }>(db, sql`select id from people where user_id = ${u}::uuid and name = 'Quentin Blake'`);
    await db.execute(sql`insert into encounters (user_id, event_id, person_id) values (${u}::uuid, ${event.id}::uuid, ${quentin!.id}::uuid)`);
    expect(await find(u, 'quayside')).toEqual(['Priya Okafor', 'Quentin Blake']);
    const [met] = await rows<{ at: unknown }>(db, sql`select last_met_at as at from people where id = ${quentin!.id}::uuid`);
    expect(met!.at).not.toBeNull();

    // encounter_topics: a topic added to Quentin's encounter
    const [enc] = await rows<{ id: string }>(db, sql`select id from encounters where person_id = ${quentin!.id}::uuid`);
    await db.execute(sql`insert into topics (user_id, name, normalised_name) values (${u}::uuid, 'Semaphore', 'semaphore')`);
    await db.execute(sql`insert into encounter_topics (user_id, encounter_id, topic_id)
      select ${u}::uuid, ${enc!.id}::uuid, id from topics where user_id = ${u}::uuid and normalised_name = 'semaphore'`);
    expect(await find(u, 'semaphore')).toEqual(['Quentin Blake']);
    await db.execute(sql`delete from encounter_topics where encounter_id = ${enc!.id}::uuid`);
    expect(await find(u, 'semaphore')).toEqual([]);
    await db.execute(sql`delete from encounters where id = ${enc!.id}::uuid`);
    expect(await find(u, 'quayside')).toEqual(['Priya Okafor']);

    // person_topics: a topic the person is known for, found by words and by the topic filter
    await db.execute(sql`insert into person_topics (user_id, person_id, topic_id)
      select ${u}::uuid, ${quentin!.id}::uuid, id from topics where user_id = ${u}::uuid and normalised_name = 'semaphore'`);
    expect(await find(u, 'semaphore')).toEqual(['Quentin Blake']);
    expect(await byTopic(u, 'Semaphore')).toEqual(['Quentin Blake']);
    await db.execute(sql`delete from person_topics where person_id = ${quentin!.id}::uuid`);
    expect(await find(u, 'semaphore')).toEqual([]);

    // deletes: an organisation removed for good, a person soft-deleted, then removed for good
    await db.execute(sql`delete from organisations where id = ${org.id}::uuid`);
    expect(await find(u, 'southwind')).toEqual([]);
    await db.execute(sql`update people set deleted_at = now() where id = ${quentin!.id}::uuid`);
    expect(await find(u, 'quentin')).toEqual([]);
    expect(await words(u)).not.toContain('quentin');
    await expectExactVocabulary(u);
    await db.execute(sql`update people set deleted_at = null where id = ${quentin!.id}::uuid`);
    expect(await words(u)).toContain('quentin');
    await expectExactVocabulary(u);
    // Removed for good while live (no soft delete first): the words go with the row.
    await db.execute(sql`delete from people where id = ${quentin!.id}::uuid`);
    expect(await words(u)).not.toContain('quentin');
    await expectExactVocabulary(u);
  });

  it('finds people by the line noted about them at an event and by the notes of contacts logged with them', async () => {
    const user = await createTestUser();
    const u = user.id;
    const ahmed = await makePerson(u, { name: 'Ahmed Khan' });
    const rosa = await makePerson(u, { name: 'Rosa Patel' });
    const ev = await makeEvent(u, { title: 'Data breakfast', people: [{ personId: ahmed.id, notes: 'Red glasses, ex-Accenture' }, { personId: rosa.id }] });
    expect(await find(u, 'glasses')).toEqual(['Ahmed Khan']);
    expect(await find(u, 'accenture')).toEqual(['Ahmed Khan']);
    // The line edited, as any write path would: the old words go, the new are found.
    await db.execute(sql`update encounters set notes = 'Funny, knows the Minister' where user_id = ${u}::uuid and person_id = ${ahmed.id}::uuid`);
    expect(await find(u, 'glasses')).toEqual([]);
    expect(await find(u, 'minister')).toEqual(['Ahmed Khan']);

    // A contact logged with a note; a "Done" tap (its fixed note) is no words of the user's.
    await db.execute(sql`insert into interactions (user_id, person_id, kind, occurred_on, note)
                         values (${u}::uuid, ${rosa.id}::uuid, 'coffee', '2026-11-02', 'Coffee at Pret, talked quokkas'),
                                (${u}::uuid, ${ahmed.id}::uuid, 'other', '2026-11-03', 'Marked in touch')`);
    expect(await find(u, 'quokkas')).toEqual(['Rosa Patel']);
    expect(await find(u, 'marked')).toEqual([]);
    await db.execute(sql`update interactions set note = 'Lunch at Dishoom' where user_id = ${u}::uuid and person_id = ${rosa.id}::uuid`);
    expect(await find(u, 'quokkas')).toEqual([]);
    expect(await find(u, 'dishoom')).toEqual(['Rosa Patel']);
    // Deleted (kept for restore), the contact's words stop finding her; so do the event's once it is deleted.
    await db.execute(sql`update interactions set deleted_at = now() where user_id = ${u}::uuid and person_id = ${rosa.id}::uuid`);
    expect(await find(u, 'dishoom')).toEqual([]);
    await db.execute(sql`update events set deleted_at = now() where id = ${ev.id}::uuid`);
    expect(await find(u, 'minister')).toEqual([]);
    await expectExactVocabulary(u);
  });

  it('counts as a bulk load: one insert of many people indexes every one of them', async () => {
    const user = await createTestUser();
    await db.execute(sql`insert into people (user_id, name, role)
      select ${user.id}::uuid, 'Bulk Person ' || g, 'Archivist' from generate_series(1, 300) g`);
    const [n] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from people where user_id = ${user.id}::uuid and title_text like 'Bulk Person % Archivist'`,
    );
    expect(n!.n).toBe(300);
    expect((await searchPeople(user.id, searchParamsSchema.parse({ q: 'archivist' }))).total).toBe(300);
    await expectExactVocabulary(user.id);
    const [archivist] = await rows<{ n: number }>(db, sql`select people_count as n from search_words where user_id = ${user.id}::uuid and word = 'archivist'`);
    expect(Number(archivist!.n)).toBe(300);
    // Half of them deleted in one statement: the count follows, and the word stays while anyone has it.
    await db.execute(sql`update people set deleted_at = now() where user_id = ${user.id}::uuid and name ~ ' [0-9]*[02468]$'`);
    await expectExactVocabulary(user.id);
    await db.execute(sql`update people set deleted_at = now() where user_id = ${user.id}::uuid`);
    expect(await words(user.id)).toEqual([]);
  });

  it('no table the index reads is left without a trigger: a new source table must get one', async () => {
    // The tables the refresh function reads, from its own text, against the triggers the database holds.
    const [def] = await rows<{ src: string }>(db, sql`select prosrc as src from pg_proc where proname = 'people_search_refresh'`);
    const tables = new Set((await rows<{ t: string }>(db, sql`select tablename as t from pg_tables where schemaname = current_schema()`)).map((r) => r.t));
    const named = [...def!.src.matchAll(/\b(?:from|join)\s+([a-z_]+)\b/gi)].map((m) => m[1]!.toLowerCase());
    const read = new Set(named.filter((t) => tables.has(t)));
    expect([...read].sort()).toEqual([
      'encounter_topics',
      'encounters',
      'event_topics',
      'events',
      'interactions',
      'organisations',
      'people',
      'person_topics',
      'sectors',
      'topics',
    ]);
    const triggers = await rows<{ t: string; ev: string }>(
      db,
      sql`select event_object_table as t, string_agg(event_manipulation, ',' order by event_manipulation) as ev
            from information_schema.triggers
           where (trigger_name like 'people_search_%' or trigger_name like 'people_contact_interactions_%') and event_object_schema = current_schema()
           group by event_object_table`,
    );
    const has = new Map(triggers.map((t) => [t.t, t.ev]));
    for (const table of read) expect(has.get(table), `${table} has no people_search trigger`).toBeDefined();
    // Link tables change by insert and delete; named rows by update (their deletes cascade to a link table or
    // set a column of people, whose triggers see it).
    for (const link of ['encounters', 'encounter_topics', 'event_topics', 'person_topics', 'people', 'interactions']) {
      expect(has.get(link)).toMatch(/DELETE/);
      expect(has.get(link)).toMatch(/INSERT/);
    }
    for (const named of ['people', 'organisations', 'sectors', 'events', 'topics', 'encounters', 'interactions']) expect(has.get(named)).toMatch(/UPDATE/);
  });
});
