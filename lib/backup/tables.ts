import { CANNOT_STORE, storable } from '@/lib/validation/text';
import { getTableColumns, sql, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { createInteractionSchema } from '@/lib/interactions/validation';
import { link as personLink } from '@/lib/people/validation';
import { joinList } from '@/lib/posts/english';
import { privatePeopleNamed } from '@/lib/posts/named';
import { slugQuotes, textsToCut } from '@/lib/posts/off-the-record';
import { slugSchema } from '@/lib/posts/validation';
import { dayInput } from '@/lib/validation/dates';
import {
  encounterTopics,
  encounters,
  eventTopics,
  followUps,
  formerPostSlugs,
  insights,
  interactions,
  networkingEvents,
  notDuplicates,
  organisationNotDuplicates,
  organisations,
  people,
  personTopics,
  posts,
  redactedTexts,
  sectors,
  topics,
} from '@/db/schema';

export const BACKUP_FORMAT = 'rapport-backup';
/**
 * Version 2 added `personTopics`, version 3 `interactions` and the keep-in-touch columns of people and sectors,
 * version 4 `redactedTexts`, version 5 `notDuplicates`, version 6 `organisationNotDuplicates`, version 7 the text readers
 * see of a published post edited since (`publishedTitle`, `publishedBodyMarkdown`, `publishedUpdatedAt`: a server that
 * read them as a version 6 would drop them and put the held edits out), version 8 `formerPostSlugs`; older backups (which
 * have none) still restore.
 */
export const BACKUP_VERSION = 8;
const READABLE_VERSIONS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

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
  /**
   * A column (expression) unique per user: a row with the same value in the account is the same row. With
   * `aliases`, so is a row that has the value among the names merged into it (its own name first, then the older).
   */
  natural?: { column: string; sql: (alias: string) => string; aliases?: true };
  /**
   * Rows merged away (`deleted_at` set, kept only so the merge can be undone) are neither backed up nor matched by
   * name on restore: a backup holds what the account has, and a merged-away name belongs to no live row.
   */
  liveOnly?: true;
  /** A checked row made to keep the table's rules before it is written (a file edited by hand, or an older one). */
  normalise?: (row: Record<string, unknown>) => Record<string, unknown>;
  /**
   * Columns checked by the rule the forms and the API use, in place of the check by column type: what a backup
   * restores is shown, linked and sent in headers like anything typed in, so it crosses the same schema. A row that
   * fails refuses the file with the others (`people 12, links: …`).
   */
  fields?: Record<string, z.ZodType>;
  /**
   * The last check of a row about to be written, in the restore's transaction, so it sees the rows restored before
   * it: it may change the row, and then says which column and why, for the restore's report.
   */
  settle?: (tx: Tx, userId: string, row: Record<string, unknown>) => Promise<{ row: Record<string, unknown>; note?: { column: string; message: string } }>;
}

/** A pair table's last check: its two ids put smaller first (the table's check), whichever order new ids gave them. */
function inOrder(first: string, second: string): NonNullable<BackupTable['settle']> {
  return async (_tx, _userId, row) => ({ row: String(row[first]) < String(row[second]) ? row : { ...row, [first]: row[second], [second]: row[first] } });
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
    natural: { column: 'name', sql: (a) => `lower(${a})`, aliases: true },
    liveOnly: true,
    // The names merged into it: as many as were merged, each an organisation's name (at most 200 characters).
    fields: { aliases: z.array(z.string().max(200)).max(10_000) },
  },
  {
    key: 'people',
    table: people,
    order: [people.id],
    omit: derived,
    refs: { organisationId: 'organisations', sectorId: 'sectors' },
    // Each link as the form takes it, but up to 50 of them, not the form's 10: a merge keeps the links of both people.
    fields: { links: z.array(personLink).max(50) },
  },
  { key: 'events', table: networkingEvents, order: [networkingEvents.id], omit: [], refs: {} },
  {
    key: 'topics',
    table: topics,
    order: [topics.id],
    omit: [],
    refs: {},
    natural: { column: 'normalisedName', sql: (a) => a, aliases: true },
    // The names merged into a topic: as many as were merged, each a topic's name (at most 60 characters).
    fields: { aliases: z.array(z.string().max(200)).max(10_000) },
  },
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
    // The words off-the-record facts had before they were edited or deleted: without them a restored account would
    // serve those words again in the posts written from them. A fact that is gone leaves its words with no fact.
    key: 'redactedTexts',
    table: redactedTexts,
    order: [redactedTexts.id],
    omit: [],
    refs: { insightId: 'insights' },
  },
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
  {
    key: 'interactions',
    table: interactions,
    order: [interactions.id],
    omit: [],
    refs: { personId: 'people' },
    // The note and the day as the form takes them: a note of at most 2000 characters (the interactions_note_length
    // check), a day in the years dates may have. By column type the note could be 200,000 characters and the day in
    // year 0, which Postgres refuses; either would fail the insert after the check had passed it (a 500, not a row error).
    fields: { note: createInteractionSchema.shape.note, occurredOn: dayInput() },
  },
  {
    // Pairs the user said are two people: without them a restored account would ask about every one again.
    key: 'notDuplicates',
    table: notDuplicates,
    order: [notDuplicates.personId, notDuplicates.otherId],
    omit: [],
    refs: { personId: 'people', otherId: 'people' },
    // The smaller id first (the not_duplicates_in_order check): a person restored under a new id may change the order.
    settle: inOrder('personId', 'otherId'),
  },
  {
    // Organisations the user said are two: likewise. A pair with one merged away since is not in the backup (the
    // organisation is not), and is skipped.
    key: 'organisationNotDuplicates',
    table: organisationNotDuplicates,
    order: [organisationNotDuplicates.organisationId, organisationNotDuplicates.otherId],
    omit: [],
    refs: { organisationId: 'organisations', otherId: 'organisations' },
    settle: inOrder('organisationId', 'otherId'),
  },
  {
    key: 'posts',
    table: posts,
    order: [posts.id],
    omit: [],
    refs: { eventId: 'events' },
    natural: { column: 'slug', sql: (a) => a },
    // The slug is the post's address and its download's file name (a Content-Disposition header): the editor's rule.
    fields: { slug: slugSchema },
    // The text readers see of a published post edited since: whole (title and body) or none, and only while published.
    normalise: (row) =>
      row.status !== 'published'
        ? { ...row, publishedTitle: null, publishedBodyMarkdown: null, publishedUpdatedAt: null }
        : typeof row.publishedTitle === 'string' && typeof row.publishedBodyMarkdown === 'string'
          ? row
          : { ...row, publishedTitle: null, publishedBodyMarkdown: null },
    settle: publishedAsPublishPostWould,
  },
  {
    // Addresses a published post had before: links shared to them lead to it again in the restored account.
    key: 'formerPostSlugs',
    table: formerPostSlugs,
    order: [formerPostSlugs.slug],
    omit: [],
    refs: { postId: 'posts' },
    fields: { slug: slugSchema },
  },
];

/**
 * A published post stays published only if publishPost would publish it as it is: one that names someone met at its
 * event who asked not to be named in public comes back a draft (keeping its first publication date, as unpublishing
 * does), to be published again where the names are confirmed; the backup cannot say they were. So does one whose
 * address quotes an off-the-record fact (restored before the posts), which publishing again gives a new address. The
 * facts in its title and body need no check: they are cut from whatever is served (off-the-record.ts).
 */
async function publishedAsPublishPostWould(tx: Tx, userId: string, row: Record<string, unknown>) {
  if (row.status !== 'published') return { row };
  // Back to draft: the author's text is all there is, edits held from readers included.
  const draft = { ...row, status: 'draft', publishedTitle: null, publishedBodyMarkdown: null, publishedUpdatedAt: null };
  if (slugQuotes(String(row.slug), await restoredTextsToCut(tx, userId))) {
    return {
      row: draft,
      note: {
        column: 'slug',
        message: `The address of “${String(row.title)}” quotes a fact you marked off the record, so it was restored as a draft; publishing it again gives it a new address.`,
      },
    };
  }
  const eventId = typeof row.eventId === 'string' ? row.eventId : null;
  // What readers would see: the text as last published, if it was edited since.
  const seen = `${String(row.publishedTitle ?? row.title)}\n${String(row.publishedBodyMarkdown ?? row.bodyMarkdown)}`;
  const named = await privatePeopleNamed(tx, userId, eventId, seen);
  if (named.length === 0) return { row };
  const who = joinList(named.map((p) => p.name));
  return {
    row: draft,
    note: {
      column: 'status',
      message: `“${String(row.title)}” names ${who}, who asked not to be named in public, so it was restored as a draft; publish it again to confirm.`,
    },
  };
}

/** What the cut looks for, read once per restore (its transaction) rather than once per published post. */
const textsOfRestore = new WeakMap<Tx, Promise<string[]>>();
function restoredTextsToCut(tx: Tx, userId: string): Promise<string[]> {
  let texts = textsOfRestore.get(tx);
  if (!texts) textsOfRestore.set(tx, (texts = textsToCut(userId, tx)));
  return texts;
}

/** The columns a backup carries for a table, by property name. */
export function backupColumns(t: BackupTable): [string, Column][] {
  return Object.entries(getTableColumns(t.table)).filter(([name]) => name !== 'userId' && !t.omit.includes(name));
}

const MAX_TEXT = 200_000;

/** The check of a column by its type, for a column whose table gives it no rule of its own. */
function columnSchema(col: Column): z.ZodType {
  switch (col.columnType) {
    case 'PgUUID':
      return z.uuid();
    case 'PgTimestamp':
      return z.iso.datetime({ offset: true }).transform((v) => new Date(v));
    case 'PgDateString':
      return z.iso.date();
    case 'PgInteger':
      return z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1);
    case 'PgBoolean':
      return z.boolean();
    case 'PgJsonb':
      return z.array(z.string().max(2000)).max(50);
    case 'PgEnumColumn':
      return z.enum((col as unknown as { enumValues: [string, ...string[]] }).enumValues);
    default:
      return z.string().max(MAX_TEXT).refine(storable, CANNOT_STORE);
  }
}

/** A zod schema for one row of a table, made from its drizzle columns, so a new column cannot be forgotten. */
function rowSchema(t: BackupTable) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, col] of backupColumns(t)) {
    const s = t.fields?.[name] ?? columnSchema(col);
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
      // The handle its posts were public under, and those it had given up (latest first): they lead to the restored
      // account where free (lib/auth/handles.ts). One that is no handle at all is passed by, not refused.
      handle: z.string().max(200).optional(),
      formerHandles: z.array(z.string().max(200)).max(50).optional(),
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
