ALTER TABLE `alerts` ADD `state` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `alerts` ADD `resolution` text;--> statement-breakpoint
ALTER TABLE `alerts` ADD `resolved_by` text;--> statement-breakpoint
ALTER TABLE `alerts` ADD `resolved_at` text;--> statement-breakpoint
CREATE INDEX `alerts_event_idx` ON `alerts` (`event_id`);--> statement-breakpoint
ALTER TABLE `events` ADD `dismissed_at` text;--> statement-breakpoint
-- Existing alerts start open, except where the cause is already gone: an unknown charge that has since been
-- assigned to a membership, a half cancellation whose payment side is on record. Those start resolved by the
-- system, and whatever they still had waiting to be sent is withdrawn.
UPDATE `alerts` SET `state` = 'resolved', `resolution` = 'event_assigned', `resolved_by` = 'system', `resolved_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE `kind` = 'unknown_subscription' AND `event_id` IN (SELECT `id` FROM `events` WHERE `membership_id` IS NOT NULL);--> statement-breakpoint
UPDATE `alerts` SET `state` = 'resolved', `resolution` = 'payment_channel_cancelled', `resolved_by` = 'system', `resolved_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE `kind` = 'half_cancelled' AND EXISTS (SELECT 1 FROM `cancellations` WHERE `cancellations`.`membership_id` = `alerts`.`membership_id` AND `cancellations`.`side` = 'payment_channel');--> statement-breakpoint
UPDATE `deliveries` SET `status` = 'withdrawn' WHERE `status` IN ('pending', 'failed') AND (`last_error` IS NULL OR `last_error` NOT LIKE 'in flight since %') AND `alert_id` IN (SELECT `id` FROM `alerts` WHERE `state` = 'resolved');
