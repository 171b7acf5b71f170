DROP INDEX "organisations_user_name_key";--> statement-breakpoint
DROP INDEX "sectors_user_name_key";--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sectors" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_user_name_key" ON "organisations" USING btree ("user_id",lower("name")) WHERE "organisations"."deleted_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "sectors_user_name_key" ON "sectors" USING btree ("user_id",lower("name")) WHERE "sectors"."deleted_at" is null;