CREATE TABLE "not_duplicates" (
	"user_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"other_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "not_duplicates_person_id_other_id_pk" PRIMARY KEY("person_id","other_id"),
	CONSTRAINT "not_duplicates_in_order" CHECK ("not_duplicates"."person_id" < "not_duplicates"."other_id")
);
--> statement-breakpoint
ALTER TABLE "not_duplicates" ADD CONSTRAINT "not_duplicates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "not_duplicates" ADD CONSTRAINT "not_duplicates_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "not_duplicates" ADD CONSTRAINT "not_duplicates_other_id_people_id_fk" FOREIGN KEY ("other_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "not_duplicates_other_idx" ON "not_duplicates" USING btree ("other_id");--> statement-breakpoint
CREATE INDEX "not_duplicates_user_idx" ON "not_duplicates" USING btree ("user_id");