DROP INDEX `memberships_due_idx`;--> statement-breakpoint
ALTER TABLE `memberships` ADD `anchor_day` integer;--> statement-breakpoint
ALTER TABLE `memberships` ADD `next_due_on` text;--> statement-breakpoint
CREATE INDEX `memberships_due_idx` ON `memberships` (`next_due_on`);--> statement-breakpoint
ALTER TABLE `users` ADD `renewal_grace_days` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
-- Memberships from before the watchdog have never been swept: due at once.
UPDATE `memberships` SET `next_due_on` = '1970-01-01' WHERE `deleted_at` IS NULL;
