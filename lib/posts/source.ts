import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { networkingEvents } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';
import { getEventDetail } from '@/lib/events/queries';
import type { ComposeInput, ComposePerson } from './types';
import { dayIn, wallClockIn } from '@/lib/dates';

/**
 * Reads one of the user's events into the composer's input, through the event loader (the same people, topics,
 * facts and follow-ups as the event page), plus how many evenings of its series came before it. Soft-deleted
 * events, people and follow-ups are left out, and so are off-the-record facts; another user's event is a
 * NotFoundError.
 */
export async function loadComposeInput(conn: DbOrTx, userId: string, eventId: string, timeZone: string, now = new Date()): Promise<ComposeInput> {
  const event = await getEventDetail(conn, userId, eventId);
  const seriesRows = event.series
    ? await conn
        .select({ n: sql<number>`count(*)::int` })
        .from(networkingEvents)
        .where(
          and(
            eq(networkingEvents.userId, userId),
            isNull(networkingEvents.deletedAt),
            sql`lower(${networkingEvents.series}) = lower(${event.series})`,
            lte(networkingEvents.startsAt, event.startsAt),
          ),
        )
    : [{ n: 0 }];

  const present = new Set(event.people.map((p) => p.id));
  const peopleOut: ComposePerson[] = event.people.map((p) => ({
    id: p.id,
    name: p.name,
    role: p.role,
    organisation: p.organisation?.name ?? null,
    sector: p.sector?.name ?? null,
    keepPrivate: p.keepPrivate,
    relation: p.relation,
    topics: p.topics,
    notes: p.notes,
    email: p.email,
  }));
  // The page lists follow-ups by due date; a post tells them in the order they were added.
  const added = [...event.followUps].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const at = wallClockIn(event.startsAt, timeZone);
  return {
    event: {
      title: event.title,
      venue: event.venue,
      host: event.host,
      series: event.series,
      summary: event.summary,
      reflection: event.reflection,
      localDate: at.date,
      localHour: at.hour,
    },
    postDate: dayIn(timeZone, now),
    seriesCount: Number(seriesRows[0]?.n ?? 0),
    people: peopleOut,
    topics: event.topics,
    // An off-the-record fact never reaches a draft. A fact or follow-up credited to someone not at the event (or
    // deleted) keeps its text, uncredited.
    facts: event.insights.filter((f) => !f.offTheRecord).map((f) => ({ text: f.text, personId: f.personId && present.has(f.personId) ? f.personId : null })),
    followUps: added.map((f) => ({
      action: f.action,
      personId: f.personId && present.has(f.personId) ? f.personId : null,
      dueOn: f.dueOn,
      done: f.status === 'done',
    })),
  };
}

/**
 * The event a post was written from, read as its draft read it (as of the day the post was written), or null when
 * the post has no event or it has gone: what the editor's sources and its name check both work from, read once.
 */
export async function postSource(userId: string, post: { eventId: string | null; createdAt: Date }, timeZone: string): Promise<ComposeInput | null> {
  if (!post.eventId) return null;
  return loadComposeInput(db, userId, post.eventId, timeZone, post.createdAt).catch((err) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
}
