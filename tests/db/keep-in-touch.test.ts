import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { addDays } from '@/lib/dates';
import { todayIn } from '@/lib/dates';
import { completeFollowUp, createFollowUp } from '@/lib/follow-ups/mutations';
import { runHousekeeping } from '@/lib/housekeeping/run';
import { createInteraction, deleteInteraction, getInteraction, listInteractions, restoreInteraction } from '@/lib/interactions/queries';
import { cadenceKey, contactSnoozeDay } from '@/lib/people/cadence';
import { listDueContacts, listDueContactsCounted, markInTouch, setSectorCadence, snoozeContact, unmarkInTouch } from '@/lib/keep-in-touch/queries';
import { listRecentlyDeleted } from '@/lib/deleted/queries';
import { undoMerge } from '@/lib/merges/undo';
import { mergePeople } from '@/lib/people/merge';
import { deletePerson, getPerson, patchPerson, restorePerson, updatePerson } from '@/lib/people/queries';
import { searchPeople } from '@/lib/people/search';
import { searchParamsSchema } from '@/lib/people/validation';
import { NotFoundError, VersionConflictError } from '@/lib/errors';
import { renameTopic } from '@/lib/topics/merge';
import { makeEvent, makePerson, sectorId, topicId } from '../support/fixtures';
import { createTestUser } from '../support/users';

/** A person's derived contact columns, straight from the row. */
async function contact(personId: string) {
  const [r] = await rows<{ last: string | null; due: string | null; met: string | Date | null }>(
    db,
    sql`select last_contact_on::text as last, next_contact_due::text as due, last_met_at as met from people where id = ${personId}::uuid`,
  );
  return r!;
}

const noon = (day: string) => new Date(`${day}T12:00:00Z`);

describe('keep in touch: next contact due', () => {
  it('moves with every real contact (met, a follow-up done, a logged contact), never with a mention, and snoozes', async () => {
    const user = await createTestUser({ timeZone: 'Europe/London' });
    const u = user.id;
    const today = todayIn(user.timeZone);
    const day0 = addDays(today, -100);
    const day = (n: number) => addDays(day0, n);
    const ada = await makePerson(u, { name: 'Ada Quayle' });
    const v1 = await patchPerson(u, ada.id, { keepInTouch: { unit: 'days', every: 30 }, version: ada.version });
    expect(v1.keepInTouch).toEqual({ unit: 'days', every: 30 });

    await createInteraction(u, { personId: ada.id, kind: 'call', occurredOn: day(0), note: null });
    expect(await contact(ada.id)).toMatchObject({ last: day(0), due: day(30) });

    // Met on day 20 of a 30-day cadence: due on day 50.
    await makeEvent(u, { title: 'Harbour breakfast', startsAt: noon(day(20)), people: [{ personId: ada.id, relation: 'met' }] });
    expect(await contact(ada.id)).toMatchObject({ last: day(20), due: day(50) });

    // Only mentioned on day 40: nothing moves, and she is not "met" then either.
    await makeEvent(u, { title: 'Panel on lighthouses', startsAt: noon(day(40)), people: [{ personId: ada.id, relation: 'mentioned' }] });
    const afterMention = await contact(ada.id);
    expect(afterMention).toMatchObject({ last: day(20), due: day(50) });
    expect(new Date(afterMention.met!).toISOString()).toBe(noon(day(20)).toISOString());

    // A follow-up with her done on day 45.
    const fu = await createFollowUp(u, { action: 'Send the report', personId: ada.id });
    await completeFollowUp(u, fu.id);
    expect((await contact(ada.id)).last).toBe(today);
    await db.execute(sql`update follow_ups set done_at = ${noon(day(45)).toISOString()}::timestamptz where id = ${fu.id}::uuid`);
    expect(await contact(ada.id)).toMatchObject({ last: day(45), due: day(75) });

    // A logged contact on day 55.
    const coffee = await createInteraction(u, { personId: ada.id, kind: 'coffee', occurredOn: day(55), note: 'Flat white' });
    expect(await contact(ada.id)).toMatchObject({ last: day(55), due: day(85) });
    expect((await listDueContacts(u, today)).map((c) => c.id)).toEqual([ada.id]);

    // Deleting it takes the clock back; restoring brings it forward again.
    await deleteInteraction(u, coffee.id);
    expect(await contact(ada.id)).toMatchObject({ last: day(45), due: day(75) });
    await restoreInteraction(u, coffee.id);
    expect((await contact(ada.id)).due).toBe(day(85));

    // Snoozed for a week: not due until then.
    const until = contactSnoozeDay('week', today);
    await snoozeContact(u, ada.id, until);
    expect((await contact(ada.id)).due).toBe(until);
    expect(await listDueContacts(u, today, { until: addDays(today, 6) })).toEqual([]);
    expect((await listDueContacts(u, until, { until })).map((c) => c.id)).toEqual([ada.id]);
    await snoozeContact(u, ada.id, null);

    // "Done": a contact of kind other, "Marked in touch", today.
    const done = await markInTouch(u, ada.id);
    expect(done).toMatchObject({ kind: 'other', note: 'Marked in touch', occurredOn: today });
    // Done again the same day (a retried request, a second device), or twice at once: still the one entry.
    expect((await markInTouch(u, ada.id)).id).toBe(done.id);
    expect((await listInteractions(u, { personId: ada.id })).items.filter((i) => i.note === 'Marked in touch')).toHaveLength(1);
    expect(await contact(ada.id)).toMatchObject({ last: today, due: addDays(today, 30) });
    expect(await listDueContacts(u, today)).toEqual([]);
    // Its undo removes the tap for good: due again, and nothing left for Recently deleted.
    const before = await contact(ada.id);
    await unmarkInTouch(u, done.id);
    expect((await contact(ada.id)).last).not.toBe(before.last);
    expect((await listDueContacts(u, today)).map((c) => c.id)).toEqual([ada.id]);
    expect(await listRecentlyDeleted(u)).toEqual([]);
    await expect(unmarkInTouch(u, done.id)).rejects.toBeInstanceOf(NotFoundError);
    // Two taps at once (two devices) log one entry between them.
    const [x, y] = await Promise.all([markInTouch(u, ada.id), markInTouch(u, ada.id)]);
    expect(x.id).toBe(y.id);
    await unmarkInTouch(u, x.id);
    // Only a "Marked in touch": a contact the user logged is not removed this way.
    const call = await createInteraction(u, { personId: ada.id, kind: 'call', note: null });
    await expect(unmarkInTouch(u, call.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getInteraction(u, call.id)).kind).toBe('call');
  });

  it('counts an event logged ahead only once it has started', async () => {
    const user = await createTestUser();
    const bo = await makePerson(user.id, { name: 'Bo Lindqvist' });
    await makeEvent(user.id, { title: 'Next week’s dinner', startsAt: new Date(Date.now() + 7 * 86_400_000), people: [{ personId: bo.id }] });
    expect(await contact(bo.id)).toMatchObject({ last: null, met: null });
    // Moved into the past (as time passing does), the housekeeping run picks it up.
    await db.execute(sql`update events set starts_at = now() - interval '1 hour' where user_id = ${user.id}::uuid`);
    expect((await contact(bo.id)).met).not.toBeNull();
    const ev2 = await makeEvent(user.id, { title: 'Later', startsAt: new Date(Date.now() + 86_400_000), people: [{ personId: bo.id }] });
    // Written directly, as if its start had just passed without any write to the event.
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update events set starts_at = now() - interval '1 minute' where id = ${ev2.id}::uuid`);
    });
    const before = (await contact(bo.id)).met;
    await runHousekeeping();
    const after = (await contact(bo.id)).met;
    expect(new Date(after!).getTime()).toBeGreaterThan(new Date(before!).getTime());
  });

  it('reads days in the user’s time zone, at the edges', async () => {
    const auckland = await createTestUser({ timeZone: 'Pacific/Auckland' });
    const la = await createTestUser({ timeZone: 'America/Los_Angeles' });
    const kiri = await makePerson(auckland.id, { name: 'Kiri Ngata' });
    await patchPerson(auckland.id, kiri.id, { keepInTouch: { unit: 'months', every: 1 }, version: kiri.version });
    // 11:30 UTC on 10 March is 00:30 on 11 March in Auckland.
    await makeEvent(auckland.id, { title: 'Breakfast', startsAt: new Date('2026-03-10T11:30:00Z'), people: [{ personId: kiri.id }] });
    expect(await contact(kiri.id)).toMatchObject({ last: '2026-03-11', due: '2026-04-11' });

    const sam = await makePerson(la.id, { name: 'Sam Ortiz' });
    await patchPerson(la.id, sam.id, { keepInTouch: { unit: 'months', every: 1 }, version: sam.version });
    // Logged at 23:30 in Los Angeles on 10 March (06:30 UTC on the 11th: PDT): the day is the 10th.
    const logged = await createInteraction(la.id, { personId: sam.id, kind: 'call', note: null }, db, new Date('2026-03-11T06:30:00Z'));
    expect(logged.occurredOn).toBe('2026-03-10');
    expect(await contact(sam.id)).toMatchObject({ last: '2026-03-10', due: '2026-04-10' });
    // A follow-up done at 23:45 local on 10 April.
    const fu = await createFollowUp(la.id, { action: 'Thank Sam', personId: sam.id });
    await completeFollowUp(la.id, fu.id);
    await db.execute(sql`update follow_ups set done_at = '2026-04-11T06:45:00Z' where id = ${fu.id}::uuid`);
    expect(await contact(sam.id)).toMatchObject({ last: '2026-04-10', due: '2026-05-10' });
    // A new time zone moves the day.
    await db.execute(sql`update users set time_zone = 'UTC' where id = ${la.id}::uuid`);
    expect(await contact(sam.id)).toMatchObject({ last: '2026-04-11', due: '2026-05-11' });

    // Calendar months: 31 January + 1 month is the last day of February.
    const jan = await makePerson(la.id, { name: 'January Jones' });
    await patchPerson(la.id, jan.id, { keepInTouch: { unit: 'months', every: 1 }, version: jan.version });
    await createInteraction(la.id, { personId: jan.id, kind: 'email', occurredOn: '2026-01-31', note: null });
    expect((await contact(jan.id)).due).toBe('2026-02-28');
  });

  it('applies the sector default; "none" on a person overrides it; no contact at all starts the clock when set', async () => {
    const user = await createTestUser();
    const u = user.id;
    const today = todayIn(user.timeZone);
    const media = await sectorId(u, 'Media');
    const [sector] = await rows<{ version: number }>(db, sql`select version from sectors where id = ${media}::uuid`);
    const follows = await makePerson(u, { name: 'Follows Default', sector: 'Media' });
    const opted = await makePerson(u, { name: 'Opted Out', sector: 'Media' });
    await patchPerson(u, opted.id, { keepInTouch: { unit: 'none', every: null }, version: opted.version });
    await createInteraction(u, { personId: follows.id, kind: 'email', occurredOn: '2026-01-15', note: null });
    await createInteraction(u, { personId: opted.id, kind: 'email', occurredOn: '2026-01-15', note: null });
    expect((await contact(follows.id)).due).toBeNull();

    await setSectorCadence(u, media, { unit: 'months', every: 3 }, sector!.version);
    expect((await contact(follows.id)).due).toBe('2026-04-15');
    expect((await contact(opted.id)).due).toBeNull();
    const view = await getPerson(u, follows.id);
    expect(view).toMatchObject({ keepInTouch: null, sectorKeepInTouch: { unit: 'months', every: 3 }, nextContactDue: '2026-04-15' });

    // Never contacted: due a cadence after the default was set (today).
    const fresh = await makePerson(u, { name: 'Never Met', sector: 'Media' });
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const threeMonths = new Date(Date.UTC(y, m - 1 + 3, Math.min(d, new Date(Date.UTC(y, m + 3, 0)).getUTCDate()))).toISOString().slice(0, 10);
    expect((await contact(fresh.id)).due).toBe(threeMonths);

    await setSectorCadence(u, media, null, sector!.version + 1);
    expect((await contact(follows.id)).due).toBeNull();
  });

  it('a new sector default can count from today those it alone makes due; whoever was due already stays due', async () => {
    const user = await createTestUser();
    const u = user.id;
    const today = todayIn(user.timeZone);
    const gov = await sectorId(u, 'Government');
    const version = async () => (await rows<{ version: number }>(db, sql`select version from sectors where id = ${gov}::uuid`))[0]!.version;
    const longAgo = await makePerson(u, { name: 'Long Ago', sector: 'Government' });
    const recent = await makePerson(u, { name: 'Recent Contact', sector: 'Government' });
    const own = await makePerson(u, { name: 'Own Cadence', sector: 'Government' });
    const optedOut = await makePerson(u, { name: 'Opted Out', sector: 'Government' });
    const elsewhere = await makePerson(u, { name: 'Other Sector', sector: 'Media' });
    const gone = await makePerson(u, { name: 'Deleted Later', sector: 'Government' });
    await patchPerson(u, own.id, { keepInTouch: { unit: 'days', every: 10 }, version: own.version });
    await patchPerson(u, optedOut.id, { keepInTouch: { unit: 'none', every: null }, version: optedOut.version });
    for (const p of [longAgo, own, optedOut, elsewhere, gone])
      await createInteraction(u, { personId: p.id, kind: 'call', occurredOn: addDays(today, -400), note: null });
    await createInteraction(u, { personId: recent.id, kind: 'call', occurredOn: addDays(today, -5), note: null });
    await deletePerson(u, gone.id);
    // Another user's sector of the same name, and their long-unseen contact, are theirs alone.
    const other = await createTestUser();
    const theirs = await makePerson(other.id, { name: 'Their Contact', sector: 'Government' });
    await createInteraction(other.id, { personId: theirs.id, kind: 'call', occurredOn: addDays(today, -400), note: null });
    const theirSector = await sectorId(other.id, 'Government');
    const [ts] = await rows<{ version: number }>(db, sql`select version from sectors where id = ${theirSector}::uuid`);
    await setSectorCadence(other.id, theirSector, { unit: 'days', every: 60 }, ts!.version);

    // Counted from today: due a cadence from today; someone in touch lately, with a cadence of their own (or none), in
    // another sector, deleted, or another user's, is not moved.
    expect(await setSectorCadence(u, gov, { unit: 'days', every: 30 }, await version(), { fromToday: true })).toEqual({ dueNow: 0, countedFromToday: 1 });
    expect((await contact(longAgo.id)).due).toBe(addDays(today, 30));
    expect((await contact(recent.id)).due).toBe(addDays(today, 25));
    expect((await contact(own.id)).due).toBe(addDays(today, -390));
    expect((await contact(optedOut.id)).due).toBeNull();
    expect((await contact(elsewhere.id)).due).toBeNull();
    const snoozed = await rows<{ id: string }>(db, sql`select id::text from people where contact_snoozed_until is not null`);
    expect(snoozed.map((r) => r.id).filter((id) => [gone.id, theirs.id, elsewhere.id, own.id, optedOut.id, recent.id].includes(id))).toEqual([]);
    expect((await contact(theirs.id)).due).toBe(addDays(today, -340));

    // Someone already due when a default changes stays due: only whom the change makes due is counted from today.
    const lapsed = await makePerson(u, { name: 'Lapsed Since', sector: 'Government' });
    await createInteraction(u, { personId: lapsed.id, kind: 'call', occurredOn: addDays(today, -40), note: null });
    expect((await contact(lapsed.id)).due).toBe(addDays(today, -10));
    expect(await setSectorCadence(u, gov, { unit: 'days', every: 20 }, await version(), { fromToday: true })).toEqual({ dueNow: 1, countedFromToday: 0 });
    expect((await contact(lapsed.id)).due).toBe(addDays(today, -20));

    // Left as it was (not counted from today): the change says how many it makes due.
    await setSectorCadence(u, gov, null, await version());
    expect(await setSectorCadence(u, gov, { unit: 'days', every: 30 }, await version())).toMatchObject({ countedFromToday: 0 });
  });

  it('lists the first due contacts and counts them all, by the same rule; a short list is all there is', async () => {
    const user = await createTestUser();
    const u = user.id;
    const today = todayIn(user.timeZone);
    const due: string[] = [];
    for (const name of ['Due One', 'Due Two', 'Due Three']) {
      const p = await makePerson(u, { name });
      await patchPerson(u, p.id, { keepInTouch: { unit: 'days', every: 10 }, version: p.version });
      await createInteraction(u, { personId: p.id, kind: 'call', occurredOn: addDays(today, -30), note: null });
      due.push(p.id);
    }
    // Deleted, or another user's, they are not counted.
    await deletePerson(u, due[2]!);
    const other = await createTestUser();
    const theirs = await makePerson(other.id, { name: 'Theirs' });
    await patchPerson(other.id, theirs.id, { keepInTouch: { unit: 'days', every: 10 }, version: theirs.version });
    await createInteraction(other.id, { personId: theirs.id, kind: 'call', occurredOn: addDays(today, -30), note: null });

    const cut = await listDueContactsCounted(u, today, { limit: 1 });
    expect(cut.items).toHaveLength(1);
    expect(cut.total).toBe(2);
    const whole = await listDueContactsCounted(u, today, { limit: 5 });
    expect(whole).toMatchObject({ total: 2 });
    expect(whole.items.map((i) => i.id).sort()).toEqual(due.slice(0, 2).sort());
  });

  it('keeps logged contacts through a merge (and its undo) and a delete and restore of the person', async () => {
    const user = await createTestUser();
    const u = user.id;
    const a = await makePerson(u, { name: 'Alex Dupe' });
    const b = await makePerson(u, { name: 'Alex Dupe' });
    await patchPerson(u, a.id, { keepInTouch: { unit: 'days', every: 45 }, version: a.version });
    const call = await createInteraction(u, { personId: a.id, kind: 'call', occurredOn: '2026-02-01', note: 'About the merger' });

    const merged = await mergePeople(u, { keepId: b.id, otherId: a.id, keepVersion: b.version, otherVersion: a.version + 1 });
    expect(merged.keepInTouch).toEqual({ unit: 'days', every: 45 }); // the survivor had none: it takes the other's
    expect((await listInteractions(u, { personId: b.id })).items.map((i) => i.id)).toEqual([call.id]);
    expect((await contact(b.id)).due).toBe('2026-03-18');

    await undoMerge(u, merged.mergeId);
    expect((await listInteractions(u, { personId: a.id })).items.map((i) => i.id)).toEqual([call.id]);
    expect((await listInteractions(u, { personId: b.id })).items).toEqual([]);
    expect((await contact(a.id)).due).toBe('2026-03-18');

    await deletePerson(u, a.id);
    await expect(getInteraction(u, call.id)).rejects.toBeInstanceOf(NotFoundError);
    await restorePerson(u, a.id);
    expect(await getInteraction(u, call.id)).toMatchObject({ kind: 'call', note: 'About the merger', occurredOn: '2026-02-01' });
  });

  it('never shows another user’s contacts or cadences', async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const p = await makePerson(owner.id, { name: 'Private Person' });
    await patchPerson(owner.id, p.id, { keepInTouch: { unit: 'days', every: 1 }, version: p.version });
    const i = await createInteraction(owner.id, { personId: p.id, kind: 'call', occurredOn: '2026-01-01', note: null });
    await expect(getInteraction(other.id, i.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listInteractions(other.id)).items).toEqual([]);
    expect(await listDueContacts(other.id, todayIn(other.timeZone))).toEqual([]);
    expect((await listDueContacts(owner.id, todayIn(owner.timeZone))).map((c) => c.id)).toEqual([p.id]);
    await expect(createInteraction(other.id, { personId: p.id, kind: 'call', note: null })).rejects.toMatchObject({ status: 404 });
    await expect(deleteInteraction(other.id, i.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(snoozeContact(other.id, p.id, '2030-01-01')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('says nothing of "met" for a person only mentioned', async () => {
    const user = await createTestUser();
    const heard = await makePerson(user.id, { name: 'Heard Of' });
    const met = await makePerson(user.id, { name: 'Shook Hands' });
    await makeEvent(user.id, {
      title: 'Conference',
      startsAt: new Date(Date.now() - 86_400_000),
      people: [
        { personId: heard.id, relation: 'mentioned' },
        { personId: met.id, relation: 'met' },
      ],
    });
    const found = await searchPeople(user.id, searchParamsSchema.parse({}));
    const byName = new Map(found.items.map((p) => [p.name, p.lastMetAt]));
    expect(byName.get('Heard Of')).toBeNull();
    expect(byName.get('Shook Hands')).not.toBeNull();
    const recent = await searchPeople(user.id, searchParamsSchema.parse({ met: '30d' }));
    expect(recent.items.map((p) => p.name)).toEqual(['Shook Hands']);
    // Met, then changed to only mentioned: no longer met.
    await db.execute(sql`update encounters set relation = 'mentioned' where person_id = ${met.id}::uuid`);
    expect((await contact(met.id)).met).toBeNull();
  });

  it('the keep-in-touch form is refused only when the cadence itself changed since it was read, not when anything else did', async () => {
    const user = await createTestUser();
    const person = await makePerson(user.id, { name: 'Nora Quist' });
    await makeEvent(user.id, { title: 'Harbour breakfast', topics: ['Ports'], people: [{ personId: person.id, topics: ['Ports'] }] });
    const opened = await getPerson(user.id, person.id);
    // Elsewhere, meanwhile: a topic of theirs renamed (a new version for every form showing it) and a note written.
    await renameTopic(user.id, await topicId(user.id, 'Ports'), 'Harbours');
    await patchPerson(user.id, person.id, { notes: 'Runs the harbour board', version: (await getPerson(user.id, person.id)).version });
    expect((await getPerson(user.id, person.id)).version).toBeGreaterThan(opened.version);

    const monthly = { unit: 'months', every: 1 } as const;
    await updatePerson(user.id, person.id, { version: opened.version, keepInTouch: monthly, keepInTouchWas: cadenceKey(opened.keepInTouch) });
    const saved = await getPerson(user.id, person.id);
    expect(saved.keepInTouch).toEqual(monthly);
    expect(saved.notes).toBe('Runs the harbour board');
    // A second copy of the form, opened before that save: its cadence has changed since, so it is refused.
    await expect(
      updatePerson(user.id, person.id, { version: saved.version, keepInTouch: { unit: 'days', every: 45 }, keepInTouchWas: cadenceKey(opened.keepInTouch) }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    // Without what the form read, the version decides, as before.
    await expect(updatePerson(user.id, person.id, { version: opened.version, keepInTouch: null })).rejects.toBeInstanceOf(VersionConflictError);
    expect((await getPerson(user.id, person.id)).keepInTouch).toEqual(monthly);
  });
});

/**
 * Runs `save` while another device's transaction has changed the person (`elsewhere`) and not yet committed: the
 * save has read the copy from before, and its update waits for the other to commit.
 */
async function whileChangedElsewhere(personId: string, elsewhere: (tx: postgres.TransactionSql) => Promise<unknown>, save: () => Promise<unknown>) {
  const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    let saving: Promise<unknown> | undefined;
    await other.begin(async (tx) => {
      await elsewhere(tx);
      saving = save().then(
        (v) => v,
        (e: unknown) => e,
      );
      await new Promise((r) => setTimeout(r, 300));
    });
    return await saving!;
  } finally {
    await other.end();
  }
}

// Two connections at once: only the PostgreSQL server has them (PGlite is one connection).
describe.skipIf(!process.env.DATABASE_URL)('the keep-in-touch form against a save in flight elsewhere (PostgreSQL server)', () => {
  it('a cadence set elsewhere while the form saves refuses it, with the cadence that won', async () => {
    const user = await createTestUser();
    const person = await makePerson(user.id, { name: 'Ravi Quarterly' });
    const opened = await getPerson(user.id, person.id);
    const outcome = await whileChangedElsewhere(
      person.id,
      (tx) => tx`update people set keep_in_touch_unit = 'months', keep_in_touch_every = 3, version = version + 1 where id = ${person.id}`,
      () =>
        updatePerson(user.id, person.id, { version: opened.version, keepInTouch: { unit: 'days', every: 30 }, keepInTouchWas: cadenceKey(opened.keepInTouch) }),
    );
    // Without the guard on the cadence the form's 30 days silently replaced the quarterly one set a moment before.
    expect(outcome).toBeInstanceOf(VersionConflictError);
    expect((outcome as VersionConflictError).current).toMatchObject({ keepInTouch: { unit: 'months', every: 3 } });
    expect((await getPerson(user.id, person.id)).keepInTouch).toEqual({ unit: 'months', every: 3 });
  });

  it('anything else changed elsewhere meanwhile (a note) stands beside the cadence, and neither is refused', async () => {
    const user = await createTestUser();
    const person = await makePerson(user.id, { name: 'Nell Noted' });
    const opened = await getPerson(user.id, person.id);
    const outcome = await whileChangedElsewhere(
      person.id,
      (tx) => tx`update people set notes = 'Moved to the Treasury', version = version + 1 where id = ${person.id}`,
      () =>
        updatePerson(user.id, person.id, {
          version: opened.version,
          keepInTouch: { unit: 'months', every: 6 },
          keepInTouchWas: cadenceKey(opened.keepInTouch),
        }),
    );
    // A guard on the version would refuse the form for a note it never showed.
    expect(outcome).not.toBeInstanceOf(Error);
    const saved = await getPerson(user.id, person.id);
    expect(saved.keepInTouch).toEqual({ unit: 'months', every: 6 });
    expect(saved.notes).toBe('Moved to the Treasury');
  });
});
