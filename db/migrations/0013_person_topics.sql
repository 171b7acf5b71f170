CREATE TABLE "person_topics" (
	"user_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	CONSTRAINT "person_topics_person_id_topic_id_pk" PRIMARY KEY("person_id","topic_id")
);
--> statement-breakpoint
ALTER TABLE "person_topics" ADD CONSTRAINT "person_topics_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_topics" ADD CONSTRAINT "person_topics_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_topics" ADD CONSTRAINT "person_topics_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_topics_user_topic_idx" ON "person_topics" USING btree ("user_id","topic_id");