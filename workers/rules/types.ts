// The shapes the watchdog rules take and give: a membership's history in, alert drafts out.
import type {
  ALERT_KINDS,
  CancellationRow,
  DeliveryChannel,
  events,
  MembershipRow,
  ReminderLadders,
} from "../../schema/tables";

export type AlertKind = (typeof ALERT_KINDS)[number];

export type EventRow = typeof events.$inferSelect;

export interface AlertDraft {
  kind: AlertKind;
  membershipId: string | null;
  eventId: string | null;
  /** Unique per user: `${kind}:${membershipId ?? merchantKey}:${period}`, so a rule fires once per period. */
  dedupeKey: string;
  /** What the texts need: name, amount_minor, currency, renewal_on, deadline_on, days_left, cancelled_at, … */
  facts: Record<string, string | number | null>;
  /** Channels this alert goes out on besides the user's own (a ladder's rung that adds SMS, say). */
  channels?: DeliveryChannel[];
}

export interface RuleContext {
  /** The instant the rules run for (ms since epoch): the request's arrival or the cron's scheduledTime. */
  now: number;
  /** The user's IANA zone: every date rule counts calendar days here. */
  timeZone: string;
  userLeadDays: number;
  /** The user's own ladders of lead times (null: one step of userLeadDays). */
  userLadders: ReminderLadders | null;
  unconfirmedGraceDays: number;
  halfCancelledAfterDays: number;
}

/** The settings a user has not changed. */
export const DEFAULT_RULE_SETTINGS = { unconfirmedGraceDays: 2, halfCancelledAfterDays: 2 } as const;

export type MembershipState = MembershipRow;

export interface MembershipHistory {
  membership: MembershipState;
  cancellations: CancellationRow[];
  /** Events matched to this membership, in any order (may include the one being matched). */
  events: EventRow[];
}

/** An alert that is due on the days from..to (inclusive); the sweep fires it while today is inside. */
export interface AlertWindow {
  from: string;
  to: string;
  alert: AlertDraft;
}
