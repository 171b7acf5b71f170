import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, deletedAt, id, tsvector, updatedAt, version } from './columns';
import { people } from './contacts';
import { users } from './users';

export const networkingEvents = pgTable(
  'events',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }),
    venue: text(),
    host: text(),
    /** The recurring evening this belongs to, e.g. "CIO Club monthly". */
    series: text(),
    summary: text(),
    reflection: text(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    index('events_user_starts_idx').on(t.userId, t.startsAt.desc(), t.id),
    // The dashboard's events per month: counted from this index alone (an index-only scan), where the index above
    // must read each event's row to skip the deleted ones.
    index('events_user_live_starts_idx')
      .on(t.userId, t.startsAt)
      .where(sql`${t.deletedAt} is null`),
    index('events_user_series_idx').on(t.userId, sql`lower(${t.series})`),
    index('events_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
    index('events_user_deleted_idx')
      .on(t.userId, t.deletedAt)
      .where(sql`${t.deletedAt} is not null`),
  ],
);

export const encounterRelation = pgEnum('encounter_relation', ['met', 'spoke', 'mentioned']);

/** A person at an event: met in passing, spoke (a speaker), or only mentioned. */
export const encounters = pgTable(
  'encounters',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    eventId: uuid()
      .notNull()
      .references(() => networkingEvents.id, { onDelete: 'cascade' }),
    personId: uuid()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    relation: encounterRelation().notNull().default('met'),
    /** Private conversation notes: never published unless the user asks. */
    notes: text(),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('encounters_event_person_key').on(t.eventId, t.personId),
    // Who was met or spoken with at given events (the weekly review, the brief, an event's head count), read from the
    // index alone: a busy week of 48 evenings and 1,900 encounters no longer visits each encounter's row.
    index('encounters_event_met_idx')
      .on(t.eventId, t.personId, t.userId)
      .where(sql`${t.relation} <> 'mentioned'`),
    index('encounters_user_id_idx').on(t.userId),
    index('encounters_person_idx').on(t.personId),
  ],
);

export const topics = pgTable(
  'topics',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    /** lower-case, trimmed, inner spaces collapsed: "Open  Data" and "open data" are one topic. */
    normalisedName: text().notNull(),
    /**
     * The normalised names of the topics merged into this one: typed again (an evening logged later, or saved from a
     * phone's outbox), they mean this topic rather than making the merged one anew. An undo takes them back.
     */
    aliases: jsonb().$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('topics_user_normalised_key').on(t.userId, t.normalisedName), index('topics_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops'))],
);

export const eventTopics = pgTable(
  'event_topics',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    eventId: uuid()
      .notNull()
      .references(() => networkingEvents.id, { onDelete: 'cascade' }),
    topicId: uuid()
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.topicId] }), index('event_topics_user_topic_idx').on(t.userId, t.topicId)],
);

export const encounterTopics = pgTable(
  'encounter_topics',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    encounterId: uuid()
      .notNull()
      .references(() => encounters.id, { onDelete: 'cascade' }),
    topicId: uuid()
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.encounterId, t.topicId] }), index('encounter_topics_user_topic_idx').on(t.userId, t.topicId)],
);

/**
 * A topic the person is known for, apart from any event: a vCard CATEGORIES value, a Google label, an Outlook
 * category, or one typed on the person's page. Searched with the person (the People page's topic filter).
 */
export const personTopics = pgTable(
  'person_topics',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    personId: uuid()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    topicId: uuid()
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.personId, t.topicId] }), index('person_topics_user_topic_idx').on(t.userId, t.topicId)],
);

/** A fact or statistic heard at an event, optionally credited to a person. */
export const insights = pgTable(
  'insights',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    eventId: uuid()
      .notNull()
      .references(() => networkingEvents.id, { onDelete: 'cascade' }),
    personId: uuid().references(() => people.id, { onDelete: 'set null' }),
    text: text().notNull(),
    /** Heard in confidence: never composed into a post, and cut from anything published or exported. */
    offTheRecord: boolean().notNull().default(false),
    /** The fact's words, for full-text search on /facts (pg_trgm on `text` catches typos and prefixes). */
    searchVector: tsvector().generatedAlwaysAs(sql`to_tsvector('simple', text)`),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('insights_user_event_idx').on(t.userId, t.eventId),
    index('insights_person_idx').on(t.personId),
    // The facts credited to a speaker, per user: /facts' speaker, organisation and sector choices.
    index('insights_user_person_idx')
      .on(t.userId, t.personId)
      .where(sql`${t.personId} is not null`),
    index('insights_search_vector_idx').using('gin', t.searchVector),
    index('insights_text_trgm_idx').using('gin', t.text.op('gin_trgm_ops')),
  ],
);

/**
 * Words of off-the-record facts that are no longer a fact's words: the text an off-the-record fact had before it was
 * edited, or when it was deleted (with its event, or purged). A post composed from the old words must still be cut
 * of them, so they are kept here (by the insights_keep_redacted trigger, migration 0037) and cut as the live facts
 * are. Putting the fact back on the record drops its rows. `insightId` is no reference: the fact may be gone.
 */
export const redactedTexts = pgTable(
  'redacted_texts',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    insightId: uuid(),
    text: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('redacted_texts_user_idx').on(t.userId), index('redacted_texts_insight_idx').on(t.insightId)],
);

export type EventRow = typeof networkingEvents.$inferSelect;
export type NewEventRow = typeof networkingEvents.$inferInsert;
export type EncounterRow = typeof encounters.$inferSelect;
export type EncounterRelation = (typeof encounterRelation.enumValues)[number];
export type TopicRow = typeof topics.$inferSelect;
export type InsightRow = typeof insights.$inferSelect;
