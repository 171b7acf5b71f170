import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import { followUps, idempotencyKeys, interactions, networkingEvents, organisations, people, posts, sectors } from '@/db/schema';
import { restoreEvent } from '@/lib/events/write';
import { restoreFollowUp } from '@/lib/follow-ups/mutations';
import { displayName } from '@/lib/people/display-name';
import { restorePerson } from '@/lib/people/queries';
import { restorePost } from '@/lib/posts/queries';
import { restoreInteraction } from '@/lib/interactions/queries';
import { KIND_LABELS } from '@/lib/interactions/kinds';
import { formatDay } from '@/lib/dates';
import { purgeExpiredMerges } from '@/lib/merge-record';
import { purgeExpiredImports } from '@/lib/import/undo';
import { deletedBeforeWindow, deletedWithinWindow, RESTORE_WINDOW_DAYS } from '@/lib/restore-window';

export const DELETED_KINDS = ['person', 'event', 'post', 'follow-up', 'contact'] as const;
export type DeletedKind = (typeof DELETED_KINDS)[number];

/** Something the user deleted that can still be restored. */
export interface DeletedItem {
  kind: DeletedKind;
  id: string;
  label: string;
  deletedAt: Date;
  /** Whole days before it is removed for good, counting today: 1 on its last day. */
  daysLeft: number;
}

/** "Coffee with Priya Shah, 3 Dec 2026": a logged contact as Recently deleted names it. */
function contactLabel(kind: keyof typeof KIND_LABELS, person: string, occurredOn: string, locale: string | undefined): string {
  const what = kind === 'other' ? 'Contact' : KIND_LABELS[kind];
  return `${what} with ${person}, ${formatDay(occurredOn, locale, 'medium')}`;
}

/** The user's logged contacts of people still here, with what names them (a deleted person's come back with them). */
const contacts = (userId: string) =>
  db
    .select({
      id: interactions.id,
      personId: interactions.personId,
      kind: interactions.kind,
      occurredOn: interactions.occurredOn,
      name: people.name,
      role: people.role,
      organisation: organisations.name,
      deletedAt: interactions.deletedAt,
    })
    .from(interactions)
    .innerJoin(people, and(eq(people.id, interactions.personId), eq(people.userId, userId), isNull(people.deletedAt)))
    .leftJoin(organisations, and(eq(organisations.id, people.organisationId), eq(organisations.userId, userId)))
    .$dynamic();

/** SQL: the person was not removed by a merge (those come back by undoing the merge, listed apart). */
const notMergedAway = (userId: string) =>
  sql`not exists (select 1 from merges m where m.user_id = ${userId} and m.kind = 'person' and m.merged_id = "people"."id")`;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Rows shown per kind: a list to restore from, not an archive. */
const PER_KIND = 50;

/**
 * What the user deleted within the restore window, most recent first. Follow-ups that went with a deleted event
 * are left out: restoring the event brings them back.
 */
export async function listRecentlyDeleted(userId: string, locale?: string): Promise<DeletedItem[]> {
  const [personRows, eventRows, postRows, followUpRows, contactRows] = await Promise.all([
    db
      .select({ id: people.id, name: people.name, role: people.role, organisation: organisations.name, deletedAt: people.deletedAt })
      .from(people)
      .leftJoin(organisations, and(eq(organisations.id, people.organisationId), eq(organisations.userId, userId)))
      .where(and(eq(people.userId, userId), isNotNull(people.deletedAt), deletedWithinWindow(people.deletedAt), notMergedAway(userId)))
      .orderBy(desc(people.deletedAt))
      .limit(PER_KIND),
    db
      .select({ id: networkingEvents.id, label: networkingEvents.title, deletedAt: networkingEvents.deletedAt })
      .from(networkingEvents)
      .where(and(eq(networkingEvents.userId, userId), isNotNull(networkingEvents.deletedAt), deletedWithinWindow(networkingEvents.deletedAt)))
      .orderBy(desc(networkingEvents.deletedAt))
      .limit(PER_KIND),
    db
      .select({ id: posts.id, label: posts.title, deletedAt: posts.deletedAt })
      .from(posts)
      .where(and(eq(posts.userId, userId), isNotNull(posts.deletedAt), deletedWithinWindow(posts.deletedAt)))
      .orderBy(desc(posts.deletedAt))
      .limit(PER_KIND),
    db
      .select({ id: followUps.id, label: followUps.action, deletedAt: followUps.deletedAt })
      .from(followUps)
      .where(
        and(
          eq(followUps.userId, userId),
          isNotNull(followUps.deletedAt),
          deletedWithinWindow(followUps.deletedAt),
          // Outer columns spelled out: unqualified, deleted_at would mean the event's own inside the subquery.
          sql`not exists (select 1 from events e
                          where e.user_id = ${userId} and e.id = "follow_ups"."event_id" and e.deleted_at = "follow_ups"."deleted_at")`,
        ),
      )
      .orderBy(desc(followUps.deletedAt))
      .limit(PER_KIND),
    // Logged contacts of people still here: a deleted person's contacts come back with the person.
    contacts(userId)
      .where(and(eq(interactions.userId, userId), isNotNull(interactions.deletedAt), deletedWithinWindow(interactions.deletedAt)))
      .orderBy(desc(interactions.deletedAt))
      .limit(PER_KIND),
  ]);
  const now = Date.now();
  const daysLeft = (deletedAt: Date) => Math.max(1, RESTORE_WINDOW_DAYS - Math.floor((now - deletedAt.getTime()) / DAY_MS));
  const items: Omit<DeletedItem, 'daysLeft'>[] = [
    ...personRows.map((p) => ({
      kind: 'person' as const,
      id: p.id,
      label: displayName({ name: p.name, role: p.role, organisationName: p.organisation }),
      deletedAt: p.deletedAt!,
    })),
    ...eventRows.map((r) => ({ kind: 'event' as const, id: r.id, label: r.label, deletedAt: r.deletedAt! })),
    ...postRows.map((r) => ({ kind: 'post' as const, id: r.id, label: r.label, deletedAt: r.deletedAt! })),
    ...followUpRows.map((r) => ({ kind: 'follow-up' as const, id: r.id, label: r.label, deletedAt: r.deletedAt! })),
    ...contactRows.map((r) => ({
      kind: 'contact' as const,
      id: r.id,
      label: contactLabel(r.kind, displayName({ name: r.name, role: r.role, organisationName: r.organisation }), r.occurredOn, locale),
      deletedAt: r.deletedAt!,
    })),
  ];
  return items.sort((a, b) => b.deletedAt.getTime() - a.deletedAt.getTime()).map((item) => ({ ...item, daysLeft: daysLeft(item.deletedAt) }));
}

/** What one purge removed for good, per kind. */
export type PurgeCounts = Record<DeletedKind, number>;

/** Most rows of one kind removed by one purge: a backlog drains over a few runs instead of one long transaction. */
const PURGE_BATCH = 2000;

/**
 * Removes for good what anyone deleted before the restore window (as of `now`), in the caller's transaction:
 * follow-ups and posts first, then events (their encounters, topics and facts go with them) and people (their
 * encounters go; facts and follow-ups that named them stay, unlinked). The idempotency keys that named a removed
 * record go with it. Run by housekeeping (lib/housekeeping.ts), never by a page or sign-in.
 */
export async function purgeExpired(conn: DbOrTx = db, now?: Date): Promise<PurgeCounts> {
  const gone = async (table: typeof people | typeof networkingEvents | typeof posts | typeof followUps | typeof interactions) => {
    const [row] = await rows<{ n: number }>(
      conn,
      sql`with gone as (
            delete from ${table} where id in (
              select id from ${table}
               where deleted_at is not null and ${deletedBeforeWindow(sql`deleted_at`, now)}
               limit ${PURGE_BATCH})
            returning user_id, id),
          keys as (
            delete from ${idempotencyKeys} k using gone where k.user_id = gone.user_id and k.resource_id = gone.id)
          select count(*)::int as n from gone`,
    );
    return Number(row?.n ?? 0);
  };
  // First the merge records, so none outlives the person it would bring back; imports too old to undo likewise.
  await purgeExpiredMerges(conn, 'all');
  await purgeExpiredImports(conn, now);
  const followUpCount = await gone(followUps);
  const postCount = await gone(posts);
  const eventCount = await gone(networkingEvents);
  const personCount = await gone(people);
  const contactCount = await gone(interactions);
  // Organisations and sectors merged away were kept only for undo; their merges went above.
  for (const table of [organisations, sectors]) {
    await conn.execute(
      sql`delete from ${table} where id in (
            select id from ${table} where deleted_at is not null and ${deletedBeforeWindow(sql`deleted_at`, now)} limit ${PURGE_BATCH})`,
    );
  }
  return { 'follow-up': followUpCount, post: postCount, event: eventCount, person: personCount, contact: contactCount };
}

const HREF: Record<DeletedKind, (id: string) => string> = {
  person: (id) => `/people/${id}`,
  event: (id) => `/events/${id}`,
  post: (id) => `/posts/${id}`,
  'follow-up': (id) => `/follow-ups/${id}`,
  contact: (personId) => `/people/${personId}`,
};

/** One of the user's live (not deleted) items, named and linked; null when missing, deleted or not theirs. */
export async function liveItem(userId: string, kind: DeletedKind, id: string, locale?: string): Promise<{ label: string; href: string } | null> {
  let label: string | undefined;
  if (kind === 'contact') {
    // A contact is seen on its person's page: that is where "Open it" goes.
    const [c] = await contacts(userId).where(and(eq(interactions.userId, userId), eq(interactions.id, id), isNull(interactions.deletedAt)));
    if (!c) return null;
    return {
      label: contactLabel(c.kind, displayName({ name: c.name, role: c.role, organisationName: c.organisation }), c.occurredOn, locale),
      href: HREF.contact(c.personId),
    };
  }
  if (kind === 'person') {
    const [p] = await db
      .select({ name: people.name, role: people.role, organisation: organisations.name })
      .from(people)
      .leftJoin(organisations, and(eq(organisations.id, people.organisationId), eq(organisations.userId, userId)))
      .where(and(eq(people.userId, userId), eq(people.id, id), isNull(people.deletedAt)));
    label = p && displayName({ name: p.name, role: p.role, organisationName: p.organisation });
  } else {
    const [table, column] =
      kind === 'event' ? [networkingEvents, networkingEvents.title] : kind === 'post' ? [posts, posts.title] : [followUps, followUps.action];
    const [r] = await db
      .select({ label: column })
      .from(table)
      .where(and(eq(table.userId, userId), eq(table.id, id), isNull(table.deletedAt)));
    label = r?.label;
  }
  return label === undefined ? null : { label, href: HREF[kind](id) };
}

/** Brings one deleted item back, with what went with it (an event's follow-ups). NotFoundError past the window. */
export async function restoreDeleted(userId: string, kind: DeletedKind, id: string): Promise<void> {
  if (kind === 'person') await restorePerson(userId, id);
  else if (kind === 'event') await restoreEvent(userId, id);
  else if (kind === 'post') await restorePost(userId, id);
  else if (kind === 'contact') await restoreInteraction(userId, id);
  else await restoreFollowUp(userId, id);
}
