import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, deletedAt, id, tsvector, updatedAt, version } from './columns';
import { users } from './users';

export const DEFAULT_SECTORS = [
  'Government',
  'Higher education',
  'Media',
  'Technology',
  'Finance',
  'Health',
  'Charity and non-profit',
  'Legal',
  'Consulting',
  'Retail',
  'Manufacturing',
  'Other',
] as const;

/**
 * How often to keep in touch: 'months' (calendar months in the user's time zone: 1, 3, 6 or 12), 'days' (1 to 3650),
 * or 'none' (a person only: no reminder, whatever their sector's default).
 */
export const keepInTouchUnit = pgEnum('keep_in_touch_unit', ['none', 'days', 'months']);

export const sectors = pgTable(
  'sectors',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    /** Bumped by every rename and merge, so a merge can tell the user saw the sector as it is. */
    version: version(),
    createdAt: createdAt(),
    /** Set when merged into another sector: kept (same id, every column) for undo, removed for good by the purge. */
    deletedAt: deletedAt(),
    /** The keep-in-touch default of everyone in the sector without a cadence of their own (never 'none'). */
    keepInTouchUnit: keepInTouchUnit(),
    keepInTouchEvery: integer(),
    /** When the default last changed (set by a trigger): the clock of someone never contacted starts here. */
    keepInTouchSince: timestamp({ withTimezone: true }),
  },
  (t) => [
    check(
      'sectors_keep_in_touch_check',
      sql`(${t.keepInTouchUnit} is null and ${t.keepInTouchEvery} is null)
        or (${t.keepInTouchUnit} = 'days' and ${t.keepInTouchEvery} between 1 and 3650)
        or (${t.keepInTouchUnit} = 'months' and ${t.keepInTouchEvery} in (1, 3, 6, 12))`,
    ),
    // Names are unique among live sectors: one merged away frees its name, and undo refuses if it was taken since.
    uniqueIndex('sectors_user_name_key')
      .on(t.userId, sql`lower(${t.name})`)
      .where(sql`${t.deletedAt} is null`),
    index('sectors_user_id_idx').on(t.userId),
  ],
);

export const organisations = pgTable(
  'organisations',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    sectorId: uuid().references(() => sectors.id, { onDelete: 'set null' }),
    website: text(),
    notes: text(),
    /**
     * The names of the organisations merged into this one (white space folded, spelling kept): typed again (a guest
     * of an evening logged later, an import, a phone's outbox), they mean this organisation rather than making the
     * merged one anew. An undo takes them back.
     */
    aliases: jsonb().$type<string[]>().notNull().default([]),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Set when merged into another organisation: kept (same id, every column) for undo, removed for good by the purge. */
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex('organisations_user_name_key')
      .on(t.userId, sql`lower(${t.name})`)
      .where(sql`${t.deletedAt} is null`),
    index('organisations_user_sector_idx').on(t.userId, t.sectorId),
    // A lookup by name that also finds deleted organisations (logging an evening matches a guest by name and
    // organisation): at 100,000 people the partial key above cannot serve it and the plan was a sequential scan.
    index('organisations_user_lower_name_idx').on(t.userId, sql`lower(${t.name})`),
    index('organisations_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    // Few organisations have aliases: a name looked up among them reads only those, not all of the user's.
    index('organisations_user_aliases_idx')
      .on(t.userId)
      .where(sql`jsonb_array_length(${t.aliases}) > 0`),
  ],
);

export const people = pgTable(
  'people',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Often unknown at an event: "the head of IT at the county council". */
    name: text(),
    role: text(),
    organisationId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    /** The person's own sector; when null, the organisation's sector applies. */
    sectorId: uuid().references(() => sectors.id, { onDelete: 'set null' }),
    /**
     * Denormalised: the person's own sector, else their organisation's. Kept by the database
     * (triggers of migration 0014_people_search_triggers) so that sector filters and counts read one indexed column, not a join.
     */
    effectiveSectorId: uuid().references(() => sectors.id, { onDelete: 'set null' }),
    email: text(),
    phone: text(),
    links: jsonb().$type<string[]>().notNull().default([]),
    notes: text(),
    /** "Don't name in public": posts describe the person by role and organisation. */
    keepPrivate: boolean().notNull().default(false),
    /**
     * Denormalised from encounters so lists sort by it without a join: the latest event that has started where the
     * person was met or spoke (never one where they were only mentioned). Kept by the people_search triggers.
     */
    lastMetAt: timestamp({ withTimezone: true }),
    /** The person's own keep-in-touch cadence; null follows their effective sector's default, 'none' overrides it. */
    keepInTouchUnit: keepInTouchUnit(),
    keepInTouchEvery: integer(),
    /** When the person's own cadence last changed (set by a trigger): the clock of someone never contacted starts here. */
    keepInTouchSince: timestamp({ withTimezone: true }),
    /** "Snooze": not due before this day (in the user's time zone). */
    contactSnoozedUntil: date({ mode: 'string' }),
    /**
     * Derived (migration 0019's triggers): the day, in the user's time zone, of the last real contact: an event that
     * has started where they were met or spoke, a follow-up with them done, or a logged interaction.
     */
    lastContactOn: date({ mode: 'string' }),
    /** Derived: when a contact is next due (last contact + cadence, not before the snooze); null without a cadence. */
    nextContactDue: date({ mode: 'string' }),
    /**
     * Everything a user might remember about the person (name, role, organisation, sector, notes, topics,
     * events), kept up to date by the people_search triggers (migration 0014); its words are indexed in search_vector.
     */
    searchText: text().notNull().default(''),
    searchVector: tsvector().generatedAlwaysAs(sql`to_tsvector('simple', search_text)`),
    /**
     * The words that rank a match highest: name, role and organisation name (kept by the same triggers). A
     * broad word found only in notes, topics or events reaches thousands; found here, usually a few hundred.
     */
    titleText: text().notNull().default(''),
    titleVector: tsvector().generatedAlwaysAs(sql`to_tsvector('simple', title_text)`),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    index('people_user_id_idx').on(t.userId),
    index('people_user_last_met_idx').on(t.userId, t.lastMetAt.desc().nullsLast(), t.id),
    index('people_user_org_idx').on(t.userId, t.organisationId),
    index('people_user_sector_idx').on(t.userId, t.sectorId),
    // Sector-filtered lists walk this in last-met order.
    index('people_user_effective_sector_idx')
      .on(t.userId, t.effectiveSectorId, t.lastMetAt.desc().nullsLast(), t.id)
      .where(sql`${t.deletedAt} is null`),
    // People per sector (the People page as first opened, Settings): a third of the size of the one above, so
    // counting 100,000 people reads a third of the pages.
    index('people_user_effective_sector_count_idx')
      .on(t.userId, t.effectiveSectorId)
      .where(sql`${t.deletedAt} is null`),
    index('people_user_email_idx').on(t.userId, sql`lower(${t.email})`),
    // Also people_user_sector_search_idx (user, effective sector, last met, id) INCLUDE (search_vector,
    // title_vector): a covering index drizzle cannot express, made by migration 0006 for broad searches.
    index('people_search_vector_idx').using('gin', t.searchVector),
    // Recently deleted (Settings), and removing for good what was deleted longer ago: only deleted rows.
    index('people_user_deleted_idx')
      .on(t.userId, t.deletedAt)
      .where(sql`${t.deletedAt} is not null`),
    index('people_title_vector_idx').using('gin', t.titleVector),
    // The user's private people (deleted too), read by every calendar feed fetch and the publish check: a handful out
    // of the whole book.
    index('people_user_private_idx')
      .on(t.userId)
      .where(sql`${t.keepPrivate} and ${t.name} is not null`),
    // Also people_user_surname_idx (user, surname) INCLUDE (id, name, organisation_id, email), live people only: the
    // duplicate check on a person's page reads the user's people of the same surname from it alone (migration 0027,
    // written by hand: drizzle's index builder has no INCLUDE). Its surname is SURNAME in lib/people/duplicates.ts.
    // A first name (the name's first word, to a space or hyphen, lower-cased; FIRST_NAME in lib/posts/named.ts): a post
    // that names "Raj" is checked against the user's people called Raj, not all 100,000 of them.
    index('people_user_first_name_idx')
      .on(t.userId, sql`lower(regexp_replace(${t.name}, '[\\s-].*$', ''))`)
      .where(sql`${t.deletedAt} is null and ${t.name} is not null`),
    // The People list sorted by name (the name, else the role a nameless person is shown by; those with neither
    // last; in ICU's root collation, so "Émile" comes before "Emma", not after "Zoe" as byte order has it) and by when added: each order a walk of its own index from the page's key (a row comparison the index
    // answers), so a deep page costs what the first does. See ORDER_BY in lib/people/search-list.ts.
    index('people_user_name_order_idx')
      .on(t.userId, sql`(coalesce(${t.name}, ${t.role}) is null)`, sql`lower(coalesce(${t.name}, ${t.role}, '')) collate "und-x-icu"`, t.id)
      .where(sql`${t.deletedAt} is null`),
    index('people_user_created_idx')
      .on(t.userId, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.deletedAt} is null`),
    // "Get back in touch": the people due by a day, earliest first.
    index('people_user_next_contact_idx')
      .on(t.userId, t.nextContactDue)
      .where(sql`${t.deletedAt} is null and ${t.nextContactDue} is not null`),
    check(
      'people_keep_in_touch_check',
      sql`(${t.keepInTouchUnit} is null and ${t.keepInTouchEvery} is null)
        or (${t.keepInTouchUnit} = 'none' and ${t.keepInTouchEvery} is null)
        or (${t.keepInTouchUnit} = 'days' and ${t.keepInTouchEvery} between 1 and 3650)
        or (${t.keepInTouchUnit} = 'months' and ${t.keepInTouchEvery} in (1, 3, 6, 12))`,
    ),
  ],
);

/**
 * Every word (full-text lexeme) in a user's people's search vectors: the vocabulary search expands a typed
 * prefix against ("offic" → officer, officers) and corrects a typo against ("departmnt" → department), so the
 * people index is only ever probed for whole words, its fastest path. Kept by a trigger on people (migration
 * 0024): each statement adds and takes away the words of the rows it changed, so a word goes when its last live
 * holder does, at a cost that follows the rows written, not the size of the address book.
 */
export const searchWords = pgTable(
  'search_words',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    word: text().notNull(),
    /** How many of the user's live (not deleted) people have the word; the row goes when it reaches 0. */
    peopleCount: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.word] }),
    // Prefix lookups (word like 'offic%') whatever the database's collation.
    index('search_words_user_prefix_idx').on(t.userId, t.word.op('text_pattern_ops')),
    // Typo correction compares trigrams of words, never of e-mail addresses (most of a vocabulary, never typed).
    index('search_words_word_trgm_idx')
      .using('gin', t.word.op('gin_trgm_ops'))
      .where(sql`strpos(${t.word}, '@') = 0`),
  ],
);

/**
 * How many people a user has in each sector, kept for the People page as first opened (counting 100,000 people
 * takes longer than the rest of the page). `version` goes up with every change to the user's people
 * (bumped by the people_search triggers); the counts are trusted only while `countedVersion` equals it, and recounted otherwise.
 */
export const peopleStats = pgTable('people_stats', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  version: bigint({ mode: 'number' }).notNull().default(0),
  countedVersion: bigint({ mode: 'number' }),
  /** Sector id (or "" for no sector) to the number of people in it, as of countedVersion. */
  sectorCounts: jsonb().$type<Record<string, number>>(),
});

export type SectorRow = typeof sectors.$inferSelect;
export type OrganisationRow = typeof organisations.$inferSelect;
export type NewOrganisationRow = typeof organisations.$inferInsert;
export type PersonRow = typeof people.$inferSelect;
export type NewPersonRow = typeof people.$inferInsert;
