ALTER TABLE `memberships` ADD `reminder_ladders` text;--> statement-breakpoint
ALTER TABLE `memberships` ADD `kept_for` text;--> statement-breakpoint
ALTER TABLE `users` ADD `sms_stopped_at` text;--> statement-breakpoint
ALTER TABLE `users` ADD `reminder_ladders` text;