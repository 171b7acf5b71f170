import { customType, integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Postgres full-text vector; drizzle has no built-in type for it. */
export const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

export const id = () => uuid().primaryKey().defaultRandom();
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
/** Optimistic-concurrency counter: every edit sends the version it read and bumps it. */
export const version = () => integer().notNull().default(1);
/** Soft delete, so that a delete can be undone for a while. */
export const deletedAt = () => timestamp({ withTimezone: true });
