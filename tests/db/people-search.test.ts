import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { eventTopics } from '@/db/schema';
import { rows } from '@/db/rows';
import { organisationUpdateSchema, updateOrganisation } from '@/lib/organisations/queries';
import { deletePerson, restorePerson } from '@/lib/people/queries';
import { searchPeople } from '@/lib/people/search';
import { searchParamsSchema } from '@/lib/people/validation';
import { renameTopic } from '@/lib/topics/merge';
import { makeEvent, makeOrganisation, makePerson, sectorId, topicId } from '../support/fixtures';
import { createTestUser } from '../support/users';

const params = (p: Record<string, unknown>) => searchParamsSchema.parse(p);
const days = (n: number) => new Date(Date.now() - n * 86_400_000);

/** A fixed little address book: the same for every test that needs it. */
async function addressBook() {
  const user = await createTestUser();
  const dfe = await makeOrganisation(user.id, 'Department for Education', 'Government');
  const dft = await makeOrganisation(user.id, 'Department for Transport', 'Government');
  const leeds = await makeOrganisation(user.id, 'Leeds City Council', 'Government');
  const bbc = await makeOrganisation(user.id, 'BBC', 'Media');
  const uni = await makeOrganisation(user.id, 'University of York', 'Higher education');
  const acme = await makeOrganisation(user.id, 'Acme Analytics');
  const people = {
    priya: await makePerson(user.id, { name: 'Priya Shah', role: 'Deputy Director', organisationId: dfe.id, email: 'priya@education.gov.uk' }),
    tom: await makePerson(user.id, { name: 'Tom Reed', role: 'Policy Adviser', organisationId: dft.id }),
    headOfIt: await makePerson(user.id, { role: 'Head of IT', organisationId: leeds.id }),
    sarah: await makePerson(user.id, {
      name: 'Sarah Bloom',
      role: 'Head of Audience Data',
      organisationId: bbc.id,
      notes: 'Talked about audience data and churn',
    }),
    ravi: await makePerson(user.id, { name: 'Ravi Patel', role: 'CIO', organisationId: uni.id }),
    // Own sector overrides the organisation's (none here).
    mia: await makePerson(user.id, { name: 'Mia Chen', role: 'CIO', organisationId: acme.id, sector: 'Technology' }),
    nobody: await makePerson(user.id, { name: 'Loose Ends', notes: 'met in a queue' }),
  };
  await makeEvent(user.id, {
    title: 'CIO Club monthly',
    series: 'CIO Club',
    startsAt: days(10),
    topics: ['Cloud'],
    people: [{ personId: people.ravi.id, topics: ['Procurement'] }, { personId: people.mia.id }],
  });
  await makeEvent(user.id, {
    title: 'Media breakfast',
    startsAt: days(400),
    people: [{ personId: people.sarah.id, topics: ['Audience data'] }],
  });
  const summit = await makeEvent(user.id, { title: 'Schools summit', startsAt: days(40), people: [{ personId: people.priya.id }] });
  return { user, people, orgs: { dfe, dft, leeds, bbc, uni, acme }, events: { summit } };
}

describe('people search', () => {
  it('finds by typos: "departmnt for educaton" ranks the Department for Education first', async () => {
    const { user, people } = await addressBook();
    const r = await searchPeople(user.id, params({ q: 'departmnt for educaton' }));
    expect(r.items[0]?.id).toBe(people.priya.id);
    expect(r.items.map((i) => i.id)).not.toContain(people.sarah.id);
  });

  it('a job title is found written either way: "cio" finds a Chief Information Officer, and the reverse', async () => {
    const { user, people } = await addressBook();
    const uni = (await searchPeople(user.id, params({ q: 'cio' }))).items.find((i) => i.id === people.ravi.id);
    expect(uni).toBeDefined();
    const marcus = await makePerson(user.id, { name: 'Marcus Reid', role: 'Chief Information Officer' });
    const byShort = (await searchPeople(user.id, params({ q: 'cio' }))).items.map((i) => i.id);
    expect(byShort).toEqual(expect.arrayContaining([people.ravi.id, people.mia.id, marcus.id]));
    const byLong = (await searchPeople(user.id, params({ q: 'chief information officer' }))).items.map((i) => i.id);
    expect(byLong).toEqual(expect.arrayContaining([people.ravi.id, people.mia.id, marcus.id]));
    expect((await searchPeople(user.id, params({ q: 'chief information officer' }))).loose).toBe(false);
    // With another word, every word still counts: only the one at York.
    expect((await searchPeople(user.id, params({ q: 'cio york' }))).items.map((i) => i.id)).toEqual([people.ravi.id]);
    // "chief" alone is a word of its own, not a title.
    expect((await searchPeople(user.id, params({ q: 'chief' }))).items.map((i) => i.id)).toEqual([marcus.id]);
    // Another title's short form finds none of them.
    expect((await searchPeople(user.id, params({ q: 'cfo' }))).items.map((i) => i.id)).not.toContain(marcus.id);
  });

  it('finds by what is remembered: the woman from the broadcaster who talked about audience data', async () => {
    const { user, people } = await addressBook();
    const r = await searchPeople(user.id, params({ q: 'the woman from the bbc who talked about audience data' }));
    expect(r.items[0]?.id).toBe(people.sarah.id);
  });

  it('ranks a name match above a mention, then by last met', async () => {
    const { user, people } = await addressBook();
    const r = await searchPeople(user.id, params({ q: 'cio' }));
    const ids = r.items.map((i) => i.id);
    // Both CIOs met at the same event; Ravi and Mia tie on words and last met, so both lead.
    expect(ids.slice(0, 2).sort()).toEqual([people.ravi.id, people.mia.id].sort());
    expect(ids).not.toContain(people.priya.id);
  });

  it('puts the person a search names above people whose notes merely mention them, then the more recently met', async () => {
    const user = await createTestUser();
    const jordan = await makePerson(user.id, { name: 'Jordan Blake', role: 'CTO' });
    const friend = await makePerson(user.id, { name: 'Casey Moor', notes: 'Jordan Blake introduced us' });
    const ctoOld = await makePerson(user.id, { name: 'Old Contact', role: 'CTO' });
    await makeEvent(user.id, { title: 'Long ago', startsAt: days(300), people: [{ personId: jordan.id }, { personId: ctoOld.id }] });
    await makeEvent(user.id, { title: 'Last week', startsAt: days(7), people: [{ personId: friend.id }] });
    const byName = (await searchPeople(user.id, params({ q: 'jordan blake' }))).items.map((i) => i.id);
    expect(byName).toEqual([jordan.id, friend.id]);
    const newer = await makePerson(user.id, { name: 'New Contact', role: 'CTO' });
    await makeEvent(user.id, { title: 'Yesterday', startsAt: days(1), people: [{ personId: newer.id }] });
    const ctos = (await searchPeople(user.id, params({ q: 'cto' }))).items.map((i) => i.id);
    expect(ctos.indexOf(newer.id)).toBeLessThan(ctos.indexOf(ctoOld.id));
  });

  it('finds people by the topics of the evenings they were at, as the topic filter does, as those topics change', async () => {
    const { user, people, events } = await addressBook();
    const found = async (q: string) => (await searchPeople(user.id, params({ q }))).items.map((i) => i.id).sort();
    // Mia talked of nothing in particular at the CIO Club; the evening's topic was cloud.
    expect(await found('cloud')).toEqual([people.ravi.id, people.mia.id].sort());
    expect(await found('cloud')).toEqual((await searchPeople(user.id, params({ topic: 'cloud' }))).items.map((i) => i.id).sort());

    // A topic given to an evening afterwards, renamed, then taken off again.
    const curriculum = await topicId(user.id, 'Curriculum reform');
    await db.insert(eventTopics).values({ userId: user.id, eventId: events.summit.id, topicId: curriculum });
    expect(await found('curriculum')).toEqual([people.priya.id]);
    await renameTopic(user.id, curriculum, 'Syllabus reform');
    expect(await found('curriculum')).toEqual([]);
    expect(await found('syllabus')).toEqual([people.priya.id]);
    await db.delete(eventTopics).where(and(eq(eventTopics.eventId, events.summit.id), eq(eventTopics.topicId, curriculum)));
    expect(await found('syllabus')).toEqual([]);
  });

  it('shows a nameless person as "Role, Organisation"', async () => {
    const { user, people } = await addressBook();
    const r = await searchPeople(user.id, params({ q: 'leeds' }));
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ id: people.headOfIt.id, displayName: 'Head of IT, Leeds City Council', name: null });
  });

  it('filters by effective sector (own, else organisation) and several sectors at once', async () => {
    const { user, people } = await addressBook();
    const gov = await searchPeople(user.id, params({ sector: 'Government' }));
    expect(gov.items.map((i) => i.id).sort()).toEqual([people.priya.id, people.tom.id, people.headOfIt.id].sort());
    const techAndMedia = await searchPeople(user.id, params({ sector: ['technology', 'Media'] }));
    expect(techAndMedia.items.map((i) => i.id).sort()).toEqual([people.mia.id, people.sarah.id].sort());
    expect(techAndMedia.total).toBe(2);
  });

  it('combines text, sector, role, event, topic and last-met filters', async () => {
    const { user, people, orgs, events } = await addressBook();
    expect((await searchPeople(user.id, params({ q: 'cio', sector: 'Higher education' }))).items.map((i) => i.id)).toEqual([people.ravi.id]);
    expect((await searchPeople(user.id, params({ event: events.summit.id }))).items.map((i) => i.id)).toEqual([people.priya.id]);
    expect((await searchPeople(user.id, params({ event: events.summit.id, sector: 'Media' }))).items).toEqual([]);
    expect((await searchPeople(user.id, params({ role: 'head of', sector: 'Media' }))).items.map((i) => i.id)).toEqual([people.sarah.id]);
    expect((await searchPeople(user.id, params({ topic: 'procurement' }))).items.map((i) => i.id)).toEqual([people.ravi.id]);
    // Event-level topic applies to everyone met there.
    expect((await searchPeople(user.id, params({ topic: 'Cloud' }))).items.map((i) => i.id).sort()).toEqual([people.ravi.id, people.mia.id].sort());
    // Typed in part, as the box filters while one types: "procure" finds "procurement"; a word no topic holds, no one.
    expect((await searchPeople(user.id, params({ topic: ' PROCURE ' }))).items.map((i) => i.id)).toEqual([people.ravi.id]);
    expect((await searchPeople(user.id, params({ topic: 'procurements' }))).items).toEqual([]);
    expect((await searchPeople(user.id, params({ met: '30d' }))).items.map((i) => i.id).sort()).toEqual([people.ravi.id, people.mia.id].sort());
    expect((await searchPeople(user.id, params({ met: 'older' }))).items.map((i) => i.id)).toEqual([people.sarah.id]);
    expect((await searchPeople(user.id, params({ organisation: orgs.dft.id }))).items.map((i) => i.id)).toEqual([people.tom.id]);
    expect((await searchPeople(user.id, params({ organisation: 'bbc', met: '30d' }))).items).toEqual([]);
  });

  it('facets add up to the total without the sector filter, and ignore the sector filter itself', async () => {
    const { user } = await addressBook();
    const all = await searchPeople(user.id, params({}));
    const sum = all.facets.reduce((n, f) => n + f.count, 0);
    expect(sum).toBe(all.total);
    expect(all.total).toBe(7);
    expect(all.facets.find((f) => f.name === 'Government')?.count).toBe(3);
    expect(all.facets.find((f) => f.id === null)?.count).toBe(1); // Loose Ends; Mia's own sector covers Acme's gap
    const filtered = await searchPeople(user.id, params({ sector: 'Government' }));
    expect(filtered.facets.map((f) => f.count)).toEqual(all.facets.map((f) => f.count));
    expect(filtered.facets.find((f) => f.name === 'Government')?.selected).toBe(true);
  });

  it('keeps the per-sector counts of the page as first opened right through every kind of change', async () => {
    const user = await createTestUser();
    const truth = async () => {
      const counted = await rows<{ sector: string | null; n: number }>(
        db,
        sql`select effective_sector_id::text as sector, count(*)::int as n from people
             where user_id = ${user.id}::uuid and deleted_at is null group by 1`,
      );
      return Object.fromEntries(counted.map((c) => [c.sector ?? 'none', c.n]));
    };
    const shown = async () => {
      const r = await searchPeople(user.id, params({}));
      return Object.fromEntries(r.facets.filter((f) => f.count > 0).map((f) => [f.id ?? 'none', f.count]));
    };
    const check = async () => {
      expect(await shown()).toEqual(await truth());
      expect(await shown()).toEqual(await truth()); // the second time from the kept counts
    };
    await check();
    const council = await makeOrganisation(user.id, 'Leeds City Council', 'Government');
    const a = await makePerson(user.id, { name: 'A', organisationId: council.id });
    await makePerson(user.id, { name: 'B', sector: 'Media' });
    await makePerson(user.id, { name: 'C' });
    await check();
    await deletePerson(user.id, a.id);
    await check();
    await restorePerson(user.id, a.id);
    await check();
    const health = await sectorId(user.id, 'Health');
    await updateOrganisation(user.id, council.id, organisationUpdateSchema.parse({ name: 'Leeds City Council', sectorId: health, version: 1 }));
    await check();
    expect((await shown())[health]).toBe(1);
  });

  it('pages with a keyset cursor without repeats or gaps', async () => {
    const { user } = await addressBook();
    const all = await searchPeople(user.id, params({ limit: 100 }));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchPeople(user.id, params({ limit: 2, cursor }));
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.id));
    const rankedAll = await searchPeople(user.id, params({ q: 'head', limit: 100 }));
    const rankedSeen: string[] = [];
    cursor = undefined;
    do {
      const page = await searchPeople(user.id, params({ q: 'head', limit: 1, cursor }));
      rankedSeen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(rankedSeen).toEqual(rankedAll.items.map((i) => i.id));
  });

  it('sorts by name (else role) A to Z and by newest added, with or without words, and pages each order whole', async () => {
    const { user, people } = await addressBook();
    const noOne = await makePerson(user.id, { organisationId: null, notes: 'only a note' });
    // Added one a day, Priya first: newest added is the reverse.
    const added = [people.priya, people.tom, people.headOfIt, people.sarah, people.ravi, people.mia, people.nobody, noOne];
    for (const [n, p] of added.entries()) {
      await db.execute(sql`update people set created_at = now() - make_interval(days => ${added.length - n}) where id = ${p.id}::uuid`);
    }
    const ids = async (p: Record<string, unknown>) => (await searchPeople(user.id, params({ limit: 100, ...p }))).items.map((i) => i.id);
    // The nameless Head of IT sorts by the role it is shown by; someone with neither name nor role goes last.
    const byName = [people.headOfIt, people.nobody, people.mia, people.priya, people.ravi, people.sarah, people.tom, noOne].map((p) => p.id);
    expect(await ids({ sort: 'name' })).toEqual(byName);
    expect(await ids({ sort: 'added' })).toEqual(added.map((p) => p.id).reverse());
    // Words narrow the list, and the order asked for stands instead of best match: "cloud" is in Zed's name, so best
    // match puts him first; Mia and Ravi were at the CIO Club evening on Cloud, met since; Zed, never met, was added last.
    const zed = await makePerson(user.id, { name: 'Zed Cloudsley', notes: 'cloud' });
    expect((await ids({ q: 'cloud' }))[0]).toBe(zed.id);
    expect(await ids({ q: 'cloud', sort: 'name' })).toEqual([people.mia.id, people.ravi.id, zed.id]);
    expect((await ids({ q: 'cloud', sort: 'met' })).at(-1)).toBe(zed.id);
    expect((await ids({ q: 'cloud', sort: 'added' }))[0]).toBe(zed.id);
    await db.execute(sql`update people set deleted_at = now() where id = ${zed.id}::uuid`);
    for (const sort of ['name', 'added'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await searchPeople(user.id, params({ sort, limit: 3, cursor }));
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen, sort).toEqual(await ids({ sort }));
    }
    // A next-page link of one order, followed after the sort changed, starts the other order from its top.
    const nameCursor = (await searchPeople(user.id, params({ sort: 'name', limit: 2 }))).nextCursor!;
    expect((await searchPeople(user.id, params({ sort: 'added', limit: 2, cursor: nameCursor }))).items.map((i) => i.id)).toEqual(
      added
        .map((p) => p.id)
        .reverse()
        .slice(0, 2),
    );
    expect((await searchPeople(user.id, params({ limit: 2, cursor: nameCursor }))).items.map((i) => i.id)).toEqual((await ids({})).slice(0, 2));
    // Each person carries when they were added.
    const [newest] = (await searchPeople(user.id, params({ sort: 'added', limit: 1 }))).items;
    expect(Math.abs(newest!.addedAt.getTime() - (Date.now() - 86_400_000))).toBeLessThan(60_000);
  });

  it('pages a sorted list whole across ties and people with neither name nor role, and refuses a cursor whose key is not of its order', async () => {
    const user = await createTestUser();
    // Added by one import: the same instant. Two names that differ only in case; three with neither name nor role.
    const made = [
      await makePerson(user.id, { name: 'Sam Lee' }),
      await makePerson(user.id, { name: 'sam lee' }),
      await makePerson(user.id, { name: 'Ann Bell' }),
      await makePerson(user.id, { notes: 'first' }),
      await makePerson(user.id, { notes: 'second' }),
      await makePerson(user.id, { notes: 'third' }),
      await makePerson(user.id, { role: 'CTO' }),
      await makePerson(user.id, { name: 'Émile Zola' }),
      await makePerson(user.id, { name: 'Zoe Ward' }),
    ];
    await db.execute(sql`update people set created_at = '2026-06-01T10:00:00Z' where user_id = ${user.id}::uuid`);
    for (const sort of ['name', 'added'] as const) {
      const all = (await searchPeople(user.id, params({ sort, limit: 100 }))).items.map((i) => i.id);
      expect(new Set(all).size, sort).toBe(made.length);
      for (const limit of [1, 2, 3]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await searchPeople(user.id, params({ sort, limit, cursor }));
          seen.push(...page.items.map((i) => i.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen, `${sort} by ${limit}`).toEqual(all);
      }
    }
    // By name: Ann, the CTO (by role), Émile (with the E's, not after Zoe), the two Sam Lees (by id), Zoe, then the three
    // with neither.
    const byName = (await searchPeople(user.id, params({ sort: 'name', limit: 100 }))).items.map((i) => i.id);
    expect(byName.slice(0, 3)).toEqual([made[2]!.id, made[6]!.id, made[7]!.id]);
    expect(byName.slice(3, 5)).toEqual([made[0]!.id, made[1]!.id].sort());
    expect(byName[5]).toBe(made[8]!.id);
    expect(byName.slice(6)).toEqual([made[3]!.id, made[4]!.id, made[5]!.id].sort());
    // A key not of its order is refused at the edge, not sent to the database.
    const crafted = (c: object) => Buffer.from(JSON.stringify({ s: null, m: null, i: made[0]!.id, ...c })).toString('base64url');
    for (const bad of [{ o: 'added', k: 'x' }, { o: 'added', k: null }, { o: 'name' }, { o: 'met', k: 'x' }]) {
      expect(searchParamsSchema.safeParse({ cursor: crafted(bad) }).success, JSON.stringify(bad)).toBe(false);
    }
    expect(searchParamsSchema.safeParse({ cursor: crafted({ o: 'name', k: null }) }).success).toBe(true);
  });

  it('matches the start of a word and corrects a typo against the words of this user only', async () => {
    const user = await createTestUser();
    const smith = await makePerson(user.id, { name: 'Alex Smith', role: 'Chief Information Officer' });
    expect((await searchPeople(user.id, params({ q: 'offic' }))).items.map((i) => i.id)).toEqual([smith.id]);
    expect((await searchPeople(user.id, params({ q: 'smyth' }))).items.map((i) => i.id)).toEqual([smith.id]);
    expect((await searchPeople(user.id, params({ q: 'chief informaton' }))).items.map((i) => i.id)).toEqual([smith.id]);
    // Two letters swapped in a short name share too few trigrams, but the swap is looked up as it is.
    const priya = await makePerson(user.id, { name: 'Priya Shah' });
    expect((await searchPeople(user.id, params({ q: 'pirya' }))).items.map((i) => i.id)).toEqual([priya.id]);
    // Another user's words are never suggested: their Zebedee is no correction for this user's "zebede".
    const other = await createTestUser();
    await makePerson(other.id, { name: 'Zebedee Quartermaine' });
    expect((await searchPeople(user.id, params({ q: 'zebede' }))).items).toEqual([]);
    expect((await searchPeople(user.id, params({ q: 'quartermain' }))).items).toEqual([]);
    expect((await searchPeople(other.id, params({ q: 'quartermain' }))).items).toHaveLength(1);
  });

  it('copes with words of any shape in what people wrote: quotes, backslashes, addresses, accents', async () => {
    const user = await createTestUser();
    const odd = await makePerson(user.id, {
      name: 'Dé Jà',
      email: "o'brien@example.com",
      notes: 'Said "it\'s a back\\slash day" :* & | ! — see https://example.com/a\'b',
    });
    for (const q of ["O'Brien", 'o', 'brien', 'back', 'slash', 'dé', 'example', "it's", 'a:b', '"quoted"']) {
      const r = await searchPeople(user.id, params({ q }));
      expect(
        r.items.map((i) => i.id),
        q,
      ).toEqual(q === '"quoted"' ? [] : [odd.id]);
    }
  });

  it("never shows another user's people, in results or counts", async () => {
    const { user } = await addressBook();
    const other = await createTestUser();
    await makePerson(other.id, { name: 'Priya Shah', role: 'CIO', sector: 'Government' });
    const mine = await searchPeople(user.id, params({ q: 'priya' }));
    expect(mine.items).toHaveLength(1);
    const theirs = await searchPeople(other.id, params({}));
    expect(theirs.total).toBe(1);
    expect(theirs.facets.find((f) => f.name === 'Government')?.count).toBe(1);
  });
});
