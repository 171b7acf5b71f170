import { eq } from 'drizzle-orm';
import { deletePerson, patchPerson } from '@/lib/people/queries';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { followUps, people } from '@/db/schema';
import { createInteraction, deleteInteraction } from '@/lib/interactions/queries';
import { getWeeklyReview, reviewForWeek, reviewMarkdown } from '@/lib/review/queries';
import { reviewMonday } from '@/lib/review/week';
import { makeEvent, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';
import { isoWeekName, mondayOfIsoWeek, todayIn } from '@/lib/dates';

const AUCKLAND = 'Pacific/Auckland';

describe('weekly review', () => {
  it('names weeks the ISO way and defaults to last week, or on a Sunday to the week ending that day', () => {
    expect(mondayOfIsoWeek('2026-W23')).toBe('2026-06-01');
    expect(isoWeekName('2026-06-01')).toBe('2026-W23');
    expect(mondayOfIsoWeek('2026-W01')).toBe('2025-12-29');
    expect(isoWeekName('2025-12-29')).toBe('2026-W01');
    expect(mondayOfIsoWeek('2026-W54')).toBeNull();
    expect(reviewMonday(undefined, '2026-06-10')).toBe('2026-06-01');
    expect(reviewMonday(undefined, '2026-06-08')).toBe('2026-06-01');
    // On a Sunday, the week that ends that day.
    expect(reviewMonday(undefined, '2026-06-14')).toBe('2026-06-08');
    expect(reviewMonday('2026-06-07', '2026-06-10')).toBe('2026-06-01');
  });

  it('keeps an event at 23:30 on Sunday in Auckland in that week, and one at 00:30 Monday in the next', async () => {
    const user = await createTestUser();
    const ann = await makePerson(user.id, { name: 'Ann' });
    const bob = await makePerson(user.id, { name: 'Bob (mentioned)' });
    // NZST is UTC+12 in June.
    await makeEvent(user.id, { title: 'Monday breakfast', startsAt: new Date('2026-05-31T12:10:00Z') });
    await makeEvent(user.id, {
      title: 'Sunday late',
      startsAt: new Date('2026-06-07T11:30:00Z'),
      people: [{ personId: ann.id }, { personId: bob.id, relation: 'mentioned' }],
    });
    await makeEvent(user.id, { title: 'Next Monday', startsAt: new Date('2026-06-07T12:30:00Z') });
    await makeEvent(user.id, { title: 'Sunday before', startsAt: new Date('2026-05-31T11:59:00Z') });

    const r = await getWeeklyReview(user.id, '2026-06-01', AUCKLAND);
    expect(r.events.map((e) => e.title)).toEqual(['Monday breakfast', 'Sunday late']);
    expect(r.people.map((p) => p.displayName)).toEqual(['Ann']);
    expect(r.events[1]!.people).toBe(1);
    expect([r.previousWeek, r.week, r.nextWeek]).toEqual(['2026-W22', '2026-W23', '2026-W24']);
    // The same instants seen from London: "Monday breakfast" was Sunday 31 May there (the week before), and
    // "Sunday late" and "Next Monday" fall on Sunday 7 June.
    const london = await getWeeklyReview(user.id, '2026-06-01', 'Europe/London');
    expect(london.events.map((e) => e.title)).toEqual(['Sunday late', 'Next Monday']);
  });

  it('a busy week shows the first few of each list with their totals, and the same order as the whole week', async () => {
    const user = await createTestUser();
    const people = await Promise.all(Array.from({ length: 5 }, (_, i) => makePerson(user.id, { name: `Guest ${i}` })));
    for (let d = 0; d < 4; d++) {
      await makeEvent(user.id, {
        title: `Evening ${d}`,
        startsAt: new Date(`2026-06-0${2 + d}T18:00:00Z`),
        people: people.slice(d, d + 2).map((p) => ({ personId: p.id })),
        followUps: [
          { action: `Slip ${d}`, dueOn: `2026-06-0${3 + d}` },
          { action: `Done ${d}`, dueOn: `2026-06-0${3 + d}`, status: 'done' },
        ],
      });
    }
    for (let d = 0; d < 4; d++) {
      await db
        .update(followUps)
        .set({ doneAt: new Date(`2026-06-0${3 + d}T09:00:00Z`) })
        .where(eq(followUps.action, `Done ${d}`));
    }
    // Met first in the week, then deleted: neither listed nor counted.
    const gone = await makePerson(user.id, { name: 'Deleted guest' });
    await makeEvent(user.id, { title: 'Monday lunch', startsAt: new Date('2026-06-01T12:00:00Z'), people: [{ personId: gone.id }] });
    await deletePerson(user.id, gone.id);
    const whole = await getWeeklyReview(user.id, '2026-06-01', 'UTC', { today: '2026-06-15' });
    const first = await getWeeklyReview(user.id, '2026-06-01', 'UTC', { first: 2, today: '2026-06-15' });
    expect(whole.totals).toEqual({ events: 5, people: 5, contacts: 0, done: 4, slipped: 4, dueContacts: 0 });
    expect(whole.people.map((p) => p.displayName).sort()).toEqual(['Guest 0', 'Guest 1', 'Guest 2', 'Guest 3', 'Guest 4']);
    expect(first.totals).toEqual(whole.totals);
    expect(first.events).toEqual(whole.events.slice(0, 2));
    expect(first.people).toEqual(whole.people.slice(0, 2));
    expect(first.done).toEqual(whole.done.slice(0, 2));
    expect(first.slipped).toEqual(whole.slipped.slice(0, 2));
    // A shortened list says so in the Markdown too; a whole one does not.
    expect(reviewMarkdown(first, 'https://rapport.test')).toContain('(The first 2 of 5.)');
    expect(reviewMarkdown(whole, 'https://rapport.test')).not.toContain('(The first');
    const empty = await getWeeklyReview(user.id, '2025-06-02', 'UTC', { first: 2, today: '2026-06-15' });
    expect(empty.totals).toEqual({ events: 0, people: 0, contacts: 0, done: 0, slipped: 0, dueContacts: 0 });
  });

  it('lists follow-ups done in the week and those due in it still open (slipped), only the user’s, and exports Markdown', async () => {
    const user = await createTestUser();
    const cat = await makePerson(user.id, { name: 'Cat' });
    const event = await makeEvent(user.id, {
      title: 'Club [June]',
      startsAt: new Date('2026-06-03T18:00:00Z'),
      people: [{ personId: cat.id }],
      followUps: [
        { action: 'Email Cat the deck', personId: cat.id, dueOn: '2026-06-05' },
        { action: 'Due next week', dueOn: '2026-06-08' },
        { action: 'Done on time', dueOn: '2026-06-04', status: 'done' },
      ],
    });
    await db
      .update(followUps)
      .set({ doneAt: new Date('2026-06-04T09:00:00Z') })
      .where(eq(followUps.action, 'Done on time'));
    const other = await createTestUser();
    await makeEvent(other.id, { title: 'Theirs', startsAt: new Date('2026-06-03T18:00:00Z'), followUps: [{ action: 'Their slip', dueOn: '2026-06-05' }] });

    const r = await getWeeklyReview(user.id, '2026-06-01', 'UTC', { today: '2026-06-08' });
    expect(r.events.map((e) => e.title)).toEqual(['Club [June]']);
    expect(r.slipped.map((f) => [f.action, f.person, f.dueOn])).toEqual([['Email Cat the deck', 'Cat', '2026-06-05']]);
    expect(r.done.map((f) => f.action)).toEqual(['Done on time']);
    expect(r.dueContacts).toEqual([]);

    const md = reviewMarkdown(r, 'https://rapport.test');
    expect(md).toContain('# Weekly review 2026-W23');
    expect(md).toContain(`- [Club \\[June\\]](https://rapport.test/events/${event.id})`);
    expect(md).toContain(`- [Cat](https://rapport.test/people/${cat.id}), at Club [June]`);
    expect(md).toContain('## Follow-ups that slipped\n\n- Email Cat the deck (Cat), due 2026-06-05');
    expect(md).toContain('## Follow-ups done\n\n- Done on time');
    expect(md).toContain('## Due a contact\n\nNobody is due a contact by the end of the week.');
    expect(md).not.toContain('Their slip');
    expect(md).not.toContain('Due next week');
  });

  it('says so when follow-ups due before the week are still open, rather than that nothing slipped', async () => {
    const user = await createTestUser();
    await makeEvent(user.id, {
      title: 'May club',
      startsAt: new Date('2026-05-20T18:00:00Z'),
      followUps: [
        { action: 'Overdue since May', dueOn: '2026-05-22' },
        { action: 'Also overdue', dueOn: '2026-05-29' },
        { action: 'Done late', dueOn: '2026-05-25', status: 'done' },
      ],
    });
    const other = await createTestUser();
    await makeEvent(other.id, { title: 'Theirs', startsAt: new Date('2026-05-20T18:00:00Z'), followUps: [{ action: 'Their old one', dueOn: '2026-05-22' }] });

    const r = await getWeeklyReview(user.id, '2026-06-01', 'UTC', { today: '2026-06-08' });
    expect(r.totals.slipped).toBe(0);
    expect(r.olderOverdue).toBe(2);
    const md = reviewMarkdown(r, 'https://rapport.test');
    expect(md).toContain(
      '## Follow-ups that slipped\n\nNothing due this week slipped.\n\n2 follow-ups due before this week are still open, see [Rapport](https://rapport.test/follow-ups).',
    );
    // Looked back on from before they were due, they were not overdue yet.
    expect((await getWeeklyReview(user.id, '2026-05-18', 'UTC', { today: '2026-05-20' })).olderOverdue).toBe(0);
    expect((await getWeeklyReview(other.id, '2026-06-01', 'UTC', { today: '2026-06-08' })).olderOverdue).toBe(1);
  });

  it('lists as due a contact whoever the keep-in-touch rule makes due by the end of the week, only the user’s', async () => {
    const user = await createTestUser({ timeZone: 'UTC' });
    const dee = await makePerson(user.id, { name: 'Dee' });
    const eli = await makePerson(user.id, { name: 'Eli (no cadence)' });
    const fay = await makePerson(user.id, { name: 'Fay (mentioned only)' });
    for (const p of [dee, fay]) await patchPerson(user.id, p.id, { keepInTouch: { unit: 'months', every: 1 }, version: p.version });
    await makeEvent(user.id, {
      title: 'April',
      startsAt: new Date('2026-04-01T18:00:00Z'),
      people: [{ personId: dee.id }, { personId: eli.id }, { personId: fay.id, relation: 'mentioned' }],
    });
    const other = await createTestUser({ timeZone: 'UTC' });
    const theirs = await makePerson(other.id, { name: 'Theirs' });
    await patchPerson(other.id, theirs.id, { keepInTouch: { unit: 'months', every: 1 }, version: theirs.version });
    await makeEvent(other.id, { title: 'T1', startsAt: new Date('2026-04-01T18:00:00Z'), people: [{ personId: theirs.id }] });

    // 1 April + 1 month = 1 May: not yet due in the week of 20 April, due in the week of 27 April.
    expect((await getWeeklyReview(user.id, '2026-04-20', 'UTC')).dueContacts).toEqual([]);
    const r = await getWeeklyReview(user.id, '2026-04-27', 'UTC');
    expect(r.dueContacts).toEqual([{ id: dee.id, displayName: 'Dee', dueOn: '2026-05-01' }]);
    expect(reviewMarkdown(r, 'https://rapport.test')).toContain('## Due a contact\n\n- Dee, due 2026-05-01');
  });

  it('names a "Done" tapped on a due contact as "Marked in touch", not as a contact of kind other with a note', async () => {
    const user = await createTestUser({ timeZone: 'UTC' });
    const isla = await makePerson(user.id, { name: 'Isla Murphy' });
    const now = new Date('2026-12-10T12:00:00Z');
    await createInteraction(user.id, { personId: isla.id, kind: 'other', occurredOn: '2026-12-01', note: 'Marked in touch' }, undefined, now);
    await createInteraction(user.id, { personId: isla.id, kind: 'other', occurredOn: '2026-12-02', note: 'Lunch at the conference' }, undefined, now);
    const md = reviewMarkdown(await getWeeklyReview(user.id, '2026-11-30', 'UTC', { today: '2026-12-10' }), 'https://rapport.test');
    expect(md).toContain(
      `## Contacts logged\n\n- Marked in touch, [Isla Murphy](https://rapport.test/people/${isla.id}), Tue 1 Dec\n- Other, [Isla Murphy](https://rapport.test/people/${isla.id}), Wed 2 Dec: Lunch at the conference\n`,
    );
  });

  it('lists the contacts logged in the week (not as people met), without deleted ones or deleted people, in the Markdown too', async () => {
    const user = await createTestUser({ timeZone: 'UTC' });
    const rosa = await makePerson(user.id, { name: 'Rosa Patel' });
    const isla = await makePerson(user.id, { name: 'Isla Murphy' });
    const gone = await makePerson(user.id, { name: 'Gone Person' });
    // The week of Monday 30 November to Sunday 6 December 2026, logged from a later day.
    const now = new Date('2026-12-10T12:00:00Z');
    const log = (personId: string, kind: 'coffee' | 'call' | 'email', occurredOn: string, note: string | null) =>
      createInteraction(user.id, { personId, kind, occurredOn, note }, undefined, now);
    await log(rosa.id, 'coffee', '2026-12-03', 'Talked about the [grant]\nand her new team');
    await log(isla.id, 'call', '2026-11-30', null);
    await log(isla.id, 'email', '2026-11-29', 'The week before');
    await log(isla.id, 'email', '2026-12-07', 'The week after');
    const deleted = await log(rosa.id, 'call', '2026-12-04', 'Deleted call');
    await deleteInteraction(user.id, deleted.id);
    await log(gone.id, 'coffee', '2026-12-02', 'With someone since deleted');
    await deletePerson(user.id, gone.id);
    const other = await createTestUser({ timeZone: 'UTC' });
    const theirs = await makePerson(other.id, { name: 'Theirs' });
    await createInteraction(other.id, { personId: theirs.id, kind: 'coffee', occurredOn: '2026-12-03', note: 'Their coffee' }, undefined, now);

    const r = await getWeeklyReview(user.id, '2026-11-30', 'UTC', { today: '2026-12-10' });
    expect(r.contacts.map((c) => [c.kind, c.person.displayName, c.occurredOn, c.note])).toEqual([
      ['call', 'Isla Murphy', '2026-11-30', null],
      ['coffee', 'Rosa Patel', '2026-12-03', 'Talked about the [grant]'],
    ]);
    expect(r.contacts[1]!.person.id).toBe(rosa.id);
    expect(r.totals.contacts).toBe(2);
    // People met stays the week's events.
    expect(r.people).toEqual([]);
    const first = await getWeeklyReview(user.id, '2026-11-30', 'UTC', { first: 1, today: '2026-12-10' });
    expect(first.contacts).toEqual(r.contacts.slice(0, 1));
    expect(first.totals.contacts).toBe(2);

    const md = reviewMarkdown(r, 'https://rapport.test');
    expect(md).toContain(
      `## Contacts logged\n\n- Call, [Isla Murphy](https://rapport.test/people/${isla.id}), Mon 30 Nov\n- Coffee, [Rosa Patel](https://rapport.test/people/${rosa.id}), Thu 3 Dec: Talked about the [grant]\n`,
    );
    expect(md).toContain('## People met\n\nNobody met this week.');
    for (const hidden of ['and her new team', 'Deleted call', 'since deleted', 'Their coffee', 'The week before', 'The week after'])
      expect(md).not.toContain(hidden);
    const none = await getWeeklyReview(user.id, '2026-11-16', 'UTC', { today: '2026-12-10' });
    expect(reviewMarkdown(none, 'https://rapport.test')).toContain('## Contacts logged\n\nNo contacts logged this week.');
  });

  it('counts everyone due a contact, lists the first 50 and says how many more there are, in the Markdown too', async () => {
    const user = await createTestUser({ timeZone: 'UTC' });
    // Never contacted, with a cadence of a day: due the day after they were added, so all due by a week in 2030.
    await db.insert(people).values(
      Array.from({ length: 71 }, (_, i) => ({
        userId: user.id,
        name: `Due ${String(i).padStart(2, '0')}`,
        keepInTouchUnit: 'days' as const,
        keepInTouchEvery: 1,
      })),
    );
    const [gone] = await db.select({ id: people.id }).from(people).where(eq(people.name, 'Due 70'));
    await deletePerson(user.id, gone!.id);

    const r = await getWeeklyReview(user.id, '2030-01-07', 'UTC', { today: '2030-01-08' });
    expect(r.dueContacts).toHaveLength(50);
    expect(r.totals.dueContacts).toBe(70);
    const md = reviewMarkdown(r, 'https://rapport.test');
    expect(md).toContain('…and 20 more, see [Rapport](https://rapport.test/follow-ups).');
    // A short list has no such line.
    const few = await getWeeklyReview(user.id, '2026-01-05', 'UTC', { today: '2026-01-06' });
    expect(few.totals.dueContacts).toBe(0);
    expect(reviewMarkdown(few, 'https://rapport.test')).not.toContain('more, see');
  });

  it('on Sunday a follow-up due that day has not slipped: only those due before today in the user’s time zone', async () => {
    const user = await createTestUser({ timeZone: AUCKLAND });
    await makeEvent(user.id, {
      title: 'Tuesday drinks',
      startsAt: new Date('2026-12-01T06:00:00Z'),
      followUps: [
        { action: 'Due Saturday, still open', dueOn: '2026-12-05' },
        { action: 'Due Sunday, today', dueOn: '2026-12-06' },
        { action: 'Due Saturday, done', dueOn: '2026-12-05', status: 'done' },
      ],
    });
    // Noon on Sunday 6 December in Auckland is 23:00 on Saturday in UTC: the user's day is the one that counts.
    const today = todayIn(AUCKLAND, new Date('2026-12-05T23:00:00Z'));
    expect(today).toBe('2026-12-06');
    const r = await reviewForWeek({ id: user.id, timeZone: AUCKLAND }, undefined, today);
    expect(r.from).toBe('2026-11-30');
    expect(r.slipped.map((f) => f.action)).toEqual(['Due Saturday, still open']);
    expect(r.totals.slipped).toBe(1);
    expect(reviewMarkdown(r, 'https://rapport.test')).not.toContain('Due Sunday, today');
    // Looked back on a week later, the Sunday one has slipped too.
    const later = await reviewForWeek({ id: user.id, timeZone: AUCKLAND }, '2026-W49', '2026-12-13');
    expect(later.slipped.map((f) => f.action)).toEqual(['Due Saturday, still open', 'Due Sunday, today']);
  });
});
