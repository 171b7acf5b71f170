CREATE TABLE "people_stats" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"counted_version" bigint,
	"sector_counts" jsonb
);
--> statement-breakpoint
ALTER TABLE "people_stats" ADD CONSTRAINT "people_stats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;