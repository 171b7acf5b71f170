import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { followUps, people } from '@/db/schema';
import { NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { countDueFollowUps } from '@/lib/follow-ups/counts';
import {
  completeFollowUp,
  createFollowUp,
  deleteFollowUp,
  reopenFollowUp,
  restoreFollowUp,
  snoozeFollowUp,
  unsnoozeFollowUp,
  updateFollowUp,
} from '@/lib/follow-ups/mutations';
import { countOpenByGroup, getFollowUp, listFollowUpLists, listFollowUps } from '@/lib/follow-ups/queries';
import { listFilterChoices } from '@/lib/follow-ups/choices';
import { makeEvent, makeOrganisation, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';
import { addDays, todayIn } from '@/lib/dates';
import { dueGroup } from '@/lib/follow-ups/due';

describe('grouping at time-zone edges', () => {
  // At 12:30 UTC on 23 April it is already the 24th in Auckland and still the 23rd in London.
  const instant = new Date('2026-04-23T12:30:00Z');

  it('a follow-up due on the 24th is today in Auckland and in "This week" in London', async () => {
    for (const [tz, expectToday, expectWeek] of [
      ['Pacific/Auckland', ['Due 24th'], []],
      ['Europe/London', ['Due 23rd'], ['Due 24th']],
    ] as const) {
      const user = await createTestUser({ timeZone: tz });
      await createFollowUp(user.id, { action: 'Due 23rd', due: '2026-04-23' });
      await createFollowUp(user.id, { action: 'Due 24th', due: '2026-04-24' });
      const today = todayIn(user.timeZone, instant);
      const todays = await listFollowUps(user.id, today, { due: 'today' });
      const week = await listFollowUps(user.id, today, { due: 'week' });
      expect(
        todays.map((f) => f.action),
        tz,
      ).toEqual(expectToday);
      expect(
        week.map((f) => f.action),
        tz,
      ).toEqual(expectWeek);
      // The page groups in code and the API filters in SQL: they must agree.
      for (const item of await listFollowUps(user.id, today)) {
        const sqlGroup = (await listFollowUps(user.id, today, { due: dueGroup(item.due, today) })).map((f) => f.id);
        expect(sqlGroup).toContain(item.id);
      }
    }
  });

  it('the navigation count follows the user’s own today', async () => {
    for (const tz of ['Pacific/Auckland', 'Europe/London']) {
      const user = await createTestUser({ timeZone: tz });
      const today = todayIn(tz);
      await createFollowUp(user.id, { action: 'yesterday', due: addDays(today, -1) });
      await createFollowUp(user.id, { action: 'today', due: today });
      await createFollowUp(user.id, { action: 'tomorrow', due: addDays(today, 1) });
      await createFollowUp(user.id, { action: 'undated' });
      expect(await countDueFollowUps(user.id, tz)).toBe(2);
    }
  });

  it('orders open ones soonest first with undated ones last', async () => {
    const user = await createTestUser();
    await createFollowUp(user.id, { action: 'c' });
    await createFollowUp(user.id, { action: 'b', due: '2026-05-02' });
    await createFollowUp(user.id, { action: 'a', due: '2026-05-01' });
    expect((await listFollowUps(user.id, '2026-05-01')).map((f) => f.action)).toEqual(['a', 'b', 'c']);
  });
});

describe('complete, snooze, undo', () => {
  it('one tap completes; undo reopens; done ones leave the open list and the count', async () => {
    const user = await createTestUser();
    const today = todayIn(user.timeZone);
    const f = await createFollowUp(user.id, { action: 'Call Ann', due: today });
    expect(await countDueFollowUps(user.id, user.timeZone)).toBe(1);

    const done = await completeFollowUp(user.id, f.id);
    expect(done.status).toBe('done');
    expect(done.doneAt).not.toBeNull();
    expect(await countDueFollowUps(user.id, user.timeZone)).toBe(0);
    expect(await listFollowUps(user.id, today)).toEqual([]);
    expect((await listFollowUps(user.id, today, { status: 'done', recentDoneOnly: true })).map((x) => x.id)).toEqual([f.id]);

    const undone = await reopenFollowUp(user.id, f.id);
    expect(undone).toMatchObject({ status: 'open', doneAt: null, due: today });
    expect(await countDueFollowUps(user.id, user.timeZone)).toBe(1);
  });

  it('snoozes to tomorrow, next week and a chosen day, and the undo restores the old date', async () => {
    const user = await createTestUser({ timeZone: 'Pacific/Auckland' });
    const today = todayIn(user.timeZone);
    const f = await createFollowUp(user.id, { action: 'Send deck', due: addDays(today, -2) });

    const { before, after } = await snoozeFollowUp(user.id, f.id, 'tomorrow', today);
    expect(before.due).toBe(addDays(today, -2));
    expect(after.due).toBe(addDays(today, 1));
    expect(await countDueFollowUps(user.id, user.timeZone)).toBe(0);

    const week = await snoozeFollowUp(user.id, f.id, 'next-week', today);
    expect(week.after.due).toBe(addDays(today, 7));
    expect((await snoozeFollowUp(user.id, f.id, '2031-01-02', today)).after.due).toBe('2031-01-02');

    await updateFollowUp(user.id, f.id, { due: before.due });
    expect((await getFollowUp(user.id, f.id)).due).toBe(addDays(today, -2));
    expect(await countDueFollowUps(user.id, user.timeZone)).toBe(1);
  });

  it('counts each snooze and keeps the day first meant; an edit of the day is no snooze, and undo puts the count back', async () => {
    const user = await createTestUser();
    const f = await createFollowUp(user.id, { action: 'Compare notes on device policy', due: '2026-03-02' });
    expect(f).toMatchObject({ snoozes: 0, firstDue: null });
    const once = await snoozeFollowUp(user.id, f.id, 'tomorrow', '2026-03-04');
    expect(once.after).toMatchObject({ due: '2026-03-05', snoozes: 1, firstDue: '2026-03-02' });
    const twice = await snoozeFollowUp(user.id, f.id, 'next-week', '2026-03-05');
    expect(twice.after).toMatchObject({ due: '2026-03-12', snoozes: 2, firstDue: '2026-03-02' });
    // A snooze that puts it off no further (a retried request, a second tab) is no second snooze.
    expect((await snoozeFollowUp(user.id, f.id, '2026-03-12', '2026-03-05')).after).toMatchObject({ due: '2026-03-12', snoozes: 2 });
    // Undone, the second snooze leaves no trace: the day, the count and the first day are as before it; but an undo
    // from a copy older than a change made since (another device, the edit form) is refused, and changes nothing.
    const edited = await updateFollowUp(user.id, f.id, { action: 'Compare notes on device policy with Ann' });
    await expect(unsnoozeFollowUp(user.id, f.id, twice.before, twice.after.version)).rejects.toBeInstanceOf(VersionConflictError);
    expect(await unsnoozeFollowUp(user.id, f.id, twice.before, edited.version)).toMatchObject({ due: '2026-03-05', snoozes: 1, firstDue: '2026-03-02' });
    // A new day chosen in the edit form is a new plan, not a snooze.
    expect(await updateFollowUp(user.id, f.id, { due: '2026-04-01' })).toMatchObject({ due: '2026-04-01', snoozes: 1, firstDue: '2026-03-02' });
    // One with no day at all, snoozed, was first due on no day.
    const open = await createFollowUp(user.id, { action: 'Read the blog' });
    expect((await snoozeFollowUp(user.id, open.id, 'tomorrow', '2026-03-04')).after).toMatchObject({ snoozes: 1, firstDue: null });
    expect((await snoozeFollowUp(user.id, open.id, 'next-week', '2026-03-05')).after).toMatchObject({ due: '2026-03-12', snoozes: 2, firstDue: null });
    // Another user's follow-up cannot be put back.
    const other = await createTestUser();
    await expect(unsnoozeFollowUp(other.id, f.id, once.before)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('"tomorrow" and "a week" never bring a later due day forward; a day chosen on the calendar is the user\'s', async () => {
    const user = await createTestUser();
    const f = await createFollowUp(user.id, { action: 'Compare notes on device policy', due: '2026-03-20' });
    // Due in two weeks: "a week" from 5 March is 12 March, earlier than it was due. It keeps its day, and no snooze is counted.
    const week = await snoozeFollowUp(user.id, f.id, 'next-week', '2026-03-05');
    expect(week.after).toMatchObject({ due: '2026-03-20', snoozes: 0, firstDue: null });
    expect((await snoozeFollowUp(user.id, f.id, 'tomorrow', '2026-03-05')).after).toMatchObject({ due: '2026-03-20', snoozes: 0 });
    // Due sooner than a week: put off to the week's day, and counted.
    expect((await snoozeFollowUp(user.id, f.id, 'next-week', '2026-03-16')).after).toMatchObject({ due: '2026-03-23', snoozes: 1, firstDue: '2026-03-20' });
    // A day chosen on the calendar is kept, earlier or not.
    expect((await snoozeFollowUp(user.id, f.id, '2026-03-18', '2026-03-16')).after).toMatchObject({ due: '2026-03-18' });
  });

  it('snoozing a done follow-up reopens it', async () => {
    const user = await createTestUser();
    const f = await createFollowUp(user.id, { action: 'x', due: '2026-01-01' });
    await completeFollowUp(user.id, f.id);
    const { after } = await snoozeFollowUp(user.id, f.id, 'tomorrow', '2026-01-05');
    expect(after).toMatchObject({ status: 'open', due: '2026-01-06', doneAt: null });
  });

  it('a stale version is a conflict carrying the current copy; versions count up', async () => {
    const user = await createTestUser();
    const f = await createFollowUp(user.id, { action: 'Draft' });
    const saved = await updateFollowUp(user.id, f.id, { action: 'Theirs', version: f.version });
    expect(saved.version).toBe(f.version + 1);
    const err = await updateFollowUp(user.id, f.id, { action: 'Mine', version: f.version }).catch((e) => e);
    expect(err).toBeInstanceOf(VersionConflictError);
    expect((err as VersionConflictError<{ action: string }>).current.action).toBe('Theirs');
    expect((await getFollowUp(user.id, f.id)).action).toBe('Theirs');
  });

  it('an edit can change who it is with, or make it with no one; never with someone else’s person', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const ann = await makePerson(user.id, { name: 'Ann' });
    const bob = await makePerson(user.id, { name: 'Bob' });
    const stranger = await makePerson(other.id, { name: 'Stranger' });
    const f = await createFollowUp(user.id, { action: 'Call', personId: ann.id });
    expect((await updateFollowUp(user.id, f.id, { personId: bob.id })).person?.displayName).toBe('Bob');
    await expect(updateFollowUp(user.id, f.id, { personId: stranger.id })).rejects.toBeInstanceOf(UserFacingError);
    expect((await getFollowUp(user.id, f.id)).person?.id).toBe(bob.id);
    expect((await updateFollowUp(user.id, f.id, { personId: null })).person).toBeNull();
    // Leaving it out leaves it as it is.
    await updateFollowUp(user.id, f.id, { personId: ann.id });
    expect((await updateFollowUp(user.id, f.id, { action: 'Call Ann' })).person?.id).toBe(ann.id);
  });

  it('pickers tell two people of the same name apart by role and organisation', async () => {
    const user = await createTestUser();
    const dfe = await makeOrganisation(user.id, 'DfE');
    const bbc = await makeOrganisation(user.id, 'BBC');
    const people = [
      await makePerson(user.id, { name: 'Amelia Clarke', role: 'CIO', organisationId: dfe.id }),
      await makePerson(user.id, { name: 'Amelia Clarke', organisationId: bbc.id }),
      await makePerson(user.id, { name: 'Sean Khan', role: 'CTO' }),
    ];
    for (const p of people) await createFollowUp(user.id, { action: 'Call', personId: p.id });
    expect((await listFilterChoices(user.id)).people.map((c) => c.label)).toEqual(['Amelia Clarke · BBC', 'Amelia Clarke · CIO, DfE', 'Sean Khan']);
  });

  it('delete is soft and hidden everywhere until restored', async () => {
    const user = await createTestUser();
    const today = todayIn(user.timeZone);
    const f = await createFollowUp(user.id, { action: 'Gone', due: today });
    await deleteFollowUp(user.id, f.id);
    const [row] = await db.select().from(followUps).where(eq(followUps.id, f.id));
    expect(row?.deletedAt).not.toBeNull();
    expect(await listFollowUps(user.id, today)).toEqual([]);
    expect(await countDueFollowUps(user.id, user.timeZone)).toBe(0);
    await expect(getFollowUp(user.id, f.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(completeFollowUp(user.id, f.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteFollowUp(user.id, f.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await restoreFollowUp(user.id, f.id)).id).toBe(f.id);
    expect(await countDueFollowUps(user.id, user.timeZone)).toBe(1);
  });
});

describe('filters and links', () => {
  it('filters by person, event and sector (the person’s own, else their organisation’s)', async () => {
    const user = await createTestUser();
    const council = await makeOrganisation(user.id, 'Leeds City Council', 'Government');
    const ann = await makePerson(user.id, { role: 'Head of IT', organisationId: council.id });
    const bob = await makePerson(user.id, { name: 'Bob', sector: 'Technology' });
    const ev = await makeEvent(user.id, { title: 'CIO Club', people: [{ personId: ann.id }] });
    await createFollowUp(user.id, { action: 'Ann one', personId: ann.id, eventId: ev.id });
    await createFollowUp(user.id, { action: 'Bob one', personId: bob.id });
    await createFollowUp(user.id, { action: 'Nobody' });
    // Offered as filters only where there is a follow-up to find.
    await makePerson(user.id, { name: 'No promises' });
    await makeEvent(user.id, { title: 'Nothing promised' });
    const today = todayIn(user.timeZone);
    const choices = await listFilterChoices(user.id);
    expect(choices.events.map((e) => e.label)).toEqual(['CIO Club']);
    const gov = choices.sectors.find((s) => s.label === 'Government')!;
    const tech = choices.sectors.find((s) => s.label === 'Technology')!;

    expect((await listFollowUps(user.id, today, { person: ann.id })).map((f) => f.action)).toEqual(['Ann one']);
    expect((await listFollowUps(user.id, today, { event: ev.id })).map((f) => f.action)).toEqual(['Ann one']);
    expect((await listFollowUps(user.id, today, { sector: gov.id })).map((f) => f.action)).toEqual(['Ann one']);
    expect((await listFollowUps(user.id, today, { sector: tech.id })).map((f) => f.action)).toEqual(['Bob one']);
    const [annItem] = await listFollowUps(user.id, today, { person: ann.id });
    expect(annItem?.person?.displayName).toBe('Head of IT, Leeds City Council');
    expect(annItem?.event).toEqual({ id: ev.id, title: 'CIO Club' });
    expect(choices.people.map((p) => p.label).sort()).toEqual(['Bob', 'Head of IT, Leeds City Council']);
  });
});

describe('another user’s follow-ups', () => {
  it('never appear in lists, counts or filters, and their ids answer like missing ones', async () => {
    const me = await createTestUser();
    const other = await createTestUser();
    const theirPerson = await makePerson(other.id, { name: 'Their contact', sector: 'Media' });
    const theirEvent = await makeEvent(other.id, { title: 'Their evening' });
    const today = todayIn(other.timeZone);
    const theirs = await createFollowUp(other.id, { action: 'Secret', due: today, personId: theirPerson.id, eventId: theirEvent.id });
    await createFollowUp(me.id, { action: 'Mine', due: today });

    for (const status of ['open', 'done'] as const) {
      expect((await listFollowUps(me.id, today, { status })).map((f) => f.action)).not.toContain('Secret');
    }
    expect(await listFollowUps(me.id, today, { person: theirPerson.id })).toEqual([]);
    expect(await listFollowUps(me.id, today, { event: theirEvent.id })).toEqual([]);
    expect(await countDueFollowUps(me.id, me.timeZone)).toBe(1);
    const choices = await listFilterChoices(me.id);
    expect(choices.people).toEqual([]);
    expect(choices.events).toEqual([]);

    await expect(getFollowUp(me.id, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(completeFollowUp(me.id, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateFollowUp(me.id, theirs.id, { action: 'hijack' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteFollowUp(me.id, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(snoozeFollowUp(me.id, theirs.id, 'tomorrow', today)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getFollowUp(other.id, theirs.id)).action).toBe('Secret');

    // Linking my follow-up to their person or event is refused as not found.
    const err = await createFollowUp(me.id, { action: 'x', personId: theirPerson.id }).catch((e) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).status).toBe(404);
    await expect(createFollowUp(me.id, { action: 'x', eventId: theirEvent.id })).rejects.toMatchObject({ status: 404 });
  });

  it('a deleted person or event is no longer linked in the list', async () => {
    const user = await createTestUser();
    const p = await makePerson(user.id, { name: 'Ann' });
    const f = await createFollowUp(user.id, { action: 'x', personId: p.id });
    await db.update(people).set({ deletedAt: new Date() }).where(eq(people.id, p.id));
    expect((await getFollowUp(user.id, f.id)).person).toBeNull();
  });

  it('counts open follow-ups per due group, under the same filters, for this user only', async () => {
    const user = await createTestUser({ timeZone: 'Europe/London' });
    const other = await createTestUser();
    const today = todayIn(user.timeZone);
    const ann = await makePerson(user.id, { name: 'Ann' });
    const ev = await makeEvent(user.id, {
      title: 'Counted',
      followUps: [
        { action: 'late', dueOn: addDays(today, -2), personId: ann.id },
        { action: 'now', dueOn: today },
        { action: 'soon', dueOn: addDays(today, 3) },
        { action: 'far 1', dueOn: addDays(today, 30) },
        { action: 'far 2', dueOn: addDays(today, 40), personId: ann.id },
        { action: 'whenever' },
        { action: 'finished', dueOn: today, status: 'done' },
      ],
    });
    await makeEvent(other.id, { title: 'Not mine', followUps: [{ action: 'theirs', dueOn: today }] });
    expect(await countOpenByGroup(user.id, today)).toEqual({ overdue: 1, today: 1, week: 1, later: 2, none: 1 });
    expect(await countOpenByGroup(user.id, today, { person: ann.id })).toEqual({ overdue: 1, today: 0, week: 0, later: 1, none: 0 });
    expect((await countOpenByGroup(user.id, today, { event: ev.id })).later).toBe(2);
    // A page of one per group still reaches the undated ones, however long the dated groups are.
    expect((await listFollowUps(user.id, today, { status: 'open', due: 'none', limit: 1 })).map((f) => f.action)).toEqual(['whenever']);
  });
  it('several lists read in one statement are each exactly what its own query gives, in its order', async () => {
    const user = await createTestUser({ timeZone: 'Europe/London' });
    const other = await createTestUser();
    const today = todayIn(user.timeZone);
    const ann = await makePerson(user.id, { name: 'Ann', sector: 'Government' });
    // Ties on the due day are ordered by when they were added; the done ones by when they were done.
    const ev = await makeEvent(user.id, {
      title: 'Many',
      followUps: [
        ...Array.from({ length: 7 }, (_, i) => ({ action: `late ${i}`, dueOn: addDays(today, -1 - (i % 3)), personId: i % 2 ? ann.id : undefined })),
        ...Array.from({ length: 4 }, (_, i) => ({ action: `now ${i}`, dueOn: today })),
        { action: 'soon', dueOn: addDays(today, 2) },
        { action: 'far', dueOn: addDays(today, 30) },
        ...Array.from({ length: 3 }, (_, i) => ({ action: `whenever ${i}` })),
      ],
    });
    for (const action of ['done a', 'done b', 'done c']) {
      const f = await createFollowUp(user.id, { action, due: today, personId: ann.id });
      await completeFollowUp(user.id, f.id);
    }
    await makeEvent(other.id, {
      title: 'Not mine',
      followUps: [
        { action: 'theirs late', dueOn: addDays(today, -1) },
        { action: 'theirs now', dueOn: today },
      ],
    });
    const lists = {
      overdue: { status: 'open', due: 'overdue', limit: 5 },
      today: { status: 'open', due: 'today', limit: 3 },
      week: { status: 'open', due: 'week', limit: 5 },
      later: { status: 'open', due: 'later', limit: 5 },
      none: { status: 'open', due: 'none', limit: 2 },
      done: { status: 'done', recentDoneOnly: true, limit: 2 },
      annOpen: { status: 'open', person: ann.id },
      annDone: { status: 'done', person: ann.id, limit: 50 },
      event: { status: 'open', event: ev.id, due: 'overdue', limit: 2 },
      // A sector filter reads the people table in its list.
      sector: { status: 'open', sector: ann.sectorId!, due: 'overdue', limit: 2 },
      sectorDone: { status: 'done', sector: ann.sectorId!, limit: 2 },
    } as const;
    const together = await listFollowUpLists(user.id, today, lists);
    for (const [key, args] of Object.entries(lists)) {
      const alone = await listFollowUps(user.id, today, args);
      expect(together[key as keyof typeof lists], key).toEqual(alone);
    }
    expect(together.overdue!.map((f) => f.action)).toHaveLength(5);
    expect(together.done!.map((f) => f.action)).toEqual(['done c', 'done b']);
    expect(together.sector!.map((f) => f.person?.id)).toEqual([ann.id, ann.id]);
    expect(together.sectorDone!.map((f) => f.action)).toEqual(['done c', 'done b']);
    expect(together.annOpen!.map((f) => f.action)).toEqual(['late 5', 'late 1', 'late 3']);
    expect(
      Object.values(together)
        .flat()
        .some((f) => f.action.startsWith('theirs')),
    ).toBe(false);
    // One list alone, and none.
    expect((await listFollowUpLists(user.id, today, { none: lists.none })).none).toEqual(await listFollowUps(user.id, today, lists.none));
    expect(await listFollowUpLists(user.id, today, {})).toEqual({});
  });
});
