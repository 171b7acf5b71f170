-- The duplicate check on a person's page: the user's live people with the same surname (the last word of the name,
-- lower-cased, exactly SURNAME in lib/people/duplicates.ts). The title_vector GIN index found the surname in every
-- user's rows and read each one to keep the user's; this finds the user's own, and carries what the check compares
-- (an index-only scan), so a surname shared by a thousand people costs no visit to the table. Written by hand because
-- drizzle's index builder has no INCLUDE; db/schema/contacts.ts notes it beside the others.
CREATE INDEX IF NOT EXISTS "people_user_surname_idx"
  ON "people" USING btree ("user_id", lower(regexp_replace("name", '^.*\s', '')))
  INCLUDE ("id", "name", "organisation_id", "email")
  WHERE "deleted_at" IS NULL;
