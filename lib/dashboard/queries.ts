import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { networkingEvents } from '@/db/schema';
import { displayName } from '@/lib/people/display-name';
import { newestEventsFirst } from '@/lib/events/order';
import { addMonths, formatMonth, shiftInstant } from '@/lib/dates';

/** "For a while": met more than once, but not in this many days. */
export const DORMANT_AFTER_DAYS = 60;
/** How many of the longest-unseen people are checked for repeat meetings. */
const DORMANT_CANDIDATES = 500;

/**
 * The latest events that have happened (by `now`: one created ahead of time shows under "Coming up" instead),
 * with how many people were met at each (counted for those few events only).
 */
export async function latestEvents(userId: string, limit = 5, now = new Date()) {
  return (
    db
      .select({
        id: networkingEvents.id,
        title: networkingEvents.title,
        startsAt: networkingEvents.startsAt,
        venue: networkingEvents.venue,
        // Spelled out: inside the subquery drizzle would leave "id" unqualified, and it would mean the encounter's.
        people: sql<number>`(select count(*) from encounters en
        where en.event_id = "events"."id" and en.user_id = ${userId})::int`.mapWith(Number),
      })
      .from(networkingEvents)
      .where(and(eq(networkingEvents.userId, userId), isNull(networkingEvents.deletedAt), lte(networkingEvents.startsAt, now)))
      // The order of events_user_starts_idx, so only the first few rows are read.
      .orderBy(...newestEventsFirst)
      .limit(limit)
  );
}

export interface DormantContact {
  id: string;
  displayName: string;
  lastMetAt: Date;
  events: number;
}

/**
 * People met at two or more events whose last meeting is over DORMANT_AFTER_DAYS ago, longest first. It walks the
 * people index by last-met date and counts meetings only for a bounded batch of candidates, so a large address
 * book costs milliseconds, not a scan of every encounter.
 */
export async function dormantContacts(userId: string, now = new Date(), limit = 6): Promise<DormantContact[]> {
  const cutoff = shiftInstant(now, -DORMANT_AFTER_DAYS);
  const found = await rows<{ id: string; name: string | null; role: string | null; organisation: string | null; last_met: string | Date; events: number }>(
    db,
    sql`
      with candidates as materialized (
        select p.id, p.name, p.role, p.organisation_id, p.last_met_at
        from people p
        where p.user_id = ${userId} and p.deleted_at is null and p.last_met_at < ${cutoff.toISOString()}::timestamptz
        -- exactly the people_user_last_met_idx order read backwards, so the scan stops after the batch
        order by p.last_met_at asc nulls first, p.id desc
        limit ${DORMANT_CANDIDATES}
      )
      select c.id, c.name, c.role, o.name as organisation, c.last_met_at as last_met, met.events
      from candidates c
      left join organisations o on o.id = c.organisation_id and o.user_id = ${userId}
      cross join lateral (
        select count(distinct en.event_id)::int as events
        from encounters en
        join events e on e.id = en.event_id and e.user_id = ${userId} and e.deleted_at is null
        where en.person_id = c.id and en.user_id = ${userId} and en.relation <> 'mentioned'
      ) met
      where met.events >= 2
      order by c.last_met_at asc nulls first, c.id desc
      limit ${limit}`,
  );
  return found.map((r) => ({
    id: r.id,
    displayName: displayName({ ...r, organisationName: r.organisation }),
    lastMetAt: new Date(r.last_met),
    events: Number(r.events),
  }));
}

export interface Bucket {
  label: string;
  value: number;
}

/** People counted by sector (their own, else their organisation's: the maintained effective sector); the top `top`, the rest as "Other sectors". */
export async function peopleBySector(userId: string, top = 7): Promise<Bucket[]> {
  const found = await rows<{ name: string | null; n: number }>(
    db,
    sql`
      select s.name, count(*)::int as n
      from people p
      left join sectors s on s.id = p.effective_sector_id and s.user_id = ${userId}
      where p.user_id = ${userId} and p.deleted_at is null
      group by s.name
      order by count(*) desc, s.name nulls last`,
  );
  const named = found.filter((r) => r.name).map((r) => ({ label: r.name!, value: Number(r.n) }));
  const unknown = found.filter((r) => !r.name).reduce((sum, r) => sum + Number(r.n), 0);
  const head = named.slice(0, top);
  const rest = named.slice(top).reduce((sum, r) => sum + r.value, 0);
  if (rest) head.push({ label: 'Other sectors', value: rest });
  if (unknown) head.push({ label: 'No sector', value: unknown });
  return head;
}

/** Events in each of the last 12 months, counted in the user's time zone, oldest month first. */
export async function eventsPerMonth(userId: string, timeZone: string, today: string, locale = 'en-GB'): Promise<(Bucket & { month: string })[]> {
  const thisMonth = today.slice(0, 7);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(thisMonth, i - 11));
  const from = `${months[0]}-01`;
  const found = await rows<{ month: string; n: number }>(
    db,
    sql`
      select to_char(starts_at at time zone ${timeZone}, 'YYYY-MM') as month, count(*)::int as n
      from events
      where user_id = ${userId} and deleted_at is null
        and (starts_at at time zone ${timeZone}) >= ${from}::timestamp
        and (starts_at at time zone ${timeZone}) < ${addMonths(thisMonth, 1) + '-01'}::timestamp
      group by 1`,
  );
  const byMonth = new Map(found.map((r) => [r.month, Number(r.n)]));
  return months.map((month) => ({ month, label: formatMonth(month, locale), value: byMonth.get(month) ?? 0 }));
}

export interface FollowUpProgress {
  done: number;
  doneLast30: number;
  openOnTime: number;
  openOverdue: number;
}

/** Follow-ups completed against open (open split into overdue and not), excluding deleted ones. */
export async function followUpProgress(userId: string, today: string, now = new Date()): Promise<FollowUpProgress> {
  const since = shiftInstant(now, -30).toISOString();
  const [r] = await rows<{ done: number; done30: number; open_ok: number; open_late: number }>(
    db,
    sql`
      select
        count(*) filter (where status = 'done')::int as done,
        count(*) filter (where status = 'done' and done_at >= ${since}::timestamptz)::int as done30,
        count(*) filter (where status = 'open' and (due_on is null or due_on >= ${today}::date))::int as open_ok,
        count(*) filter (where status = 'open' and due_on < ${today}::date)::int as open_late
      from follow_ups
      where user_id = ${userId} and deleted_at is null`,
  );
  return {
    done: Number(r?.done ?? 0),
    doneLast30: Number(r?.done30 ?? 0),
    openOnTime: Number(r?.open_ok ?? 0),
    openOverdue: Number(r?.open_late ?? 0),
  };
}
