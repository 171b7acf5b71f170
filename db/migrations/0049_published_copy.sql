ALTER TABLE "posts" ADD COLUMN "published_title" text;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "published_body_markdown" text;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "published_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_published_copy_whole" CHECK (("posts"."published_title" is null) = ("posts"."published_body_markdown" is null));