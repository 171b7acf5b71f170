import { and, asc, desc, eq, gt, gte, isNotNull, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db, type DbOrTx } from '@/db/client';
import { followUps, networkingEvents, organisations, people } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';
import { displayName } from '@/lib/people/display-name';
import { followUpCursor, type ListFilters } from './validation';
import { UserFacingError } from '@/lib/errors';
import { CURSOR_MESSAGE } from '@/lib/validation/cursor';
import { addDays } from '@/lib/dates';
import { type DueGroup, weekEndFrom } from '@/lib/follow-ups/due';

/** One follow-up as lists, the API and the calendar see it. */
export interface FollowUpItem {
  id: string;
  action: string;
  due: string | null;
  status: 'open' | 'done';
  doneAt: string | null;
  version: number;
  /** How often it was snoozed (0: never), and the day it was due before the first snooze. */
  snoozes: number;
  firstDue: string | null;
  person: { id: string; displayName: string } | null;
  event: { id: string; title: string } | null;
}

/** How many days "recently done" reaches back. */
const RECENT_DONE_DAYS = 14;
const MAX_OPEN = 500;
const MAX_DONE = 50;

const personOrg = alias(organisations, 'person_org');

/** The fields every list reads, so that a row becomes a FollowUpItem (toItem). */
const itemFields = {
  id: followUps.id,
  action: followUps.action,
  due: followUps.dueOn,
  status: followUps.status,
  doneAt: followUps.doneAt,
  version: followUps.version,
  snoozes: followUps.snoozes,
  firstDue: followUps.firstDueOn,
  updatedAt: followUps.updatedAt,
  personId: people.id,
  personName: people.name,
  personRole: people.role,
  personOrganisation: personOrg.name,
  eventId: networkingEvents.id,
  eventTitle: networkingEvents.title,
  // The keyset of a page, as PostgreSQL prints it: a Date would drop the microseconds.
  createdKey: sql<string>`${followUps.createdAt}::text`,
  doneKey: sql<string | null>`${followUps.doneAt}::text`,
};

/** How a follow-up finds its person (with their organisation) and event: each only if the user's and not deleted. */
const details = (userId: string) => ({
  person: and(eq(people.id, followUps.personId), eq(people.userId, userId), isNull(people.deletedAt)),
  organisation: and(eq(personOrg.id, people.organisationId), eq(personOrg.userId, userId)),
  event: and(eq(networkingEvents.id, followUps.eventId), eq(networkingEvents.userId, userId), isNull(networkingEvents.deletedAt)),
});

function baseSelect(conn: DbOrTx, userId: string) {
  const on = details(userId);
  return conn.select(itemFields).from(followUps).leftJoin(people, on.person).leftJoin(personOrg, on.organisation).leftJoin(networkingEvents, on.event);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseSelect>['execute']>>[number];

function toItem(r: BaseRow): FollowUpItem {
  return {
    id: r.id,
    action: r.action,
    due: r.due,
    status: r.status,
    doneAt: r.doneAt ? new Date(r.doneAt).toISOString() : null,
    version: r.version,
    snoozes: r.snoozes,
    firstDue: r.firstDue,
    person: r.personId
      ? { id: r.personId, displayName: displayName({ name: r.personName, role: r.personRole, organisationName: r.personOrganisation }) }
      : null,
    event: r.eventId && r.eventTitle ? { id: r.eventId, title: r.eventTitle } : null,
  };
}

/** SQL condition for one due group, relative to today in the user's time zone. */
function dueCondition(group: DueGroup, today: string): SQL {
  switch (group) {
    case 'overdue':
      return lt(followUps.dueOn, today);
    case 'today':
      return eq(followUps.dueOn, today);
    case 'week':
      return and(gt(followUps.dueOn, today), lte(followUps.dueOn, weekEndFrom(today)))!;
    case 'later':
      return gt(followUps.dueOn, weekEndFrom(today));
    case 'none':
      return isNull(followUps.dueOn);
  }
}

/** How many open follow-ups each due group holds under the same filters, in one query (lists show a page). */
export async function countOpenByGroup(userId: string, today: string, filters: ListFilters = {}): Promise<Record<DueGroup, number>> {
  const where: SQL[] = [eq(followUps.userId, userId), isNull(followUps.deletedAt), eq(followUps.status, 'open')];
  if (filters.person) where.push(eq(followUps.personId, filters.person));
  if (filters.event) where.push(eq(followUps.eventId, filters.event));
  if (filters.sector) where.push(sql`${people.effectiveSectorId} = ${filters.sector}::uuid`);
  const n = (group: DueGroup) => sql<number>`(count(*) filter (where ${dueCondition(group, today)}))::int`;
  const [row] = await db
    .select({ overdue: n('overdue'), today: n('today'), week: n('week'), later: n('later'), none: n('none') })
    .from(followUps)
    .leftJoin(people, details(userId).person)
    .where(and(...where));
  return {
    overdue: Number(row?.overdue ?? 0),
    today: Number(row?.today ?? 0),
    week: Number(row?.week ?? 0),
    later: Number(row?.later ?? 0),
    none: Number(row?.none ?? 0),
  };
}

/**
 * The user's follow-ups, filtered. Open ones come soonest-due first (undated last); done ones most recently
 * done first. `today` is the user's today (todayIn(user.timeZone)); `recentDoneOnly` limits done ones to the
 * last RECENT_DONE_DAYS.
 */
export async function listFollowUps(
  userId: string,
  today: string,
  filters: ListFilters & { recentDoneOnly?: boolean; limit?: number; after?: string } = {},
): Promise<FollowUpItem[]> {
  return (await listRows(userId, today, filters)).map(toItem);
}

/**
 * One page of the API's list: up to `limit` follow-ups after the cursor `after` (from the previous page's
 * `nextCursor`), and the cursor of the next page, null on the last. Keyset, so an item done, deleted or added
 * meanwhile never makes another one repeat or go missing.
 */
export async function listFollowUpsPage(
  userId: string,
  today: string,
  filters: ListFilters & { limit: number; after?: string },
): Promise<{ items: FollowUpItem[]; nextCursor: string | null }> {
  const found = await listRows(userId, today, { ...filters, limit: filters.limit + 1 });
  const page = found.slice(0, filters.limit);
  const last = page.at(-1);
  const more = found.length > filters.limit && last;
  return {
    items: page.map(toItem),
    nextCursor: !more
      ? null
      : followUpCursor.encode(last.status === 'done' ? { t: last.doneKey!, i: last.id } : { d: last.due, c: last.createdKey, i: last.id }),
  };
}

/** Rows after a cursor, in the list's order: open by due day (no date last), then when added; done latest first. */
function afterCursor(status: 'open' | 'done', raw: string): SQL {
  const at = followUpCursor.decode(raw);
  if (status === 'done' && 't' in at) return sql`(${followUps.doneAt}, ${followUps.id}) < (${at.t}::timestamptz, ${at.i}::uuid)`;
  if (status === 'open' && 'c' in at) {
    const sameDay = sql`(${followUps.createdAt}, ${followUps.id}) > (${at.c}::timestamptz, ${at.i}::uuid)`;
    return at.d === null
      ? sql`(${followUps.dueOn} is null and ${sameDay})`
      : sql`(${followUps.dueOn} > ${at.d}::date or (${followUps.dueOn} = ${at.d}::date and ${sameDay}) or ${followUps.dueOn} is null)`;
  }
  // A cursor from a list of the other status.
  throw new UserFacingError('The cursor is not valid.', 400, { cursor: [CURSOR_MESSAGE] });
}

export type FollowUpListArgs = ListFilters & { recentDoneOnly?: boolean; limit?: number };

/**
 * Several lists of follow-ups (the review's five groups and the recently done; a person's open and done) in one
 * statement: each list picks its rows' ids from follow_ups alone (the people table only for a sector filter), in its
 * own order and up to its own limit, and the picked rows are joined to their people and events once. Six statements
 * side by side cost six plannings and six ORM round trips; one UNION ALL of six four-table joins was tried and took
 * 8 ms to plan at 100,000 people. Each list comes back exactly as listFollowUps would read it alone (tested).
 */
export async function listFollowUpLists<K extends string>(
  userId: string,
  today: string,
  lists: Partial<Record<K, FollowUpListArgs>>,
): Promise<Partial<Record<K, FollowUpItem[]>>> {
  const keys = (Object.keys(lists) as K[]).filter((k) => lists[k]);
  if (keys.length === 0) return {};
  const on = details(userId);
  const members = keys.map((key, k) => {
    const list = listQuery(userId, today, lists[key]!);
    // Each row's place in its list, from the list's own order, so the rows come back in it without saying it again.
    const place = sql<number>`row_number() over (order by ${sql.join(list.orderBy, sql`, `)})`.as('n');
    const picked = db.select({ k: sql<number>`${sql.raw(String(k))}`.as('k'), n: place, id: followUps.id }).from(followUps);
    return (list.sector ? picked.leftJoin(people, on.person) : picked)
      .where(list.where)
      .orderBy(...list.orderBy)
      .limit(list.limit);
  });
  const picked = sql`(${sql.join(
    members.map((m) => sql`(${m})`),
    sql` union all `,
  )}) as picked`;
  const found = await db
    .select({ ...itemFields, k: sql<number>`picked.k` })
    .from(followUps)
    .innerJoin(picked, sql`picked.id = ${followUps.id}`)
    .leftJoin(people, on.person)
    .leftJoin(personOrg, on.organisation)
    .leftJoin(networkingEvents, on.event)
    .where(eq(followUps.userId, userId))
    .orderBy(sql`picked.k`, sql`picked.n`);
  const out = Object.fromEntries(keys.map((key) => [key, [] as FollowUpItem[]])) as Record<K, FollowUpItem[]>;
  for (const r of found) out[keys[Number(r.k)]!].push(toItem(r));
  return out;
}

/** One list's filter, order and limit: listRows reads it with the details, listFollowUpLists picks its ids. */
function listQuery(userId: string, today: string, filters: FollowUpListArgs & { after?: string }) {
  const status = filters.status ?? 'open';
  const where: (SQL | undefined)[] = [eq(followUps.userId, userId), isNull(followUps.deletedAt), eq(followUps.status, status)];
  if (filters.due) where.push(dueCondition(filters.due, today));
  if (filters.person) where.push(eq(followUps.personId, filters.person));
  if (filters.event) where.push(eq(followUps.eventId, filters.event));
  if (filters.sector) where.push(sql`${people.effectiveSectorId} = ${filters.sector}::uuid`);
  if (filters.after) where.push(afterCursor(status, filters.after));
  if (status === 'done' && filters.recentDoneOnly) {
    where.push(gte(followUps.doneAt, new Date(Date.parse(`${addDays(today, -RECENT_DONE_DAYS)}T00:00:00Z`))));
  }
  return {
    where: and(...where),
    sector: Boolean(filters.sector),
    orderBy:
      status === 'open' ? [sql`${followUps.dueOn} asc nulls last`, asc(followUps.createdAt), asc(followUps.id)] : [desc(followUps.doneAt), desc(followUps.id)],
    // One over the maximum, so that a caller asking for a full page can tell whether there is more.
    limit: Math.min(filters.limit ?? (status === 'open' ? MAX_OPEN : MAX_DONE), MAX_OPEN + 1),
  };
}

function listRows(userId: string, today: string, filters: FollowUpListArgs & { after?: string }) {
  const list = listQuery(userId, today, filters);
  return baseSelect(db, userId)
    .where(list.where)
    .orderBy(...list.orderBy)
    .limit(list.limit);
}

/** One of the user's follow-ups (not deleted), or NotFoundError. */
export async function getFollowUp(userId: string, id: string, conn: DbOrTx = db): Promise<FollowUpItem> {
  const [row] = await baseSelect(conn, userId)
    .where(and(eq(followUps.id, id), eq(followUps.userId, userId), isNull(followUps.deletedAt)))
    .limit(1);
  if (!row) throw new NotFoundError('Follow-up not found');
  return toItem(row);
}

/** Open follow-ups with a due date, soonest first: what the calendar feed carries. */
export async function listDatedOpenFollowUps(userId: string, limit = 10_000): Promise<(FollowUpItem & { due: string; updatedAt: Date })[]> {
  const rowsOut = await baseSelect(db, userId)
    .where(and(eq(followUps.userId, userId), isNull(followUps.deletedAt), eq(followUps.status, 'open'), isNotNull(followUps.dueOn)))
    .orderBy(asc(followUps.dueOn), asc(followUps.id))
    .limit(limit);
  return rowsOut.map((r) => ({ ...toItem(r), due: r.due!, updatedAt: new Date(r.updatedAt) }));
}
