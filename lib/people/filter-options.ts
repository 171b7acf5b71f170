import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { networkingEvents, organisations, topics } from '@/db/schema';
import { isUuid } from '@/lib/ids';
import { newestEventsFirst } from '@/lib/events/order';

/** The user's most recent events (100 unless told), for "met at" pickers. */
function recentEvents(userId: string, limit = 100) {
  return db
    .select({ id: networkingEvents.id, title: networkingEvents.title, startsAt: networkingEvents.startsAt })
    .from(networkingEvents)
    .where(and(eq(networkingEvents.userId, userId), isNull(networkingEvents.deletedAt)))
    .orderBy(...newestEventsFirst)
    .limit(limit);
}

/** Events the People filter offers: the 25 most recent, and the one the URL filters by when it is older. */
const SEARCH_EVENT_CHOICES = 25;

async function searchEventChoices(userId: string, selected: string | undefined) {
  const events = await recentEvents(userId, SEARCH_EVENT_CHOICES);
  if (!selected || !isUuid(selected) || events.some((e) => e.id === selected)) return events;
  const [chosen] = await db
    .select({ id: networkingEvents.id, title: networkingEvents.title, startsAt: networkingEvents.startsAt })
    .from(networkingEvents)
    .where(and(eq(networkingEvents.userId, userId), isNull(networkingEvents.deletedAt), eq(networkingEvents.id, selected)));
  return chosen ? [chosen, ...events] : events;
}

/** Up to 300 of the user's topic names, A to Z. */
async function topicNames(userId: string) {
  const found = await db
    .select({ name: topics.name })
    .from(topics)
    .where(eq(topics.userId, userId))
    .orderBy(sql`lower(${topics.name})`)
    .limit(300);
  return found.map((t) => t.name);
}

/** Choices for person forms: recent events, topic and organisation names (bounded lists). */
export async function listFilterOptions(userId: string) {
  const [events, topicList, orgRows] = await Promise.all([
    recentEvents(userId),
    topicNames(userId),
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(and(eq(organisations.userId, userId), isNull(organisations.deletedAt)))
      .orderBy(sql`lower(${organisations.name})`)
      .limit(500),
  ]);
  return { events, topics: topicList, organisations: orgRows };
}

/**
 * Choices for the People page's filters: the 25 most recent events (and the one filtered by), topics, and the
 * names of the organisations the URL filters by id. Organisation suggestions come as the user types
 * (OrganisationInput), not in the page.
 */
export async function listSearchFilterOptions(userId: string, organisationFilter: string[], eventFilter?: string) {
  const ids = organisationFilter.filter((v) => isUuid(v));
  const [events, topicList, orgRows] = await Promise.all([
    searchEventChoices(userId, eventFilter),
    topicNames(userId),
    ids.length
      ? db
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(and(eq(organisations.userId, userId), isNull(organisations.deletedAt), inArray(organisations.id, ids)))
      : Promise.resolve([]),
  ]);
  return { events, topics: topicList, organisations: orgRows };
}
