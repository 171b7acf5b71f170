import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, deletedAt, id, updatedAt, version } from './columns';
import { people } from './contacts';
import { networkingEvents } from './events';
import { users } from './users';

export const followUpStatus = pgEnum('follow_up_status', ['open', 'done']);

export const followUps = pgTable(
  'follow_ups',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    action: text().notNull(),
    /** A calendar date in the user's time zone; "today" is computed there. */
    dueOn: date({ mode: 'string' }),
    status: followUpStatus().notNull().default('open'),
    doneAt: timestamp({ withTimezone: true }),
    /**
     * How often it was snoozed, and the day it was due before the first time: a follow-up put off week after week says
     * so. An edit of the due day is a new plan, not a snooze, and leaves both as they are.
     */
    snoozes: integer().notNull().default(0),
    firstDueOn: date({ mode: 'string' }),
    personId: uuid().references(() => people.id, { onDelete: 'set null' }),
    eventId: uuid().references(() => networkingEvents.id, { onDelete: 'set null' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    index('follow_ups_user_status_due_idx').on(t.userId, t.status, t.dueOn),
    // The open lists' order (due day, then when added), so a due group's first page reads only its rows.
    index('follow_ups_user_open_order_idx')
      .on(t.userId, t.status, t.dueOn, t.createdAt, t.id)
      .where(sql`${t.deletedAt} is null`),
    index('follow_ups_person_idx').on(t.personId),
    index('follow_ups_event_idx').on(t.eventId),
    // "Done recently" (the review, the dashboard): the latest few read in order, however many were ever done.
    index('follow_ups_user_done_idx')
      .on(t.userId, t.doneAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} = 'done' and ${t.deletedAt} is null`),
    index('follow_ups_user_deleted_idx')
      .on(t.userId, t.deletedAt)
      .where(sql`${t.deletedAt} is not null`),
    // Done, and when: a follow-up is done exactly when it has the moment it was done (restores, imports and plain
    // SQL included; migration 0030 made the rows agree first).
    check('follow_ups_done_at_agrees', sql`(${t.status} = 'done') = (${t.doneAt} is not null)`),
  ],
);

export type FollowUpRow = typeof followUps.$inferSelect;
export type NewFollowUpRow = typeof followUps.$inferInsert;
export type FollowUpStatus = (typeof followUpStatus.enumValues)[number];
