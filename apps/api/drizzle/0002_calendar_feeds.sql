CREATE TABLE "calendar_feeds" (
	"id" text PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"name" text NOT NULL,
	"owner_role" text NOT NULL,
	"student_id" text,
	"staff_id" text,
	"token_id" text NOT NULL,
	"registered_only" boolean NOT NULL,
	"language" text,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_hash_idx" ON "calendar_feeds" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "calendar_feeds_student_idx" ON "calendar_feeds" USING btree ("student_id","created_at");--> statement-breakpoint
CREATE INDEX "calendar_feeds_staff_idx" ON "calendar_feeds" USING btree ("staff_id","created_at");--> statement-breakpoint
CREATE INDEX "calendar_feeds_token_idx" ON "calendar_feeds" USING btree ("token_id","created_at");