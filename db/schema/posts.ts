import { sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, deletedAt, id, updatedAt, version } from './columns';
import { networkingEvents } from './events';
import { users } from './users';

export const postStyle = pgEnum('post_style', ['narrative', 'summary', 'social']);
export const postStatus = pgEnum('post_status', ['draft', 'published']);

export const posts = pgTable(
  'posts',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    eventId: uuid().references(() => networkingEvents.id, { onDelete: 'set null' }),
    title: text().notNull(),
    slug: text().notNull(),
    bodyMarkdown: text().notNull().default(''),
    style: postStyle().notNull().default('narrative'),
    status: postStatus().notNull().default('draft'),
    publishedAt: timestamp({ withTimezone: true }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex('posts_user_slug_key').on(t.userId, t.slug),
    index('posts_user_status_idx').on(t.userId, t.status, t.publishedAt.desc()),
    index('posts_event_idx').on(t.eventId),
    index('posts_user_deleted_idx')
      .on(t.userId, t.deletedAt)
      .where(sql`${t.deletedAt} is not null`),
  ],
);

export type PostRow = typeof posts.$inferSelect;
export type NewPostRow = typeof posts.$inferInsert;
export type PostStyle = (typeof postStyle.enumValues)[number];
