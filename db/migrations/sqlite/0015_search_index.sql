-- Full-text search (issue 13). Written by hand: drizzle-kit does not know FTS5, and both tables are
-- kept out of push/pull by the *_fts* filter. The text comes from app/domain/search (one tokenizer
-- for both engines), so it cannot be computed here: the server fills in every COE the index lacks
-- when it starts (app/data/search-index.server.ts, fillSearchIndex), and `npm run coe -- search-rebuild` rebuilds it all.
-- One row per COE (rowid = coes.id): every section's tokens, a section break between sections. Contentless:
-- the text itself is kept in coe_fts_docs, a plain table, where reading a candidate's row is a primary-key lookup.
CREATE VIRTUAL TABLE `coe_fts` USING fts5(body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0', prefix = '3 4');
--> statement-breakpoint
-- What coe_fts indexes, and the sections it holds named in the same order, so ranking reads one row per candidate.
CREATE TABLE `coe_fts_docs` (
	`coe_id` integer PRIMARY KEY NOT NULL REFERENCES `coes`(`id`) ON DELETE cascade,
	`body` text NOT NULL,
	`sections` text NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `coe_fts_coe_deleted` AFTER DELETE ON `coes` BEGIN
  DELETE FROM `coe_fts` WHERE rowid = old.id;
END;
--> statement-breakpoint
-- Each section's words as written, for snippets.
CREATE TABLE `coe_fts_sections` (
	`coe_id` integer NOT NULL REFERENCES `coes`(`id`) ON DELETE cascade,
	`position` integer NOT NULL,
	`section` text NOT NULL,
	`plain` text NOT NULL,
	PRIMARY KEY(`coe_id`, `position`)
) WITHOUT ROWID;
