CREATE TABLE `coe_transitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coe_id` integer NOT NULL,
	`actor_id` integer,
	`transition` text NOT NULL,
	`from_status` text NOT NULL,
	`to_status` text NOT NULL,
	`note` text,
	`meeting_id` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "coe_transitions_from_check" CHECK("coe_transitions"."from_status" in ('draft', 'in_review', 'changes_requested', 'approved', 'closed')),
	CONSTRAINT "coe_transitions_to_check" CHECK("coe_transitions"."to_status" in ('draft', 'in_review', 'changes_requested', 'approved', 'closed'))
);
--> statement-breakpoint
CREATE INDEX `coe_transitions_coe_idx` ON `coe_transitions` (`coe_id`,`id`);--> statement-breakpoint
CREATE TABLE `comment_edits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`comment_id` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `comment_edits_comment_idx` ON `comment_edits` (`comment_id`,`id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`href` text NOT NULL,
	`actor_id` integer,
	`coe_id` integer,
	`read_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`,`id`);--> statement-breakpoint
ALTER TABLE `comments` ADD `anchor_label` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `anchor_quote` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `anchor_prefix` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `anchor_suffix` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `edited_at` integer;--> statement-breakpoint
CREATE INDEX `comments_anchor_idx` ON `comments` (`coe_id`,`anchor_type`,`anchor_id`);--> statement-breakpoint
ALTER TABLE `meeting_items` ADD `started_at` integer;--> statement-breakpoint
ALTER TABLE `meeting_items` ADD `carried_to_meeting_id` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `starts_at` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `current_item_id` integer;--> statement-breakpoint
ALTER TABLE `review_decisions` ADD `comment_ids` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
CREATE INDEX `action_item_date_changes_created_idx` ON `action_item_date_changes` (`created_at`);