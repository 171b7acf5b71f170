import { sql } from 'drizzle-orm';
import { check, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    // What readers see of a published post edited since: its title and body as last published. Null when they see the
    // post as it is (a draft, or a published post with no edits held back), so title and body are always the author's.
    publishedTitle: text(),
    publishedBodyMarkdown: text(),
    // When the text readers see last changed, where that is not updated_at: edits held, or put back since.
    publishedUpdatedAt: timestamp({ withTimezone: true }),
    style: postStyle().notNull().default('narrative'),
    status: postStatus().notNull().default('draft'),
    publishedAt: timestamp({ withTimezone: true }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('posts_published_copy_whole', sql`(${t.publishedTitle} is null) = (${t.publishedBodyMarkdown} is null)`),
    uniqueIndex('posts_user_slug_key').on(t.userId, t.slug),
    index('posts_user_status_idx').on(t.userId, t.status, t.publishedAt.desc()),
    index('posts_event_idx').on(t.eventId),
    index('posts_user_deleted_idx')
      .on(t.userId, t.deletedAt)
      .where(sql`${t.deletedAt} is not null`),
  ],
);

/**
 * Addresses a published post had before the author changed it: links shared to them forward to the post's address now.
 * A post that now has the address itself wins over one that had it. An address a post left because it quoted a fact
 * marked off the record is not kept: it forwards nowhere.
 */
export const formerPostSlugs = pgTable(
  'former_post_slugs',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    slug: text().notNull(),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    releasedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.slug] }), index('former_post_slugs_post_idx').on(t.postId)],
);

export type PostRow = typeof posts.$inferSelect;
export type NewPostRow = typeof posts.$inferInsert;
export type PostStyle = (typeof postStyle.enumValues)[number];
