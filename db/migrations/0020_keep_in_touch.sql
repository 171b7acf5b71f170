CREATE TYPE "public"."keep_in_touch_unit" AS ENUM('none', 'days', 'months');--> statement-breakpoint
CREATE TYPE "public"."interaction_kind" AS ENUM('call', 'coffee', 'email', 'message', 'meeting', 'other');--> statement-breakpoint
CREATE TABLE "interactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "interaction_kind" NOT NULL,
	"occurred_on" date NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "interactions_note_length" CHECK (char_length("interactions"."note") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "keep_in_touch_unit" "keep_in_touch_unit";--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "keep_in_touch_every" integer;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "keep_in_touch_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "contact_snoozed_until" date;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "last_contact_on" date;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "next_contact_due" date;--> statement-breakpoint
ALTER TABLE "sectors" ADD COLUMN "keep_in_touch_unit" "keep_in_touch_unit";--> statement-breakpoint
ALTER TABLE "sectors" ADD COLUMN "keep_in_touch_every" integer;--> statement-breakpoint
ALTER TABLE "sectors" ADD COLUMN "keep_in_touch_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interactions_user_person_idx" ON "interactions" USING btree ("user_id","person_id","occurred_on" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "interactions_person_idx" ON "interactions" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "interactions_user_deleted_idx" ON "interactions" USING btree ("user_id","deleted_at") WHERE "interactions"."deleted_at" is not null;--> statement-breakpoint
CREATE INDEX "people_user_next_contact_idx" ON "people" USING btree ("user_id","next_contact_due") WHERE "people"."deleted_at" is null and "people"."next_contact_due" is not null;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_keep_in_touch_check" CHECK (("people"."keep_in_touch_unit" is null and "people"."keep_in_touch_every" is null)
        or ("people"."keep_in_touch_unit" = 'none' and "people"."keep_in_touch_every" is null)
        or ("people"."keep_in_touch_unit" = 'days' and "people"."keep_in_touch_every" between 1 and 3650)
        or ("people"."keep_in_touch_unit" = 'months' and "people"."keep_in_touch_every" in (1, 3, 6, 12)));--> statement-breakpoint
ALTER TABLE "sectors" ADD CONSTRAINT "sectors_keep_in_touch_check" CHECK (("sectors"."keep_in_touch_unit" is null and "sectors"."keep_in_touch_every" is null)
        or ("sectors"."keep_in_touch_unit" = 'days' and "sectors"."keep_in_touch_every" between 1 and 3650)
        or ("sectors"."keep_in_touch_unit" = 'months' and "sectors"."keep_in_touch_every" in (1, 3, 6, 12)));