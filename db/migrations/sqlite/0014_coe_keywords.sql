CREATE TABLE `coe_keywords` (
	`coe_id` integer NOT NULL,
	`term` text NOT NULL,
	`weight` integer NOT NULL,
	PRIMARY KEY(`coe_id`, `term`),
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `coe_keywords_term_idx` ON `coe_keywords` (`term`);