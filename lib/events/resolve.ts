import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { organisations, people, sectors } from '@/db/schema';
import { StaleChildError, UserFacingError } from '@/lib/errors';
import { findOrCreateOrganisation, foldName, organisationIdKnownAs } from '@/lib/organisations/find-or-create';
import { surnameOf } from '@/lib/surname';
import type { PersonInput } from './validation';

/** A known person who looks like a row the user is about to create. */
export interface DuplicateCandidate {
  id: string;
  version: number;
  name: string | null;
  role: string | null;
  organisation: string | null;
  email: string | null;
  /**
   * Why they look alike: the same email, the same name at the same organisation, (a row naming no organisation) the
   * same name, or (a row with no name) the same role at the same organisation.
   */
  why: 'email' | 'name and organisation' | 'name' | 'role and organisation';
}

/** Rows of the form that look like people the user already knows; the UI offers to link them. */
export class LikelyDuplicatesError extends UserFacingError {
  constructor(readonly candidates: Record<number, DuplicateCandidate[]>) {
    super('Some of these people may already be in your contacts. Link them, or confirm they are new.', 409);
    this.name = 'LikelyDuplicatesError';
  }
}

/** Finds the user's sector by name (case-insensitive) or creates it. */
export async function resolveSector(tx: DbOrTx, userId: string, name: string): Promise<string> {
  const find = () =>
    tx
      .select({ id: sectors.id })
      .from(sectors)
      .where(and(eq(sectors.userId, userId), isNull(sectors.deletedAt), sql`lower(${sectors.name}) = lower(${name})`))
      .limit(1);
  const [found] = await find();
  if (found) return found.id;
  // The unique index is on lower(name); a concurrent insert of the same name falls through to the select.
  const [created] = await tx.insert(sectors).values({ userId, name }).onConflictDoNothing().returning({ id: sectors.id });
  return created?.id ?? (await find())[0]!.id;
}

/**
 * Known people who share an email, or a name and an organisation (the one its name means: see knownAsSql), with a
 * new row (of an event, or on its own). A row that names no organisation looks like anyone of the same name: typed
 * in full rather than picked from the suggestions, "Sarah Okafor" is asked about, not made twice. A row with no
 * name looks like anyone with the same role at the same organisation: "Chief Executive, Hartley Council" is asked
 * about when Ben Turner is that, rather than filed as a second, nameless one.
 */
export async function likelyDuplicates(
  tx: DbOrTx,
  userId: string,
  p: { name?: string | null; role?: string | null; organisation?: string | null; email?: string | null },
): Promise<DuplicateCandidate[]> {
  const name = p.name ? foldName(p.name) : '';
  const role = p.role ? foldName(p.role) : '';
  const byEmail = p.email ? sql`lower(${people.email}) = lower(${p.email})` : null;
  // Spaces folded on both sides: a name saved with a double space before the forms folded them still matches.
  const folded = (column: typeof people.name | typeof people.role) => sql`regexp_replace(lower(${column}), '\\s+', ' ', 'g')`;
  const sameName = sql`${folded(people.name)} = lower(${name})`;
  const atOrganisation = p.organisation ? sql`${people.organisationId} = ${organisationIdKnownAs(userId, sql`${foldName(p.organisation)}::text`)}` : null;
  const byName = name
    ? atOrganisation
      ? sql`(${sameName} and ${atOrganisation})`
      : // Through people_user_surname_idx: the surname first, then the whole name.
        sql`(${surnameOf(sql`${people.name}`)} = ${surnameOf(sql`${name}::text`)} and ${sameName})`
    : role && atOrganisation
      ? // Through the organisation's people (people_user_organisation_idx), then the role.
        sql`(${atOrganisation} and ${folded(people.role)} = lower(${role}))`
      : null;
  if (!byEmail && !byName) return [];
  const rows = await tx
    .select({
      id: people.id,
      version: people.version,
      name: people.name,
      role: people.role,
      organisation: organisations.name,
      email: people.email,
      emailMatch: byEmail ?? sql<boolean>`false`,
    })
    .from(people)
    .leftJoin(organisations, and(eq(organisations.id, people.organisationId), eq(organisations.userId, userId)))
    .where(and(eq(people.userId, userId), isNull(people.deletedAt), byEmail && byName ? sql`(${byEmail} or ${byName})` : (byEmail ?? byName!)))
    .limit(5);
  return rows.map(({ emailMatch, ...r }) => ({
    ...r,
    why: emailMatch ? 'email' : !name ? 'role and organisation' : p.organisation ? 'name and organisation' : 'name',
  }));
}

/** A person's details changed by another save since the form read them. */
const CHANGED_ELSEWHERE = 'Their details were changed elsewhere since you opened this; check them and save again';

/**
 * Turns the form's people rows into person ids, in the caller's transaction: links rows that name a known
 * person (and updates what the row changed), creates the rest with their organisations and sectors. A new row
 * that looks like someone known is linked (`onDuplicate: 'link'`, the API) or refused with the candidates
 * (`'ask'`, the form) unless the row says `newPerson`.
 */
export async function resolvePeople(tx: DbOrTx, userId: string, rows: PersonInput[], onDuplicate: 'link' | 'ask'): Promise<string[]> {
  const known = rows.flatMap((r) => (r.id ? [r.id] : []));
  const current = new Map(
    known.length
      ? (
          await tx
            .select({
              id: people.id,
              name: people.name,
              role: people.role,
              email: people.email,
              organisationId: people.organisationId,
              organisationSectorId: organisations.sectorId,
              sectorId: people.sectorId,
              version: people.version,
            })
            .from(people)
            .leftJoin(organisations, and(eq(organisations.id, people.organisationId), eq(organisations.userId, userId)))
            .where(and(eq(people.userId, userId), isNull(people.deletedAt), inArray(people.id, known)))
            // Held until the save commits: a merge or delete of one of them waits for it, or, if it committed
            // first, the person is no longer found here, rather than this evening linking someone merged away.
            .for('share', { of: people })
        ).map((r) => [r.id, r])
      : [],
  );
  const fieldErrors: Record<string, string[]> = {};
  const stale: Record<string, string[]> = {};
  const asks: Record<number, DuplicateCandidate[]> = {};
  const ids: string[] = [];

  for (const [index, row] of rows.entries()) {
    if (row.id && !current.has(row.id)) {
      fieldErrors[`people.${index}.id`] = ['This person is not in your contacts (deleted, or never there)'];
      continue;
    }
    let personId = row.id;
    // A person matched by email or name is linked, but what the row says about them does not overwrite them.
    let linkedByGuess: string | undefined;
    if (!personId && !row.newPerson) {
      const found = await likelyDuplicates(tx, userId, row);
      // The same name alone, or the same role at an organisation, is asked about in the form, never linked unseen:
      // two people may share a name, and a large organisation has more than one Head of IT over the years.
      const candidates = onDuplicate === 'link' ? found.filter((c) => c.why === 'email' || c.why === 'name and organisation') : found;
      if (candidates.length && onDuplicate === 'ask') asks[index] = candidates;
      else if (candidates.length) {
        // Held to the commit like the people sent by id; one merged or deleted since the guess is said, not linked.
        const [held] = await tx
          .select({ id: people.id })
          .from(people)
          .where(and(eq(people.id, candidates[0]!.id), eq(people.userId, userId), isNull(people.deletedAt)))
          .for('share');
        if (!held) {
          stale[`people.${index}.name`] = ['The person this matched was changed elsewhere just now; save again'];
          continue;
        }
        linkedByGuess = personId = held.id;
      }
    }
    const sectorId = row.sector ? await resolveSector(tx, userId, row.sector) : null;
    const org = row.organisation ? await findOrCreateOrganisation(tx, userId, row.organisation, sectorId) : null;
    const before = personId ? current.get(personId) : undefined;
    // The person's own sector is kept only when it differs from their organisation's (the one sent, else theirs).
    const orgSectorId = org ? org.sectorId : (before?.organisationSectorId ?? null);
    const ownSector = sectorId && sectorId !== orgSectorId ? sectorId : null;

    if (personId && !linkedByGuess) {
      // Details sent for a known person are changes made in the form; only what really differs is written, so
      // re-saving an event does not bump everyone's version, and only from the version the form read.
      const changes: Partial<typeof people.$inferInsert> = {};
      if (row.name && row.name !== before?.name) changes.name = row.name;
      if (row.role && row.role !== before?.role) changes.role = row.role;
      if (row.email && row.email !== before?.email) changes.email = row.email;
      if (org && org.id !== before?.organisationId) changes.organisationId = org.id;
      if (row.sector && ownSector !== before?.sectorId) changes.sectorId = ownSector;
      if (Object.keys(changes).length && row.version === undefined) {
        fieldErrors[`people.${index}.version`] = ['Send the version of the person you read to change their details'];
      } else if (Object.keys(changes).length && row.version !== before?.version) {
        stale[`people.${index}.name`] = [CHANGED_ELSEWHERE];
      } else if (Object.keys(changes).length) {
        // Only from the version read above: an edit of the person that committed since then is not overwritten.
        const updated = await tx
          .update(people)
          .set({ ...changes, updatedAt: new Date(), version: sql`${people.version} + 1` })
          .where(and(eq(people.id, personId), eq(people.userId, userId), eq(people.version, before!.version)))
          .returning({ id: people.id });
        if (updated.length === 0) stale[`people.${index}.name`] = [CHANGED_ELSEWHERE];
      }
    } else if (!personId && !asks[index]) {
      const [created] = await tx
        .insert(people)
        .values({
          userId,
          name: row.name ?? null,
          role: row.role ?? null,
          email: row.email ?? null,
          organisationId: org?.id ?? null,
          sectorId: ownSector,
        })
        .returning({ id: people.id });
      personId = created!.id;
    }
    if (personId && ids.includes(personId)) {
      fieldErrors[`people.${index}.name`] = ['This person is already in the list above'];
    }
    ids.push(personId ?? '');
  }
  if (Object.keys(fieldErrors).length) {
    throw new UserFacingError('Some people could not be saved.', 400, fieldErrors);
  }
  if (Object.keys(stale).length) throw new StaleChildError(stale);
  if (Object.keys(asks).length) throw new LikelyDuplicatesError(asks);
  return ids;
}
