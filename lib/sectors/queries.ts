import { and, eq, isNull, sql } from 'drizzle-orm';
import { requiredText } from '@/lib/validation/text';
import { db, type Tx } from '@/db/client';
import { rows } from '@/db/rows';
import { sectors } from '@/db/schema';
import { isUniqueViolation, NotFoundError, UserFacingError } from '@/lib/errors';
import { peoplePerSector } from '@/lib/people/sector-counts';
import { mergeSectors } from './merge';
import { cadenceFromColumns, type Cadence } from '@/lib/people/cadence';

export interface SectorSummary {
  id: string;
  name: string;
  version: number;
  /** People whose effective sector this is (their own, else their organisation's). */
  people: number;
  organisations: number;
  /** The keep-in-touch default of people in the sector without their own (null: none). */
  keepInTouch: Cadence | null;
}

export const sectorNameSchema = requiredText(80, 'Enter a sector name', { oneLine: true, tooLong: 'Keep the name to 80 characters' });

/** The user's sectors by name, with how many people (kept counts, see peoplePerSector) and organisations are in each. */
export async function listSectors(userId: string): Promise<SectorSummary[]> {
  const [found, perSector] = await Promise.all([
    rows<{ id: string; name: string; version: number; organisations: number | string; unit: string | null; every: number | null }>(
      db,
      sql`select s.id, s.name, s.version, coalesce(oc.n, 0) as organisations, s.keep_in_touch_unit as unit, s.keep_in_touch_every as every
            from sectors s
            left join (select o.sector_id, count(*) as n from organisations o
                        where o.user_id = ${userId}::uuid and o.deleted_at is null group by 1) oc on oc.sector_id = s.id
           where s.user_id = ${userId}::uuid and s.deleted_at is null order by lower(s.name)`,
    ),
    peoplePerSector(db, userId),
  ]);
  return found.map((r) => ({
    id: r.id,
    name: r.name,
    version: Number(r.version),
    people: perSector[r.id] ?? 0,
    organisations: Number(r.organisations),
    keepInTouch: cadenceFromColumns(r.unit, r.every === null ? null : Number(r.every)),
  }));
}

/** Just the names and ids, for pickers. */
export async function listSectorChoices(userId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: sectors.id, name: sectors.name })
    .from(sectors)
    .where(and(eq(sectors.userId, userId), isNull(sectors.deletedAt)))
    .orderBy(sql`lower(${sectors.name})`);
}

function taken(err: unknown): never {
  if (isUniqueViolation(err, 'sectors_user_name_key')) {
    throw new UserFacingError('You already have a sector with that name.', 409, { name: ['You already have a sector with that name'] });
  }
  throw err;
}

/** Adds a sector; a name the user already has (in any case) is a field error. */
export async function createSector(userId: string, rawName: string) {
  const name = sectorNameSchema.parse(rawName);
  try {
    const [row] = await db.insert(sectors).values({ userId, name }).returning({ id: sectors.id, name: sectors.name });
    return row!;
  } catch (err) {
    taken(err);
  }
}

async function own(tx: Tx, userId: string, id: string) {
  const [row] = await tx
    .select()
    .from(sectors)
    .where(and(eq(sectors.userId, userId), eq(sectors.id, id), isNull(sectors.deletedAt)));
  if (!row) throw new NotFoundError('That sector was not found.');
  return row;
}

/** Renames a sector; everyone in it is found under the new name straight away. */
export async function renameSector(userId: string, id: string, rawName: string) {
  const name = sectorNameSchema.parse(rawName);
  try {
    return await db.transaction(async (tx) => {
      await own(tx, userId, id);
      await tx
        .update(sectors)
        .set({ name, version: sql`${sectors.version} + 1` })
        .where(and(eq(sectors.userId, userId), eq(sectors.id, id)));
      return { id, name };
    });
  } catch (err) {
    taken(err);
  }
}

/**
 * Deletes a sector. One still in use needs `reassignTo`, the sector its people and organisations move to,
 * so that nobody is left without the sector they were filed under.
 */
export async function deleteSector(userId: string, id: string, reassignTo?: string | null, seen: { fromVersion?: number } = {}) {
  if (reassignTo) return mergeSectors(userId, id, reassignTo, seen);
  return db.transaction(async (tx) => {
    await own(tx, userId, id);
    const [use] = await rows<{ n: number | string }>(
      tx,
      sql`select (select count(*) from people where user_id = ${userId}::uuid and sector_id = ${id}::uuid)
               + (select count(*) from organisations where user_id = ${userId}::uuid and sector_id = ${id}::uuid and deleted_at is null) as n`,
    );
    if (Number(use?.n ?? 0) > 0) {
      throw new UserFacingError('People or organisations are filed under this sector: choose where they go instead.', 409, {
        reassignTo: ['Choose the sector they move to'],
      });
    }
    await tx.delete(sectors).where(and(eq(sectors.userId, userId), eq(sectors.id, id)));
    return null;
  });
}
