import { and, asc, desc, eq, ilike, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { encounters, followUps, networkingEvents, organisations, people, sectors } from '@/db/schema';
import { aliasContains } from '@/lib/organisations/find-or-create';
import { escapeLike, suggestTopics } from '@/lib/topics/queries';

import type { SUGGEST_KINDS } from './validation';

export type SuggestKind = (typeof SUGGEST_KINDS)[number];

/** A known person offered while typing, with what the user needs to pick up the conversation again. */
export interface PersonSuggestion {
  id: string;
  /** The person's version, which an edit of their details from the capture form is checked against. */
  version: number;
  name: string | null;
  role: string | null;
  email: string | null;
  organisation: string | null;
  sector: string | null;
  lastMet: { eventId: string; title: string; startsAt: string } | null;
  topics: string[];
  openFollowUps: { id: string; action: string; dueOn: string | null }[];
}

export interface OrganisationSuggestion {
  name: string;
  sector: string | null;
}

/**
 * The user's organisations whose name, or a name merged into one, contains `q`, with their sector (the person row's
 * default): typing an old name offers the organisation it now means.
 */
export async function suggestOrganisations(userId: string, q: string, limit = 8): Promise<OrganisationSuggestion[]> {
  return db
    .select({ name: organisations.name, sector: sectors.name })
    .from(organisations)
    .leftJoin(sectors, and(eq(sectors.id, organisations.sectorId), eq(sectors.userId, userId)))
    .where(
      and(
        eq(organisations.userId, userId),
        isNull(organisations.deletedAt),
        q ? or(ilike(organisations.name, `%${escapeLike(q)}%`), aliasContains(sql`${organisations}`, q)) : undefined,
      ),
    )
    .orderBy(asc(organisations.name))
    .limit(limit);
}

/** The user's sector names containing `q`. */
export async function suggestSectors(userId: string, q: string, limit = 20): Promise<string[]> {
  const rows = await db
    .select({ name: sectors.name })
    .from(sectors)
    .where(and(eq(sectors.userId, userId), isNull(sectors.deletedAt), q ? ilike(sectors.name, `%${escapeLike(q)}%`) : undefined))
    .orderBy(asc(sectors.name))
    .limit(limit);
  return rows.map((r) => r.name);
}

/** Series names from the user's earlier events, most recent first. */
export async function suggestSeries(userId: string, q: string, limit = 8): Promise<string[]> {
  const rows = await db
    .select({ series: networkingEvents.series, last: sql<Date>`max(${networkingEvents.startsAt})` })
    .from(networkingEvents)
    .where(
      and(
        eq(networkingEvents.userId, userId),
        isNull(networkingEvents.deletedAt),
        q ? ilike(networkingEvents.series, `%${escapeLike(q)}%`) : sql`${networkingEvents.series} is not null`,
      ),
    )
    .groupBy(networkingEvents.series)
    .orderBy(desc(sql`max(${networkingEvents.startsAt})`))
    .limit(limit);
  return rows.flatMap((r) => (r.series ? [r.series] : []));
}

/**
 * Known people matching `q` by name, role, organisation or anything else they are remembered by: every word of it,
 * in any order ("cio home office" finds the CIO at the Home Office, known by no name).
 */
async function suggestPeople(userId: string, q: string, limit = 5): Promise<PersonSuggestion[]> {
  const words = q.split(/\s+/).filter(Boolean).slice(0, 6);
  if (words.length === 0) return [];
  const found = await db
    .select({
      id: people.id,
      version: people.version,
      name: people.name,
      role: people.role,
      email: people.email,
      organisation: organisations.name,
      sector: sectors.name,
    })
    .from(people)
    .leftJoin(organisations, and(eq(organisations.id, people.organisationId), eq(organisations.userId, userId)))
    .leftJoin(sectors, and(eq(sectors.id, people.effectiveSectorId), eq(sectors.userId, userId)))
    .where(and(eq(people.userId, userId), isNull(people.deletedAt), ...words.map((w) => ilike(people.searchText, `%${escapeLike(w)}%`))))
    .orderBy(sql`${people.name} ilike ${escapeLike(q) + '%'} desc`, sql`${people.lastMetAt} desc nulls last`)
    .limit(limit);
  return Promise.all(found.map(async (p) => ({ ...p, ...(await reMeetingContext(userId, p.id)) })));
}

/** Where the user last met a person, the topics they talked about, and what is still owed to them. */
async function reMeetingContext(userId: string, personId: string) {
  const [last] = await db
    .select({ eventId: networkingEvents.id, title: networkingEvents.title, startsAt: networkingEvents.startsAt })
    .from(encounters)
    .innerJoin(networkingEvents, and(eq(networkingEvents.id, encounters.eventId), eq(networkingEvents.userId, userId)))
    // Met: at an evening that has begun (one ahead is where you expect to see them), and not only talked about there.
    .where(
      and(
        eq(encounters.userId, userId),
        eq(encounters.personId, personId),
        isNull(networkingEvents.deletedAt),
        lte(networkingEvents.startsAt, sql`now()`),
        ne(encounters.relation, 'mentioned'),
      ),
    )
    .orderBy(desc(networkingEvents.startsAt))
    .limit(1);
  const topicRows = await rows<{ name: string }>(
    db,
    sql`select distinct lower(t.name) as sort, t.name from encounters e
      join encounter_topics et on et.encounter_id = e.id and et.user_id = ${userId}::uuid
      join topics t on t.id = et.topic_id and t.user_id = ${userId}::uuid
      join events ev on ev.id = e.event_id and ev.user_id = ${userId}::uuid and ev.deleted_at is null
    where e.user_id = ${userId}::uuid and e.person_id = ${personId}::uuid order by lower(t.name), t.name limit 8`,
  );
  const open = await db
    .select({ id: followUps.id, action: followUps.action, dueOn: followUps.dueOn })
    .from(followUps)
    .where(and(eq(followUps.userId, userId), inArray(followUps.personId, [personId]), eq(followUps.status, 'open'), isNull(followUps.deletedAt)))
    .orderBy(sql`${followUps.dueOn} asc nulls last`)
    .limit(3);
  return {
    lastMet: last ? { eventId: last.eventId, title: last.title, startsAt: last.startsAt.toISOString() } : null,
    topics: topicRows.map((r) => r.name),
    openFollowUps: open,
  };
}

/** Suggestions of one kind for the capture form. */
export async function suggest(userId: string, kind: SuggestKind, q: string) {
  switch (kind) {
    case 'organisations':
      return suggestOrganisations(userId, q);
    case 'sectors':
      return suggestSectors(userId, q);
    case 'series':
      return suggestSeries(userId, q);
    case 'topics':
      return suggestTopics(db, userId, q);
    case 'people':
      return suggestPeople(userId, q);
  }
}
