import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { encounters, encounterTopics, followUps, insights, people, topics } from '@/db/schema';
import { VersionConflictError } from '@/lib/errors';
import { draftToPayload, eventToDraft, rebaseDraft, takeTheirsWhereUntouched } from '@/lib/events/draft';
import { detailToInput, mergePatch } from '@/lib/events/patch';
import { eventToJson, getEventDetail } from '@/lib/events/queries';
import { eventInputSchema, eventPatchSchema } from '@/lib/events/validation';
import { createEvent, updateEvent } from '@/lib/events/write';
import { createFollowUp, snoozeFollowUp, updateFollowUp } from '@/lib/follow-ups/mutations';
import { listFacts, listTimeline } from '@/lib/people/history';
import { deletePerson, restorePerson, updatePerson } from '@/lib/people/queries';
import { renameTopic } from '@/lib/topics/merge';
import { topicId } from '../support/fixtures';
import { createTestUser } from '../support/users';

/** An evening of three: Ada spoke (with a fact and a follow-up), Grace met, and the head of IT. */
async function evening(userId: string) {
  const { event } = await createEvent(
    userId,
    eventInputSchema.parse({
      title: 'CIO Club, April',
      startsAt: '2026-04-23T18:30:00+01:00',
      topics: ['Cloud'],
      people: [
        { name: 'Ada Byron', role: 'CTO', organisation: 'Analytical Engines', relation: 'spoke', notes: 'Talked about engines', topics: ['Cloud', 'Engines'] },
        { name: 'Grace Hopper', role: 'Admiral', organisation: 'Navy' },
        { role: 'Head of IT', organisation: 'County Council' },
      ],
      insights: [{ text: '40% of councils run on one supplier', personIndex: 0 }, { text: 'Budgets fall 5%' }],
      followUps: [{ action: 'Send Ada the report', personIndex: 0 }, { action: 'Read the white paper' }],
    }),
  );
  return event;
}

/** What a person's history is made of, in a comparable shape. */
async function history(userId: string, personId: string) {
  const rows = await db
    .select({ id: encounters.id, relation: encounters.relation, notes: encounters.notes })
    .from(encounters)
    .where(and(eq(encounters.userId, userId), eq(encounters.personId, personId)))
    .orderBy(asc(encounters.id));
  const topicRows = await db
    .select({ encounterId: encounterTopics.encounterId, topicId: encounterTopics.topicId })
    .from(encounterTopics)
    .where(eq(encounterTopics.userId, userId))
    .orderBy(asc(encounterTopics.topicId));
  const facts = await db
    .select({ id: insights.id, text: insights.text })
    .from(insights)
    .where(and(eq(insights.userId, userId), eq(insights.personId, personId)));
  return { rows, topics: topicRows.filter((t) => rows.some((r) => r.id === t.encounterId)), facts };
}

/** The edit form's save, as the form builds it: the event as loaded, with `change` applied. */
function formInput(detail: Awaited<ReturnType<typeof getEventDetail>>, change: (input: ReturnType<typeof detailToInput>) => void = () => {}) {
  const input = detailToInput(detail);
  change(input);
  return eventInputSchema.parse(JSON.parse(JSON.stringify(input)));
}

describe('saving an event never loses what the form did not show or did not change', () => {
  it('a deleted person keeps their encounter, topics and fact credits through an edit, and comes back whole', async () => {
    const user = await createTestUser();
    const event = await evening(user.id);
    const ada = event.people[0]!.id;
    const before = await history(user.id, ada);
    expect(before.rows).toHaveLength(1);
    expect(before.facts).toHaveLength(1);

    await deletePerson(user.id, ada);
    const detail = await getEventDetail(db, user.id, event.id);
    expect(detail.people.map((p) => p.id)).not.toContain(ada);
    await updateEvent(
      user.id,
      event.id,
      detail.version,
      formInput(detail, (i) => (i.reflection = 'A good evening')),
    );
    // A second save as well: the follow-up naming Ada must not make it fail.
    const again = await getEventDetail(db, user.id, event.id);
    await updateEvent(
      user.id,
      event.id,
      again.version,
      formInput(again, (i) => (i.summary = 'Cloud, mostly')),
    );

    await restorePerson(user.id, ada);
    expect(await history(user.id, ada)).toEqual(before);
    expect((await listTimeline(user.id, ada)).map((t) => [t.relation, t.notes, t.topics])).toEqual([['spoke', 'Talked about engines', ['Cloud', 'Engines']]]);
    expect((await listFacts(user.id, ada)).map((f) => f.text)).toEqual(['40% of councils run on one supplier']);
    const after = await getEventDetail(db, user.id, event.id);
    expect(after.people.map((p) => p.id)).toContain(ada);
    expect(after.followUps.find((f) => f.action === 'Send Ada the report')?.personId).toBe(ada);
  });

  it('an edit that changes only the reflection keeps every encounter and fact row (same ids)', async () => {
    const user = await createTestUser();
    const event = await evening(user.id);
    const ids = async () => ({
      encounters: (await db.select({ id: encounters.id }).from(encounters).where(eq(encounters.eventId, event.id)).orderBy(asc(encounters.id))).map(
        (r) => r.id,
      ),
      insights: (await db.select({ id: insights.id }).from(insights).where(eq(insights.eventId, event.id)).orderBy(asc(insights.id))).map((r) => r.id),
    });
    const before = await ids();
    const detail = await getEventDetail(db, user.id, event.id);
    await updateEvent(
      user.id,
      event.id,
      detail.version,
      formInput(detail, (i) => (i.reflection = 'Worth it')),
    );
    expect(await ids()).toEqual(before);
  });

  it('follow-ups added or snoozed elsewhere survive a stale form; removing one is explicit', async () => {
    const user = await createTestUser();
    const event = await evening(user.id);
    const stale = await getEventDetail(db, user.id, event.id); // the form is opened here
    const added = await createFollowUp(user.id, { action: 'Compare notes on device policy', eventId: event.id });
    const paper = stale.followUps.find((f) => f.action === 'Read the white paper')!;
    await snoozeFollowUp(user.id, paper.id, '2026-05-10', '2026-04-24');

    // The form, opened before those changes, saves a new reflection.
    const draft = eventToDraft(eventToJson(stale), 'Europe/London');
    await updateEvent(
      user.id,
      event.id,
      stale.version,
      eventInputSchema.parse(draftToPayload({ ...draft, reflection: 'Edited on the train' }, 'Europe/London')),
    );
    const now = await getEventDetail(db, user.id, event.id);
    expect(now.reflection).toBe('Edited on the train');
    expect(now.followUps.map((f) => f.action).sort()).toEqual(['Compare notes on device policy', 'Read the white paper', 'Send Ada the report']);
    expect(now.followUps.find((f) => f.id === paper.id)?.dueOn).toBe('2026-05-10');
    expect(now.followUps.find((f) => f.id === added.id)).toBeTruthy();

    // Removing is said, not implied by leaving out.
    await updateEvent(
      user.id,
      event.id,
      now.version,
      formInput(now, (i) => {
        i.followUps = i.followUps.filter((f) => f.id !== added.id);
        i.removeFollowUps = [added.id];
      }),
    );
    const [row] = await db.select({ deletedAt: followUps.deletedAt }).from(followUps).where(eq(followUps.id, added.id));
    expect(row!.deletedAt).not.toBeNull();
  });

  it('a follow-up changed in a stale form after it was changed elsewhere is a conflict, and nothing is written', async () => {
    const user = await createTestUser();
    const event = await evening(user.id);
    const stale = await getEventDetail(db, user.id, event.id);
    const paper = stale.followUps.find((f) => f.action === 'Read the white paper')!;
    await updateFollowUp(user.id, paper.id, { action: 'Read the white paper and reply', version: paper.version });

    const input = formInput(stale, (i) => {
      i.reflection = 'Should not land';
      i.followUps.find((f) => f.id === paper.id)!.action = 'Read the white paper tonight';
    });
    const err = await updateEvent(user.id, event.id, stale.version, input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VersionConflictError);
    const current = (err as VersionConflictError).current as ReturnType<typeof eventToJson>;
    expect(current.followUps.find((f) => f.id === paper.id)?.action).toBe('Read the white paper and reply');
    const now = await getEventDetail(db, user.id, event.id);
    expect(now.reflection).toBeNull();
    expect(now.followUps.find((f) => f.id === paper.id)?.action).toBe('Read the white paper and reply');
  });

  it('a stale form does not write back the linked people it loaded; a change it made to a person edited since is a conflict', async () => {
    const user = await createTestUser();
    const event = await evening(user.id);
    const stale = await getEventDetail(db, user.id, event.id);
    const grace = stale.people.find((p) => p.name === 'Grace Hopper')!;
    const [g] = await db.select({ version: people.version }).from(people).where(eq(people.id, grace.id));
    await updatePerson(user.id, grace.id, { version: g!.version, role: 'Rear Admiral', organisationName: 'US Navy' });

    // The form as the browser builds it, from the event as it was loaded.
    const draft = eventToDraft(eventToJson(stale), 'Europe/London');
    const asLoaded = eventInputSchema.parse(draftToPayload({ ...draft, reflection: 'Edited later' }, 'Europe/London'));
    await updateEvent(user.id, event.id, stale.version, asLoaded);
    const [after] = await db.select({ role: people.role }).from(people).where(eq(people.id, grace.id));
    expect(after!.role).toBe('Rear Admiral');

    // Now the stale form really changes Grace's role: that is a conflict, not an overwrite.
    const now = await getEventDetail(db, user.id, event.id);
    const changing = eventInputSchema.parse(
      draftToPayload(
        { ...draft, version: now.version, people: draft.people.map((p) => (p.id === grace.id ? { ...p, role: 'Commodore' } : p)) },
        'Europe/London',
      ),
    );
    await expect(updateEvent(user.id, event.id, now.version, changing)).rejects.toBeInstanceOf(VersionConflictError);
    const [still] = await db.select({ role: people.role }).from(people).where(eq(people.id, grace.id));
    expect(still!.role).toBe('Rear Admiral');
  });

  it('an API PATCH of the people list keeps follow-ups added elsewhere and the credits of people kept', async () => {
    const user = await createTestUser();
    const event = await evening(user.id);
    const current = eventToJson(await getEventDetail(db, user.id, event.id));
    const added = await createFollowUp(user.id, { action: 'Call the council', eventId: event.id });
    const raw = { version: current.version, people: current.people.slice(0, 2).map((p) => ({ id: p.id, relation: p.relation })) };
    const patch = eventPatchSchema.parse(raw);
    const input = eventInputSchema.parse(JSON.parse(JSON.stringify(mergePatch(current, patch, new Set(Object.keys(raw))))));
    const saved = await updateEvent(user.id, event.id, current.version, input);
    expect(saved.people).toHaveLength(2);
    expect(saved.followUps.map((f) => f.id)).toContain(added.id);
    expect(saved.insights.find((i) => i.text.startsWith('40%'))?.personId).toBe(current.people[0]!.id);
  });

  it('after a conflict, what the user left alone takes the copy saved elsewhere: saving again keeps both edits', async () => {
    const user = await createTestUser();
    const event = await evening(user.id);
    const loaded = await getEventDetail(db, user.id, event.id);
    // This phone opens the form and writes a reflection and one fact.
    const draft = eventToDraft(eventToJson(loaded), 'Europe/London');
    const mine = {
      ...draft,
      reflection: 'Worth the trip',
      insights: draft.insights.map((i) => (i.text === 'Budgets fall 5%' ? { ...i, text: 'Budgets fall 5% next year' } : i)),
    };
    // Meanwhile the laptop saves a summary, Ada's notes and the other fact, and renames a topic.
    const laptop = eventToDraft(eventToJson(loaded), 'Europe/London');
    await updateEvent(
      user.id,
      event.id,
      loaded.version,
      eventInputSchema.parse(
        draftToPayload(
          {
            ...laptop,
            summary: 'Cloud and suppliers',
            people: laptop.people.map((p) => (p.name === 'Ada Byron' ? { ...p, notes: 'Engines, and a book' } : p)),
            insights: laptop.insights.map((i) => (i.text.startsWith('40%') ? { ...i, text: '40% of councils run on one supplier (Gartner)' } : i)),
          },
          'Europe/London',
        ),
      ),
    );
    await renameTopic(user.id, await topicId(user.id, 'Cloud'), 'Cloud computing');

    const save = (d: typeof mine, version: number) => updateEvent(user.id, event.id, version, eventInputSchema.parse(draftToPayload(d, 'Europe/London')));
    const conflict = await save(mine, loaded.version).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(VersionConflictError);
    const theirs = eventToJson(await getEventDetail(db, user.id, event.id));
    const merged = takeTheirsWhereUntouched(mine, theirs, 'Europe/London');
    // The form now shows theirs where this phone wrote nothing, and this phone's own words where it did.
    expect(merged.summary).toBe('Cloud and suppliers');
    expect(merged.reflection).toBe('Worth the trip');
    expect(merged.topics).toEqual(['Cloud computing']);
    // "Save mine over theirs".
    const rebased = rebaseDraft(merged, theirs);
    await save(rebased, rebased.version!);
    const now = await getEventDetail(db, user.id, event.id);
    expect(now.summary).toBe('Cloud and suppliers');
    expect(now.reflection).toBe('Worth the trip');
    expect(now.topics).toEqual(['Cloud computing']);
    expect(now.people.find((p) => p.name === 'Ada Byron')).toMatchObject({ notes: 'Engines, and a book', topics: ['Cloud computing', 'Engines'] });
    expect(now.insights.map((i) => i.text).sort()).toEqual(['40% of councils run on one supplier (Gartner)', 'Budgets fall 5% next year']);
    expect((await db.select({ name: topics.name }).from(topics).where(eq(topics.userId, user.id))).map((t) => t.name).sort()).toEqual([
      'Cloud computing',
      'Engines',
    ]);
  });
});
