import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, jsonb } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    handle: text().notNull(),
    timeZone: text().notNull().default('UTC'),
    locale: text().notNull().default('en-GB'),
    /** sha-256 of the private calendar-feed secret; null until the user creates one. */
    calendarTokenHash: text(),
    /** Whether the calendar feed has its recurring "Weekly review" entry (Settings → Calendar). */
    weeklyReviewInFeed: boolean().notNull().default(true),
    /** Settings → Writing (length, headings, spelling, unnamed people, sign-off); null until first saved. Parsed by lib/settings/writing.ts. */
    writing: jsonb().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    uniqueIndex('users_handle_lower_key').on(sql`lower(${t.handle})`),
    uniqueIndex('users_calendar_token_key').on(t.calendarTokenHash),
  ],
);

/**
 * Server-side session rows: the JWT carries only the session id, and a row is found by the id's sha-256 (`id`,
 * lib/auth/sessions.ts storedSessionId), so deleting the row ends the session everywhere and the table holds no
 * credential.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userAgent: text(),
    createdAt: createdAt(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  // expires_at: housekeeping deletes expired rows.
  (t) => [index('sessions_user_id_idx').on(t.userId), index('sessions_expires_at_idx').on(t.expiresAt)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    /** sha-256 of the token; the token itself is shown once and never stored. */
    tokenHash: text().notNull(),
    /** First characters of the token, so the user can tell tokens apart. */
    prefix: text().notNull(),
    createdAt: createdAt(),
    /** Refreshed at most once a minute, so a busy token does not cost a write per request. */
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    /** Null: never expires (the user chose so). Past it, the token is refused with 401. */
    expiresAt: timestamp({ withTimezone: true }),
    /** 'read' tokens may only GET; 'write' tokens may also POST, PATCH and DELETE. */
    scope: text({ enum: ['read', 'write'] })
      .notNull()
      .default('write'),
  },
  (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash), index('api_tokens_user_id_idx').on(t.userId)],
);

/** Fixed-window counters shared by every app server (sign-in attempts, API writes). */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text().primaryKey(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull(),
  },
  // Housekeeping deletes counters whose window has long passed.
  (t) => [index('rate_limits_window_start_idx').on(t.windowStart)],
);

/**
 * One row per (user, Idempotency-Key): a retried or double-submitted write returns the first answer. Only what a
 * replay needs is kept (status and the id of what was made, re-read on replay), never the response body, so
 * nothing the user wrote outlives its record here. Rows expire after a day (lib/housekeeping.ts).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text().notNull(),
    scope: text().notNull(),
    requestHash: text().notNull(),
    responseStatus: integer(),
    resourceId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.key] }),
    index('idempotency_keys_created_at_idx').on(t.createdAt),
    // The purge removes the keys of what it removes for good.
    index('idempotency_keys_resource_idx').on(t.userId, t.resourceId),
  ],
);

/**
 * Handles a user gave up. Their public links forward to the user's current handle, and no other account can take
 * them, so an old link never shows a stranger's posts; deleting the account frees them. Unique across users, and a
 * handle is never both someone's current handle and another's former one (lib/auth/handles.ts locks both sides).
 */
export const formerHandles = pgTable(
  'former_handles',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    handle: text().notNull(),
    releasedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.handle] }), uniqueIndex('former_handles_handle_lower_key').on(sql`lower(${t.handle})`)],
);

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
