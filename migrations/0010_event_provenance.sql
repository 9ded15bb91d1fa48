ALTER TABLE `events` ADD `merchant_legal` text;--> statement-breakpoint
ALTER TABLE `events` ADD `provenance` text;