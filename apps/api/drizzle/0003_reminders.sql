CREATE TABLE "reminder_preferences" (
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"id" text PRIMARY KEY NOT NULL,
	"recipient_kind" text NOT NULL,
	"recipient_id" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"subject" text NOT NULL,
	"period" text NOT NULL,
	"content" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_until" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_preferences_pk" ON "reminder_preferences" USING btree ("subject_kind","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reminders_once_idx" ON "reminders" USING btree ("recipient_kind","recipient_id","kind","subject","period");--> statement-breakpoint
CREATE INDEX "reminders_queue_idx" ON "reminders" USING btree ("channel","status","created_at","id");--> statement-breakpoint
CREATE INDEX "reminders_created_idx" ON "reminders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "reminders_recipient_idx" ON "reminders" USING btree ("recipient_kind","recipient_id","created_at");