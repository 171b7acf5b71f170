ALTER TYPE "public"."merge_kind" ADD VALUE 'topic';--> statement-breakpoint
ALTER TABLE "insights" ADD COLUMN "off_the_record" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "insights" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED;--> statement-breakpoint
CREATE INDEX "insights_search_vector_idx" ON "insights" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "insights_text_trgm_idx" ON "insights" USING gin ("text" gin_trgm_ops);