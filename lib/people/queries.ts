import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { db, type DbOrTx, type Tx } from '@/db/client';
import { rows } from '@/db/rows';
import { organisations, people, sectors } from '@/db/schema';
import { deletedWithinWindow } from '@/lib/restore-window';
import { NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { assertOwnOrganisation, findOrCreateOrganisation, knownAs } from '@/lib/organisations/find-or-create';
import { assertOwnSector } from '@/lib/sectors/own';
import { cadenceColumns, cadenceFromColumns, cadenceKey, type Cadence } from '@/lib/people/cadence';
import { detailsToAdd } from './add-details';
import { displayName } from './display-name';
import { listPersonTopics, setPersonTopics } from './topics';
import type { PersonInput, PersonPatch } from './validation';

/** A person as pages and the API show them. */
export interface PersonView {
  id: string;
  name: string | null;
  displayName: string;
  role: string | null;
  organisation: { id: string; name: string } | null;
  /** The effective sector: the person's own, else their organisation's. */
  sector: { id: string; name: string } | null;
  /** The person's own sector, null when it follows the organisation. */
  ownSectorId: string | null;
  /** True when the sector shown comes from the organisation. */
  sectorFromOrganisation: boolean;
  email: string | null;
  phone: string | null;
  links: string[];
  notes: string | null;
  /** The person's own topics (not their encounters'), A to Z. */
  topics: string[];
  keepPrivate: boolean;
  lastMetAt: Date | null;
  /** The person's own keep-in-touch cadence; null follows their sector's default. */
  keepInTouch: Cadence | null;
  /** Their sector's default, what applies when keepInTouch is null. */
  sectorKeepInTouch: Cadence | null;
  /** The day (user's time zone) of the last real contact: met or spoke at an event, a follow-up done, a logged contact. */
  lastContactOn: string | null;
  /** When a contact is next due (never before the snooze); null without a cadence. */
  nextContactDue: string | null;
  contactSnoozedUntil: string | null;
  version: number;
  /** True for a soft-deleted person (only with includeDeleted). */
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** One person of the user's (not deleted unless asked), or NotFoundError. */
export async function getPerson(userId: string, id: string, opts: { includeDeleted?: boolean; conn?: DbOrTx } = {}): Promise<PersonView> {
  const conn = opts.conn ?? db;
  // The person's columns, not the search columns the triggers keep (search_text carries every event they were
  // met at, and its tsvectors): the page never shows them. The topics are read beside it (filtered by the user; for
  // an id that is not theirs, nothing).
  const [[row], topics] = await Promise.all([
    conn
      .select({
        p: {
          id: people.id,
          name: people.name,
          role: people.role,
          organisationId: people.organisationId,
          sectorId: people.sectorId,
          email: people.email,
          phone: people.phone,
          links: people.links,
          notes: people.notes,
          keepPrivate: people.keepPrivate,
          lastMetAt: people.lastMetAt,
          keepInTouchUnit: people.keepInTouchUnit,
          keepInTouchEvery: people.keepInTouchEvery,
          lastContactOn: people.lastContactOn,
          nextContactDue: people.nextContactDue,
          contactSnoozedUntil: people.contactSnoozedUntil,
          version: people.version,
          createdAt: people.createdAt,
          updatedAt: people.updatedAt,
          deletedAt: people.deletedAt,
        },
        orgName: organisations.name,
        orgSectorId: organisations.sectorId,
        sectorName: sectors.name,
        sectorUnit: sectors.keepInTouchUnit,
        sectorEvery: sectors.keepInTouchEvery,
      })
      .from(people)
      .leftJoin(organisations, and(eq(organisations.id, people.organisationId), eq(organisations.userId, userId)))
      .leftJoin(sectors, and(eq(sectors.id, people.effectiveSectorId), eq(sectors.userId, userId)))
      .where(and(eq(people.userId, userId), eq(people.id, id), opts.includeDeleted ? undefined : isNull(people.deletedAt))),
    listPersonTopics(conn, userId, id),
  ]);
  if (!row) throw new NotFoundError('That person was not found.');
  const p = row.p;
  const sectorId = p.sectorId ?? row.orgSectorId;
  return {
    id: p.id,
    name: p.name,
    displayName: displayName({ name: p.name, role: p.role, organisationName: row.orgName }),
    role: p.role,
    organisation: p.organisationId ? { id: p.organisationId, name: row.orgName ?? '' } : null,
    sector: sectorId && row.sectorName ? { id: sectorId, name: row.sectorName } : null,
    ownSectorId: p.sectorId,
    sectorFromOrganisation: !p.sectorId && !!row.orgSectorId,
    email: p.email,
    phone: p.phone,
    links: p.links,
    notes: p.notes,
    topics,
    keepPrivate: p.keepPrivate,
    lastMetAt: p.lastMetAt,
    keepInTouch: cadenceFromColumns(p.keepInTouchUnit, p.keepInTouchEvery),
    sectorKeepInTouch: cadenceFromColumns(row.sectorUnit, row.sectorEvery),
    lastContactOn: p.lastContactOn,
    nextContactDue: p.nextContactDue,
    contactSnoozedUntil: p.contactSnoozedUntil,
    version: p.version,
    deleted: p.deletedAt !== null,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

async function resolveOrganisation(conn: DbOrTx, userId: string, input: { organisationId?: string | null; organisationName?: string | null }) {
  if (input.organisationName) return (await findOrCreateOrganisation(conn, userId, input.organisationName)).id;
  if (input.organisationId) {
    await assertOwnOrganisation(conn, userId, input.organisationId);
    return input.organisationId;
  }
  return null;
}

/** Creates a person; the organisation may be given by id or by a (new or existing) name. */
export async function createPerson(userId: string, input: PersonInput, conn?: DbOrTx): Promise<PersonView> {
  const work = async (tx: DbOrTx) => {
    const organisationId = await resolveOrganisation(tx, userId, input);
    if (input.sectorId) await assertOwnSector(tx, userId, input.sectorId);
    const [row] = await tx
      .insert(people)
      .values({
        userId,
        name: input.name,
        role: input.role,
        organisationId,
        sectorId: input.sectorId,
        email: input.email,
        phone: input.phone,
        links: input.links,
        notes: input.notes,
        keepPrivate: input.keepPrivate,
      })
      .returning({ id: people.id });
    if (input.topics?.length) await setPersonTopics(tx, userId, row!.id, input.topics);
    return getPerson(userId, row!.id, { conn: tx });
  };
  return conn ? work(conn) : db.transaction(work);
}

/**
 * Saves an edit made against `version`. A stale version throws VersionConflictError carrying the current
 * copy, so the editor can show what changed without losing the user's text.
 */
export async function updatePerson(
  userId: string,
  id: string,
  input: Partial<PersonInput> & {
    version: number;
    keepInTouch?: Cadence | null;
    /**
     * From a form of this one field: the cadence it read (cadenceKey). Then only that must be unchanged, not the
     * person's version: a topic renamed or an evening logged since does not refuse it, a cadence set elsewhere does.
     */
    keepInTouchWas?: string;
  },
): Promise<PersonView> {
  return db.transaction(async (tx) => {
    const current = await getPerson(userId, id, { conn: tx });
    // Checked first as well (the update checks it again): a copy from before a merge may name a sector or
    // organisation that has gone since, and "changed elsewhere" is the answer that explains it.
    const stale = input.keepInTouchWas !== undefined ? cadenceKey(current.keepInTouch) !== input.keepInTouchWas : current.version !== input.version;
    if (stale) throw new VersionConflictError(current);
    // The update's guard: the cadence as read (an edit of anything else committed meanwhile does not refuse it), or
    // the version.
    const was = cadenceColumns(current.keepInTouch);
    const unchanged =
      input.keepInTouchWas !== undefined
        ? sql`${people.keepInTouchUnit} is not distinct from ${was.keepInTouchUnit} and ${people.keepInTouchEvery} is not distinct from ${was.keepInTouchEvery}::int`
        : eq(people.version, input.version);
    const set: Partial<typeof people.$inferInsert> = {};
    if ('organisationName' in input || 'organisationId' in input) {
      set.organisationId = await resolveOrganisation(tx, userId, input);
    }
    if (input.sectorId) await assertOwnSector(tx, userId, input.sectorId);
    for (const key of ['name', 'role', 'sectorId', 'email', 'phone', 'links', 'notes', 'keepPrivate'] as const) {
      if (key in input && input[key] !== undefined) (set as Record<string, unknown>)[key] = input[key];
    }
    if (input.keepInTouch !== undefined) Object.assign(set, cadenceColumns(input.keepInTouch));
    const [row] = await tx
      .update(people)
      .set({ ...set, version: sql`${people.version} + 1`, updatedAt: new Date() })
      .where(and(eq(people.userId, userId), eq(people.id, id), unchanged, isNull(people.deletedAt)))
      .returning({ id: people.id });
    // The copy read above may predate the edit that won: read it again, so the conflict shows the winner.
    if (!row) throw new VersionConflictError(await getPerson(userId, id, { conn: tx }));
    if (input.topics) await setPersonTopics(tx, userId, id, input.topics);
    return getPerson(userId, id, { conn: tx });
  });
}

/**
 * The person form's "Add these details to …": what was typed for a new person goes to someone already here instead
 * (detailsToAdd: empty fields filled, nothing known overwritten, the rest into their notes), in the caller's
 * transaction. Another user's or a deleted person is NotFoundError; a save elsewhere meanwhile is a conflict.
 */
export async function addDetailsToPerson(tx: DbOrTx, userId: string, id: string, typed: PersonInput): Promise<PersonView> {
  const before = await getPerson(userId, id, { conn: tx });
  if (before.deleted) throw new NotFoundError();
  const { set, organisationName, topics } = detailsToAdd(before, typed);
  const columns: Partial<typeof people.$inferInsert> = { ...set };
  if (organisationName) columns.organisationId = (await findOrCreateOrganisation(tx, userId, organisationName)).id;
  if (set.sectorId) await assertOwnSector(tx, userId, set.sectorId);
  if (Object.keys(columns).length) {
    const [row] = await tx
      .update(people)
      .set({ ...columns, version: sql`${people.version} + 1`, updatedAt: new Date() })
      .where(and(eq(people.userId, userId), eq(people.id, id), eq(people.version, before.version), isNull(people.deletedAt)))
      .returning({ id: people.id });
    // Saved on another device between the read and this write: nothing is written, and the form keeps what was typed.
    if (!row) throw new UserFacingError('That person was changed on another device just now. Add the details again to add them to the new copy.', 409);
  }
  if (topics) await setPersonTopics(tx, userId, id, topics);
  return getPerson(userId, id, { conn: tx });
}

/** Applies an API PATCH: only the fields sent change. */
export function patchPerson(userId: string, id: string, patch: PersonPatch): Promise<PersonView> {
  return updatePerson(userId, id, patch);
}

/**
 * Soft-deletes a person (undo with restorePerson); their history stays for the undo. Words only they had leave
 * the search vocabulary, to come back with them.
 */
export async function deletePerson(userId: string, id: string): Promise<void> {
  await setDeleted(userId, id, true);
}

/** Brings back a person deleted within the restore window. */
export async function restorePerson(userId: string, id: string): Promise<void> {
  await setDeleted(userId, id, false);
}

async function setDeleted(userId: string, id: string, deleted: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(people)
      .set({ deletedAt: deleted ? new Date() : null, version: sql`${people.version} + 1` })
      .where(
        and(
          eq(people.userId, userId),
          eq(people.id, id),
          deleted
            ? isNull(people.deletedAt)
            : and(
                isNotNull(people.deletedAt),
                deletedWithinWindow(people.deletedAt),
                // Merged away: only undoing the merge brings them back, with what the merge moved.
                sql`not exists (select 1 from merges m where m.user_id = ${userId} and m.kind = 'person' and m.merged_id = ${people.id})`,
              ),
        ),
      )
      .returning({ id: people.id, organisationId: people.organisationId });
    if (!row) throw new NotFoundError('That person was not found.');
    if (!deleted && row.organisationId) await bringBackOrganisation(tx, userId, [row.id], row.organisationId);
  });
}

/**
 * The organisation of people restored together (all at the one `organisationId`), if it went while they were deleted
 * (an import's undo removes the organisations it made once nobody is at them): it comes back with them, or, where another organisation has its name by now, they
 * are filed there. One merged away stays so: only undoing that merge brings it back.
 */
export async function bringBackOrganisation(tx: Tx, userId: string, personIds: string[], organisationId: string): Promise<void> {
  const [gone] = await rows<{ name: string }>(
    tx,
    sql`select o.name from organisations o
         where o.user_id = ${userId}::uuid and o.id = ${organisationId}::uuid and o.deleted_at is not null
           and not exists (select 1 from merges m where m.user_id = ${userId}::uuid and m.kind = 'organisation' and m.merged_id = o.id)
         for update`,
  );
  if (!gone) return;
  // The live organisation known by its name (its own, or one it was merged into: "Ofcom" into "Ofcom Ltd"), held as a
  // foreign key holds what it points at, so a merge of it waits for this restore and then moves the person too.
  const taken = await knownAs(tx, userId, gone.name);
  if (taken) {
    await tx
      .update(people)
      .set({ organisationId: taken.id })
      .where(and(eq(people.userId, userId), inArray(people.id, personIds)));
  } else {
    await tx.execute(
      sql`update organisations set deleted_at = null, version = version + 1, updated_at = now() where user_id = ${userId}::uuid and id = ${organisationId}::uuid`,
    );
  }
}
