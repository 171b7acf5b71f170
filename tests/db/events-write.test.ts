import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { encounters, followUps, idempotencyKeys, insights, networkingEvents, organisations, people, topics } from '@/db/schema';
import { VersionConflictError, UserFacingError, NotFoundError } from '@/lib/errors';
import { listEvents } from '@/lib/events/list';
import { getEventDetail } from '@/lib/events/queries';
import { LikelyDuplicatesError } from '@/lib/events/resolve';
import { eventInputSchema, eventListQuerySchema } from '@/lib/events/validation';
import { createEvent, deleteEvent, restoreEvent, updateEvent } from '@/lib/events/write';
import { makeOrganisation, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

const evening = (extra: Record<string, unknown> = {}) =>
  eventInputSchema.parse({
    title: 'CIO Club, April',
    startsAt: '2026-04-23T18:30:00+01:00',
    series: 'CIO Club monthly',
    topics: ['Cloud', 'Open data', 'open  DATA'],
    people: [
      { name: 'Ada Byron', role: 'CTO', organisation: 'Analytical Engines', sector: 'Technology', relation: 'spoke', topics: ['Cloud'] },
      { role: 'Head of IT', organisation: 'County Council', sector: 'Government' },
      { name: 'Grace', organisation: 'analytical engines', notes: 'Knows Ada' },
    ],
    insights: [{ text: '40% of councils run on one supplier', personIndex: 0 }, { text: 'Budgets fall 5%' }],
    followUps: [{ action: 'Send Ada the report', due: '2026-04-30', personIndex: 0 }, { action: 'Read the white paper' }],
    ...extra,
  });

async function countRows(userId: string) {
  const count = async (
    table: typeof networkingEvents | typeof people | typeof organisations | typeof topics | typeof encounters | typeof insights | typeof followUps,
  ) =>
    Number(
      (
        await db
          .select({ n: sql<number>`count(*)` })
          .from(table)
          .where(eq(table.userId, userId))
      )[0]!.n,
    );
  return {
    events: await count(networkingEvents),
    people: await count(people),
    organisations: await count(organisations),
    topics: await count(topics),
    encounters: await count(encounters),
    insights: await count(insights),
    followUps: await count(followUps),
  };
}

describe('saving an event', () => {
  it('saves the whole evening: organisations shared case-insensitively, topics by normalised name, speaker facts', async () => {
    const user = await createTestUser();
    const { event } = await createEvent(user.id, evening());
    expect(event.topics).toEqual(['Cloud', 'Open data']);
    expect(event.people.map((p) => p.organisation?.name)).toEqual(['Analytical Engines', 'County Council', 'Analytical Engines']);
    expect(event.people[0]!.sector?.name).toBe('Technology');
    expect(event.people[2]!.sector?.name).toBe('Technology'); // inherited from the organisation
    expect(event.people[0]!.relation).toBe('spoke');
    expect(event.insights[0]!.personId).toBe(event.people[0]!.id);
    expect(event.followUps.find((f) => f.action === 'Send Ada the report')?.personId).toBe(event.people[0]!.id);
    expect(await countRows(user.id)).toMatchObject({ events: 1, people: 3, organisations: 2, topics: 2, encounters: 3, insights: 2, followUps: 2 });
    const [ada] = await db.select().from(people).where(eq(people.id, event.people[0]!.id));
    expect(ada!.searchText).toContain('CIO Club');
    expect(ada!.lastMetAt?.toISOString()).toBe('2026-04-23T17:30:00.000Z');
  });

  it('a failure midway leaves no rows at all', async () => {
    const user = await createTestUser();
    const stranger = await createTestUser();
    const theirs = await makePerson(stranger.id, { name: 'Not yours' });
    // The last person row names someone else's contact, so the write fails after people, orgs and topics began.
    const input = evening({ people: [...evening().people.map((p) => ({ ...p })), { id: theirs.id }] });
    await expect(createEvent(user.id, input)).rejects.toBeInstanceOf(UserFacingError);
    expect(await countRows(user.id)).toEqual({ events: 0, people: 0, organisations: 0, topics: 0, encounters: 0, insights: 0, followUps: 0 });
  });

  it('a retried request with the same idempotency key makes one event', async () => {
    const user = await createTestUser();
    const key = `test-${randomUUID()}`;
    const [a, b] = await Promise.all([createEvent(user.id, evening(), { idempotencyKey: key }), createEvent(user.id, evening(), { idempotencyKey: key })]);
    expect(a.event.id).toBe(b.event.id);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    const again = await createEvent(user.id, evening(), { idempotencyKey: key });
    expect(again).toMatchObject({ replayed: true, event: { id: a.event.id } });
    expect((await countRows(user.id)).events).toBe(1);
    await expect(createEvent(user.id, evening({ title: 'Other' }), { idempotencyKey: key })).rejects.toMatchObject({ status: 422 });
    const keys = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, user.id)));
    expect(keys).toHaveLength(1);
  });

  it('links a known person by id, and offers or links a likely duplicate instead of creating one', async () => {
    const user = await createTestUser();
    const org = await makeOrganisation(user.id, 'Acme', 'Finance');
    const jane = await makePerson(user.id, { name: 'Jane Roe', organisationId: org.id, email: 'jane@acme.test' });
    const byEmail = { email: 'JANE@acme.test', name: 'J. Roe' };
    const byNameOrg = { name: 'jane roe', organisation: 'ACME' };
    await expect(createEvent(user.id, evening({ people: [byEmail], insights: [], followUps: [] }), { onDuplicate: 'ask' })).rejects.toSatisfy(
      (e) => e instanceof LikelyDuplicatesError && e.candidates[0]![0]!.id === jane.id && e.candidates[0]![0]!.why === 'email',
    );
    const { event } = await createEvent(user.id, evening({ people: [byNameOrg, { id: jane.id, role: 'CFO' }], insights: [], followUps: [] }), {
      onDuplicate: 'link',
    }).catch((e) => ({ event: null, e }));
    // Two rows that are the same person are refused rather than merged silently.
    expect(event).toBeNull();
    const linked = await createEvent(user.id, evening({ people: [byNameOrg], insights: [], followUps: [] }), { onDuplicate: 'link' });
    expect(linked.event.people[0]!.id).toBe(jane.id);
    const fresh = await createEvent(user.id, evening({ people: [{ ...byNameOrg, newPerson: true }], insights: [], followUps: [] }), {
      onDuplicate: 'ask',
    });
    expect(fresh.event.people[0]!.id).not.toBe(jane.id);
  });

  it('a row naming someone known by their full name alone is asked about in the form, and never linked unseen by the API', async () => {
    const user = await createTestUser();
    const org = await makeOrganisation(user.id, 'BBC', 'Media');
    const sarah = await makePerson(user.id, { name: 'Sarah Okafor', organisationId: org.id });
    await makePerson(user.id, { name: 'Sarah Smith' });
    const typed = { name: ' sarah   OKAFOR ' };
    await expect(createEvent(user.id, evening({ people: [typed], insights: [], followUps: [] }), { onDuplicate: 'ask' })).rejects.toSatisfy(
      (e) => e instanceof LikelyDuplicatesError && e.candidates[0]!.map((c) => [c.id, c.why, c.organisation]).join() === [sarah.id, 'name', 'BBC'].join(),
    );
    // The API links by email, or by name at an organisation, only: two people may share a name.
    const viaApi = await createEvent(user.id, evening({ people: [typed], insights: [], followUps: [] }), { onDuplicate: 'link' });
    expect(viaApi.event.people[0]!.id).not.toBe(sarah.id);
    // Told it is someone new, the form makes them; another name is not asked about.
    const confirmed = await createEvent(user.id, evening({ people: [{ ...typed, newPerson: true }, { name: 'Sam Okafor' }], insights: [], followUps: [] }), {
      onDuplicate: 'ask',
    });
    expect(confirmed.event.people.map((p) => p.id)).not.toContain(sarah.id);
  });

  it('a row known only by role and organisation is asked about when someone known has that role there, and never linked unseen by the API', async () => {
    const user = await createTestUser();
    const council = await makeOrganisation(user.id, 'Hartley Council', 'Government');
    const ben = await makePerson(user.id, { name: 'Ben Turner', role: 'Chief Executive', organisationId: council.id });
    await makePerson(user.id, { name: 'Tom Reed', role: 'Head of IT', organisationId: council.id });
    await makePerson(user.id, { name: 'Ann Cole', role: 'Chief Executive', organisationId: (await makeOrganisation(user.id, 'Leeds City Council')).id });
    const typed = { role: ' chief  executive ', organisation: 'hartley council' };
    await expect(createEvent(user.id, evening({ people: [typed], insights: [], followUps: [] }), { onDuplicate: 'ask' })).rejects.toSatisfy(
      (e) => e instanceof LikelyDuplicatesError && e.candidates[0]!.map((c) => [c.id, c.why]).join() === [ben.id, 'role and organisation'].join(),
    );
    // A role alone, or another role there, is not asked about; the API makes a new person rather than guess.
    const roleOnly = await createEvent(
      user.id,
      evening({ people: [{ role: 'Chief Executive' }, { role: 'Chief Digital Officer', organisation: 'Hartley Council' }], insights: [], followUps: [] }),
      {
        onDuplicate: 'ask',
      },
    );
    expect(roleOnly.event.people.map((p) => p.id)).not.toContain(ben.id);
    const viaApi = await createEvent(user.id, evening({ people: [typed], insights: [], followUps: [] }), { onDuplicate: 'link' });
    expect(viaApi.event.people[0]!.id).not.toBe(ben.id);
    const confirmed = await createEvent(user.id, evening({ people: [{ ...typed, newPerson: true }], insights: [], followUps: [] }), { onDuplicate: 'ask' });
    expect(confirmed.event.people[0]!.id).not.toBe(ben.id);
  });
});

describe('an evening’s topics', () => {
  it('are listed alphabetically whatever their case, on the event, in the list and in the lookup of a person', async () => {
    const user = await createTestUser();
    const { event } = await createEvent(
      user.id,
      eventInputSchema.parse({ title: 'Salon', startsAt: '2026-03-01T18:00:00Z', topics: ['Zero Trust', 'cloud costs', 'AI'] }),
    );
    // The database sorts by byte ("Zero Trust" before "cloud costs"); a reader sorts by letter.
    expect((await getEventDetail(db, user.id, event.id)).topics).toEqual(['AI', 'cloud costs', 'Zero Trust']);
    expect((await listEvents(user.id, eventListQuerySchema.parse({}))).items[0]!.topics).toEqual(['AI', 'cloud costs', 'Zero Trust']);
  });
});

describe('editing and deleting an event', () => {
  it('a stale version is a conflict carrying the current copy, and changes nothing', async () => {
    const user = await createTestUser();
    const { event } = await createEvent(user.id, evening());
    const first = await updateEvent(user.id, event.id, event.version, evening({ title: 'From the phone', people: [], insights: [], followUps: [] }));
    expect(first.version).toBe(event.version + 1);
    expect(first.people).toEqual([]);
    const err = await updateEvent(user.id, event.id, event.version, evening({ title: 'From the laptop' })).catch((e) => e);
    expect(err).toBeInstanceOf(VersionConflictError);
    expect((err as VersionConflictError<{ title: string }>).current.title).toBe('From the phone');
    expect((await getEventDetail(db, user.id, event.id)).title).toBe('From the phone');
  });

  it('changes the follow-ups sent, removes only those named, and refreshes people who left the event', async () => {
    const user = await createTestUser();
    const { event } = await createEvent(user.id, evening());
    const kept = event.followUps.find((f) => f.action === 'Read the white paper')!;
    const removed = event.followUps.find((f) => f.action !== 'Read the white paper')!;
    const input = evening({
      people: [{ ...evening().people[0]!, id: event.people[0]!.id }],
      insights: [],
      followUps: [{ id: kept.id, version: kept.version, action: 'Read it twice' }],
    });
    // Changing a follow-up without the version it was read at is refused, naming the field.
    const unversioned = { ...input, followUps: [{ id: kept.id, action: 'Read it twice', due: undefined }] };
    await expect(updateEvent(user.id, event.id, event.version, unversioned)).rejects.toMatchObject({
      status: 400,
      fieldErrors: { 'followUps.0.version': expect.any(Array) },
    });
    const updated = await updateEvent(user.id, event.id, event.version, { ...input, removeFollowUps: [removed.id] });
    expect(updated.followUps).toEqual([expect.objectContaining({ id: kept.id, action: 'Read it twice', version: 2 })]);
    // Ada was re-saved unchanged (same name, role, organisation, sector): her own record was not rewritten.
    const [ada] = await db.select().from(people).where(eq(people.id, event.people[0]!.id));
    expect(ada!.version).toBe(1);
    const grace = event.people[2]!;
    const [row] = await db.select().from(people).where(eq(people.id, grace.id));
    expect(row!.lastMetAt).toBeNull();
  });

  it('another user’s event is not found; delete hides it everywhere and undo brings it back', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const { event } = await createEvent(user.id, evening());
    await expect(getEventDetail(db, other.id, event.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteEvent(other.id, event.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateEvent(other.id, event.id, 1, evening())).rejects.toBeInstanceOf(NotFoundError);
    await deleteEvent(user.id, event.id);
    await expect(getEventDetail(db, user.id, event.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listEvents(user.id, eventListQuerySchema.parse({}))).items).toEqual([]);
    const [ada] = await db.select().from(people).where(eq(people.id, event.people[0]!.id));
    expect(ada!.lastMetAt).toBeNull();
    await restoreEvent(user.id, event.id);
    expect((await getEventDetail(db, user.id, event.id)).title).toBe('CIO Club, April');
  });

  it('deleting an event takes its follow-ups with it; undo brings back only those', async () => {
    const user = await createTestUser();
    const { event } = await createEvent(user.id, evening());
    const live = () =>
      db
        .select({ action: followUps.action })
        .from(followUps)
        .where(and(eq(followUps.userId, user.id), eq(followUps.eventId, event.id), isNull(followUps.deletedAt)));
    expect(await live()).toHaveLength(2);
    // One follow-up was already deleted on its own: undoing the event must not revive it.
    const [first] = await live();
    await db
      .update(followUps)
      .set({ deletedAt: new Date(Date.now() - 60_000) })
      .where(and(eq(followUps.userId, user.id), eq(followUps.action, first!.action)));
    await deleteEvent(user.id, event.id);
    expect(await live()).toHaveLength(0);
    await restoreEvent(user.id, event.id);
    expect((await live()).map((f) => f.action)).toEqual(['Read the white paper', 'Send Ada the report'].filter((a) => a !== first!.action));
  });
});
