ALTER TABLE "coes" ADD COLUMN "rca_due_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "coes" ADD COLUMN "rca_written_at" timestamp (3) with time zone;--> statement-breakpoint
-- Backfill: an RCA still owed is due when it is owed. For one already written, neither when it was due
-- nor when it was written matters until a write records its writing (which computes both): those stay
-- "not measured". No date parsing here, so no stored text can stop the upgrade.
UPDATE "coes" SET "rca_due_at" = "rca_owed_at" WHERE "rca_owed_at" IS NOT NULL;
