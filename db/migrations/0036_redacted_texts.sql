CREATE TABLE "redacted_texts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"insight_id" uuid,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "redacted_texts" ADD CONSTRAINT "redacted_texts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "redacted_texts_user_idx" ON "redacted_texts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "redacted_texts_insight_idx" ON "redacted_texts" USING btree ("insight_id");