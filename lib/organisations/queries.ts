import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type DbOrTx } from '@/db/client';
import { jsonValue, rows } from '@/db/rows';
import { organisations } from '@/db/schema';
import { isUniqueViolation, NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { aliasContains, foldName } from '@/lib/organisations/find-or-create';
import { displayName } from '@/lib/people/display-name';
import { assertOwnSector } from '@/lib/sectors/own';
import { outdateForms } from '@/lib/stale-forms';
import { optionalText, queryText, requiredText } from '@/lib/validation/text';

export interface OrganisationSummary {
  id: string;
  name: string;
  sector: { id: string; name: string } | null;
  people: number;
  lastMetAt: Date | null;
}

export interface OrganisationView {
  id: string;
  name: string;
  sector: { id: string; name: string } | null;
  website: string | null;
  notes: string | null;
  /** The names of organisations merged into this one, as they were spelt: typed again, they mean this one. */
  aliases: string[];
  version: number;
}

export const organisationUpdateSchema = z.object({
  name: requiredText(200, 'Enter a name', { oneLine: true, tooLong: 'Keep the name to 200 characters' }),
  sectorId: z
    .union([z.literal(''), z.uuid()])
    .optional()
    .nullable()
    .transform((s) => s || null),
  website: optionalText(500, 'Website', { empty: null }),
  notes: optionalText(10_000, 'Notes', { empty: null }),
  version: z.coerce.number().int().min(1),
});
/** Query string of GET /api/v1/organisations. */
export const organisationsQuerySchema = z.object({
  q: queryText(200),
  after: queryText(200),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export type OrganisationUpdate = z.output<typeof organisationUpdateSchema>;

/**
 * The user's organisations, by name, optionally matching `q` (in the name, with typos, or in a name merged into it);
 * 100 at a time after `after`.
 */
export async function listOrganisations(userId: string, opts: { q?: string; after?: string; limit?: number } = {}): Promise<OrganisationSummary[]> {
  const limit = Math.min(opts.limit ?? 100, 200);
  const q = opts.q?.trim();
  const found = await rows<{
    id: string;
    name: string;
    sector_id: string | null;
    sector_name: string | null;
    people: number | string;
    last_met_ms: number | null;
  }>(
    db,
    sql`select o.id, o.name, s.id as sector_id, s.name as sector_name,
               (select count(*) from people p
                 where p.user_id = o.user_id and p.organisation_id = o.id and p.deleted_at is null) as people,
               (select (extract(epoch from max(p.last_met_at)) * 1000)::float8 from people p
                 where p.user_id = o.user_id and p.organisation_id = o.id and p.deleted_at is null) as last_met_ms
          from organisations o left join sectors s on s.id = o.sector_id and s.user_id = ${userId}::uuid
         where o.user_id = ${userId}::uuid and o.deleted_at is null
           ${q ? sql`and (strpos(lower(o.name), lower(${q})) > 0 or o.name %> ${q} or ${aliasContains(sql`o`, q)})` : sql``}
           ${opts.after ? sql`and lower(o.name) > lower(${opts.after})` : sql``}
         order by lower(o.name)
         limit ${limit}`,
  );
  return found.map((r) => ({
    id: r.id,
    name: r.name,
    sector: r.sector_id ? { id: r.sector_id, name: r.sector_name ?? '' } : null,
    people: Number(r.people),
    lastMetAt: r.last_met_ms === null ? null : new Date(Number(r.last_met_ms)),
  }));
}

/** One organisation of the user's, or NotFoundError. */
export async function getOrganisation(userId: string, id: string, conn: DbOrTx = db): Promise<OrganisationView> {
  const [r] = await rows<{
    id: string;
    name: string;
    sector_id: string | null;
    sector_name: string | null;
    website: string | null;
    notes: string | null;
    aliases: string[] | string;
    version: number;
  }>(
    conn,
    sql`select o.id, o.name, o.sector_id, s.name as sector_name, o.website, o.notes, o.aliases, o.version
          from organisations o left join sectors s on s.id = o.sector_id and s.user_id = ${userId}::uuid
         where o.user_id = ${userId}::uuid and o.id = ${id}::uuid and o.deleted_at is null`,
  );
  if (!r) throw new NotFoundError('That organisation was not found.');
  return {
    id: r.id,
    name: r.name,
    sector: r.sector_id ? { id: r.sector_id, name: r.sector_name ?? '' } : null,
    website: r.website,
    notes: r.notes,
    aliases: jsonValue(r.aliases),
    version: Number(r.version),
  };
}

/** The organisation's people (not deleted), last met first. */
export async function listOrganisationPeople(userId: string, id: string) {
  const found = await rows<{ id: string; name: string | null; role: string | null; org: string; last_met_ms: number | null }>(
    db,
    sql`select p.id, p.name, p.role, o.name as org, (extract(epoch from p.last_met_at) * 1000)::float8 as last_met_ms
          from people p join organisations o on o.id = p.organisation_id and o.user_id = ${userId}::uuid
         where p.user_id = ${userId}::uuid and p.organisation_id = ${id}::uuid and p.deleted_at is null
         order by p.last_met_at desc nulls last, p.id limit 500`,
  );
  return found.map((r) => ({
    id: r.id,
    displayName: displayName({ name: r.name, role: r.role, organisationName: r.org }),
    role: r.role,
    lastMetAt: r.last_met_ms === null ? null : new Date(Number(r.last_met_ms)),
  }));
}

/** Events where the user met someone from the organisation, newest first. */
export async function listOrganisationEvents(userId: string, id: string) {
  const found = await rows<{ id: string; title: string; starts_ms: number; people: number | string }>(
    db,
    sql`select ev.id, ev.title, (extract(epoch from ev.starts_at) * 1000)::float8 as starts_ms, count(distinct e.person_id) as people
          from encounters e
          join people p on p.id = e.person_id and p.user_id = ${userId}::uuid and p.deleted_at is null
          join events ev on ev.id = e.event_id and ev.user_id = ${userId}::uuid and ev.deleted_at is null
         where e.user_id = ${userId}::uuid and p.organisation_id = ${id}::uuid
         group by ev.id order by ev.starts_at desc limit 200`,
  );
  return found.map((r) => ({ id: r.id, title: r.title, startsAt: new Date(Number(r.starts_ms)), people: Number(r.people) }));
}

/** Open follow-ups about the organisation's people, soonest due first. */
export async function listOrganisationFollowUps(userId: string, id: string) {
  const found = await rows<{ id: string; action: string; due_on: string | null; person_id: string; name: string | null; role: string | null; org: string }>(
    db,
    sql`select f.id, f.action, f.due_on::text as due_on, p.id as person_id, p.name, p.role, o.name as org
          from follow_ups f
          join people p on p.id = f.person_id and p.user_id = ${userId}::uuid and p.deleted_at is null
          join organisations o on o.id = p.organisation_id and o.user_id = ${userId}::uuid
         where f.user_id = ${userId}::uuid and p.organisation_id = ${id}::uuid
           and f.status = 'open' and f.deleted_at is null
         order by f.due_on asc nulls last, f.id limit 200`,
  );
  return found.map((r) => ({
    id: r.id,
    action: r.action,
    dueOn: r.due_on,
    person: { id: r.person_id, displayName: displayName({ name: r.name, role: r.role, organisationName: r.org }) },
  }));
}

/** Renames or re-files an organisation (version-checked); its people are found under the new name at once. */
export async function updateOrganisation(userId: string, id: string, input: OrganisationUpdate): Promise<OrganisationView> {
  try {
    return await db.transaction(async (tx) => {
      const current = await getOrganisation(userId, id, tx);
      const name = foldName(input.name);
      if (input.sectorId) await assertOwnSector(tx, userId, input.sectorId);
      const [row] = await tx
        .update(organisations)
        .set({
          name,
          sectorId: input.sectorId,
          website: input.website,
          notes: input.notes,
          version: sql`${organisations.version} + 1`,
          updatedAt: new Date(),
        })
        .where(and(eq(organisations.userId, userId), eq(organisations.id, id), eq(organisations.version, input.version), isNull(organisations.deletedAt)))
        .returning({ id: organisations.id });
      // The copy read above may predate the edit that won: read it again, so the conflict shows the winner.
      if (!row) throw new VersionConflictError(current.version === input.version ? await getOrganisation(userId, id, tx) : current);
      // Its people's forms show its name: a copy opened before must not save the old one back (names are found
      // without regard to case, so a change of case alone outdates none).
      if (foldName(current.name).toLowerCase() !== name.toLowerCase()) {
        await outdateForms(tx, userId, { people: sql`select id from people where user_id = ${userId}::uuid and organisation_id = ${id}::uuid` });
      }
      return getOrganisation(userId, id, tx);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'organisations_user_name_key')) {
      throw new UserFacingError('You already have an organisation with that name: merge them instead.', 409, {
        name: ['You already have an organisation with that name — merge them instead'],
      });
    }
    throw err;
  }
}
