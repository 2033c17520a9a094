CREATE TABLE `root_cause_categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`retired_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `root_cause_categories_name_unique` ON `root_cause_categories` (`name`);--> statement-breakpoint
ALTER TABLE `tenets` ADD `retired_at` integer;--> statement-breakpoint
ALTER TABLE `why_nodes` ADD `category_id` integer REFERENCES root_cause_categories(id) ON DELETE SET NULL;--> statement-breakpoint
CREATE INDEX `why_nodes_category_idx` ON `why_nodes` (`category_id`);--> statement-breakpoint
-- The starter taxonomy, and every free-text category written before the taxonomy existed.
INSERT INTO `root_cause_categories` (`name`, `description`) VALUES
('Change management', 'A change reached production without the review, approval or timing its risk called for.'),
('Capacity', 'Load outgrew what was provisioned, or limits and quotas were reached.'),
('Dependency failure', 'A service or vendor this one depends on failed or degraded, and the failure was not contained.'),
('Configuration', 'A configuration value was wrong, or was pushed everywhere at once.'),
('Detection gap', 'Alarms, dashboards or tests did not show the problem before customers did.'),
('Deployment safety', 'The deployment lacked staged rollout, automatic rollback or a bake time.'),
('Software defect', 'A bug in code that passed review and testing.'),
('Operational procedure', 'A runbook, manual step or tool let an operator make the mistake.');--> statement-breakpoint
INSERT INTO `root_cause_categories` (`name`) SELECT DISTINCT trim(`category`) FROM `why_nodes` WHERE trim(coalesce(`category`, '')) <> '' AND trim(`category`) NOT IN (SELECT `name` FROM `root_cause_categories`);--> statement-breakpoint
UPDATE `why_nodes` SET `category_id` = (SELECT r.`id` FROM `root_cause_categories` r WHERE r.`name` = trim(`why_nodes`.`category`)) WHERE `category` IS NOT NULL;
