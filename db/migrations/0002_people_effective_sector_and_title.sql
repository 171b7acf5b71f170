ALTER TABLE "people" ADD COLUMN "effective_sector_id" uuid;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "title_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "title_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', title_text)) STORED;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_effective_sector_id_sectors_id_fk" FOREIGN KEY ("effective_sector_id") REFERENCES "public"."sectors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "people_user_effective_sector_idx" ON "people" USING btree ("user_id","effective_sector_id","last_met_at" DESC NULLS LAST,"id") WHERE "people"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "people_title_vector_idx" ON "people" USING gin ("title_vector");