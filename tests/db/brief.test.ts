import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { interactions } from '@/db/schema';
import { EVENINGS_LISTED, getBrief, upcomingEvents } from '@/lib/brief/queries';
import { NotFoundError } from '@/lib/errors';
import { TOO_FAR_AHEAD } from '@/lib/events/limits';
import { eventInputSchema } from '@/lib/events/validation';
import { createInteraction, deleteInteraction } from '@/lib/interactions/queries';
import { makeEvent, makeOrganisation, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

const now = new Date('2026-06-10T12:00:00Z');
const day = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe('"Before you go" brief', () => {
  it('gathers the people of earlier evenings of the series with their talk, open follow-ups and facts', async () => {
    const user = await createTestUser();
    const org = await makeOrganisation(user.id, 'County Council');
    const ada = await makePerson(user.id, { name: 'Ada', role: 'CIO', organisationId: org.id });
    const ben = await makePerson(user.id, { name: 'Ben' });
    const cy = await makePerson(user.id, { name: 'Cy' });
    const dee = await makePerson(user.id, { name: 'Dee (only mentioned)' });
    const eve = await makePerson(user.id, { name: 'Eve (other series)' });
    await makeEvent(user.id, {
      title: 'CIO Club March',
      series: 'CIO Club',
      startsAt: day(-90),
      people: [{ personId: cy.id }, { personId: ada.id, notes: 'Met over coffee' }],
    });
    await makeEvent(user.id, { title: 'CIO Club April', series: 'cio club', startsAt: day(-60), people: [{ personId: ben.id }] });
    await makeEvent(user.id, {
      title: 'CIO Club May',
      series: 'CIO CLUB',
      startsAt: day(-30),
      people: [
        { personId: ada.id, notes: 'Cloud migration is stuck', topics: ['Cloud'] },
        { personId: dee.id, relation: 'mentioned' },
      ],
      insights: [{ text: '80% of their traffic is mobile', personId: ada.id }],
      followUps: [
        { action: 'Send Ada the report', personId: ada.id, dueOn: '2026-06-01' },
        { action: 'Already sent', personId: ada.id, status: 'done' },
      ],
    });
    await makeEvent(user.id, { title: 'Other', series: 'Other', startsAt: day(-10), people: [{ personId: eve.id }] });
    const upcoming = await makeEvent(user.id, { title: 'CIO Club June', series: 'Cio Club', startsAt: day(7) });

    const brief = await getBrief(user.id, upcoming.id, now);
    expect(brief.upcoming).toBe(true);
    expect(brief.basis).toBe('series');
    expect(brief.evenings.map((e) => e.title)).toEqual(['CIO Club May', 'CIO Club April', 'CIO Club March']);
    expect(brief.people.map((p) => p.displayName)).toEqual(['Ada', 'Ben', 'Cy']);
    const a = brief.people[0]!;
    expect(a).toMatchObject({ role: 'CIO', organisation: 'County Council', about: 'CIO, County Council', times: 2, notSeenSince: false });
    expect(a.lastSeenAt).toEqual(day(-30));
    expect(a.conversations.map((c) => [c.eventTitle, c.notes, c.topics])).toEqual([
      ['CIO Club May', 'Cloud migration is stuck', ['Cloud']],
      ['CIO Club March', 'Met over coffee', []],
    ]);
    expect(a.followUps.map((f) => f.action)).toEqual(['Send Ada the report']);
    expect(a.facts.map((f) => f.text)).toEqual(['80% of their traffic is mobile']);
    // Cy was at March only: not at the two latest evenings.
    expect(brief.people.find((p) => p.displayName === 'Cy')!.notSeenSince).toBe(true);
    expect(brief.people.find((p) => p.displayName === 'Ben')!.notSeenSince).toBe(false);

    expect((await upcomingEvents(user.id, now)).map((e) => e.title)).toEqual(['CIO Club June']);
  });

  it('a long series is read from its latest evenings, and lists the same people as reading it whole', async () => {
    const user = await createTestUser();
    const u = user.id;
    // 60 evenings of one series, one a day before the next; 300 people, each met at 1 to 4 of them (some only
    // mentioned), so that the 100 the brief lists are decided by the last evening seen, then how often.
    await db.execute(sql`insert into people (user_id, name) select ${u}::uuid, 'Long ' || g from generate_series(1, 300) g`);
    await db.execute(sql`insert into events (user_id, title, series, starts_at)
      select ${u}::uuid, 'Salon ' || g, 'Long Salon', ${day(-61).toISOString()}::timestamptz + g * interval '1 day'
        from generate_series(1, 60) g`);
    await db.execute(sql`insert into encounters (user_id, event_id, person_id, relation, position)
      select ${u}::uuid, e.id, p.id, case when (n + k) % 9 = 0 then 'mentioned'::encounter_relation else 'met' end, k
        from (select id, row_number() over (order by name) as n from people where user_id = ${u}::uuid) p
        cross join generate_series(0, 3) k
        join (select id, row_number() over (order by starts_at) as m from events where user_id = ${u}::uuid) e
          on e.m = 1 + ((p.n * 7 + k * 13 + p.n * k) % 60)
       where k < 1 + p.n % 4
      on conflict do nothing`);
    // One of them deleted since: never listed.
    await db.execute(sql`update people set deleted_at = now() where user_id = ${u}::uuid and name = 'Long 17'`);
    const next = await makeEvent(u, { title: 'Salon next', series: 'Long Salon', startsAt: day(5) });

    const brief = await getBrief(u, next.id, now);
    // The latest evenings are listed, all of them counted.
    expect(brief.evenings).toHaveLength(EVENINGS_LISTED);
    expect(brief.eveningCount).toBe(60);
    expect(brief.people).toHaveLength(100);
    // The same ranking, computed over every evening of the series at once.
    const whole = await rows<{ id: string; times: number }>(
      db,
      sql`select p.id, count(*)::int as times from encounters en
            join events e on e.id = en.event_id and e.series = 'Long Salon' and e.id <> ${next.id}::uuid
            join people p on p.id = en.person_id and p.deleted_at is null
           where en.user_id = ${u}::uuid and en.relation <> 'mentioned'
           group by p.id
           order by max(e.starts_at) desc, count(*) desc, p.id
           limit 100`,
    );
    expect(brief.people.map((p) => [p.id, p.times])).toEqual(whole.map((r) => [r.id, Number(r.times)]));

    // The page's first view: the first of each group in the same order, their details read, the totals kept.
    const seen = brief.people.filter((p) => !p.notSeenSince);
    const notSeen = brief.people.filter((p) => p.notSeenSince);
    expect(seen.length).toBeGreaterThan(5);
    expect(notSeen.length).toBeGreaterThan(3);
    const first = await getBrief(u, next.id, now, { first: { seen: 5, notSeen: 3, perPerson: 1 } });
    expect(first.totals).toEqual({ seen: seen.length, notSeen: notSeen.length });
    expect(brief.totals).toEqual(first.totals);
    expect(first.people.map((p) => p.id)).toEqual(brief.people.filter((p) => [...seen.slice(0, 5), ...notSeen.slice(0, 3)].includes(p)).map((p) => p.id));
    // Each with their latest conversation only.
    expect(first.people.map((p) => p.conversations.map((c) => c.eventId))).toEqual(
      first.people.map((p) =>
        brief.people
          .find((q) => q.id === p.id)!
          .conversations.slice(0, 1)
          .map((c) => c.eventId),
      ),
    );
    expect(first.people.every((p) => p.conversations.length === 1)).toBe(true);
    expect(brief.people.some((p) => p.conversations.length > 1)).toBe(true);
  });

  it('a series whose latest evenings hold too few people is read whole, past the evenings listed', async () => {
    const user = await createTestUser();
    const u = user.id;
    // One person per evening, over more evenings than are listed: only reading every evening finds them all.
    const n = EVENINGS_LISTED + 12;
    await db.execute(sql`insert into people (user_id, name) select ${u}::uuid, 'Sparse ' || g from generate_series(1, ${n}) g`);
    await db.execute(sql`insert into events (user_id, title, series, starts_at)
      select ${u}::uuid, 'Sparse ' || g, 'Sparse Salon', ${day(-n - 1).toISOString()}::timestamptz + g * interval '1 day'
        from generate_series(1, ${n}) g`);
    await db.execute(sql`insert into encounters (user_id, event_id, person_id, relation, position)
      select ${u}::uuid, e.id, p.id, 'met', 0
        from events e join people p on p.user_id = e.user_id and p.name = e.title
       where e.user_id = ${u}::uuid`);
    const next = await makeEvent(u, { title: 'Sparse next', series: 'Sparse Salon', startsAt: day(5) });
    const brief = await getBrief(u, next.id, now);
    expect(brief.eveningCount).toBe(n);
    expect(brief.evenings).toHaveLength(EVENINGS_LISTED);
    expect(brief.evenings[0]!.title).toBe(`Sparse ${n}`);
    expect(brief.people).toHaveLength(n);
    // Most recently seen first: the person of the latest evening, down to the first one's.
    expect(brief.people[0]!.displayName).toBe(`Sparse ${n}`);
    expect(brief.people.at(-1)!.displayName).toBe('Sparse 1');
  });

  it('someone added to the event counts every evening of the series, though the latest evenings alone fill the brief', async () => {
    const user = await createTestUser();
    const u = user.id;
    // Four evenings; the latest three hold 120 people between them, so they alone are read to find the brief's 100.
    await db.execute(sql`insert into events (user_id, title, series, starts_at)
      select ${u}::uuid, 'Club ' || g, 'Club', ${day(-50).toISOString()}::timestamptz + g * interval '7 days' from generate_series(1, 4) g`);
    await db.execute(sql`insert into people (user_id, name) select ${u}::uuid, 'Guest ' || g from generate_series(1, 120) g`);
    await db.execute(sql`insert into encounters (user_id, event_id, person_id, relation, position)
      select ${u}::uuid, e.id, p.id, 'met', 0
        from (select id, row_number() over (order by name) as n from people where user_id = ${u}::uuid) p
        join (select id, row_number() over (order by starts_at) as m from events where user_id = ${u}::uuid) e on e.m = 2 + p.n % 3`);
    const early = await makePerson(u, { name: 'Early Bird' });
    await db.execute(sql`insert into encounters (user_id, event_id, person_id, relation, position)
      select ${u}::uuid, id, ${early.id}::uuid, 'met', 1 from events where user_id = ${u}::uuid and title = 'Club 1'`);
    const next = await makeEvent(u, { title: 'Club next', series: 'Club', startsAt: day(5), people: [{ personId: early.id }] });

    const brief = await getBrief(u, next.id, now);
    expect(brief.people[0]).toMatchObject({ displayName: 'Early Bird', expected: true, times: 1, notSeenSince: true });
  });

  it('an upcoming event outside a series: people added to it, then people of the same host', async () => {
    const user = await createTestUser();
    const fay = await makePerson(user.id, { name: 'Fay' });
    const gus = await makePerson(user.id, { name: 'Gus' });
    await makeEvent(user.id, { title: 'Last year', host: 'TechUK', startsAt: day(-300), people: [{ personId: gus.id }] });
    const lone = await makeEvent(user.id, { title: 'Dinner', startsAt: day(3), people: [{ personId: fay.id }] });
    const hosted = await makeEvent(user.id, { title: 'Summit', host: 'techuk', startsAt: day(5) });

    const a = await getBrief(user.id, lone.id, now);
    expect(a.basis).toBe('added');
    expect(a.people.map((p) => [p.displayName, p.expected, p.times])).toEqual([['Fay', true, 0]]);
    const b = await getBrief(user.id, hosted.id, now);
    expect(b.basis).toBe('host');
    expect(b.people.map((p) => [p.displayName, p.notSeenSince])).toEqual([['Gus', true]]);
    const empty = await makeEvent(user.id, { title: 'Nothing known', startsAt: day(9) });
    expect((await getBrief(user.id, empty.id, now)).basis).toBe('none');
  });

  it("shows each person's latest logged contacts, newest first, never deleted ones nor another user's", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const priya = await makePerson(user.id, { name: 'Priya' });
    // Known only by role and organisation: that is her heading, so no line under it repeats it.
    const director = await makePerson(user.id, { role: 'IT Director', organisationId: (await makeOrganisation(user.id, 'HMRC')).id });
    const may = await makeEvent(user.id, {
      title: 'Club May',
      series: 'Club',
      startsAt: day(-40),
      people: [{ personId: priya.id }, { personId: director.id }],
    });
    const next = await makeEvent(user.id, { title: 'Club June', series: 'Club', startsAt: day(7) });
    const log = (kind: 'call' | 'coffee' | 'email' | 'message' | 'other', daysAgo: number, note: string | null) =>
      createInteraction(user.id, { personId: priya.id, kind, occurredOn: day(-daysAgo).toISOString().slice(0, 10), note }, db, now);
    await log('other', 50, 'Before May');
    await log('email', 30, 'Sent the deck');
    await log('call', 20, null);
    await log('message', 15, 'Thanks for the intro');
    await log('coffee', 5, 'She is moving to iPlayer platform team in Jan');
    await deleteInteraction(user.id, (await log('call', 2, 'Deleted since')).id);
    // Another user's row naming Priya's id (the key is not checked against its owner) is theirs, not hers.
    await db
      .insert(interactions)
      .values({ userId: other.id, personId: priya.id, kind: 'call', occurredOn: day(-1).toISOString().slice(0, 10), note: 'secret' });

    const brief = await getBrief(user.id, next.id, now);
    const p = brief.people.find((x) => x.id === priya.id)!;
    expect(p.interactions.map((i) => [i.kind, i.occurredOn, i.note])).toEqual([
      ['coffee', '2026-06-05', 'She is moving to iPlayer platform team in Jan'],
      ['message', '2026-05-26', 'Thanks for the intro'],
      ['call', '2026-05-21', null],
    ]);
    expect(p.about).toBeNull();
    const d = brief.people.find((x) => x.id === director.id)!;
    expect([d.displayName, d.about, d.interactions]).toEqual(['IT Director, HMRC', null, []]);

    // A brief read as of an earlier day shows nothing logged after it.
    const before = await getBrief(user.id, next.id, day(-10));
    expect(before.people.find((x) => x.id === priya.id)!.interactions.map((x) => x.occurredOn)).toEqual(['2026-05-26', '2026-05-21', '2026-05-11']);
    // The brief of that evening in May (Priya was added to it) shows only what was logged up to its day.
    const inMay = await getBrief(user.id, may.id, now);
    expect(inMay.people.find((x) => x.id === priya.id)!.interactions.map((x) => [x.occurredOn, x.note])).toEqual([['2026-04-21', 'Before May']]);
  });

  it("never shows another user's evenings or people, and another user's event id is not found", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const theirs = await makePerson(other.id, { name: 'Their contact' });
    await makeEvent(other.id, {
      title: 'Their CIO Club',
      series: 'CIO Club',
      startsAt: day(-20),
      people: [{ personId: theirs.id }],
      insights: [{ text: 'secret', personId: theirs.id }],
    });
    const theirUpcoming = await makeEvent(other.id, { title: 'Their next', series: 'CIO Club', startsAt: day(4) });
    const mine = await makeEvent(user.id, { title: 'My CIO Club', series: 'CIO Club', startsAt: day(4) });

    const brief = await getBrief(user.id, mine.id, now);
    expect(brief.evenings).toEqual([]);
    expect(brief.people).toEqual([]);
    await expect(getBrief(user.id, theirUpcoming.id, now)).rejects.toBeInstanceOf(NotFoundError);
    expect(await upcomingEvents(user.id, now)).toHaveLength(1);
  });

  it('an event can be created ahead of time, up to three years ahead', () => {
    const at = (years: number) => new Date(Date.now() + years * 365 * 86_400_000).toISOString();
    expect(eventInputSchema.safeParse({ title: 'Next month', startsAt: at(0.1) }).success).toBe(true);
    expect(eventInputSchema.safeParse({ title: 'In two years', startsAt: at(2) }).success).toBe(true);
    const far = eventInputSchema.safeParse({ title: 'Too far', startsAt: at(4) });
    expect(far.success).toBe(false);
    expect(far.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['startsAt', TOO_FAR_AHEAD]]);
  });
});
