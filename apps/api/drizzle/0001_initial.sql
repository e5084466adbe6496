CREATE TABLE "agreements" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"start_date" date,
	"end_date" date,
	"institution_ids" text[] NOT NULL,
	"title_sort" text NOT NULL,
	"search" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"topic" text NOT NULL,
	"language" text NOT NULL,
	"audience" text[] NOT NULL,
	"tags" text[] NOT NULL,
	"title_sort" text NOT NULL,
	"search" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"token_id" text,
	"actor_role" text NOT NULL,
	"actor_id" text,
	"on_behalf_of" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"version_before" integer,
	"version_after" integer,
	"request_id" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "awards" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"year" integer NOT NULL,
	"category" text NOT NULL,
	"search" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "binding_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"user_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"succeeded" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "binding_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"lookup" text NOT NULL,
	"hash" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_bindings" (
	"channel" text NOT NULL,
	"user_id" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"code_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delegations" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"direction" text NOT NULL,
	"status" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"institution_ids" text[] NOT NULL,
	"countries" text[] NOT NULL,
	"title_sort" text NOT NULL,
	"search" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"audience" text[] NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer,
	"cancelled" boolean NOT NULL,
	"academic_year" text,
	"title_sort" text NOT NULL,
	"search" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"token_id" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"state" text NOT NULL,
	"status" integer,
	"headers" jsonb,
	"body" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institutions" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"country" text NOT NULL,
	"stage" text NOT NULL,
	"kind" text NOT NULL,
	"strategic" boolean NOT NULL,
	"name_sort" text NOT NULL,
	"search" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"published_on" date NOT NULL,
	"title_sort" text NOT NULL,
	"search" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL,
	"participant_key" text NOT NULL,
	"student_id" text,
	"status" text NOT NULL,
	"sequence" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"role" text NOT NULL,
	"email" text NOT NULL,
	"name_sort" text NOT NULL,
	"search" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "students" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"programme_kind" text NOT NULL,
	"nationality" text NOT NULL,
	"home_institution_id" text,
	"agreement_id" text,
	"level" text,
	"academic_year" text NOT NULL,
	"programme_start" date NOT NULL,
	"programme_end" date NOT NULL,
	"first_document_expiry" date,
	"advisor_id" text,
	"name_sort" text NOT NULL,
	"search" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"student_id" text,
	"staff_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "agreements_created_idx" ON "agreements" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "agreements_title_idx" ON "agreements" USING btree ("title_sort","id");--> statement-breakpoint
CREATE INDEX "agreements_kind_idx" ON "agreements" USING btree ("kind","created_at","id");--> statement-breakpoint
CREATE INDEX "agreements_status_idx" ON "agreements" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "agreements_end_idx" ON "agreements" USING btree ("end_date","id");--> statement-breakpoint
CREATE INDEX "agreements_institutions_idx" ON "agreements" USING gin ("institution_ids");--> statement-breakpoint
CREATE INDEX "agreements_search_idx" ON "agreements" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "articles_created_idx" ON "articles" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "articles_title_idx" ON "articles" USING btree ("title_sort","id");--> statement-breakpoint
CREATE INDEX "articles_topic_idx" ON "articles" USING btree ("topic","language");--> statement-breakpoint
CREATE INDEX "articles_language_idx" ON "articles" USING btree ("language","created_at","id");--> statement-breakpoint
CREATE INDEX "articles_audience_idx" ON "articles" USING gin ("audience");--> statement-breakpoint
CREATE INDEX "articles_tags_idx" ON "articles" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "articles_search_idx" ON "articles" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "awards_created_idx" ON "awards" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "awards_year_idx" ON "awards" USING btree ("year","id");--> statement-breakpoint
CREATE INDEX "awards_category_idx" ON "awards" USING btree ("category","year","id");--> statement-breakpoint
CREATE INDEX "awards_search_idx" ON "awards" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "binding_attempts_user_idx" ON "binding_attempts" USING btree ("channel","user_id","at");--> statement-breakpoint
CREATE INDEX "binding_codes_lookup_idx" ON "binding_codes" USING btree ("lookup","expires_at");--> statement-breakpoint
CREATE INDEX "binding_codes_subject_idx" ON "binding_codes" USING btree ("subject_kind","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_bindings_pk" ON "channel_bindings" USING btree ("channel","user_id");--> statement-breakpoint
CREATE INDEX "channel_bindings_subject_idx" ON "channel_bindings" USING btree ("subject_kind","subject_id");--> statement-breakpoint
CREATE INDEX "delegations_created_idx" ON "delegations" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "delegations_title_idx" ON "delegations" USING btree ("title_sort","id");--> statement-breakpoint
CREATE INDEX "delegations_start_idx" ON "delegations" USING btree ("start_date","id");--> statement-breakpoint
CREATE INDEX "delegations_end_idx" ON "delegations" USING btree ("end_date","id");--> statement-breakpoint
CREATE INDEX "delegations_direction_idx" ON "delegations" USING btree ("direction","start_date","id");--> statement-breakpoint
CREATE INDEX "delegations_status_idx" ON "delegations" USING btree ("status","start_date","id");--> statement-breakpoint
CREATE INDEX "delegations_institutions_idx" ON "delegations" USING gin ("institution_ids");--> statement-breakpoint
CREATE INDEX "delegations_countries_idx" ON "delegations" USING gin ("countries");--> statement-breakpoint
CREATE INDEX "delegations_search_idx" ON "delegations" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "events_created_idx" ON "events" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "events_title_idx" ON "events" USING btree ("title_sort","id");--> statement-breakpoint
CREATE INDEX "events_starts_idx" ON "events" USING btree ("starts_at","id");--> statement-breakpoint
CREATE INDEX "events_ends_idx" ON "events" USING btree ("ends_at","id");--> statement-breakpoint
CREATE INDEX "events_kind_idx" ON "events" USING btree ("kind","starts_at","id");--> statement-breakpoint
CREATE INDEX "events_academic_year_idx" ON "events" USING btree ("academic_year","starts_at","id");--> statement-breakpoint
CREATE INDEX "events_audience_idx" ON "events" USING gin ("audience");--> statement-breakpoint
CREATE INDEX "events_search_idx" ON "events" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_keys_pk" ON "idempotency_keys" USING btree ("token_id","key");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "institutions_created_idx" ON "institutions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "institutions_name_idx" ON "institutions" USING btree ("name_sort","id");--> statement-breakpoint
CREATE INDEX "institutions_country_idx" ON "institutions" USING btree ("country","created_at","id");--> statement-breakpoint
CREATE INDEX "institutions_stage_idx" ON "institutions" USING btree ("stage","created_at","id");--> statement-breakpoint
CREATE INDEX "institutions_kind_idx" ON "institutions" USING btree ("kind","created_at","id");--> statement-breakpoint
CREATE INDEX "institutions_search_idx" ON "institutions" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "publications_created_idx" ON "publications" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "publications_published_idx" ON "publications" USING btree ("published_on","id");--> statement-breakpoint
CREATE INDEX "publications_channel_idx" ON "publications" USING btree ("channel","published_on","id");--> statement-breakpoint
CREATE INDEX "publications_search_idx" ON "publications" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_active_participant_idx" ON "registrations" USING btree ("event_id","participant_key") WHERE "registrations"."status" in ('registered', 'waitlisted', 'attended');--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_sequence_idx" ON "registrations" USING btree ("event_id","sequence");--> statement-breakpoint
CREATE INDEX "registrations_event_status_idx" ON "registrations" USING btree ("event_id","status","sequence");--> statement-breakpoint
CREATE INDEX "registrations_student_idx" ON "registrations" USING btree ("student_id","created_at","id");--> statement-breakpoint
CREATE INDEX "staff_created_idx" ON "staff" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "staff_name_idx" ON "staff" USING btree ("name_sort","id");--> statement-breakpoint
CREATE INDEX "staff_role_idx" ON "staff" USING btree ("role","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_email_idx" ON "staff" USING btree ("email");--> statement-breakpoint
CREATE INDEX "staff_search_idx" ON "staff" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "students_created_idx" ON "students" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "students_name_idx" ON "students" USING btree ("name_sort","id");--> statement-breakpoint
CREATE INDEX "students_programme_start_idx" ON "students" USING btree ("programme_start","id");--> statement-breakpoint
CREATE INDEX "students_status_idx" ON "students" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "students_programme_kind_idx" ON "students" USING btree ("programme_kind","created_at","id");--> statement-breakpoint
CREATE INDEX "students_nationality_idx" ON "students" USING btree ("nationality","created_at","id");--> statement-breakpoint
CREATE INDEX "students_home_institution_idx" ON "students" USING btree ("home_institution_id","created_at","id");--> statement-breakpoint
CREATE INDEX "students_agreement_idx" ON "students" USING btree ("agreement_id","academic_year","status");--> statement-breakpoint
CREATE INDEX "students_level_idx" ON "students" USING btree ("level","created_at","id");--> statement-breakpoint
CREATE INDEX "students_academic_year_idx" ON "students" USING btree ("academic_year","created_at","id");--> statement-breakpoint
CREATE INDEX "students_document_expiry_idx" ON "students" USING btree ("first_document_expiry","id");--> statement-breakpoint
CREATE INDEX "students_advisor_idx" ON "students" USING btree ("advisor_id","created_at","id");--> statement-breakpoint
CREATE INDEX "students_search_idx" ON "students" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "tokens_hash_idx" ON "tokens" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "tokens_created_idx" ON "tokens" USING btree ("created_at","id");