ALTER TABLE `users` ADD `webhook_signing_nonce` text;--> statement-breakpoint
ALTER TABLE `users` ADD `webhook_signing_since` text;