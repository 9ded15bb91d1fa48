CREATE TABLE `inbound_originals` (
	`message_id` text PRIMARY KEY NOT NULL,
	`body` blob NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `inbound_messages`(`id`) ON UPDATE no action ON DELETE no action
);
