import { index, jsonb, pgEnum, pgTable, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
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
