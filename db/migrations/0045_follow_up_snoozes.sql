ALTER TABLE "follow_ups" ADD COLUMN "snoozes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "first_due_on" date;