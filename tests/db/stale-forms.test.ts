import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { organisations, sectors, topics } from '@/db/schema';
import { VersionConflictError } from '@/lib/errors';
import { draftToPayload, eventToDraft } from '@/lib/events/draft';
import { eventToJson, getEventDetail } from '@/lib/events/queries';
import { eventInputSchema } from '@/lib/events/validation';
import { createEvent, updateEvent } from '@/lib/events/write';
import { undoMerge } from '@/lib/merges/undo';
import { mergeOrganisations } from '@/lib/organisations/merge';
import { getOrganisation, updateOrganisation } from '@/lib/organisations/queries';
import { createPerson, getPerson, updatePerson } from '@/lib/people/queries';
import { createPersonSchema } from '@/lib/people/validation';
import { mergeSectors } from '@/lib/sectors/merge';
import { mergeTopics, renameTopic } from '@/lib/topics/merge';
import { topicId } from '../support/fixtures';
import { createTestUser } from '../support/users';

/*
 * Forms name topics and a person's organisation by name. A rename or merge made after a form was opened (on another
 * device, or while an offline save waited) must not be undone by that form's save: the save is refused as changed
 * elsewhere, and nothing is re-created under the old name.
 */

const TZ = 'Europe/London';

/** The evening's edit form as loaded now: save it later with `change` applied, as the form would send it. */
async function openEventForm(userId: string, eventId: string) {
  const loaded = await getEventDetail(db, userId, eventId);
  const draft = eventToDraft(eventToJson(loaded), TZ);
  return (change: Partial<typeof draft>) => updateEvent(userId, eventId, loaded.version, eventInputSchema.parse(draftToPayload({ ...draft, ...change }, TZ)));
}

/** The person's edit form as loaded now: it sends every field it shows, the organisation and topics by name. */
async function openPersonForm(userId: string, personId: string) {
  const p = await getPerson(userId, personId);
  return (change: { notes?: string }) =>
    updatePerson(userId, personId, {
      version: p.version,
      name: p.name ?? undefined,
      organisationName: p.organisation?.name,
      sectorId: p.ownSectorId ?? undefined,
      topics: p.topics,
      notes: p.notes ?? undefined,
      ...change,
    });
}

const topicNames = async (userId: string) => (await db.select({ name: topics.name }).from(topics).where(eq(topics.userId, userId))).map((t) => t.name).sort();
const liveOrganisations = async (userId: string) =>
  (
    await db
      .select({ name: organisations.name })
      .from(organisations)
      .where(and(eq(organisations.userId, userId), isNull(organisations.deletedAt)))
  )
    .map((o) => o.name)
    .sort();

describe('A form opened before a rename or merge', () => {
  it('cannot save a merged-away topic back onto an evening, a person at it, or a person', async () => {
    const user = await createTestUser();
    const { event } = await createEvent(
      user.id,
      eventInputSchema.parse({
        title: 'CIO Club',
        startsAt: '2026-04-23T18:30:00+01:00',
        topics: ['Cloud'],
        // Ada's topic is hers at the evening only: the evening's form shows it through her, not as its own.
        people: [{ name: 'Ada Byron', organisation: 'Analytical Engines', topics: ['AI'] }],
      }),
    );
    const ada = (await getEventDetail(db, user.id, event.id)).people[0]!;
    const pat = await createPerson(user.id, createPersonSchema.parse({ name: 'Pat Lee', topics: ['AI'] }));
    const onTheTrain = await openEventForm(user.id, event.id);
    const patsForm = await openPersonForm(user.id, pat.id);
    const adasForm = await openPersonForm(user.id, ada.id);

    const ai = await topicId(user.id, 'AI');
    const kept = await topicId(user.id, 'Artificial intelligence');
    await mergeTopics(user.id, ai, kept);

    await expect(onTheTrain({ summary: 'Written on the train' })).rejects.toBeInstanceOf(VersionConflictError);
    await expect(patsForm({ notes: 'Met again' })).rejects.toBeInstanceOf(VersionConflictError);
    // Ada's own form shows no topic (hers are the evening's): it saves as usual.
    await adasForm({ notes: 'Met again' });
    const now = await getEventDetail(db, user.id, event.id);
    expect(now.summary).toBeNull();
    expect(now.topics).toEqual(['Cloud']);
    expect(now.people[0]!.topics).toEqual(['Artificial intelligence']);
    expect((await getPerson(user.id, pat.id)).topics).toEqual(['Artificial intelligence']);
    expect(await topicNames(user.id)).toEqual(['Artificial intelligence', 'Cloud']);

    // Forms opened now save as usual, and keep the merged topic.
    await (
      await openEventForm(user.id, event.id)
    )({ summary: 'Written on the train' });
    await (
      await openPersonForm(user.id, pat.id)
    )({ notes: 'Met again' });
    expect((await getEventDetail(db, user.id, event.id)).people[0]!.topics).toEqual(['Artificial intelligence']);
    expect((await getPerson(user.id, pat.id)).topics).toEqual(['Artificial intelligence']);
    expect(await topicNames(user.id)).toEqual(['Artificial intelligence', 'Cloud']);
  });

  it('cannot undo a topic rename, nor the undo of a merge', async () => {
    const user = await createTestUser();
    const pat = await createPerson(user.id, createPersonSchema.parse({ name: 'Pat Lee', topics: ['Open data'] }));
    const before = await openPersonForm(user.id, pat.id);
    await renameTopic(user.id, await topicId(user.id, 'Open data'), 'Open government data');
    await expect(before({ notes: 'Met again' })).rejects.toBeInstanceOf(VersionConflictError);
    expect(await topicNames(user.id)).toEqual(['Open government data']);

    // Merged, a form opened, the merge undone: that form shows the kept name, and must not drop the topic that came back.
    const merged = await mergeTopics(user.id, await topicId(user.id, 'Open government data'), await topicId(user.id, 'Data'));
    const between = await openPersonForm(user.id, pat.id);
    expect((await getPerson(user.id, pat.id)).topics).toEqual(['Data']);
    await undoMerge(user.id, merged.mergeId);
    await expect(between({ notes: 'Met again' })).rejects.toBeInstanceOf(VersionConflictError);
    expect((await getPerson(user.id, pat.id)).topics).toEqual(['Open government data']);
  });

  it('cannot file a person back under an organisation merged away or renamed since', async () => {
    const user = await createTestUser();
    const pat = await createPerson(user.id, createPersonSchema.parse({ name: 'Pat Lee', organisationName: 'Acme Ltd' }));
    const kim = await createPerson(user.id, createPersonSchema.parse({ name: 'Kim Ho', organisationName: 'ACME' }));
    const patsForm = await openPersonForm(user.id, pat.id);
    await mergeOrganisations(user.id, kim.organisation!.id, pat.organisation!.id);
    await expect(patsForm({ notes: 'New phone' })).rejects.toBeInstanceOf(VersionConflictError);
    expect((await getPerson(user.id, pat.id)).organisation?.name).toBe('ACME');
    expect(await liveOrganisations(user.id)).toEqual(['ACME']);

    const kimsForm = await openPersonForm(user.id, kim.id);
    const acme = await getOrganisation(user.id, kim.organisation!.id);
    await updateOrganisation(user.id, acme.id, { name: 'ACME Corporation', sectorId: null, website: null, notes: null, version: acme.version });
    await expect(kimsForm({ notes: 'New phone' })).rejects.toBeInstanceOf(VersionConflictError);
    expect((await getPerson(user.id, kim.id)).organisation?.name).toBe('ACME Corporation');
    expect(await liveOrganisations(user.id)).toEqual(['ACME Corporation']);

    // A change that leaves the name alone does not get in anyone's way.
    const fresh = await openPersonForm(user.id, kim.id);
    const renamed = await getOrganisation(user.id, acme.id);
    await updateOrganisation(user.id, acme.id, { name: 'ACME Corporation', sectorId: null, website: 'acme.example', notes: null, version: renamed.version });
    await fresh({ notes: 'New phone' });
    expect((await getPerson(user.id, kim.id)).notes).toBe('New phone');

    // Nor does a change of case or spacing alone: names are found without regard to it.
    const recased = await openPersonForm(user.id, kim.id);
    const now = await getOrganisation(user.id, acme.id);
    await updateOrganisation(user.id, acme.id, { name: 'Acme  corporation', sectorId: null, website: 'acme.example', notes: null, version: now.version });
    await recased({ notes: 'Newer phone' });
    expect((await getPerson(user.id, kim.id)).notes).toBe('Newer phone');
  });

  it('a topic renamed in case or spacing alone outdates no form', async () => {
    const user = await createTestUser();
    const pat = await createPerson(user.id, createPersonSchema.parse({ name: 'Pat Lee', topics: ['Open data'] }));
    const form = await openPersonForm(user.id, pat.id);
    await renameTopic(user.id, await topicId(user.id, 'Open data'), 'Open  Data');
    await form({ notes: 'Met again' });
    expect((await getPerson(user.id, pat.id)).notes).toBe('Met again');
  });

  it('cannot put a person back in a sector merged away since', async () => {
    const user = await createTestUser();
    const [civic] = await db.insert(sectors).values({ userId: user.id, name: 'Civic' }).returning();
    const [government] = await db.insert(sectors).values({ userId: user.id, name: 'Central government' }).returning();
    const pat = await createPerson(user.id, createPersonSchema.parse({ name: 'Pat Lee', sectorId: civic!.id }));
    const patsForm = await openPersonForm(user.id, pat.id);
    await mergeSectors(user.id, civic!.id, government!.id);
    await expect(patsForm({ notes: 'Moved teams' })).rejects.toBeInstanceOf(VersionConflictError);
    expect((await getPerson(user.id, pat.id)).ownSectorId).toBe(government!.id);
  });
});
