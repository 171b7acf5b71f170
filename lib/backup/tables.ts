import { CANNOT_STORE, storable } from '@/lib/validation/text';
import { getTableColumns, sql, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import {
  encounterTopics,
  encounters,
  eventTopics,
  followUps,
  insights,
  interactions,
  networkingEvents,
  organisations,
  people,
  personTopics,
  posts,
  sectors,
  topics,
} from '@/db/schema';

export const BACKUP_FORMAT = 'rapport-backup';
/**
 * Version 2 added `personTopics`, version 3 `interactions` and the keep-in-touch columns of people and sectors;
 * older backups (which have none) still restore.
 */
export const BACKUP_VERSION = 3;
const READABLE_VERSIONS = [1, 2, 3] as const;

/** A table in the backup: in restore order (a row's references come before it). */
export interface BackupTable {
  key: string;
  table: PgTable;
  /** Keyset order for batched reads: the primary key. */
  order: Column[];
  /** Columns not in the backup: the owner (the restoring account's) and what the database derives again. */
  omit: string[];
  /** Column → the backup table its value is an id of. */
  refs: Record<string, string>;
  /** A column (expression) unique per user: a row with the same value in the account is the same row. */
  natural?: { column: string; sql: (alias: string) => string };
  /**
   * Rows merged away (`deleted_at` set, kept only so the merge can be undone) are neither backed up nor matched by
   * name on restore: a backup holds what the account has, and a merged-away name belongs to no live row.
   */
  liveOnly?: true;
  /** A checked row made to keep the table's rules before it is written (a file edited by hand, or an older one). */
  normalise?: (row: Record<string, unknown>) => Record<string, unknown>;
}

const derived = ['searchText', 'searchVector', 'titleText', 'titleVector', 'effectiveSectorId', 'lastMetAt', 'lastContactOn', 'nextContactDue'];

export const BACKUP_TABLES: BackupTable[] = [
  {
    key: 'sectors',
    table: sectors,
    order: [sectors.id],
    omit: ['deletedAt'],
    refs: {},
    natural: { column: 'name', sql: (a) => `lower(${a})` },
    liveOnly: true,
  },
  {
    key: 'organisations',
    table: organisations,
    order: [organisations.id],
    omit: ['deletedAt'],
    refs: { sectorId: 'sectors' },
    natural: { column: 'name', sql: (a) => `lower(${a})` },
    liveOnly: true,
  },
  { key: 'people', table: people, order: [people.id], omit: derived, refs: { organisationId: 'organisations', sectorId: 'sectors' } },
  { key: 'events', table: networkingEvents, order: [networkingEvents.id], omit: [], refs: {} },
  { key: 'topics', table: topics, order: [topics.id], omit: [], refs: {}, natural: { column: 'normalisedName', sql: (a) => a } },
  { key: 'encounters', table: encounters, order: [encounters.id], omit: [], refs: { eventId: 'events', personId: 'people' } },
  { key: 'eventTopics', table: eventTopics, order: [eventTopics.eventId, eventTopics.topicId], omit: [], refs: { eventId: 'events', topicId: 'topics' } },
  {
    key: 'encounterTopics',
    table: encounterTopics,
    order: [encounterTopics.encounterId, encounterTopics.topicId],
    omit: [],
    refs: { encounterId: 'encounters', topicId: 'topics' },
  },
  {
    key: 'personTopics',
    table: personTopics,
    order: [personTopics.personId, personTopics.topicId],
    omit: [],
    refs: { personId: 'people', topicId: 'topics' },
  },
  { key: 'insights', table: insights, order: [insights.id], omit: ['searchVector'], refs: { eventId: 'events', personId: 'people' } },
  {
    key: 'followUps',
    table: followUps,
    order: [followUps.id],
    omit: [],
    refs: { personId: 'people', eventId: 'events' },
    // Done exactly when it has a done moment (the follow_ups_done_at_agrees check). One that says done without saying
    // when takes the earliest moment it can have been done, its creation (as migration 0030 did): a later guess would
    // count as a later contact with the person and push their keep-in-touch reminder back. An open one keeps none.
    normalise: (row) => (row.status === 'done' ? { ...row, doneAt: row.doneAt ?? row.createdAt ?? new Date() } : { ...row, doneAt: null }),
  },
  { key: 'interactions', table: interactions, order: [interactions.id], omit: [], refs: { personId: 'people' } },
  { key: 'posts', table: posts, order: [posts.id], omit: [], refs: { eventId: 'events' }, natural: { column: 'slug', sql: (a) => a } },
];

/** The columns a backup carries for a table, by property name. */
export function backupColumns(t: BackupTable): [string, Column][] {
  return Object.entries(getTableColumns(t.table)).filter(([name]) => name !== 'userId' && !t.omit.includes(name));
}

const MAX_TEXT = 200_000;

/** A zod schema for one row of a table, made from its drizzle columns, so a new column cannot be forgotten. */
function rowSchema(t: BackupTable) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, col] of backupColumns(t)) {
    let s: z.ZodType;
    switch (col.columnType) {
      case 'PgUUID':
        s = z.uuid();
        break;
      case 'PgTimestamp':
        s = z.iso.datetime({ offset: true }).transform((v) => new Date(v));
        break;
      case 'PgDateString':
        s = z.iso.date();
        break;
      case 'PgInteger':
        s = z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 - 1);
        break;
      case 'PgBoolean':
        s = z.boolean();
        break;
      case 'PgJsonb':
        s = z.array(z.string().max(2000)).max(50);
        break;
      case 'PgEnumColumn':
        s = z.enum((col as unknown as { enumValues: [string, ...string[]] }).enumValues);
        break;
      default:
        s = z.string().max(MAX_TEXT).refine(storable, CANNOT_STORE);
    }
    shape[name] = col.notNull ? (col.hasDefault ? s.optional() : s) : s.nullable().optional();
  }
  return z.object(shape);
}

/** A whole backup file, checked before anything is written. */
export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `Not a Rapport backup (format must be "${BACKUP_FORMAT}")` }),
  version: z.union(
    READABLE_VERSIONS.map((v) => z.literal(v)),
    { error: `This backup's version cannot be read here (only versions ${READABLE_VERSIONS.join(', ')})` },
  ),
  exportedAt: z.string().optional(),
  account: z
    .object({
      name: z.string().max(200).optional(),
      timeZone: z.string().max(100).optional(),
      locale: z.string().max(35).optional(),
    })
    .loose()
    .optional(),
  ...Object.fromEntries(BACKUP_TABLES.map((t) => [t.key, z.array(rowSchema(t)).default([])])),
});
export type Backup = z.output<typeof backupSchema>;

/** `(a, b) > (x, y)` for a keyset read. */
export function after(order: Column[], last: unknown[]) {
  return sql`(${sql.join(order, sql`, `)}) > (${sql.join(
    last.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}
