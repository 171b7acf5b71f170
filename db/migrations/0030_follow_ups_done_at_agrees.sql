-- Before the next migration's CHECK: a done follow-up carries when it was done (its last change, when that was lost),
-- and an open one carries no such moment. Every write of the app already keeps this; the rows are made to agree.
UPDATE "follow_ups" SET "done_at" = "updated_at" WHERE "status" = 'done' AND "done_at" IS NULL;--> statement-breakpoint
UPDATE "follow_ups" SET "done_at" = NULL WHERE "status" = 'open' AND "done_at" IS NOT NULL;
