ALTER TABLE "import_undos" ADD COLUMN "undone_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "import_undos" ADD COLUMN "undone" jsonb;