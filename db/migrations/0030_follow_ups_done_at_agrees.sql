-- Before the next migration's CHECK: a done follow-up carries when it was done, and an open one carries no such moment.
-- Every write of the app already keeps this; the rows are made to agree. A lost done moment becomes the follow-up's
-- creation, the earliest it can have been done: a later guess would count as a later contact with the person and push
-- their keep-in-touch reminder back (migration 0021's trigger reads done_at).
UPDATE "follow_ups" SET "done_at" = "created_at" WHERE "status" = 'done' AND "done_at" IS NULL;--> statement-breakpoint
UPDATE "follow_ups" SET "done_at" = NULL WHERE "status" = 'open' AND "done_at" IS NOT NULL;
