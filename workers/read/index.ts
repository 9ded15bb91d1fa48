// Reading: a decoded notice → exactly one normalized event. Source families are tried from the most
// specific (known senders) to the generic fallbacks; whatever none of them recognises is a safe "other".
import { readAlipay } from "./alipay";
import { readApple } from "./apple";
import { readCnBank } from "./cn-bank";
import { readCnReceipt } from "./cn-receipt";
import { readGenericEnglish } from "./generic-en";
import { readGenericEuropean } from "./generic-eu";
import { readGooglePlay } from "./google-play";
import { readPayPal } from "./paypal";
import { readStripe } from "./stripe";
import type { ExtractedEvent, Extractor, Notice } from "./types";
import { readWeChatPay } from "./wechat-pay";

// Providers recognised by sender or unmistakable wording first; the Chinese and English generic
// readers last, so they never pre-empt a family that knows the format better.
const FAMILIES: Extractor[] = [
  readApple,
  readGooglePlay,
  readPayPal,
  readStripe,
  readAlipay,
  readWeChatPay,
  readCnReceipt,
  readCnBank,
  readGenericEuropean,
  readGenericEnglish,
];

export function extractEvent(notice: Notice): ExtractedEvent {
  for (const family of FAMILIES) {
    const event = family(notice);
    if (event) return event;
  }
  return otherEvent(notice);
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
