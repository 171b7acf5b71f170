import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { networkingEvents, organisations, people, sectors } from '@/db/schema';
import { displayName } from '@/lib/people/display-name';
import { newestEventsFirst } from '@/lib/events/order';

export interface Choice {
  id: string;
  label: string;
}

/**
 * Labels for a picker of people, alphabetical. Two "Amelia Clarke"s are told apart by role and organisation
 * ("Amelia Clarke · CIO, DfE"); the rest stay short.
 */
function personChoices(found: { id: string; name: string | null; role: string | null; organisation: string | null }[]): Choice[] {
  const labels = found.map((p) => displayName({ ...p, organisationName: p.organisation }));
  const seen = new Map<string, number>();
  for (const l of labels) seen.set(l, (seen.get(l) ?? 0) + 1);
  return found
    .map((p, i) => {
      const label = labels[i]!;
      const context = [p.role, p.organisation].filter(Boolean).join(', ');
      return { id: p.id, label: seen.get(label)! > 1 && p.name && context ? `${label} · ${context}` : label };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Events to pick from, newest first, capped. */
export async function listEventChoices(userId: string, limit = 100): Promise<Choice[]> {
  const found = await db
    .select({ id: networkingEvents.id, title: networkingEvents.title, startsAt: networkingEvents.startsAt })
    .from(networkingEvents)
    .where(and(eq(networkingEvents.userId, userId), isNull(networkingEvents.deletedAt)))
    .orderBy(...newestEventsFirst)
    .limit(limit);
  return found.map((e) => ({ id: e.id, label: e.title }));
}

/**
 * How the person a list is filtered by is named in the filter's search box, or null when the id is not one of the
 * user's people.
 */
export async function filterPersonChoice(userId: string, personId: string): Promise<Choice | null> {
  const [found] = await db
    .select({ id: people.id, name: people.name, role: people.role, organisationName: organisations.name })
    .from(people)
    .leftJoin(organisations, and(eq(organisations.id, people.organisationId), eq(organisations.userId, userId)))
    .where(and(eq(people.userId, userId), eq(people.id, personId), isNull(people.deletedAt)))
    .limit(1);
  return found ? { id: found.id, label: displayName(found) } : null;
}

/**
 * People and events that have follow-ups, and the user's sectors: the list's filter options. `people: false` leaves
 * the people out, for a filter that finds them as one types (the follow-ups page, whose every person with a
 * follow-up would otherwise be sent in the page).
 */
export async function listFilterChoices(userId: string, { people: withPeople = true, events = 100 }: { people?: boolean; events?: number } = {}) {
  // Walk people and events in their own index order and keep those with a follow-up, rather than
  // de-duplicating every follow-up: a large address book then costs a few milliseconds. The outer columns are
  // spelled out, since drizzle may leave them unqualified and inside the subquery they would mean f's own.
  const live = sql`f.user_id = ${userId} and f.deleted_at is null`;
  const personHasFollowUp = sql`exists (select 1 from follow_ups f where ${live} and f.person_id = "people"."id")`;
  const eventHasFollowUp = sql`exists (select 1 from follow_ups f where ${live} and f.event_id = "events"."id")`;
  const [personRows, eventRows, sectorRows] = await Promise.all([
    withPeople
      ? db
          .select({ id: people.id, name: people.name, role: people.role, organisation: organisations.name })
          .from(people)
          .leftJoin(organisations, and(eq(organisations.id, people.organisationId), eq(organisations.userId, userId)))
          .where(and(eq(people.userId, userId), isNull(people.deletedAt), personHasFollowUp))
          .orderBy(sql`${people.lastMetAt} desc nulls last`, asc(people.id))
          .limit(300)
      : Promise.resolve([]),
    db
      .select({ id: networkingEvents.id, title: networkingEvents.title, startsAt: networkingEvents.startsAt })
      .from(networkingEvents)
      .where(and(eq(networkingEvents.userId, userId), isNull(networkingEvents.deletedAt), eventHasFollowUp))
      .orderBy(...newestEventsFirst)
      .limit(events),
    db
      .select({ id: sectors.id, label: sectors.name })
      .from(sectors)
      .where(and(eq(sectors.userId, userId), isNull(sectors.deletedAt)))
      .orderBy(asc(sectors.name)),
  ]);
  return {
    people: personChoices(personRows),
    events: eventRows.map((e) => ({ id: e.id, label: e.title })),
    sectors: sectorRows,
  };
}
