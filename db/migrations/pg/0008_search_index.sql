-- Full-text search (issue 13), written by hand like SQLite's 0015: the same normalised text
-- (app/domain/search), parsed by the 'simple' configuration, so both engines see the same tokens.
-- The server fills in every COE the index lacks when it starts; `npm run coe -- search-rebuild` rebuilds it all.
CREATE TABLE "coe_fts" (
	"coe_id" integer PRIMARY KEY NOT NULL REFERENCES "coes"("id") ON DELETE cascade,
	"body" text NOT NULL,
	"sections" text NOT NULL,
	"doc" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "body")) STORED
);
--> statement-breakpoint
CREATE INDEX "coe_fts_doc_idx" ON "coe_fts" USING gin ("doc");
--> statement-breakpoint
CREATE TABLE "coe_fts_sections" (
	"coe_id" integer NOT NULL REFERENCES "coes"("id") ON DELETE cascade,
	"position" integer NOT NULL,
	"section" text NOT NULL,
	"plain" text NOT NULL,
	PRIMARY KEY("coe_id", "position")
);
