CREATE TABLE `coe_section_versions` (
	`coe_id` integer NOT NULL,
	`section` text NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`coe_id`, `section`),
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "coe_section_versions_version_check" CHECK("coe_section_versions"."version" >= 1)
);
--> statement-breakpoint
-- Every section version the JSON column held moves to its own row (a missing section is version 0).
INSERT INTO `coe_section_versions` (`coe_id`, `section`, `version`)
  SELECT `coes`.`id`, j.key, j.value FROM `coes`, json_each(`coes`.`section_versions`) AS j WHERE j.type = 'integer' AND j.value >= 1;
--> statement-breakpoint
ALTER TABLE `coes` DROP COLUMN `section_versions`;