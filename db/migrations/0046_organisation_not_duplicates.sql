CREATE TABLE "organisation_not_duplicates" (
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"other_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_not_duplicates_organisation_id_other_id_pk" PRIMARY KEY("organisation_id","other_id"),
	CONSTRAINT "organisation_not_duplicates_in_order" CHECK ("organisation_not_duplicates"."organisation_id" < "organisation_not_duplicates"."other_id")
);
--> statement-breakpoint
ALTER TABLE "organisation_not_duplicates" ADD CONSTRAINT "organisation_not_duplicates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_not_duplicates" ADD CONSTRAINT "organisation_not_duplicates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_not_duplicates" ADD CONSTRAINT "organisation_not_duplicates_other_id_organisations_id_fk" FOREIGN KEY ("other_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_not_duplicates_other_idx" ON "organisation_not_duplicates" USING btree ("other_id");--> statement-breakpoint
CREATE INDEX "organisation_not_duplicates_user_idx" ON "organisation_not_duplicates" USING btree ("user_id");