CREATE INDEX "agreements_quotas_idx" ON "agreements" USING gin (("data"->'quotas') jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "events_partners_idx" ON "events" USING gin (("data"->'partnerInstitutionIds') jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "registrations_participant_idx" ON "registrations" USING btree ("participant_key","created_at","id");