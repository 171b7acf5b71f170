-- People in a sector in last-met order, with the vectors search checks each against: a broad search
-- ("chief digital officer" in Government) walks this without reading the table (an index-only scan). Written
-- by hand because drizzle's index builder has no INCLUDE; db/schema/contacts.ts notes it beside the others.
CREATE INDEX IF NOT EXISTS "people_user_sector_search_idx"
  ON "people" USING btree ("user_id", "effective_sector_id", "last_met_at" DESC NULLS LAST, "id")
  INCLUDE ("search_vector", "title_vector")
  WHERE "deleted_at" IS NULL;
