// Where an event's fields were read in its notice: stored with the event (events.provenance) and shown by the API.

/** The nine payment facts of an event, and the legal name beside the merchant. */
export const EVENT_FIELDS = [
  "kind",
  "amount_minor",
  "currency",
  "merchant",
  "merchant_legal",
  "occurred_at",
  "reference",
  "card_tail",
  "channel",
  "renews_at",
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

/**
 * Where a field's value was read: a labelled value ("label" names the label), a sentence of the text, the subject,
 * the sender's tag, display name or address, a quoted span, or — for the time — the notice's own sent or received
 * time. `text` is the words it was read from, as written (cut to a line).
 */
export interface FieldSource {
  from: "label" | "text" | "subject" | "sender_tag" | "sender_name" | "sender" | "quote" | "sent_at" | "received_at";
  label?: string;
  text?: string;
}

export interface Provenance {
  /** The reader that recognised the notice ("apple", "cn-bank", …), or "other" when none did. */
  reader: string;
  fields: Partial<Record<EventField, FieldSource>>;
}
