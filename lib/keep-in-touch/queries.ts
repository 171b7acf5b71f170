import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import { interactions, organisations, people, sectors } from '@/db/schema';
import { NotFoundError, VersionConflictError } from '@/lib/errors';
import { todayIn } from '@/lib/dates';
import { weekEndFrom } from '@/lib/follow-ups/due';
import { createInteraction, getInteraction, type InteractionItem } from '@/lib/interactions/queries';
import { MARKED_IN_TOUCH } from '@/lib/interactions/validation';
import { displayName } from '@/lib/people/display-name';
import { cadenceColumns, cadenceFromColumns, type Cadence } from '@/lib/people/cadence';

/** Someone due a contact ("Get back in touch"). */
export interface DueContact {
  id: string;
  displayName: string;
  /** YYYY-MM-DD in the user's time zone. */
  dueOn: string;
  lastContactOn: string | null;
  cadence: Cadence | null;
}

/** How many due people a list shows at most. */
const MAX_DUE = 200;

/**
 * The people due a contact on or before `until` (by default the end of "The week ahead" from `today`), earliest first:
 * one walk of people_user_next_contact_idx. Snoozed people are due on their snooze day (next_contact_due never
 * falls before it), so they stay away until then.
 */
/** Who is due a contact on or before `until`: the one rule the list and its count share. */
const dueBy = (userId: string, until: string) => and(eq(people.userId, userId), isNull(people.deletedAt), lte(people.nextContactDue, until));

export async function listDueContacts(userId: string, today: string, opts: { until?: string; limit?: number; conn?: DbOrTx } = {}): Promise<DueContact[]> {
  const conn = opts.conn ?? db;
  const found = await conn
    .select({
      id: people.id,
      name: people.name,
      role: people.role,
      organisationName: organisations.name,
      dueOn: people.nextContactDue,
      lastContactOn: people.lastContactOn,
      unit: sql<string | null>`coalesce(${people.keepInTouchUnit}, ${sectors.keepInTouchUnit})`,
      every: sql<number | null>`case when ${people.keepInTouchUnit} is not null then ${people.keepInTouchEvery} else ${sectors.keepInTouchEvery} end`,
    })
    .from(people)
    .leftJoin(organisations, and(eq(organisations.id, people.organisationId), eq(organisations.userId, userId)))
    .leftJoin(sectors, and(eq(sectors.id, people.effectiveSectorId), eq(sectors.userId, userId)))
    .where(dueBy(userId, opts.until ?? weekEndFrom(today)))
    .orderBy(asc(people.nextContactDue), asc(people.id))
    .limit(opts.limit ?? MAX_DUE);
  return found.map((r) => ({
    id: r.id,
    displayName: displayName(r),
    dueOn: r.dueOn!,
    lastContactOn: r.lastContactOn,
    cadence: cadenceFromColumns(r.unit, r.every === null ? null : Number(r.every)),
  }));
}

/** Counting stops here: "10,000+ due" says enough, and a book of 100,000 is not walked to say more. */
export const DUE_COUNT_CAP = 10_000;

/**
 * The first `limit` people due a contact (listDueContacts), and how many are due in all, up to DUE_COUNT_CAP: counted
 * only when the list is full, as a shorter one is all there is. What the dashboard and the weekly review show.
 */
export async function listDueContactsCounted(
  userId: string,
  today: string,
  opts: { until?: string; limit: number },
): Promise<{ items: DueContact[]; total: number }> {
  const items = await listDueContacts(userId, today, opts);
  if (items.length < opts.limit) return { items, total: items.length };
  const capped = db
    .select({ one: sql`1` })
    .from(people)
    .where(dueBy(userId, opts.until ?? weekEndFrom(today)))
    .limit(DUE_COUNT_CAP)
    .as('capped');
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(capped);
  return { items, total: Number(row?.n ?? 0) };
}

/** A count of due people as a page says it: "70", or "10,000+" at the cap. */
export function dueCountText(n: number): string {
  return n >= DUE_COUNT_CAP ? `${DUE_COUNT_CAP.toLocaleString('en-GB')}+` : String(n);
}

/** Snoozes a person's reminder until `until` (null lifts the snooze); answers the previous snooze, for undo. */
export async function snoozeContact(userId: string, personId: string, until: string | null): Promise<{ previous: string | null }> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ snoozed: people.contactSnoozedUntil })
      .from(people)
      .where(and(eq(people.userId, userId), eq(people.id, personId), isNull(people.deletedAt)))
      .for('update');
    if (!current) throw new NotFoundError('That person was not found.');
    await tx
      .update(people)
      .set({ contactSnoozedUntil: until })
      .where(and(eq(people.userId, userId), eq(people.id, personId)));
    return { previous: current.snoozed };
  });
}

/**
 * "Done" on a due contact: logs an interaction of kind other, "Marked in touch", dated today; it resets the clock.
 * Done twice the same day (a retried request, a second device, a double tap) answers the first one's entry rather
 * than logging a second: the person's row is locked first, so two at once queue and the second finds the first's.
 */
export function markInTouch(userId: string, personId: string): Promise<InteractionItem> {
  return db.transaction(async (tx) => {
    await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.userId, userId), eq(people.id, personId), isNull(people.deletedAt)))
      .for('update');
    // "Today" worked out once, in the user's zone, for both the check and the entry: near midnight two clocks could
    // disagree and let a second entry through.
    const [who] = await rows<{ time_zone: string }>(tx, sql`select time_zone from users where id = ${userId}::uuid`);
    const today = todayIn(who?.time_zone ?? 'UTC');
    const [same] = await rows<{ id: string }>(
      tx,
      sql`select i.id from interactions i
           where i.user_id = ${userId}::uuid and i.person_id = ${personId}::uuid and i.kind = 'other' and i.note = ${MARKED_IN_TOUCH}
             and i.deleted_at is null and i.occurred_on = ${today}::date
           order by i.created_at limit 1`,
    );
    // A missing or another user's person: createInteraction answers not found, as for any logged contact. A second
    // "Done" gets the first entry back; its undo then removes that entry, within the hour as any undo of "Done".
    return same ? getInteraction(userId, same.id, tx) : createInteraction(userId, { personId, kind: 'other', note: MARKED_IN_TOUCH, occurredOn: today }, tx);
  });
}

/**
 * Undoes "Done": removes the "Marked in touch" it logged, for good (it was a tap, not a contact the user wrote, and
 * would otherwise sit in Recently deleted). Only that kind of entry, only the user's, only within the hour.
 */
export async function unmarkInTouch(userId: string, interactionId: string): Promise<void> {
  const gone = await db
    .delete(interactions)
    .where(
      and(
        eq(interactions.userId, userId),
        eq(interactions.id, interactionId),
        eq(interactions.kind, 'other'),
        eq(interactions.note, MARKED_IN_TOUCH),
        sql`${interactions.createdAt} > now() - interval '1 hour'`,
      ),
    )
    .returning({ id: interactions.id });
  if (gone.length === 0) throw new NotFoundError('That contact was not found.');
}

/**
 * A sector's keep-in-touch default (null: none), from the `version` read. With `fromToday`, those the change makes due
 * today or earlier (a last contact long ago), and who were not due before it, are counted from today instead: their
 * reminder is put off, as a snooze would, to a cadence from today, so a new default does not bring the whole sector
 * due at once. Whoever was already due stays due. Answers how many of
 * the sector's people are due now, and how many were counted from today.
 */
export async function setSectorCadence(
  userId: string,
  sectorId: string,
  cadence: Cadence | null,
  version: number,
  opts: { fromToday?: boolean } = {},
): Promise<{ dueNow: number; countedFromToday: number }> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: sectors.id, version: sectors.version, name: sectors.name })
      .from(sectors)
      .where(and(eq(sectors.userId, userId), eq(sectors.id, sectorId), isNull(sectors.deletedAt)))
      .for('update');
    if (!current) throw new NotFoundError('That sector was not found.');
    if (current.version !== version) throw new VersionConflictError(current);
    const [who] = await rows<{ time_zone: string }>(tx, sql`select time_zone from users where id = ${userId}::uuid`);
    const today = todayIn(who?.time_zone ?? 'UTC');
    // The sector's people its default applies to (no cadence of their own), due by today.
    const dueBy = sql`p.user_id = ${userId}::uuid and p.effective_sector_id = ${sectorId}::uuid and p.deleted_at is null
      and p.keep_in_touch_unit is null and p.next_contact_due <= ${today}::date`;
    // Those already due before the change stay as they are: only whom the new default makes due is counted from today.
    const dueBefore = opts.fromToday ? (await rows<{ id: string }>(tx, sql`select p.id::text from people p where ${dueBy}`)).map((r) => r.id) : [];
    await tx
      .update(sectors)
      .set({ ...cadenceColumns(cadence?.unit === 'none' ? null : cadence), version: sql`${sectors.version} + 1` })
      .where(and(eq(sectors.userId, userId), eq(sectors.id, sectorId)));
    let countedFromToday = 0;
    if (opts.fromToday && cadence && cadence.unit !== 'none') {
      const step = cadence.unit === 'days' ? sql`make_interval(days => ${cadence.every})` : sql`make_interval(months => ${cadence.every})`;
      const moved = await rows<{ id: string }>(
        tx,
        sql`update people p set contact_snoozed_until = (${today}::date + ${step})::date
             where ${dueBy} and not (p.id = any(${`{${dueBefore.join(',')}}`}::uuid[])) returning p.id`,
      );
      countedFromToday = moved.length;
    }
    const [due] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from people p where ${dueBy}`);
    return { dueNow: Number(due?.n ?? 0), countedFromToday };
  });
}
