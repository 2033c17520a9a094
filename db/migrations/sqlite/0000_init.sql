CREATE TABLE `action_item_date_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_item_id` integer NOT NULL,
	`changed_by_id` integer,
	`from_date` text,
	`to_date` text,
	`reason` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`action_item_id`) REFERENCES `action_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `action_item_date_changes_item_idx` ON `action_item_date_changes` (`action_item_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `action_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coe_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`title` text NOT NULL,
	`horizon` text NOT NULL,
	`owner_id` integer,
	`original_promised_date` text,
	`promised_date` text,
	`status` text DEFAULT 'open' NOT NULL,
	`validation_note` text,
	`cancel_reason` text,
	`scaling` text,
	`is_customer_facing` integer DEFAULT false NOT NULL,
	`tracker_url` text,
	`lesson_id` integer,
	`why_node_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`implemented_at` integer,
	`validated_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`why_node_id`) REFERENCES `why_nodes`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "action_items_horizon_check" CHECK("action_items"."horizon" in ('short', 'mid', 'long')),
	CONSTRAINT "action_items_status_check" CHECK("action_items"."status" in ('open', 'in_progress', 'implemented', 'validated', 'cancelled')),
	CONSTRAINT "action_items_scaling_check" CHECK("action_items"."scaling" is null or "action_items"."scaling" in ('education', 'distributed_change', 'centralized_change')),
	CONSTRAINT "action_items_cancel_reason_check" CHECK("action_items"."status" <> 'cancelled' or length(coalesce("action_items"."cancel_reason", '')) > 0)
);
--> statement-breakpoint
CREATE INDEX `action_items_coe_idx` ON `action_items` (`coe_id`,`position`);--> statement-breakpoint
CREATE INDEX `action_items_owner_status_idx` ON `action_items` (`owner_id`,`status`,`promised_date`);--> statement-breakpoint
CREATE INDEX `action_items_status_promised_idx` ON `action_items` (`status`,`promised_date`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` integer,
	`detail` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_events_entity_idx` ON `audit_events` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_events_created_idx` ON `audit_events` (`created_at`);--> statement-breakpoint
CREATE TABLE `coe_authors` (
	`coe_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`coe_id`, `user_id`),
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `coe_authors_user_idx` ON `coe_authors` (`user_id`);--> statement-breakpoint
CREATE TABLE `coe_services` (
	`coe_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`coe_id`, `service_id`),
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `coe_services_service_idx` ON `coe_services` (`service_id`);--> statement-breakpoint
CREATE TABLE `coe_tags` (
	`coe_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`coe_id`, `tag_id`),
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `coe_tags_tag_idx` ON `coe_tags` (`tag_id`);--> statement-breakpoint
CREATE TABLE `coe_tenets` (
	`coe_id` integer NOT NULL,
	`tenet_id` integer NOT NULL,
	PRIMARY KEY(`coe_id`, `tenet_id`),
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenet_id`) REFERENCES `tenets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `coe_tenets_tenet_idx` ON `coe_tenets` (`tenet_id`);--> statement-breakpoint
CREATE TABLE `coes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`severity` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`team_id` integer NOT NULL,
	`event_id` integer,
	`created_by_id` integer,
	`impact_summary` text,
	`customer_rca` text,
	`impact_started_at` text,
	`impact_ended_at` text,
	`affected` text,
	`error_rate` text,
	`regions` text DEFAULT '[]' NOT NULL,
	`detection_fast_enough` text,
	`detection_metrics_reflected_customers` text,
	`detection_similar_events_detectable` text,
	`closeout_fixes_validated` integer DEFAULT false NOT NULL,
	`closeout_data_preserved` integer DEFAULT false NOT NULL,
	`closeout_followups_assigned` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`submitted_at` integer,
	`approved_at` integer,
	`closed_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "coes_status_check" CHECK("coes"."status" in ('draft', 'in_review', 'changes_requested', 'approved', 'closed')),
	CONSTRAINT "coes_severity_check" CHECK("coes"."severity" between 1 and 5),
	CONSTRAINT "coes_version_check" CHECK("coes"."version" >= 1)
);
--> statement-breakpoint
CREATE INDEX `coes_updated_idx` ON `coes` (`updated_at`);--> statement-breakpoint
CREATE INDEX `coes_status_updated_idx` ON `coes` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `coes_team_updated_idx` ON `coes` (`team_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `coes_severity_updated_idx` ON `coes` (`severity`,`updated_at`);--> statement-breakpoint
CREATE INDEX `coes_event_idx` ON `coes` (`event_id`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coe_id` integer NOT NULL,
	`parent_id` integer,
	`author_id` integer,
	`anchor_type` text DEFAULT 'coe' NOT NULL,
	`anchor_id` integer,
	`anchor_section` text,
	`body` text NOT NULL,
	`resolved_at` integer,
	`resolved_by_id` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`parent_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`resolved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "comments_anchor_check" CHECK("comments"."anchor_type" in ('coe', 'section', 'why_node', 'action_item', 'timeline_entry', 'lesson'))
);
--> statement-breakpoint
CREATE INDEX `comments_coe_idx` ON `comments` (`coe_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_parent_idx` ON `comments` (`parent_id`);--> statement-breakpoint
CREATE TABLE `dependencies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coe_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`name` text NOT NULL,
	`performed_as_promised` text DEFAULT 'unknown' NOT NULL,
	`implementation_validated` text DEFAULT 'unknown' NOT NULL,
	`failure_mode` text,
	`notes` text,
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "dependencies_performed_check" CHECK("dependencies"."performed_as_promised" in ('yes', 'no', 'unknown')),
	CONSTRAINT "dependencies_validated_check" CHECK("dependencies"."implementation_validated" in ('yes', 'no', 'unknown')),
	CONSTRAINT "dependencies_failure_mode_check" CHECK("dependencies"."failure_mode" is null or "dependencies"."failure_mode" in ('expected', 'should_have_planned', 'novel'))
);
--> statement-breakpoint
CREATE INDEX `dependencies_coe_idx` ON `dependencies` (`coe_id`,`position`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_name_unique` ON `events` (`name`);--> statement-breakpoint
CREATE TABLE `lesson_why_links` (
	`lesson_id` integer NOT NULL,
	`why_node_id` integer NOT NULL,
	PRIMARY KEY(`lesson_id`, `why_node_id`),
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`why_node_id`) REFERENCES `why_nodes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lesson_why_links_why_idx` ON `lesson_why_links` (`why_node_id`);--> statement-breakpoint
CREATE TABLE `lessons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coe_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`text` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lessons_coe_idx` ON `lessons` (`coe_id`,`position`);--> statement-breakpoint
CREATE TABLE `login_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`client_address` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_failures_email_idx` ON `login_failures` (`email`,`created_at`);--> statement-breakpoint
CREATE INDEX `login_failures_client_idx` ON `login_failures` (`client_address`,`created_at`);--> statement-breakpoint
CREATE TABLE `meeting_attendees` (
	`meeting_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `meeting_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`coe_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`outcome` text,
	`outcome_note` text,
	`presented_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "meeting_items_outcome_check" CHECK("meeting_items"."outcome" is null or "meeting_items"."outcome" in ('approved', 'changes_requested', 'follow_up'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_items_meeting_coe_idx` ON `meeting_items` (`meeting_id`,`coe_id`);--> statement-breakpoint
CREATE INDEX `meeting_items_coe_idx` ON `meeting_items` (`coe_id`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scheduled_for` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`notes` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	CONSTRAINT "meetings_status_check" CHECK("meetings"."status" in ('planned', 'in_progress', 'done'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_scheduled_for_unique` ON `meetings` (`scheduled_for`);--> statement-breakpoint
CREATE TABLE `review_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coe_id` integer NOT NULL,
	`reviewer_id` integer,
	`decision` text NOT NULL,
	`note` text,
	`meeting_id` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "review_decisions_decision_check" CHECK("review_decisions"."decision" in ('approved', 'changes_requested'))
);
--> statement-breakpoint
CREATE INDEX `review_decisions_coe_idx` ON `review_decisions` (`coe_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coe_id` integer NOT NULL,
	`author_id` integer,
	`coe_version` integer NOT NULL,
	`section` text NOT NULL,
	`summary` text NOT NULL,
	`snapshot` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `revisions_coe_idx` ON `revisions` (`coe_id`,`id`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`team_id` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `services_name_unique` ON `services` (`name`);--> statement-breakpoint
CREATE INDEX `services_team_idx` ON `services` (`team_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_name_unique` ON `tags` (`name`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_unique` ON `teams` (`name`);--> statement-breakpoint
CREATE TABLE `tenets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `timeline_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coe_id` integer NOT NULL,
	`at` text NOT NULL,
	`at_ms` integer NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`link` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "timeline_kind_check" CHECK("timeline_entries"."kind" in ('impact_start', 'detected', 'engaged', 'mitigation_started', 'mitigated', 'resolved', 'observation', 'communication'))
);
--> statement-breakpoint
CREATE INDEX `timeline_coe_at_idx` ON `timeline_entries` (`coe_id`,`at_ms`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`password_hash` text NOT NULL,
	`team_id` integer,
	`disabled_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "users_role_check" CHECK("users"."role" in ('admin', 'reviewer', 'author', 'member'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_team_idx` ON `users` (`team_id`);--> statement-breakpoint
CREATE TABLE `why_nodes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coe_id` integer NOT NULL,
	`parent_id` integer,
	`position` integer DEFAULT 0 NOT NULL,
	`text` text NOT NULL,
	`is_root_cause` integer DEFAULT false NOT NULL,
	`evidence` text,
	`category` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`coe_id`) REFERENCES `coes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`parent_id`) REFERENCES `why_nodes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `why_nodes_coe_parent_idx` ON `why_nodes` (`coe_id`,`parent_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `why_nodes_one_root_idx` ON `why_nodes` (`coe_id`) WHERE parent_id is null;