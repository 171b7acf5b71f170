CREATE INDEX "people_user_deleted_idx" ON "people" USING btree ("user_id","deleted_at") WHERE "people"."deleted_at" is not null;--> statement-breakpoint
CREATE INDEX "events_user_deleted_idx" ON "events" USING btree ("user_id","deleted_at") WHERE "events"."deleted_at" is not null;--> statement-breakpoint
CREATE INDEX "follow_ups_user_deleted_idx" ON "follow_ups" USING btree ("user_id","deleted_at") WHERE "follow_ups"."deleted_at" is not null;--> statement-breakpoint
CREATE INDEX "posts_user_deleted_idx" ON "posts" USING btree ("user_id","deleted_at") WHERE "posts"."deleted_at" is not null;