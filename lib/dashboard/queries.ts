import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { networkingEvents } from '@/db/schema';
import { newestEventsFirst } from '@/lib/events/order';
import { addMonths, formatMonth, shiftInstant } from '@/lib/dates';
import { peoplePerSector } from '@/lib/people/sector-counts';

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

export interface Bucket {
  label: string;
  value: number;
}

/**
 * People counted by sector (their own, else their organisation's: the maintained effective sector); the top `top`,
 * the rest as "Other sectors". The counts are the ones kept for the People page (lib/people/sector-counts.ts):
 * recounted only after a change to the user's people, so the dashboard does not count 100,000 people each time.
 */
export async function peopleBySector(userId: string, top = 7): Promise<Bucket[]> {
  const [counts, names] = await Promise.all([
    peoplePerSector(db, userId),
    rows<{ id: string; name: string }>(db, sql`select id, name from sectors where user_id = ${userId}::uuid`),
  ]);
  const nameOf = new Map(names.map((s) => [s.id, s.name]));
  const byName = new Map<string, number>();
  let unknown = 0;
  for (const [id, n] of Object.entries(counts)) {
    const name = id ? nameOf.get(id) : undefined;
    if (name) byName.set(name, (byName.get(name) ?? 0) + n);
    else unknown += n;
  }
  const named = [...byName].map(([label, value]) => ({ label, value })).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  const head = named.slice(0, top);
  const rest = named.slice(top).reduce((sum, r) => sum + r.value, 0);
  if (rest) head.push({ label: 'Other sectors', value: rest });
  if (unknown) head.push({ label: 'No sector', value: unknown });
  return head;
}

/** Events in each of the last 12 months, counted in the user's time zone, oldest month first. */
/** Events held per month over the twelve months to this one: one created ahead of time counts once it has happened. */
export async function eventsPerMonth(
  userId: string,
  timeZone: string,
  today: string,
  locale = 'en-GB',
  now = new Date(),
): Promise<(Bucket & { month: string })[]> {
  const thisMonth = today.slice(0, 7);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(thisMonth, i - 11));
  const from = `${months[0]}-01`;
  const found = await rows<{ month: string; n: number }>(
    db,
    sql`
      select to_char(m, 'YYYY-MM') as month, n from (
        -- Months are cut first and named after: to_char on each of a year's thousands of events cost more than the count.
        select date_trunc('month', starts_at at time zone ${timeZone}) as m, count(*)::int as n
        from events
        where user_id = ${userId} and deleted_at is null
          and starts_at >= (${from}::timestamp at time zone ${timeZone})
          and starts_at < (${addMonths(thisMonth, 1) + '-01'}::timestamp at time zone ${timeZone})
          and starts_at <= ${now.toISOString()}::timestamptz
        group by 1
      ) months`,
  );
  const byMonth = new Map(found.map((r) => [r.month, Number(r.n)]));
  return months.map((month) => ({ month, label: formatMonth(month, locale), value: byMonth.get(month) ?? 0 }));
}

export interface FollowUpProgress {
  done: number;
  doneLast30: number;
  openOnTime: number;
  openOverdue: number;
  /** Open and due today (counted in openOnTime too): with openOverdue, the dashboard's "Due now". */
  openToday: number;
}

/** Follow-ups completed against open (open split into overdue and not), excluding deleted ones. */
export async function followUpProgress(userId: string, today: string, now = new Date()): Promise<FollowUpProgress> {
  const since = shiftInstant(now, -30).toISOString();
  const [r] = await rows<{ done: number; done30: number; open_ok: number; open_late: number; open_today: number }>(
    db,
    // Done and open counted apart, each from its own index alone (follow_ups_user_done_idx and
    // follow_ups_user_open_order_idx hold what is counted): one pass over all of the user's follow-ups read the table.
    sql`
      select
        (select count(*) from follow_ups
          where user_id = ${userId} and status = 'done' and deleted_at is null)::int as done,
        (select count(*) from follow_ups
          where user_id = ${userId} and status = 'done' and deleted_at is null and done_at >= ${since}::timestamptz)::int as done30,
        o.open_ok, o.open_late, o.open_today
      from (
        select
          count(*) filter (where due_on is null or due_on >= ${today}::date)::int as open_ok,
          count(*) filter (where due_on < ${today}::date)::int as open_late,
          count(*) filter (where due_on = ${today}::date)::int as open_today
        from follow_ups
        where user_id = ${userId} and status = 'open' and deleted_at is null
      ) o`,
  );
  return {
    done: Number(r?.done ?? 0),
    doneLast30: Number(r?.done30 ?? 0),
    openOnTime: Number(r?.open_ok ?? 0),
    openOverdue: Number(r?.open_late ?? 0),
    openToday: Number(r?.open_today ?? 0),
  };
}
