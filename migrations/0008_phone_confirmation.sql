CREATE TABLE `phone_codes` (
	`user_id` text PRIMARY KEY NOT NULL,
	`phone` text NOT NULL,
	`code_hash` text,
	`expires_at` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`sent_at` text NOT NULL,
	`window_start` text NOT NULL,
	`window_sends` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `users_phone_idx`;--> statement-breakpoint
ALTER TABLE `users` ADD `phone_verified_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_confirmed_phone_unique` ON `users` (`phone`) WHERE phone_verified_at is not null;