import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { db } from '@/db/client';
import { encounters, people } from '@/db/schema';
import type { NamedPerson } from './mentions';

/** The named people met at an event, for the check before a post about it is published. */
export async function peopleMetAt(userId: string, eventId: string | null): Promise<NamedPerson[]> {
  if (!eventId) return [];
  const found = await db
    .select({ name: people.name, keepPrivate: people.keepPrivate })
    .from(encounters)
    .innerJoin(people, and(eq(people.id, encounters.personId), eq(people.userId, userId), isNull(people.deletedAt)))
    .where(and(eq(encounters.userId, userId), eq(encounters.eventId, eventId), isNotNull(people.name)))
    .orderBy(asc(encounters.position));
  return found.flatMap((p) => (p.name ? [{ name: p.name, keepPrivate: p.keepPrivate }] : []));
}
