import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { UserFacingError } from '@/lib/errors';
import { eventToJson, getEventDetail } from '@/lib/events/queries';
import { draftToPayload, emptyPerson, eventToDraft } from '@/lib/events/draft';
import { eventInputSchema } from '@/lib/events/validation';
import { createEvent, updateEvent } from '@/lib/events/write';
import { createFollowUp } from '@/lib/follow-ups/mutations';
import { runImport } from '@/lib/import/run';
import { mergeOrganisations } from '@/lib/organisations/merge';
import { createPerson } from '@/lib/people/queries';
import { createPersonSchema } from '@/lib/people/validation';
import { mergeTopics } from '@/lib/topics/merge';
import { rows } from '@/db/rows';
import { sql } from 'drizzle-orm';
import { createTestUser } from '../support/users';

/**
 * While another transaction is taking a person away (a merge or a delete, here the delete's own update), a save
 * that links them waits for it, and then finds them gone, rather than linking an evening or a follow-up to someone
 * merged away (hidden from both records, and purged with them later).
 */
async function whileBeingRemoved(personId: string, link: () => Promise<unknown>) {
  const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    let settled = false;
    let linking: Promise<unknown> | undefined;
    await other.begin(async (tx) => {
      await tx`update people set deleted_at = now() where id = ${personId}`;
      linking = link().then(
        (v) => v,
        (e: unknown) => e,
      );
      void linking.then(() => (settled = true));
      await new Promise((r) => setTimeout(r, 400));
      // Without the lock the save has already linked them, from its copy of a moment before.
      expect(settled).toBe(false);
    });
    return await linking!;
  } finally {
    await other.end();
  }
}

// Two connections at once: only the PostgreSQL server has them (PGlite is one connection).
describe.skipIf(!process.env.DATABASE_URL)('a save linking someone being merged away (PostgreSQL server)', () => {
  it('an evening waits for the removal, then says the person is not in the contacts', async () => {
    const user = await createTestUser();
    const pat = await createPerson(user.id, createPersonSchema.parse({ name: 'Pat Lee' }));
    const { event } = await createEvent(user.id, eventInputSchema.parse({ title: 'CIO Club', startsAt: '2026-04-23T18:30:00+01:00' }));
    const draft = eventToDraft(eventToJson(await getEventDetail(db, user.id, event.id)), 'Europe/London');
    const withPat = { ...draft, people: [{ ...emptyPerson(), id: pat.id, name: 'Pat Lee' }] };
    const outcome = await whileBeingRemoved(pat.id, () =>
      updateEvent(user.id, event.id, draft.version!, eventInputSchema.parse(draftToPayload(withPat, 'Europe/London'))),
    );
    expect(outcome).toBeInstanceOf(UserFacingError);
    expect((await getEventDetail(db, user.id, event.id)).people).toEqual([]);
  });

  it('a follow-up waits for the removal, then says the person was not found', async () => {
    const user = await createTestUser();
    const pat = await createPerson(user.id, createPersonSchema.parse({ name: 'Pat Lee' }));
    const outcome = await whileBeingRemoved(pat.id, () => createFollowUp(user.id, { action: 'Send Pat the report', personId: pat.id }));
    expect(outcome).toBeInstanceOf(UserFacingError);
  });

  it('an evening from the API that guesses a known person by email waits for their removal, then says so', async () => {
    const user = await createTestUser();
    const pat = await createPerson(user.id, createPersonSchema.parse({ name: 'Pat Lee', email: 'pat@example.test' }));
    const input = eventInputSchema.parse({ title: 'Drinks', startsAt: '2026-04-23T18:30:00+01:00', people: [{ name: 'P. Lee', email: 'pat@example.test' }] });
    const outcome = await whileBeingRemoved(pat.id, () => createEvent(user.id, input, { onDuplicate: 'link' }));
    // Without the lock the guess linked Pat, merged away a moment later.
    expect(outcome).toBeInstanceOf(UserFacingError);
    const linked = await rows<{ n: number }>(db, sql`select count(*)::int as n from encounters where user_id = ${user.id}::uuid`);
    expect(linked[0]!.n).toBe(0);
  });

  it("an evening's follow-up naming someone not at it waits for their removal, then says so", async () => {
    const user = await createTestUser();
    const pat = await createPerson(user.id, createPersonSchema.parse({ name: 'Pat Lee' }));
    const input = eventInputSchema.parse({
      title: 'Drinks',
      startsAt: '2026-04-23T18:30:00+01:00',
      followUps: [{ action: 'Introduce Pat to the team', personId: pat.id }],
    });
    const outcome = await whileBeingRemoved(pat.id, () => createEvent(user.id, input));
    expect(outcome).toBeInstanceOf(UserFacingError);
    const written = await rows<{ n: number }>(db, sql`select count(*)::int as n from follow_ups where user_id = ${user.id}::uuid`);
    expect(written[0]!.n).toBe(0);
  });

  /**
   * A real merge, paused half-way: `hold` (run on another connection, in a transaction kept open) locks a row the
   * merge needs after it has locked what it merges. While it waits, `save` starts; then the hold is let go. Both
   * outcomes are answered (an error as the value).
   */
  async function duringMerge(hold: (tx: postgres.TransactionSql) => Promise<unknown>, merge: () => Promise<unknown>, save: () => Promise<unknown>) {
    const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const settle = (p: Promise<unknown>) =>
      p.then(
        (v) => v,
        (e: unknown) => e,
      );
    try {
      let merging: Promise<unknown> | undefined;
      let saving: Promise<unknown> | undefined;
      await other.begin(async (tx) => {
        await hold(tx);
        merging = settle(merge());
        await new Promise((r) => setTimeout(r, 300));
        saving = settle(save());
        await new Promise((r) => setTimeout(r, 300));
      });
      return { merged: await merging!, saved: await saving! };
    } finally {
      await other.end();
    }
  }

  const organisationOf = async (userId: string, name: string) =>
    (await rows<{ organisation_id: string }>(db, sql`select organisation_id::text from people where user_id = ${userId}::uuid and name = ${name}`)).map(
      (r) => r.organisation_id,
    );

  it('an evening naming an organisation being merged away files the guest at the one it went into', async () => {
    const user = await createTestUser();
    const jo = await createPerson(user.id, createPersonSchema.parse({ name: 'Jo Park', organisationName: 'Beeb' }));
    const ann = await createPerson(user.id, createPersonSchema.parse({ name: 'Ann Lee', organisationName: 'BBC' }));
    const { merged, saved } = await duringMerge(
      // The merge has locked both organisations and waits to move Jo.
      (tx) => tx`select id from people where id = ${jo.id} for share`,
      () => mergeOrganisations(user.id, ann.organisation!.id, jo.organisation!.id),
      () =>
        createEvent(
          user.id,
          eventInputSchema.parse({ title: 'Drinks', startsAt: '2026-03-01T18:00:00Z', people: [{ name: 'Raj Iyer', organisation: 'Beeb', newPerson: true }] }),
        ),
    );
    expect(merged).not.toBeInstanceOf(Error);
    expect(saved).not.toBeInstanceOf(Error);
    // Without the lock the evening filed Raj under Beeb, merged away a moment later: on no organisation's page.
    expect(await organisationOf(user.id, 'Raj Iyer')).toEqual([ann.organisation!.id]);
    expect(await organisationOf(user.id, 'Jo Park')).toEqual([ann.organisation!.id]);
  });

  it('an import naming an organisation being merged away files the row at the one it went into', async () => {
    const user = await createTestUser();
    const jo = await createPerson(user.id, createPersonSchema.parse({ name: 'Jo Park', organisationName: 'Beeb' }));
    const ann = await createPerson(user.id, createPersonSchema.parse({ name: 'Ann Lee', organisationName: 'BBC' }));
    const csv = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nRaj,Iyer,,,Beeb,Editor,\n';
    const { merged, saved } = await duringMerge(
      (tx) => tx`select id from people where id = ${jo.id} for share`,
      () => mergeOrganisations(user.id, ann.organisation!.id, jo.organisation!.id),
      () => runImport(user.id, 'csv', csv),
    );
    expect(merged).not.toBeInstanceOf(Error);
    expect(saved).not.toBeInstanceOf(Error);
    expect(await organisationOf(user.id, 'Raj Iyer')).toEqual([ann.organisation!.id]);
  });

  it('an evening naming a topic being merged away links the topic it went into', async () => {
    const user = await createTestUser();
    const first = await createEvent(user.id, eventInputSchema.parse({ title: 'Salon', startsAt: '2026-03-01T18:00:00Z', topics: ['Device policy'] }));
    await createEvent(user.id, eventInputSchema.parse({ title: 'Forum', startsAt: '2026-03-02T18:00:00Z', topics: ['BYOD'] }));
    const topicId = async (name: string) =>
      (await rows<{ id: string }>(db, sql`select id::text from topics where user_id = ${user.id}::uuid and name = ${name}`))[0]!.id;
    const [from, into] = [await topicId('Device policy'), await topicId('BYOD')];
    const { merged, saved } = await duringMerge(
      // The merge has locked both topics and waits to give the evening showing the merged one a new version.
      (tx) => tx`select id from events where id = ${first.event.id} for update`,
      () => mergeTopics(user.id, from, into),
      () => createEvent(user.id, eventInputSchema.parse({ title: 'Drinks', startsAt: '2026-03-03T18:00:00Z', topics: ['device policy'] })),
    );
    expect(merged).not.toBeInstanceOf(Error);
    // Without the lock the save linked the merged topic, and failed when the merge removed it.
    expect(saved).not.toBeInstanceOf(Error);
    const drinks = (saved as Awaited<ReturnType<typeof createEvent>>).event.id;
    expect((await getEventDetail(db, user.id, drinks)).topics).toEqual(['BYOD']);
  });
});
