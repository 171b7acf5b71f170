import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { encounters, followUps, insights, interactions, networkingEvents, people, posts } from '@/db/schema';
import { listRecentlyDeleted, liveItem, purgeExpired, restoreDeleted } from '@/lib/deleted/queries';
import { NotFoundError } from '@/lib/errors';
import { deleteEvent } from '@/lib/events/write';
import { createFollowUp, deleteFollowUp } from '@/lib/follow-ups/mutations';
import { createInteraction, deleteInteraction, getInteraction } from '@/lib/interactions/queries';
import { deletePerson, getPerson, restorePerson } from '@/lib/people/queries';
import { createPostFromEvent, deletePost } from '@/lib/posts/queries';
import { makeEvent, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

/** Moves a row's deletion back in time, as if it had been deleted `days` ago. */
async function deletedDaysAgo(
  table: typeof people | typeof networkingEvents | typeof posts | typeof followUps | typeof interactions,
  id: string,
  days: number,
) {
  await db
    .update(table)
    .set({ deletedAt: sql`now() - ${days}::float8 * interval '1 day'` })
    .where(eq(table.id, id));
}

async function scene(name: string) {
  const user = await createTestUser({ name });
  const ann = await makePerson(user.id, { name: `Ann ${name}`, role: 'CIO' });
  const event = await makeEvent(user.id, {
    title: `Summit ${name}`,
    people: [{ personId: ann.id }],
    insights: [{ text: '73% of projects overrun', personId: ann.id }],
    followUps: [{ action: `Send Ann the deck ${name}`, personId: ann.id }],
  });
  const post = await createPostFromEvent(db, user.id, event.id, { style: 'narrative', timeZone: 'Europe/London' });
  const solo = await createFollowUp(user.id, { action: `Book the venue ${name}` });
  return { user, ann, event, post, solo };
}

describe('recently deleted', () => {
  it('lists what was deleted in the window, newest first, and not what went along with an event', async () => {
    const { user, ann, event, post, solo } = await scene('List');
    const other = await scene('Other');
    expect(await listRecentlyDeleted(user.id)).toEqual([]);

    await deleteFollowUp(user.id, solo.id);
    await deletePost(user.id, post.id);
    await deleteEvent(user.id, event.id); // takes "Send Ann the deck" with it
    await deletePerson(user.id, ann.id);
    await deletePerson(other.user.id, other.ann.id);

    const listed = await listRecentlyDeleted(user.id);
    expect(listed.map((i) => [i.kind, i.label])).toEqual([
      ['person', 'Ann List'],
      ['event', 'Summit List'],
      ['post', post.title],
      ['follow-up', 'Book the venue List'],
    ]);
    expect(listed.map((i) => i.daysLeft)).toEqual([30, 30, 30, 30]);
    await deletedDaysAgo(followUps, solo.id, 29.5);
    expect((await listRecentlyDeleted(user.id)).find((i) => i.id === solo.id)?.daysLeft).toBe(1);
    // Another user's deletions never show, nor can they be named.
    expect(listed.map((i) => i.id)).not.toContain(other.ann.id);
    await restoreDeleted(other.user.id, 'person', other.ann.id);
    expect(await liveItem(user.id, 'person', other.ann.id)).toBeNull();
    await expect(restoreDeleted(user.id, 'person', other.ann.id)).rejects.toBeInstanceOf(NotFoundError);

    // Past the window it is no longer offered, and cannot be restored.
    await deletedDaysAgo(posts, post.id, 31);
    expect((await listRecentlyDeleted(user.id)).map((i) => i.kind)).toEqual(['person', 'event', 'follow-up']);
    await expect(restoreDeleted(user.id, 'post', post.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('restores each kind; the event brings back its follow-ups', async () => {
    const { user, ann, event, post, solo } = await scene('Restore');
    await deleteEvent(user.id, event.id);
    await deletePerson(user.id, ann.id);
    await deletePost(user.id, post.id);
    await deleteFollowUp(user.id, solo.id);
    for (const item of await listRecentlyDeleted(user.id)) await restoreDeleted(user.id, item.kind, item.id);

    expect(await listRecentlyDeleted(user.id)).toEqual([]);
    expect((await getPerson(user.id, ann.id)).deleted).toBe(false);
    const live = await db
      .select({ action: followUps.action })
      .from(followUps)
      .where(sql`${followUps.userId} = ${user.id} and ${followUps.deletedAt} is null`);
    expect(live.map((f) => f.action).sort()).toEqual(['Book the venue Restore', 'Send Ann the deck Restore']);
    expect(await liveItem(user.id, 'event', event.id)).toEqual({ label: 'Summit Restore', href: `/events/${event.id}` });
    expect(await liveItem(user.id, 'post', post.id)).toMatchObject({ href: `/posts/${post.id}` });
    // Restoring what is already back is refused as not found (the page treats it as done).
    await expect(restoreDeleted(user.id, 'follow-up', solo.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('the purge removes for good what was deleted before the window, with what belonged to it, and nothing newer', async () => {
    const a = await scene('PurgeA');
    const b = await scene('PurgeB');
    const keepPerson = await makePerson(a.user.id, { name: 'Recently gone' });
    for (const s of [a, b]) {
      await deleteEvent(s.user.id, s.event.id);
      await deletePerson(s.user.id, s.ann.id);
      await deletePost(s.user.id, s.post.id);
      await deleteFollowUp(s.user.id, s.solo.id);
      for (const [table, id] of [
        [networkingEvents, s.event.id],
        [people, s.ann.id],
        [posts, s.post.id],
        [followUps, s.solo.id],
      ] as const) {
        await deletedDaysAgo(table, id, 40);
      }
      // The event's follow-up went with it, at the same moment.
      await db
        .update(followUps)
        .set({ deletedAt: sql`now() - make_interval(days => 40)` })
        .where(eq(followUps.eventId, s.event.id));
    }
    await deletePerson(a.user.id, keepPerson.id);
    await deletedDaysAgo(people, keepPerson.id, 29);

    // Housekeeping purges for every user at once; other test files may purge alongside, so rows are counted, not
    // what this call reports.
    const counts = await purgeExpired();
    expect(counts.event).toBeGreaterThanOrEqual(0);
    for (const s of [a, b]) {
      expect(await db.select().from(networkingEvents).where(eq(networkingEvents.id, s.event.id))).toEqual([]);
      expect(await db.select().from(people).where(eq(people.id, s.ann.id))).toEqual([]);
      expect(await db.select().from(posts).where(eq(posts.id, s.post.id))).toEqual([]);
      expect(
        await db
          .select()
          .from(followUps)
          .where(inArray(followUps.id, [s.solo.id])),
      ).toEqual([]);
      expect(await db.select().from(encounters).where(eq(encounters.eventId, s.event.id))).toEqual([]);
      expect(await db.select().from(insights).where(eq(insights.eventId, s.event.id))).toEqual([]);
      expect(await db.select().from(followUps).where(eq(followUps.userId, s.user.id))).toEqual([]);
    }
    // Deleted inside the window: still there to restore.
    expect((await listRecentlyDeleted(a.user.id)).map((i) => i.id)).toEqual([keepPerson.id]);
  });

  it('a deleted logged contact is listed under its person, restored whole, and purged after the window', async () => {
    const { user, ann } = await scene('Contact');
    const other = await scene('ContactOther');
    const coffee = await createInteraction(user.id, { personId: ann.id, kind: 'coffee', occurredOn: '2026-11-03', note: 'Device policy notes' });
    const call = await createInteraction(user.id, { personId: ann.id, kind: 'call', occurredOn: '2026-11-10', note: null });
    const theirs = await createInteraction(other.user.id, { personId: other.ann.id, kind: 'email', occurredOn: '2026-11-04', note: null });
    await deleteInteraction(user.id, coffee.id);
    await deleteInteraction(other.user.id, theirs.id);

    const listed = await listRecentlyDeleted(user.id, 'en-GB');
    expect(listed.map((i) => [i.kind, i.id, i.label])).toEqual([['contact', coffee.id, 'Coffee with Ann Contact, 3 Nov 2026']]);
    // Another user's contact is neither listed nor restorable from here.
    await expect(restoreDeleted(user.id, 'contact', theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await liveItem(user.id, 'contact', theirs.id)).toBeNull();
    // Nor named while it is live: liveItem reads only the user's own.
    const theirsLive = await createInteraction(other.user.id, { personId: other.ann.id, kind: 'call', occurredOn: '2026-11-05', note: null });
    expect(await liveItem(other.user.id, 'contact', theirsLive.id)).toMatchObject({ href: `/people/${other.ann.id}` });
    expect(await liveItem(user.id, 'contact', theirsLive.id)).toBeNull();

    await restoreDeleted(user.id, 'contact', coffee.id);
    expect(await getInteraction(user.id, coffee.id)).toMatchObject({ kind: 'coffee', occurredOn: '2026-11-03', note: 'Device policy notes' });
    expect(await liveItem(user.id, 'contact', coffee.id, 'en-GB')).toEqual({ label: 'Coffee with Ann Contact, 3 Nov 2026', href: `/people/${ann.id}` });
    expect(await listRecentlyDeleted(user.id)).toEqual([]);

    // A person deleted takes their contacts out of sight; the person is what is listed, and brings them back.
    await deleteInteraction(user.id, call.id);
    await deletePerson(user.id, ann.id);
    expect((await listRecentlyDeleted(user.id)).map((i) => i.kind)).toEqual(['person']);
    await restorePerson(user.id, ann.id);
    expect((await listRecentlyDeleted(user.id)).map((i) => [i.kind, i.id])).toEqual([['contact', call.id]]);

    // Past the window: gone for good, for every user.
    await deletedDaysAgo(interactions, call.id, 31);
    expect(await listRecentlyDeleted(user.id)).toEqual([]);
    await purgeExpired();
    expect(await db.select().from(interactions).where(eq(interactions.id, call.id))).toEqual([]);
    expect(await db.select({ id: interactions.id }).from(interactions).where(eq(interactions.id, coffee.id))).toEqual([{ id: coffee.id }]);
  });
});
