// The shape of test/fixtures/notices.json (see test/fixtures/README.md).
import type { ExtractedEvent } from "../../workers/read/types";

export interface FixtureEntry {
  file: string;
  via: "email" | "sms" | "webhook";
  content_type?: string;
  sender?: string;
  received_at: string;
  zone: string;
  note?: string;
  expect: Omit<ExtractedEvent, "occurred_at" | "merchant_legal" | "provenance"> & { occurred_on: string };
  /** Only where the notice names the payee's legal name besides the service (the event's merchant_legal). */
  merchant_legal?: string;
}
