// D1 tables for the whole domain in SPEC: the single source of the stored shapes.
// Instants are ISO 8601 UTC strings (sortable as text); calendar dates are `YYYY-MM-DD` in the
// owning user's timezone, stored exactly as given. Money is integer minor units + ISO 4217 code.
import { sql } from "drizzle-orm";
import { customType, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Provenance } from "./provenance";

// Enumerations shared by the tables and the API schemas (schema/common.ts, users.ts, …).
export const LOCALES = ["zh-CN", "en"] as const;
export const DELIVERY_CHANNELS = ["email", "sms"] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
/** The reminders that take a ladder of lead times: before a renewal, before the last day to cancel, before a trial ends. */
export const REMINDER_LADDERS = ["renewal", "cancel_by", "trial_end"] as const;

/** One rung: this many days before the date, on the user's channels plus `channels` (e.g. SMS on the last day). */
export interface ReminderStep {
  days: number;
  channels?: DeliveryChannel[];
}
/** Lead times per reminder; a kind left out keeps the one-step ladder of lead_days. */
export type ReminderLadders = Partial<Record<(typeof REMINDER_LADDERS)[number], ReminderStep[]>>;
export const PAYMENT_CHANNELS = [
  "alipay",
  "wechat_pay",
  "bank_card",
  "credit_card",
  "apple",
  "google_play",
  "paypal",
  "platform_balance",
  "other",
] as const;
export const CYCLE_UNITS = ["day", "week", "month", "year"] as const;
export const MEMBERSHIP_STATUSES = ["active", "cancelled", "ended"] as const;
export const CANCELLATION_SIDES = ["platform", "payment_channel", "customer_service"] as const;
export const EVENT_KINDS = ["charge", "refund", "renewal_notice", "cancellation", "signup", "other"] as const;
export const ALERT_KINDS = [
  "renewal_upcoming",
  "cancel_deadline",
  "trial_ending",
  "charge_after_cancel",
  "half_cancelled",
  "price_changed",
  "unknown_subscription",
  "renewal_unconfirmed",
  "refund_window_closing",
] as const;
export const ALERT_STATES = ["open", "resolved"] as const;
// Why an alert stopped asking for action. The user gives one of the first six; the system resolves an alert
// itself when its cause is gone (its unknown charge assigned or dismissed, the payment side cancelled too).
export const USER_RESOLUTIONS = ["refunded", "disputed", "not_mine", "ignored", "kept", "cancelled"] as const;
export const SYSTEM_RESOLUTIONS = ["event_assigned", "event_dismissed", "payment_channel_cancelled"] as const;
export const ALERT_RESOLUTIONS = [...USER_RESOLUTIONS, ...SYSTEM_RESOLUTIONS] as const;
export const DELIVERY_STATUSES = ["pending", "sent", "failed", "dead", "withdrawn"] as const;

const createdAt = () => text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    phone: text("phone"),
    // When the account confirmed `phone` with a code texted to it; null while unconfirmed. SMS alerts go out and
    // SMS replies count only for a confirmed phone, and a number is confirmed by at most one account at a time.
    phoneVerifiedAt: text("phone_verified_at"),
    timezone: text("timezone").notNull().default("Asia/Shanghai"),
    locale: text("locale", { enum: LOCALES }).notNull().default("zh-CN"),
    // JSON array of "email" | "sms".
    channels: text("channels", { mode: "json" }).$type<DeliveryChannel[]>().notNull(),
    quietHoursStart: text("quiet_hours_start"),
    quietHoursEnd: text("quiet_hours_end"),
    leadDays: integer("lead_days").notNull().default(3),
    // When the user answered STOP to an SMS: no SMS at all, not even a ladder's, until they choose SMS again.
    smsStoppedAt: text("sms_stopped_at"),
    // The user's default ladders (JSON ReminderLadders); null: one step of lead_days for every reminder.
    reminderLadders: text("reminder_ladders", { mode: "json" }).$type<ReminderLadders>(),
    // Days after a renewal date without a matching charge before renewal_unconfirmed asks the user to check.
    renewalGraceDays: integer("renewal_grace_days").notNull().default(2),
    // SHA-256 (hex) of the secrets that route inbound mail and webhooks to this user.
    inboundTokenHash: text("inbound_token_hash").notNull(),
    webhookTokenHash: text("webhook_token_hash").notNull(),
    // Salt of the iCal feed URL's signature, made on first use; a new one revokes the old URL.
    calendarNonce: text("calendar_nonce"),
    // Webhook signing (Standard Webhooks): the salt the signing secret is derived from with LINK_SECRET, and
    // when it was turned on. Null: signing is off. The secret itself is never stored (workers/secrets/webhook-signature.ts).
    webhookSigningNonce: text("webhook_signing_nonce"),
    webhookSigningSince: text("webhook_signing_since"),
    createdAt: createdAt(),
    updatedAt: text("updated_at"),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    uniqueIndex("users_inbound_token_unique").on(t.inboundTokenHash),
    uniqueIndex("users_webhook_token_unique").on(t.webhookTokenHash),
    // A Twilio reply ("STOP", "1 cancelled") names its sender only by phone number: the one account that
    // confirmed it. Confirming a number takes it from any account that held it before (workers/secrets/phone-codes.ts).
    uniqueIndex("users_confirmed_phone_unique").on(t.phone).where(sql`phone_verified_at is not null`),
  ],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    // SHA-256 (hex) of the bearer token; the token itself is shown once and never stored.
    tokenHash: text("token_hash").notNull(),
    label: text("label").notNull().default("default"),
    createdAt: createdAt(),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash_unique").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    merchantAliases: text("merchant_aliases", { mode: "json" }).$type<string[]>().notNull(),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    cycleUnit: text("cycle_unit", { enum: CYCLE_UNITS }).notNull(),
    cycleCount: integer("cycle_count").notNull().default(1),
    // The renewal date in the user's timezone.
    nextRenewalOn: text("next_renewal_on").notNull(),
    // The day of month renewals are anchored to (Jan 31 → Feb 28 → Mar 31 stays on the 31st);
    // set from next_renewal_on whenever the user sets that date.
    anchorDay: integer("anchor_day"),
    // The earliest local date on which the sweep may find something new for this membership; null when
    // nothing can become due. The sweep reads only rows due by this index, never all memberships.
    nextDueOn: text("next_due_on"),
    autoRenew: integer("auto_renew", { mode: "boolean" }).notNull().default(true),
    channel: text("channel", { enum: PAYMENT_CHANNELS }).notNull().default("other"),
    cancelNoticeDays: integer("cancel_notice_days").notNull().default(0),
    refundWindowDays: integer("refund_window_days").notNull().default(0),
    trialEndsOn: text("trial_ends_on"),
    leadDays: integer("lead_days"),
    // This membership's own ladders (JSON ReminderLadders), over the user's; null: lead_days, else the user's.
    reminderLadders: text("reminder_ladders", { mode: "json" }).$type<ReminderLadders>(),
    // The renewal (or trial end) the user said "keep it" for: that period's remaining reminders are not sent.
    keptFor: text("kept_for"),
    cancelUrl: text("cancel_url"),
    cancelSteps: text("cancel_steps"),
    supportContact: text("support_contact"),
    notes: text("notes"),
    status: text("status", { enum: MEMBERSHIP_STATUSES }).notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: text("updated_at"),
    // Deleting keeps the row: its events, cancellations and alerts are the user's evidence.
    deletedAt: text("deleted_at"),
  },
  (t) => [
    index("memberships_user_idx").on(t.userId, t.createdAt),
    index("memberships_due_idx").on(t.nextDueOn),
    index("memberships_trial_idx").on(t.trialEndsOn),
  ],
);

export const cancellations = sqliteTable(
  "cancellations",
  {
    id: text("id").primaryKey(),
    membershipId: text("membership_id")
      .notNull()
      .references(() => memberships.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    side: text("side", { enum: CANCELLATION_SIDES }).notNull(),
    cancelledAt: text("cancelled_at").notNull(),
    reference: text("reference"),
    evidence: text("evidence"),
    createdAt: createdAt(),
  },
  (t) => [
    index("cancellations_membership_idx").on(t.membershipId, t.cancelledAt),
    index("cancellations_user_idx").on(t.userId),
  ],
);

export const inboundMessages = sqliteTable(
  "inbound_messages",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    source: text("source", { enum: ["email", "webhook"] }).notNull(),
    // Message-ID, webhook reference or content hash: a replay of the same message is one row.
    dedupeKey: text("dedupe_key").notNull(),
    receivedAt: text("received_at").notNull(),
    sender: text("sender"),
    subject: text("subject"),
    contentType: text("content_type"),
    rawSize: integer("raw_size").notNull().default(0),
    // Where the original bytes are kept for evidence: the key in the RAW bucket (e-mail), or null when they
    // are in inbound_originals (webhook posts).
    rawKey: text("raw_key"),
    status: text("status", { enum: ["pending", "processed", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    processedAt: text("processed_at"),
  },
  (t) => [
    uniqueIndex("inbound_messages_dedupe_unique").on(t.userId, t.dedupeKey),
    // The sweep retries what failed or never finished.
    index("inbound_messages_status_idx").on(t.status, t.receivedAt),
  ],
);

/** Bytes exactly as received: D1 takes them as a BLOB and gives them back as an array of numbers (or a buffer). */
const bytes = customType<{ data: Uint8Array; driverData: ArrayBuffer | number[] }>({
  dataType: () => "blob",
  toDriver: (value) => value.slice().buffer,
  fromDriver: (value) => (value instanceof ArrayBuffer ? new Uint8Array(value) : Uint8Array.from(value)),
});

/**
 * The original of a webhook post (at most 64 KiB), kept in D1 beside its message and written in the same batch:
 * an SMS does not need an object-storage write of its own. E-mails (up to 10 MiB) are kept in RAW instead.
 */
export const inboundOriginals = sqliteTable("inbound_originals", {
  messageId: text("message_id")
    .primaryKey()
    .references(() => inboundMessages.id),
  body: bytes("body").notNull(),
});

export const events = sqliteTable(
  "events",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    inboundMessageId: text("inbound_message_id").references(() => inboundMessages.id),
    kind: text("kind", { enum: EVENT_KINDS }).notNull(),
    amountMinor: integer("amount_minor"),
    currency: text("currency"),
    merchant: text("merchant"),
    // The payee's legal name when the notice names it besides the service (扣款说明：爱奇艺VIP + 交易对象：北京…有限公司).
    merchantLegal: text("merchant_legal"),
    occurredAt: text("occurred_at").notNull(),
    reference: text("reference"),
    cardTail: text("card_tail"),
    channel: text("channel", { enum: PAYMENT_CHANNELS }),
    renewsAt: text("renews_at"),
    membershipId: text("membership_id").references(() => memberships.id),
    // Where each field was read in the notice: { reader, fields: { merchant: { from, label?, text? }, … } }.
    provenance: text("provenance", { mode: "json" }).$type<Provenance>(),
    // Why it matched: { score, reason, alias, amount, date_window } as JSON.
    match: text("match", { mode: "json" }).$type<Record<string, unknown>>(),
    // Set when the user dismissed an unmatched event as a one-off, not a subscription: it leaves the inbox.
    dismissedAt: text("dismissed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("events_user_idx").on(t.userId, t.occurredAt),
    index("events_membership_idx").on(t.membershipId, t.occurredAt),
    // One event per inbound message: a retried interpretation can never add a second.
    uniqueIndex("events_message_unique").on(t.inboundMessageId),
  ],
);

export const alerts = sqliteTable(
  "alerts",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    membershipId: text("membership_id").references(() => memberships.id),
    eventId: text("event_id").references(() => events.id),
    kind: text("kind", { enum: ALERT_KINDS }).notNull(),
    // One alert per membership and period: e.g. "renewal_upcoming:mem_x:2026-12-01".
    dedupeKey: text("dedupe_key").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    // What the rule found (amounts, dates, names): any channel's text can be rendered again from it.
    facts: text("facts", { mode: "json" }).$type<Record<string, string | number | null>>(),
    // Open until resolved: by the user with a reason, or by the system when its cause is gone.
    state: text("state", { enum: ALERT_STATES }).notNull().default("open"),
    resolution: text("resolution", { enum: ALERT_RESOLUTIONS }),
    resolvedBy: text("resolved_by", { enum: ["user", "system"] }),
    resolvedAt: text("resolved_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("alerts_dedupe_unique").on(t.userId, t.dedupeKey),
    index("alerts_user_idx").on(t.userId, t.createdAt),
    index("alerts_membership_idx").on(t.membershipId),
    // An event assigned or dismissed resolves the alerts it raised.
    index("alerts_event_idx").on(t.eventId),
  ],
);

export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    alertId: text("alert_id")
      .notNull()
      .references(() => alerts.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    channel: text("channel", { enum: DELIVERY_CHANNELS }).notNull(),
    // withdrawn: not sent because its alert was resolved first.
    status: text("status", { enum: DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    // When the sweep may try again (backoff, quiet hours).
    nextAttemptAt: text("next_attempt_at"),
    sentAt: text("sent_at"),
    lastError: text("last_error"),
    providerId: text("provider_id"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("deliveries_alert_channel_unique").on(t.alertId, t.channel),
    index("deliveries_due_idx").on(t.status, t.nextAttemptAt),
  ],
);

export type UserRow = typeof users.$inferSelect;

// The code texted to confirm a user's phone (one row per user, kept between codes for the send limits). Only a
// SHA-256 of the code is stored; it is good for `phone` only, until `expires_at`, for a bounded number of tries.
export const phoneCodes = sqliteTable("phone_codes", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id),
  phone: text("phone").notNull(),
  // Null once used up, voided or never delivered.
  codeHash: text("code_hash"),
  expiresAt: text("expires_at"),
  attempts: integer("attempts").notNull().default(0),
  // When the last code was sent, and how many went out since `window_start` (a day): a number cannot be flooded.
  sentAt: text("sent_at").notNull(),
  windowStart: text("window_start").notNull(),
  windowSends: integer("window_sends").notNull().default(1),
});
export type PhoneCodeRow = typeof phoneCodes.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type CancellationRow = typeof cancellations.$inferSelect;

// Dashboard sign-in: a one-time link e-mailed to the user (15 minutes, used once), then a session
// cookie. Both are stored only as SHA-256 of the secret, like API tokens.
export const loginLinks = sqliteTable(
  "login_links",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [uniqueIndex("login_links_token_unique").on(t.tokenHash), index("login_links_user_idx").on(t.userId)],
);

export const webSessions = sqliteTable(
  "web_sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("web_sessions_token_unique").on(t.tokenHash), index("web_sessions_user_idx").on(t.userId)],
);
export type WebSessionRow = typeof webSessions.$inferSelect;
