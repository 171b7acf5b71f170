import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { NotFoundError } from '@/lib/errors';
import { getEventDetail } from '@/lib/events/queries';
import { eventInputSchema } from '@/lib/events/validation';
import { createEvent, updateEvent } from '@/lib/events/write';
import { factFilterOptions, factFilterSelected, searchFacts, setOffTheRecord } from '@/lib/facts/queries';
import { factSearchSchema } from '@/lib/facts/validation';
import { makeEvent, makeOrganisation, makePerson, topicId } from '../support/fixtures';
import { createTestUser } from '../support/users';

const search = (userId: string, p: Record<string, unknown>) => searchFacts(userId, factSearchSchema.parse(p));
const texts = async (userId: string, p: Record<string, unknown>) => (await search(userId, p)).items.map((f) => f.text);

const TWITTER = "80% of Twitter's users are on mobile";

async function seed() {
  const user = await createTestUser();
  const bbc = await makeOrganisation(user.id, 'BBC', 'Media');
  const ann = await makePerson(user.id, { name: 'Ann Lee', organisationId: bbc.id });
  const bob = await makePerson(user.id, { name: 'Bob Okafor', sector: 'Government' });
  const older = await makeEvent(user.id, {
    title: 'Digital breakfast',
    startsAt: new Date('2026-03-01T08:00:00Z'),
    topics: ['Mobile'],
    people: [{ personId: ann.id }],
    insights: [
      { text: TWITTER, personId: ann.id },
      { text: 'Mobile budgets doubled in 2025', personId: ann.id },
    ],
  });
  const newer = await makeEvent(user.id, {
    title: 'Council tech day',
    startsAt: new Date('2026-05-01T18:00:00Z'),
    people: [{ personId: bob.id, topics: ['Open data'] }],
    insights: [{ text: 'Half of councils publish open data', personId: bob.id }, { text: 'Nobody reads the annual report' }],
  });
  return { user, bbc, ann, bob, older, newer };
}

describe('facts', () => {
  it('lists every fact newest event first, with speaker, organisation and event', async () => {
    const { user, ann } = await seed();
    const page = await search(user.id, {});
    expect(page.items.map((f) => f.text)).toEqual([
      'Half of councils publish open data',
      'Nobody reads the annual report',
      TWITTER,
      'Mobile budgets doubled in 2025',
    ]);
    const twitter = page.items.find((f) => f.text === TWITTER)!;
    expect(twitter.speaker).toEqual({ id: ann.id, displayName: 'Ann Lee' });
    expect(twitter.organisation?.name).toBe('BBC');
    expect(twitter.event.title).toBe('Digital breakfast');
    expect(twitter.offTheRecord).toBe(false);
  });

  it('ranks the right fact first and tolerates typos and prefixes', async () => {
    const { user } = await seed();
    expect((await texts(user.id, { q: '80% mobile' }))[0]).toBe(TWITTER);
    expect(await texts(user.id, { q: 'mobil twiter' })).toEqual([TWITTER]);
    expect(await texts(user.id, { q: 'budgts' })).toEqual(['Mobile budgets doubled in 2025']);
    expect(await texts(user.id, { q: 'councls' })).toEqual(['Half of councils publish open data']);
    expect(await texts(user.id, { q: 'mob' })).toEqual(expect.arrayContaining([TWITTER, 'Mobile budgets doubled in 2025']));
    expect(await texts(user.id, { q: 'zebra' })).toEqual([]);
  });

  it('finds through the indexes exactly the facts every word matches: as a prefix, or else as a typo of four letters or more', async () => {
    const { user, older } = await seed();
    await makeEvent(user.id, {
      title: 'Budget round',
      startsAt: new Date('2026-06-01T18:00:00Z'),
      insights: [{ text: 'Budgets for mobile apps fell by a third' }, { text: 'Mob rule in procurement' }, { text: 'Moby is a whale' }],
    });
    const other = await createTestUser();
    await makeEvent(other.id, { title: 'Theirs', insights: [{ text: 'Mobile budgets everywhere' }] });
    // The rule written out on every fact of the user's, as the search read it before it went through the indexes.
    const expected = async (terms: string[]) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.5', true)`);
        // As typed when some fact of an evening still in the book has a word beginning with it; else, from four
        // letters, as a typo.
        const typo = (t: string) =>
          sql`or (${t} <% i.text and not exists (select 1 from insights g join events ge on ge.id = g.event_id and ge.deleted_at is null
                                                  where g.user_id = ${user.id} and g.search_vector @@ to_tsquery('simple', ${t + ':*'})))`;
        const each = terms.map((t) => sql`(i.search_vector @@ to_tsquery('simple', ${t + ':*'}) ${[...t].length >= 4 ? typo(t) : sql``})`);
        const found = (await tx.execute(
          sql`select i.text from insights i join events e on e.id = i.event_id and e.deleted_at is null
               where i.user_id = ${user.id} and ${sql.join(each, sql` and `)}`,
        )) as unknown as { text: string }[] | { rows: { text: string }[] };
        return (Array.isArray(found) ? found : found.rows).map((r) => r.text).sort();
      });
    const cases: [string, string[]][] = [
      ['mob', ['mob']],
      ['mobil twiter', ['mobil', 'twiter']],
      ['budgts', ['budgts']],
      ['budgets mobile', ['budgets', 'mobile']],
      ['councls open', ['councls', 'open']],
      ['moby', ['moby']],
      ['2025', ['2025']],
      ['zebra', ['zebra']],
    ];
    for (const [q, terms] of cases) {
      const want = await expected(terms);
      expect((await texts(user.id, { q, limit: 100 })).sort(), q).toEqual(want);
    }
    expect(await texts(user.id, { q: 'budgets mobile', limit: 100 })).toEqual(
      expect.arrayContaining(['Budgets for mobile apps fell by a third', 'Mobile budgets doubled in 2025']),
    );
    expect(await texts(user.id, { q: 'mob', limit: 100 })).toContain('Mob rule in procurement');
    // "moby" begins a word ("Moby is a whale"): it is not also read as a typo of "mob".
    expect(await texts(user.id, { q: 'moby', limit: 100 })).toEqual(['Moby is a whale']);
    // A deleted event's facts are found by no word.
    await db.execute(sql`update events set deleted_at = now() where id = ${older.id}`);
    expect(await texts(user.id, { q: 'twiter' })).toEqual([]);
    // Nor do they make a word "begin a word of the user's facts": once its evening is deleted, "procurements" begins
    // no word of a live fact, so it is read as a typo and finds the fact that misspells it.
    const gone = await makeEvent(user.id, { title: 'Gone', startsAt: new Date('2026-06-02T18:00:00Z'), insights: [{ text: 'Procurements take a year' }] });
    await makeEvent(user.id, { title: 'Kept', startsAt: new Date('2026-06-03T18:00:00Z'), insights: [{ text: 'Procurments rules changed' }] });
    expect(await texts(user.id, { q: 'procurements', limit: 100 })).toEqual(['Procurements take a year']);
    await db.execute(sql`update events set deleted_at = now() where id = ${gone.id}`);
    const typo = await texts(user.id, { q: 'procurements', limit: 100 });
    expect(typo).toContain('Procurments rules changed');
    expect(typo.sort()).toEqual(await expected(['procurements']));
  });

  it('filters by speaker, organisation, sector, topic and event', async () => {
    const { user, ann, bob, bbc, newer } = await seed();
    expect(await texts(user.id, { speaker: bob.id })).toEqual(['Half of councils publish open data']);
    expect(await texts(user.id, { organisation: bbc.id })).toEqual([TWITTER, 'Mobile budgets doubled in 2025']);
    const [gov] = (await search(user.id, { speaker: bob.id })).items.map((f) => f.sector?.id);
    expect(await texts(user.id, { sector: gov })).toEqual(['Half of councils publish open data']);
    expect(await texts(user.id, { topic: await topicId(user.id, 'Mobile') })).toEqual([TWITTER, 'Mobile budgets doubled in 2025']);
    expect(await texts(user.id, { topic: await topicId(user.id, 'Open data') })).toEqual([
      'Half of councils publish open data',
      'Nobody reads the annual report',
    ]);
    expect(await texts(user.id, { event: newer.id, q: 'annual' })).toEqual(['Nobody reads the annual report']);
    expect(await texts(user.id, { speaker: ann.id, q: 'budgets' })).toEqual(['Mobile budgets doubled in 2025']);
  });

  it('offers as filters only what has facts, the most used first when there are many, and always what is selected', async () => {
    const { user, bbc, bob, older, newer } = await seed();
    const other = await seed(); // another user's speakers, events and topics never show
    const quiet = await makePerson(user.id, { name: 'Quiet Person', sector: 'Retail' });
    const silent = await makeEvent(user.id, { title: 'No facts night', topics: ['Unheard'], people: [{ personId: quiet.id, topics: ['Also unheard'] }] });
    const names = (list: { name: string }[]) => list.map((o) => o.name);

    const all = await factFilterOptions(user.id);
    expect(names(all.speakers)).toEqual(['Ann Lee', 'Bob Okafor']);
    expect(all.organisations).toEqual([{ id: bbc.id, name: 'BBC' }]);
    expect(names(all.sectors)).toEqual(['Government', 'Media']);
    // A topic of an event with facts, and one of an encounter at an event with facts; none of the silent evening.
    expect(names(all.topics)).toEqual(['Mobile', 'Open data']);
    expect(all.events.map((e) => e.id)).toEqual([newer.id, older.id]);
    for (const list of Object.values(all)) expect(list.map((o: { id: string }) => o.id)).not.toContain(other.ann.id);
    expect(all.events.map((e) => e.id)).not.toContain(silent.id);

    // One choice each: Ann has two facts, Bob one; the latest event. What is selected joins them.
    const one = await factFilterOptions(user.id, {}, 1);
    expect(names(one.speakers)).toEqual(['Ann Lee']);
    expect(names(one.sectors)).toEqual(['Media']);
    expect(one.events.map((e) => e.id)).toEqual([newer.id]);
    const picked = await factFilterOptions(user.id, { speaker: bob.id, event: older.id, sector: all.sectors[0]!.id }, 1);
    expect(names(picked.speakers)).toEqual(['Ann Lee', 'Bob Okafor']);
    expect(names(picked.sectors)).toEqual(['Government', 'Media']);
    expect(picked.events.map((e) => e.id)).toEqual([newer.id, older.id]);
    // Another user's ids or an event without facts, selected, are not offered.
    const foreign = await factFilterOptions(user.id, { speaker: other.ann.id, event: silent.id }, 1);
    expect(names(foreign.speakers)).toEqual(['Ann Lee']);
    expect(foreign.events.map((e) => e.id)).toEqual([newer.id]);
  });

  it("checks the filters in force as the choices do: names for the user's with facts, nothing for anything else", async () => {
    const { user, bbc, ann, older } = await seed();
    const other = await seed();
    const quiet = await makePerson(user.id, { name: 'Quiet Person', sector: 'Retail' });
    const silent = await makeEvent(user.id, { title: 'No facts night', topics: ['Unheard'], people: [{ personId: quiet.id }] });
    const all = await factFilterOptions(user.id);
    const media = all.sectors.find((s) => s.name === 'Media')!;
    const mobile = all.topics.find((t) => t.name === 'Mobile')!;

    expect(await factFilterSelected(user.id, {})).toEqual({});
    // Each one the choices offer comes back with the same name.
    expect(await factFilterSelected(user.id, { speaker: ann.id, organisation: bbc.id, sector: media.id, topic: mobile.id, event: older.id })).toEqual({
      speaker: { id: ann.id, name: 'Ann Lee' },
      organisation: { id: bbc.id, name: 'BBC' },
      sector: media,
      topic: mobile,
      event: { id: older.id, name: 'Digital breakfast' },
    });
    // Another user's, a person or event without facts, a topic of no fact's evening, a deleted event: none.
    const retail = (await factFilterOptions(other.user.id)).sectors[0]!;
    const unheard = await topicId(user.id, 'Unheard');
    expect(
      await factFilterSelected(user.id, { speaker: other.ann.id, organisation: other.bbc.id, sector: retail.id, topic: unheard, event: silent.id }),
    ).toEqual({});
    expect(await factFilterSelected(user.id, { speaker: quiet.id, event: other.older.id })).toEqual({});
    // A deleted event's facts count for nothing: Ann's were all heard there, so she is no longer a speaker either.
    await db.execute(sql`update events set deleted_at = now() where id = ${older.id}`);
    expect(await factFilterSelected(user.id, { event: older.id, speaker: ann.id, organisation: bbc.id, sector: media.id, topic: mobile.id })).toEqual({});
    expect((await factFilterOptions(user.id)).speakers.map((o) => o.name)).toEqual(['Bob Okafor']);
  });

  it('pages with a keyset cursor, nothing repeated or skipped', async () => {
    const { user } = await seed();
    const all = await texts(user.id, {});
    for (const q of [undefined, 'mobile']) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await search(user.id, { q, cursor, limit: 1 });
        seen.push(...page.items.map((f) => f.text));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(q ? await texts(user.id, { q }) : all);
    }
  });

  it("marks off the record idempotently; another user's facts never appear and their ids answer not found", async () => {
    const { user } = await seed();
    const other = await createTestUser();
    await makeEvent(other.id, { title: 'Elsewhere', insights: [{ text: '80% of secrets are on mobile' }] });
    expect(await texts(user.id, { q: 'secrets' })).toEqual([]);
    const theirs = (await search(other.id, {})).items[0]!;
    await expect(setOffTheRecord(user.id, theirs.id, true)).rejects.toBeInstanceOf(NotFoundError);
    expect((await search(other.id, {})).items[0]!.offTheRecord).toBe(false);

    const mine = (await search(user.id, { q: 'twitter' })).items[0]!;
    expect((await setOffTheRecord(user.id, mine.id, true)).offTheRecord).toBe(true);
    expect((await setOffTheRecord(user.id, mine.id, true)).offTheRecord).toBe(true);
    expect((await search(user.id, { q: 'twitter' })).items[0]!.offTheRecord).toBe(true);
    expect((await setOffTheRecord(user.id, mine.id, false)).offTheRecord).toBe(false);
  });

  it('an event save keeps the flag of a fact it edits, and a fact it adds is on the record', async () => {
    const user = await createTestUser();
    const input = (insights: unknown[]) => eventInputSchema.parse({ title: 'Briefing', startsAt: '2026-04-23T18:30:00+01:00', insights });
    const created = (await createEvent(user.id, input([{ text: 'Budgets fall 5%' }, { text: 'Nobody reads the report' }]))).event;
    const [budgets, report] = (await getEventDetail(db, user.id, created.id)).insights;
    await setOffTheRecord(user.id, budgets!.id, true);
    const detail = await getEventDetail(db, user.id, created.id);
    await updateEvent(
      user.id,
      created.id,
      detail.version,
      input([{ id: budgets!.id, text: 'Budgets fall 6%' }, { id: report!.id, text: report!.text }, { text: 'A new one' }]),
    );
    const after = await getEventDetail(db, user.id, created.id);
    expect(after.insights.map((i) => [i.text, i.offTheRecord])).toEqual([
      ['Budgets fall 6%', true],
      ['Nobody reads the report', false],
      ['A new one', false],
    ]);
  });
});
