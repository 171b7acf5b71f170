import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { users } from './users';

/** What an import changed on someone it matched, as it was before: the fields it filled or added to, and topics it added. */
export interface ImportedUpdate {
  id: string;
  /** The person's version once the import wrote them: undo puts back only what no one has changed since. */
  version: number;
  before: Partial<Record<'name' | 'role' | 'email' | 'phone' | 'notes' | 'organisationId' | 'sectorId', string | null>> & { links?: string[] };
  /** Normalised names of the topics it gave them. */
  topicsAdded?: string[];
}

/** An organisation that had no sector and took the one chosen for the import's rows, at the version it then had. */
export interface LearntSector {
  id: string;
  sectorId: string;
  version: number;
}

/** What an undo did, as Settings → Import goes on saying it (lib/import/undo.ts, UndoneImport). */
export interface UndoneCounts {
  removed: number;
  reverted: number;
  kept: number;
  organisations: number;
  /** The organisations whose sector (given by the import) it took back: a restore gives back those only. */
  sectorsTakenBack?: string[];
  /**
   * Those it gave back what they had, with what the import had written (`after`, the same fields as `before`) and the
   * version the undo left them at: a restore writes the import's values again where nobody has changed them since.
   * Emptied by the restore.
   */
  redo?: { id: string; version: number; after: ImportedUpdate['before']; topicsAdded?: string[] }[];
  /** When a restore last brought it back (ISO). */
  restoredAt?: string;
  /** How many of those it gave back what they had a restore gave its values again. */
  reapplied?: number;
}

/**
 * One contacts import of the last restore window: the people it created and what it changed on those it updated, the
 * organisations it made and the sectors it gave organisations. Undo removes the people it made (to Settings →
 * Deleted) and puts back what it filled in, for whoever no one has touched since, then removes the organisations it
 * made that nobody is at any more; the row stays, marked undone with what the undo did, so the import is still
 * listed and the people it sent to Deleted can be restored together. Removed by the purge.
 */
export const importUndos = pgTable(
  'import_undos',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    created: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    updated: jsonb().$type<ImportedUpdate[]>().notNull().default([]),
    /** The organisations it made: undo removes those nobody is at any more (restoring a person brings theirs back). */
    organisations: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Organisations it had filed under a sector: undo takes it back where no one has changed the organisation since. */
    sectorsLearnt: jsonb().$type<LearntSector[]>().notNull().default([]),
    /** What was imported, as the user would know it: the file's name, else its kind. None on imports before it was kept. */
    source: text(),
    createdAt: createdAt(),
    /** When it was undone (the people it removed went to Deleted at this very time), or null. */
    undoneAt: timestamp({ withTimezone: true }),
    /** What the undo did. */
    undone: jsonb().$type<UndoneCounts>(),
  },
  (t) => [index('import_undos_user_created_idx').on(t.userId, t.createdAt)],
);
