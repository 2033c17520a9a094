CREATE INDEX `coes_created_idx` ON `coes` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `coes_title_idx` ON `coes` (`title`,`id`);