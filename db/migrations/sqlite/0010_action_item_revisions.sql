CREATE TABLE `action_item_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_item_id` integer NOT NULL,
	`version` integer NOT NULL,
	`actor_id` integer,
	`summary` text NOT NULL,
	`snapshot` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`action_item_id`) REFERENCES `action_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `action_item_revisions_item_idx` ON `action_item_revisions` (`action_item_id`,`id`);--> statement-breakpoint
ALTER TABLE `action_items` ADD `validated_by_id` integer REFERENCES users(id) ON DELETE SET NULL;