import { randomBytes } from 'node:crypto';
import { and, eq, isNotNull } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { organisations, people, users } from '@/db/schema';
import { sha256 } from '@/lib/api/tokens';
import { getFollowUp, listDatedOpenFollowUps, type FollowUpItem } from '@/lib/follow-ups/queries';
import { todayIn } from '@/lib/dates';
import { addDays } from '@/lib/dates';
import { listDueContacts, type DueContact } from '@/lib/keep-in-touch/queries';
import { buildCalendar, type AllDayEntry, type WeeklyEntry } from './ics';
import { privateNames, type PrivateNames, type PrivatePerson } from './private-names';
import { nameWordCounts } from '@/lib/posts/named';

const SECRET_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;

/**
 * A follow-up as an all-day entry. Its person is named only if they may be named in public, and the action and the
 * event's title are scrubbed of private people's names too, since the user types names there ("Call Raj").
 */
function entryFor(item: FollowUpItem & { due: string }, origin: string, stamp: Date, names: PrivateNames): AllDayEntry {
  const link = `${origin}/follow-ups/${item.id}`;
  const who = item.person ? names.label(item.person.id, item.person.displayName) : null;
  const scrub = (text: string) => names.scrub(text, item.person?.id);
  const context = [who ? `With ${who}` : null, item.event ? `From ${scrub(item.event.title)}` : null].filter(Boolean).join('\n');
  return {
    uid: `follow-up-${item.id}@rapport`,
    day: item.due,
    summary: who ? `${scrub(item.action)} (${who})` : scrub(item.action),
    description: `${context ? context + '\n\n' : ''}Open in Rapport: ${link}`,
    url: link,
    stamp,
  };
}

/**
 * The user's people who asked not to be named in public and have a name to hide. Deleted ones too: a follow-up's
 * text can still name someone after they were moved to Recently deleted, and their wish outlives the move.
 */
async function listPrivatePeople(userId: string): Promise<PrivatePerson[]> {
  const found = await db
    .select({ id: people.id, name: people.name, role: people.role, organisationName: organisations.name, email: people.email })
    .from(people)
    .leftJoin(organisations, and(eq(organisations.id, people.organisationId), eq(organisations.userId, userId)))
    .where(and(eq(people.userId, userId), eq(people.keepPrivate, true), isNotNull(people.name)));
  return found.flatMap((p) => (p.name ? [{ ...p, name: p.name }] : []));
}

/** How far ahead, and how many, due contacts the feed carries. */
const CONTACTS_AHEAD_DAYS = 366;
const MAX_CONTACT_ENTRIES = 1000;

/**
 * A person due a contact: an all-day entry on the due day, its UID the person's (so a subscribed calendar moves the
 * one entry when the day changes, rather than adding another). Its stamp is the due day, which changes with it.
 */
export function contactEntry(c: DueContact, origin: string, names: PrivateNames): AllDayEntry {
  const link = `${origin}/people/${c.id}`;
  return {
    uid: `keep-in-touch-${c.id}@rapport`,
    day: c.dueOn,
    summary: `Get back in touch: ${names.label(c.id, c.displayName)}`,
    description: `${c.lastContactOn ? `Last contact ${c.lastContactOn}` : 'No contact yet'}\n\nOpen in Rapport: ${link}`,
    url: link,
    stamp: new Date(`${c.dueOn}T00:00:00Z`),
  };
}

/** The first Monday of the weekly review entry: fixed, so the entry (and its UID) never changes. */
const WEEKLY_REVIEW_FROM = '2026-01-05';

/** The feed's "Weekly review" entry: Mondays at 09:00 in the user's time zone, linking to /review. */
export function weeklyReviewEntry(timeZone: string, origin: string): WeeklyEntry {
  return {
    uid: 'weekly-review@rapport',
    timeZone,
    firstDay: WEEKLY_REVIEW_FROM,
    time: '09:00',
    minutes: 30,
    summary: 'Weekly review',
    description: `Last week's events, people, follow-ups done and slipped.\n\nOpen in Rapport: ${origin}/review`,
    url: `${origin}/review`,
    stamp: new Date(`${WEEKLY_REVIEW_FROM}T00:00:00Z`),
  };
}

/**
 * The user's open, dated follow-ups, the people due a contact (the next year of them), and the weekly review, as an
 * iCalendar feed; links point at `origin`.
 */
export async function followUpsCalendar(userId: string, origin: string): Promise<string> {
  const [items, [user], privatePeople] = await Promise.all([
    listDatedOpenFollowUps(userId),
    db.select({ timeZone: users.timeZone, weeklyReview: users.weeklyReviewInFeed }).from(users).where(eq(users.id, userId)),
    listPrivatePeople(userId),
  ]);
  // Whether a first name typed alone ("Intro Raj") is a private person's: counted in the whole book, for what the
  // entries say.
  const typed = items.flatMap((i) => [i.action, i.event?.title ?? '']).join('\n');
  const names = privateNames(privatePeople, privatePeople.length ? await nameWordCounts(userId, typed) : undefined);
  const today = todayIn(user?.timeZone ?? 'UTC');
  const contacts = await listDueContacts(userId, today, { until: addDays(today, CONTACTS_AHEAD_DAYS), limit: MAX_CONTACT_ENTRIES });
  return buildCalendar(
    'Rapport follow-ups',
    [...items.map((i) => entryFor(i, origin, i.updatedAt, names)), ...contacts.map((c) => contactEntry(c, origin, names))],
    user?.weeklyReview ? [weeklyReviewEntry(user.timeZone, origin)] : [],
  );
}

/** One follow-up as an .ics file (NotFoundError when not the user's, or without a due date). */
export async function followUpCalendar(userId: string, id: string, origin: string): Promise<string | null> {
  const [item, privatePeople] = await Promise.all([getFollowUp(userId, id), listPrivatePeople(userId)]);
  if (!item.due) return null;
  const counts = privatePeople.length ? await nameWordCounts(userId, `${item.action}\n${item.event?.title ?? ''}`) : undefined;
  return buildCalendar('Rapport follow-up', [entryFor({ ...item, due: item.due }, origin, new Date(), privateNames(privatePeople, counts))]);
}

/** Makes a new private feed secret (replacing any old one) and returns it; only its hash is stored. */
export async function regenerateCalendarSecret(userId: string): Promise<string> {
  const secret = randomBytes(24).toString('base64url');
  await db
    .update(users)
    .set({ calendarTokenHash: sha256(secret), updatedAt: new Date() })
    .where(eq(users.id, userId));
  return secret;
}

/**
 * Turns the private feed off: the old address stops working. True when there was one to turn off. `conn` lets a
 * larger change (a new password that revokes API access) do it in its own transaction.
 */
export async function revokeCalendarSecret(userId: string, conn: DbOrTx = db): Promise<boolean> {
  const done = await conn
    .update(users)
    .set({ calendarTokenHash: null, updatedAt: new Date() })
    .where(and(eq(users.id, userId), isNotNull(users.calendarTokenHash)))
    .returning({ id: users.id });
  return done.length > 0;
}

/** Whether the user has a private feed address. */
export async function hasCalendarSecret(userId: string): Promise<boolean> {
  const [row] = await db.select({ hash: users.calendarTokenHash }).from(users).where(eq(users.id, userId));
  return Boolean(row?.hash);
}

/** The user a feed secret belongs to, or null. */
export async function userIdForCalendarSecret(secret: string): Promise<string | null> {
  if (!SECRET_PATTERN.test(secret)) return null;
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.calendarTokenHash, sha256(secret)))
    .limit(1);
  return row?.id ?? null;
}

/** Whether the feed has its weekly review entry (on unless turned off in Settings → Calendar). */
export async function hasWeeklyReviewInFeed(userId: string): Promise<boolean> {
  const [row] = await db.select({ on: users.weeklyReviewInFeed }).from(users).where(eq(users.id, userId));
  return row?.on ?? true;
}

/** Turns the feed's weekly review entry on or off. */
export async function setWeeklyReviewInFeed(userId: string, on: boolean): Promise<void> {
  await db.update(users).set({ weeklyReviewInFeed: on, updatedAt: new Date() }).where(eq(users.id, userId));
}
