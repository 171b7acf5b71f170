import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { encounters, people } from '@/db/schema';
import { namedIn, type NamedPerson } from './mentions';

/** The named people met at an event, for the check before a post about it is published. */
export async function peopleMetAt(userId: string, eventId: string | null, conn: DbOrTx = db): Promise<NamedPerson[]> {
  if (!eventId) return [];
  const found = await conn
    .select({ id: people.id, name: people.name, keepPrivate: people.keepPrivate })
    .from(encounters)
    .innerJoin(people, and(eq(people.id, encounters.personId), eq(people.userId, userId), isNull(people.deletedAt)))
    .where(and(eq(encounters.userId, userId), eq(encounters.eventId, eventId), isNotNull(people.name)))
    .orderBy(asc(encounters.position));
  return found.flatMap((p) => (p.name ? [{ id: p.id, name: p.name, keepPrivate: p.keepPrivate }] : []));
}

/**
 * Those met at the post's event who asked not to be named in public and whom `text` names (the same finder
 * the editor warns with), so the server refuses what the browser only warns about.
 */
export async function privatePeopleNamed(conn: DbOrTx, userId: string, eventId: string | null, text: string): Promise<NamedPerson[]> {
  const met = await peopleMetAt(userId, eventId, conn);
  return namedIn(text, met).filter((p) => p.keepPrivate);
}
