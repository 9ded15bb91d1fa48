// Reading: a decoded notice → exactly one normalized event. Source families are tried from the most
// specific (known senders) to the generic fallbacks; whatever none of them recognises is a safe "other".
import { readAlipay } from "./alipay";
import { withLocalDollar } from "./amounts";
import { readApple } from "./apple";
import { readCardAlert } from "./card-alert";
import { readCardPush } from "./card-push";
import { readCnBank } from "./cn-bank";
import { readCnReceipt } from "./cn-receipt";
import { explain } from "./explain";
import { readGenericEnglish } from "./generic-en";
import { readGenericEuropean } from "./generic-eu";
import { readGooglePlay } from "./google-play";
import { readLabelled } from "./labelled";
import { readMandate } from "./mandate";
import { refineMerchant } from "./merchant";
import { readPayPal } from "./paypal";
import { readStripe } from "./stripe";
import { readTopUp } from "./top-up";
import type { ExtractedEvent, Extractor, Notice } from "./types";
import { readUniversal } from "./universal";
import { readWeChatPay } from "./wechat-pay";

// Providers recognised by sender or unmistakable wording first; the Chinese and English generic
// readers last, so they never pre-empt a family that knows the format better.
const FAMILIES: [string, Extractor][] = [
  ["apple", readApple],
  ["google-play", readGooglePlay],
  ["paypal", readPayPal],
  ["stripe", readStripe],
  // Japanese and Korean (any language with a lexicon) before the Chinese readers, which would take kanji for Chinese.
  ["labelled", readLabelled],
  ["alipay", readAlipay],
  ["wechat-pay", readWeChatPay],
  ["cn-receipt", readCnReceipt],
  ["cn-bank", readCnBank],
  ["mandate", readMandate],
  ["card-push", readCardPush],
  ["card-alert", readCardAlert],
  ["top-up", readTopUp],
  ["generic-eu", readGenericEuropean],
  ["generic-en", readGenericEnglish],
  ["universal", readUniversal],
];

/**
 * How far ahead of its arrival a notice's time may lie: one day. More is a broken clock or a made-up value (an
 * SMS-forwarder post stamped in the year 3000), not a time, and is read like a missing one. A day covers a
 * phone whose clock is off and a local time sent as UTC (at most 14 hours ahead).
 */
export const FUTURE_BOUND_MS = 86_400_000;

const farAhead = (instant: number, notice: Notice) => instant > notice.receivedAt + FUTURE_BOUND_MS;

export function extractEvent(received: Notice): ExtractedEvent {
  const notice =
    received.sentAt !== undefined && farAhead(received.sentAt, received)
      ? { ...received, sentAt: undefined }
      : received;
  for (const [name, family] of FAMILIES) {
    const event = family(notice);
    // A bare $ read as US dollars is weighed once more against what the family did not see: the user's zone.
    if (event)
      return explained(withLocalDollar(withinReach(refined(event, notice, name), notice), notice), notice, name);
  }
  return explained(otherEvent(notice), notice, "other");
}

// Stores whose merchant is the item's title by convention: a product word after it is the plan's.
const TITLED = new Set(["apple", "google-play", "paypal", "stripe"]);

/** The event with its merchant refined the same way whichever family read it (merchant.ts's refineMerchant). */
function refined(event: ExtractedEvent, notice: Notice, family: string): ExtractedEvent {
  if (!event.merchant) return event;
  const merchant = refineMerchant(event.merchant, notice, TITLED.has(family));
  return merchant === event.merchant ? event : { ...event, merchant };
}

/** The event with every field present (merchant_legal null when none was named) and where each was read. */
function explained(event: ExtractedEvent, notice: Notice, reader: string): ExtractedEvent {
  const complete = { ...event, merchant_legal: event.merchant_legal ?? null };
  return { ...complete, provenance: explain(complete, notice, reader) };
}

/** A transaction time read from the text far ahead of the arrival is no time either: the notice's own stands in. */
function withinReach(event: ExtractedEvent, notice: Notice): ExtractedEvent {
  const occurred = Date.parse(event.occurred_at);
  if (Number.isNaN(occurred) || !farAhead(occurred, notice)) return event;
  return { ...event, occurred_at: new Date(notice.sentAt ?? notice.receivedAt).toISOString() };
}

export function otherEvent(notice: Notice): ExtractedEvent {
  return {
    kind: "other",
    amount_minor: null,
    currency: null,
    merchant: null,
    occurred_at: new Date(notice.sentAt ?? notice.receivedAt).toISOString(),
    reference: null,
    card_tail: null,
    channel: null,
    renews_at: null,
  };
}

// How much of a notice is searched for a membership's name: its facts are at the top; footers name everyone.
const NOTICE_TEXT_CHARS = 4000;

/**
 * What a notice says as a person reads it: who sent it, its subject and the top of its text, at most
 * NOTICE_TEXT_CHARS in all (for finding names in it). Cut before joining: the text may be 100,000 characters.
 */
export function noticeText(notice: Notice): string {
  const head = [notice.senderName, notice.sender, notice.subject].filter(Boolean).join("\n");
  if (!notice.text) return head.slice(0, NOTICE_TEXT_CHARS);
  const text = notice.text.slice(0, Math.max(0, NOTICE_TEXT_CHARS - head.length - (head ? 1 : 0)));
  return (head ? `${head}\n${text}` : text).slice(0, NOTICE_TEXT_CHARS);
}
