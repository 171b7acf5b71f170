CREATE TABLE "former_handles" (
	"user_id" uuid NOT NULL,
	"handle" text NOT NULL,
	"released_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "former_handles_user_id_handle_pk" PRIMARY KEY("user_id","handle")
);
--> statement-breakpoint
ALTER TABLE "former_handles" ADD CONSTRAINT "former_handles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "former_handles_handle_lower_key" ON "former_handles" USING btree (lower("handle"));