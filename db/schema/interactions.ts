import { sql } from 'drizzle-orm';
import { check, date, index, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, deletedAt, id, updatedAt, version } from './columns';
import { people } from './contacts';
import { users } from './users';

export const interactionKind = pgEnum('interaction_kind', ['call', 'coffee', 'email', 'message', 'meeting', 'other']);

/** A contact the user logged with a person outside any event ("Log a contact"): it resets their keep-in-touch clock. */
export const interactions = pgTable(
  'interactions',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    personId: uuid()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    kind: interactionKind().notNull(),
    /** A calendar day in the user's time zone. */
    occurredOn: date({ mode: 'string' }).notNull(),
    note: text(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    index('interactions_user_person_idx').on(t.userId, t.personId, t.occurredOn.desc(), t.id),
    index('interactions_person_idx').on(t.personId),
    index('interactions_user_deleted_idx')
      .on(t.userId, t.deletedAt)
      .where(sql`${t.deletedAt} is not null`),
    check('interactions_note_length', sql`char_length(${t.note}) <= 2000`),
  ],
);

export type InteractionRow = typeof interactions.$inferSelect;
export type InteractionKind = (typeof interactionKind.enumValues)[number];
