ALTER TABLE "coes" ADD COLUMN "rca_owed_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE INDEX "coes_rca_owed_idx" ON "coes" USING btree ("rca_owed_at");--> statement-breakpoint
-- Backfill: when each COE's customer RCA is owed (7 days after impact start: Customer impact's, else the earliest impact-start entry), while it has no words. Writes keep it from here on.
UPDATE "coes" SET "rca_owed_at" = to_timestamp((coalesce(extract(epoch FROM "impact_started_at"::timestamptz) * 1000, (SELECT min("at_ms") FROM "timeline_entries" t WHERE t."coe_id" = "coes"."id" AND t."kind" = 'impact_start')) + 604800000) / 1000.0) WHERE "customer_rca" IS NULL OR position('"text"' in "customer_rca"::text) = 0;
