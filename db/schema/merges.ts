import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgEnum, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { organisations, people } from './contacts';
import { users } from './users';

export const mergeKind = pgEnum('merge_kind', ['person', 'organisation', 'sector', 'topic']);

/**
 * One merge the user can still undo (for the restore window): which record was kept, which was merged away,
 * and a snapshot of everything the merge changed (the merged-away row, the kept row as it was, every link moved
 * and every row folded), so undo puts back exactly what the merge moved. Removed by undo or by the purge.
 */
export const merges = pgTable(
  'merges',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: mergeKind().notNull(),
    keptId: uuid().notNull(),
    mergedId: uuid().notNull(),
    snapshot: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('merges_user_created_idx').on(t.userId, t.createdAt), index('merges_user_merged_idx').on(t.userId, t.mergedId)],
);

export type MergeRow = typeof merges.$inferSelect;
export type MergeKind = (typeof mergeKind.enumValues)[number];

/**
 * Two people the user said are not one person, though they look alike (two John Smiths at one council): the pair is
 * no longer offered as a possible duplicate, on their pages, their events' pages or the duplicates list. One row per
 * pair, the smaller id first. It goes with either person when the purge removes them for good; a soft delete keeps it,
 * so a restored person is not asked about again.
 */
export const notDuplicates = pgTable(
  'not_duplicates',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    personId: uuid()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    otherId: uuid()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.otherId] }),
    index('not_duplicates_other_idx').on(t.otherId),
    // The user's answers in one read (a backup, an account's removal), not a scan of everyone's.
    index('not_duplicates_user_idx').on(t.userId),
    check('not_duplicates_in_order', sql`${t.personId} < ${t.otherId}`),
  ],
);

/**
 * Two organisations the user said are not one, though their names look alike (initials, a spelling a letter apart):
 * the pair is no longer offered for merging. One row per pair, the smaller id first, as for people.
 */
export const organisationNotDuplicates = pgTable(
  'organisation_not_duplicates',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    otherId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.otherId] }),
    index('organisation_not_duplicates_other_idx').on(t.otherId),
    index('organisation_not_duplicates_user_idx').on(t.userId),
    check('organisation_not_duplicates_in_order', sql`${t.organisationId} < ${t.otherId}`),
  ],
);
