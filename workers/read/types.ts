// The reading contract: a decoded notice in, one normalized event out (SPEC "Events").
// Everything under workers/read/ is pure: no env, no fetch, no Date.now(); time comes in the notice.
import type { EventField, FieldSource, Provenance } from "../../schema/provenance";
import type { EVENT_KINDS, PAYMENT_CHANNELS } from "../../schema/tables";

export type EventKind = (typeof EVENT_KINDS)[number];
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

/** One message's readable content, after MIME decoding and unwrapping of forwards. */
export interface Notice {
  /** Plain text of the notice itself (HTML flattened to text in reading order; forward quoting removed). */
  text: string;
  /** Subject of the inner notice (e-mail), if any. */
  subject?: string;
  /** Sender of the inner notice: e-mail address, SMS sender number (95555) or app package (cmb.pb). */
  sender?: string;
  /** Display name of the sender, e.g. "支付宝" or "Apple". */
  senderName?: string;
  /** When the notice was sent (its Date header / SMS timestamp), ms since epoch, if known. */
  sentAt?: number;
  /** When we received it, ms since epoch: the anchor for dates written without a year. */
  receivedAt: number;
  /** The user's IANA timezone, if known: where they are, which decides the dollar a bare $ means (money.ts). */
  timeZone?: string;
  source: "email" | "sms" | "webhook";
}

/** A normalized event, with SPEC's field names. */
export interface ExtractedEvent {
  kind: EventKind;
  amount_minor: number | null;
  currency: string | null;
  merchant: string | null;
  /** ISO 8601 instant of the transaction; the notice's sentAt/receivedAt when the text gives none. */
  occurred_at: string;
  reference: string | null;
  card_tail: string | null;
  channel: PaymentChannel | null;
  /** YYYY-MM-DD, for renewal_notice / signup when the notice states the renewal or trial-end date. */
  renews_at: string | null;
  /** The payee's legal name when the notice names it besides the service ("北京爱奇艺科技有限公司" for 爱奇艺VIP). */
  merchant_legal?: string | null;
  /** Where each field was read (set by extractEvent; absent on events posted as JSON). */
  provenance?: Provenance;
}

export type { EventField, FieldSource, Provenance };

/** A source family's reader: an event when it recognises the notice, null when the notice is not its kind. */
export type Extractor = (notice: Notice) => ExtractedEvent | null;
